// State and calls of the 复核 (监理机构: 复核中止 / 复核恢复 / 复核终止) and 备案 (监督机构: 中止备案 / 恢复备案 /
// 终止备案) dialog: loads the request (its current version and actions), takes an optional opinion and
// sends the step after a confirmation that says what follows. Refusals as the server words them.
import { computed, reactive, ref, useTemplateRef, type Ref } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import type { Id } from '@/api/auth'
import { confirmAction, explainDialogError } from '@/utils/actions'
import {
  KINDS, WORKFLOWS, kindOf, stepLabel, stepQuestion,
  type RecordStep, type RequestRecord, type RequestWorkflowKey,
} from '../shared/workflows'

export function useRequestStep(workflowKey: () => RequestWorkflowKey, onDone: () => void) {
  const formRef = useTemplateRef<FormInstance>('stepFormEl')
  const record = ref<RequestRecord | null>(null) as Ref<RequestRecord | null>
  const step = ref<RecordStep>('review')
  const form = reactive({ opinion: '' })
  const fieldErrors = reactive<Record<string, string>>({})
  const loading = ref(false)
  const saving = ref(false)

  const label = computed(() => (record.value ? stepLabel(kindOf(record.value), step.value) : ''))
  /** What the step leads to, shown above the buttons. */
  const note = computed(() => {
    const r = record.value
    if (!r) return ''
    const { label: kind, effect } = KINDS[kindOf(r)]
    return step.value === 'review' ? `复核后转由监督机构${kind}备案。${effect}` : effect
  })

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  /** Loads the request; false (and the list reloads) when the step is no longer the caller's. */
  async function open(id: Id, s: RecordStep): Promise<boolean> {
    step.value = s
    record.value = null
    form.opinion = ''
    clearServerErrors()
    formRef.value?.clearValidate()
    loading.value = true
    try {
      const r = await WORKFLOWS[workflowKey()].get(id)
      if (!(r.actions as string[]).includes(s)) {
        ElMessage.warning(`该申请当前为“${r.status_label}”，不能${stepLabel(kindOf(r), s)}`)
        onDone()
        return false
      }
      record.value = r
      return true
    } catch {
      return false // shown by the request module
    } finally {
      loading.value = false
    }
  }

  async function submit() {
    const r = record.value
    if (!r || saving.value) return
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    const question = `${r.declaration.project_name}：${stepQuestion(kindOf(r), step.value)}`
    if (!(await confirmAction(question, label.value))) return
    saving.value = true
    try {
      const answer = await WORKFLOWS[workflowKey()].step(r, step.value, form.opinion.trim())
      ElMessage.success(`已${label.value}，状态为“${answer.status_label}”`)
      onDone()
    } catch (error) {
      explainDialogError(error, fieldErrors, onDone)
    } finally {
      saving.value = false
    }
  }

  return { record, step, form, fieldErrors, loading, saving, label, note, open, submit }
}
