// State and calls of 竣工评价监督信息登记 (监督机构): the request with its overall score, quarters and the
// suggested grade; 监督意见 and 结论 (preselected with the suggestion); 登记 after a confirmation — the
// project then ends quality-standardisation management (已竣工).
import { reactive, ref, useTemplateRef } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import type { Id } from '@/api/auth'
import { getCompletion, registerCompletion, type CompletionDetail } from '@/api/completions'
import { confirmAction, explainDialogError } from '@/utils/actions'
import { gradeLabel } from '@/utils/dict'
import { REGISTER_QUESTION } from '../shared/list'
import { completionRegisterRules, type CompletionRegisterForm } from './rule'

export function useCompletionRegister(onDone: () => void) {
  const formRef = useTemplateRef<FormInstance>('registerFormEl')
  const detail = ref<CompletionDetail | null>(null)
  const form = reactive<CompletionRegisterForm>({ opinion: '', conclusion: '' })
  const loading = ref(false)
  const saving = ref(false)
  const fieldErrors = reactive<Record<string, string>>({})

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  async function open(id: Id): Promise<boolean> {
    clearServerErrors()
    detail.value = null
    Object.assign(form, { opinion: '', conclusion: '' })
    formRef.value?.clearValidate()
    loading.value = true
    try {
      const d = await getCompletion(id)
      detail.value = d
      form.conclusion = d.grade ?? ''
      return true
    } catch {
      return false
    } finally {
      loading.value = false
    }
  }

  async function register() {
    const d = detail.value
    if (!d || saving.value) return
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    if (form.conclusion === '') return
    const changed = d.grade && form.conclusion !== d.grade ? `（建议等级为“${d.grade_label}”）` : ''
    const question = `${d.declaration.project_name}：结论“${gradeLabel(form.conclusion)}”${changed}。${REGISTER_QUESTION}`
    if (!(await confirmAction(question, '登记'))) return
    saving.value = true
    try {
      await registerCompletion(d.id, d.version, { opinion: form.opinion.trim(), conclusion: form.conclusion })
      ElMessage.success('竣工评价监督信息已登记，该工程结束质量标准化管理')
      onDone()
    } catch (error) {
      explainDialogError(error, fieldErrors, onDone)
    } finally {
      saving.value = false
    }
  }

  return { detail, form, rules: completionRegisterRules, loading, saving, fieldErrors, open, register }
}
