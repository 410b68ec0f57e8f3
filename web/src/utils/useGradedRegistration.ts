// What every 监督信息登记 dialog with a 结论 shares (季度评价, 竣工评价): load the record, preselect 结论
// with the server's suggested grade (the authority confirms or changes it, SPEC §3.4), validate, confirm
// (naming the suggestion when the choice differs), send, and show the server's field errors under the inputs.
import { reactive, ref, useTemplateRef, type Ref, type UnwrapRef } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import type { Id } from '@/api/auth'
import { confirmAction, explainDialogError } from '@/utils/actions'
import { gradeLabel, type Grade } from '@/utils/dict'

/** A record registered with a 结论: its version and the grade its score suggests. */
export interface GradedRecord {
  id: Id
  version: number
  grade: Grade | null
  grade_label: string | null
}

export interface GradedRegistration<D extends GradedRecord, F extends { conclusion: Grade | '' }> {
  /** The form as a new dialog starts it (结论 empty until the record is loaded). */
  empty: () => F
  load: (id: Id) => Promise<D>
  /** The confirmation question; `conclusion` reads like 结论“优良”（建议等级为“合格”）. */
  question: (record: D, conclusion: string) => string
  submit: (record: D, form: Omit<F, 'conclusion'> & { conclusion: Grade }) => Promise<unknown>
  success: (record: D) => string
  onDone: () => void
}

export function useGradedRegistration<D extends GradedRecord, F extends { conclusion: Grade | '' }>(o: GradedRegistration<D, F>) {
  const formRef = useTemplateRef<FormInstance>('registerFormEl')
  const detail = ref<D | null>(null) as Ref<D | null>
  const form = reactive(o.empty()) as UnwrapRef<F> & F
  const loading = ref(false)
  const saving = ref(false)
  const fieldErrors = reactive<Record<string, string>>({})

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  async function open(id: Id): Promise<boolean> {
    clearServerErrors()
    detail.value = null
    Object.assign(form, o.empty())
    formRef.value?.clearValidate()
    loading.value = true
    try {
      const d = await o.load(id)
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
    if (!(await confirmAction(o.question(d, `结论“${gradeLabel(form.conclusion)}”${changed}`), '登记'))) return
    saving.value = true
    try {
      await o.submit(d, form as Omit<F, 'conclusion'> & { conclusion: Grade })
      ElMessage.success(o.success(d))
      o.onDone()
    } catch (error) {
      explainDialogError(error, fieldErrors, o.onDone)
    } finally {
      saving.value = false
    }
  }

  return { detail, form, loading, saving, fieldErrors, open, register }
}
