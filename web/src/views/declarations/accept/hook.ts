// State and calls of 受理 (监督机构): the declaration read-only, 是否受理 是/否 and 受理意见;
// 保存 (confirmed) accepts it — management starts — or rejects it back to the contractor.
import { reactive, ref, useTemplateRef } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import type { Id } from '@/api/auth'
import { acceptDeclaration, getDeclaration, rejectDeclaration, type Declaration } from '@/api/declarations'
import { confirmAction, explainDialogError } from '@/utils/actions'
import { acceptRules, type AcceptForm } from './rule'

export function useAccept(onDone: () => void) {
  const formRef = useTemplateRef<FormInstance>('acceptFormEl')
  const declaration = ref<Declaration | null>(null)
  const form = reactive<AcceptForm>({ accept: undefined, opinion: '' })
  const rules = acceptRules(form)
  const loading = ref(false)
  const saving = ref(false)
  const fieldErrors = reactive<Record<string, string>>({})

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  async function open(id: Id): Promise<boolean> {
    clearServerErrors()
    declaration.value = null
    form.accept = undefined
    form.opinion = ''
    formRef.value?.clearValidate()
    loading.value = true
    try {
      declaration.value = await getDeclaration(id)
      return true
    } catch {
      return false
    } finally {
      loading.value = false
    }
  }

  async function save() {
    const d = declaration.value
    if (!d || saving.value) return
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    const question = form.accept
      ? '确定受理该申报吗？受理后启动质量标准化管理。'
      : '确定不予受理吗？申报将退回施工企业重新申报。'
    if (!(await confirmAction(question))) return
    saving.value = true
    try {
      const opinion = form.opinion.trim()
      if (form.accept) {
        await acceptDeclaration(d.id, d.version, opinion)
        ElMessage.success('已受理，质量标准化管理已启动')
      } else {
        await rejectDeclaration(d.id, d.version, opinion)
        ElMessage.success('已退回施工企业')
      }
      onDone()
    } catch (error) {
      explainDialogError(error, fieldErrors, onDone)
    } finally {
      saving.value = false
    }
  }

  return { declaration, form, rules, loading, saving, fieldErrors, open, save }
}
