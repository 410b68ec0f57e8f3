// State and calls of the 修改密码 dialog (监督机构用户 and 系统管理员).
import { reactive, ref, useTemplateRef } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import { changePassword } from '@/api/auth'
import { ApiError } from '@/utils/request'
import type { PasswordForm } from './rule'

export function usePasswordChange(onDone: () => void) {
  const formRef = useTemplateRef<FormInstance>('passwordFormEl')
  const form = reactive<PasswordForm>({ old_password: '', new_password: '', confirm: '' })
  const saving = ref(false)
  /** The server's refusal not tied to a field. */
  const message = ref('')
  /** The server's 422 reasons per field, shown under the field. */
  const fieldErrors = reactive<Record<string, string>>({})

  function clearServerErrors() {
    message.value = ''
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  function reset() {
    clearServerErrors()
    form.old_password = ''
    form.new_password = ''
    form.confirm = ''
    formRef.value?.clearValidate()
  }

  async function submit() {
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    saving.value = true
    try {
      await changePassword(form.old_password, form.new_password)
      ElMessage.success('密码已修改，下次登录请使用新密码')
      onDone()
    } catch (error) {
      // 422 is ours to show (other errors were shown by the request module).
      if (error instanceof ApiError && error.status === 422) {
        const fields = error.details.fields ?? {}
        Object.assign(fieldErrors, fields)
        if (Object.keys(fields).length === 0) message.value = error.message
        if (fields.old_password) form.old_password = ''
      }
    } finally {
      saving.value = false
    }
  }

  return { form, saving, message, fieldErrors, reset, submit }
}
