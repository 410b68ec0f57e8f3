// State and calls of 修改密码 (every password account): the header's dialog, 账号安全 and the login's setup
// stage change_password share it. The answer's `me` becomes the session's identity (the expiry warning ends,
// the setup stage moves on).
import { reactive, ref, useTemplateRef } from 'vue'
import type { FormInstance } from 'element-plus'
import { changePassword, type Me } from '@/api/auth'
import { useUserStore } from '@/store/user'
import { ApiError } from '@/utils/request'
import type { PasswordForm } from './rule'

/** `onDone` gets the new identity (null when the server sent none; it is then read back). */
export function usePasswordChange(onDone: (me: Me | null) => void | Promise<void>) {
  const user = useUserStore()
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
      const answer = await changePassword(form.old_password, form.new_password)
      await onDone(answer.me ?? (await user.fetchMe().catch(() => null)))
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
