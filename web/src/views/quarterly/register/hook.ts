// State and calls of 季度评价监督信息登记 (监督机构): the quarter's months, score and suggested grade; the
// form (结论 preselected with the suggestion); 登记 after a confirmation (it cannot be undone).
import { reactive, ref, useTemplateRef } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import type { Id } from '@/api/auth'
import { getQuarterly, registerQuarterly, type QuarterlyDetail } from '@/api/quarterly'
import { confirmAction, explainDialogError } from '@/utils/actions'
import { gradeLabel } from '@/utils/dict'
import { quarterlyRegisterRules, type QuarterlyRegisterForm } from './rule'

export function useQuarterlyRegister(onDone: () => void) {
  const formRef = useTemplateRef<FormInstance>('registerFormEl')
  const detail = ref<QuarterlyDetail | null>(null)
  const form = reactive<QuarterlyRegisterForm>({ inspection_date: '', inspectors: '', opinion: '', conclusion: '' })
  const loading = ref(false)
  const saving = ref(false)
  const fieldErrors = reactive<Record<string, string>>({})

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  async function open(id: Id): Promise<boolean> {
    clearServerErrors()
    detail.value = null
    Object.assign(form, { inspection_date: '', inspectors: '', opinion: '', conclusion: '' })
    formRef.value?.clearValidate()
    loading.value = true
    try {
      const d = await getQuarterly(id)
      detail.value = d
      // The authority confirms or changes the suggested grade (SPEC §3.4).
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
    const question = `确定登记 ${d.declaration.project_name} ${d.quarter} 季度评价监督信息吗？`
      + `结论：${gradeLabel(form.conclusion)}${changed}。登记后不可修改。`
    if (!(await confirmAction(question, '登记'))) return
    saving.value = true
    try {
      await registerQuarterly(d.id, d.version, {
        inspection_date: form.inspection_date,
        inspectors: form.inspectors.trim(),
        opinion: form.opinion.trim(),
        conclusion: form.conclusion,
      })
      ElMessage.success(`${d.quarter} 季度评价监督信息已登记`)
      onDone()
    } catch (error) {
      explainDialogError(error, fieldErrors, onDone)
    } finally {
      saving.value = false
    }
  }

  return { detail, form, rules: quarterlyRegisterRules, loading, saving, fieldErrors, open, register }
}
