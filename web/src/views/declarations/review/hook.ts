// State and calls of 申报复核 (监理企业): the declaration read-only, the supervision manager editable
// (sent with 通过 when changed), and 退回 (opinion required) or 通过, each confirmed.
import { reactive, ref, useTemplateRef } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import type { Id } from '@/api/auth'
import { getDeclaration, passDeclaration, returnDeclaration, type Declaration } from '@/api/declarations'
import { confirmAction, explainDialogError } from '@/utils/actions'
import { reviewRules, type ReviewForm } from './rule'

export function useReview(onDone: () => void) {
  const formRef = useTemplateRef<FormInstance>('reviewFormEl')
  const declaration = ref<Declaration | null>(null)
  const form = reactive<ReviewForm>({ supervision_manager: { name: '', mobile: '' }, opinion: '' })
  const loading = ref(false)
  const busy = ref<'return' | 'pass' | null>(null)
  /** Which button is validating: the opinion is required only for 退回. */
  let returning = false
  const fieldErrors = reactive<Record<string, string>>({})

  function sendsManager(): boolean {
    const d = declaration.value
    if (!d) return false
    const m = form.supervision_manager
    return m.name.trim() !== (d.supervision_manager?.name ?? '') || m.mobile.trim() !== ''
  }

  const rules = reviewRules(() => returning, sendsManager)

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  async function open(id: Id): Promise<boolean> {
    clearServerErrors()
    declaration.value = null
    form.opinion = ''
    form.supervision_manager = { name: '', mobile: '' }
    formRef.value?.clearValidate()
    loading.value = true
    try {
      const d = await getDeclaration(id)
      declaration.value = d
      form.supervision_manager = { name: d.supervision_manager?.name ?? '', mobile: '' }
      return true
    } catch {
      return false
    } finally {
      loading.value = false
    }
  }

  async function validate(forReturn: boolean): Promise<boolean> {
    returning = forReturn
    clearServerErrors()
    formRef.value?.clearValidate()
    const fields = forReturn ? ['opinion'] : ['supervision_manager.name', 'supervision_manager.mobile', 'opinion']
    return (await formRef.value?.validateField(fields).catch(() => false)) ?? false
  }

  async function act(kind: 'return' | 'pass') {
    const d = declaration.value
    if (!d || busy.value) return
    if (!(await validate(kind === 'return'))) return
    const question = kind === 'return'
      ? '确定退回该申报吗？退回后由施工企业修改并重新提交。'
      : '确定复核通过吗？通过后提交监督机构受理。'
    if (!(await confirmAction(question, kind === 'return' ? '退回' : '通过'))) return
    busy.value = kind
    try {
      if (kind === 'return') {
        await returnDeclaration(d.id, d.version, form.opinion.trim())
        ElMessage.success('已退回施工企业')
      } else {
        const m = form.supervision_manager
        await passDeclaration(d.id, d.version, sendsManager() ? { name: m.name.trim(), mobile: m.mobile.trim() } : undefined)
        ElMessage.success('复核通过，已提交监督机构受理')
      }
      onDone()
    } catch (error) {
      explainDialogError(error, fieldErrors, onDone)
    } finally {
      busy.value = null
    }
  }

  return { declaration, form, rules, loading, busy, fieldErrors, open, act }
}
