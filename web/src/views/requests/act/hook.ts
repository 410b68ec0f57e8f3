// State and calls of the 复核 (监理机构: 复核中止 / 复核恢复 / 复核终止) and 备案 (监督机构: 中止备案 / 恢复备案 /
// 终止备案) dialog: loads the request (its current version and actions), takes an optional opinion and
// sends the step after a confirmation that says what follows. Refusals as the server words them.
import { computed, ref } from 'vue'
import { ElMessage } from 'element-plus'
import type { Id } from '@/api/auth'
import { useRecordAction } from '@/utils/useRecordAction'
import {
  KINDS, WORKFLOWS, kindOf, stepLabel, stepQuestion,
  type RecordStep, type RequestRecord, type RequestWorkflowKey,
} from '../shared/workflows'

export function useRequestStep(workflowKey: () => RequestWorkflowKey, onDone: () => void) {
  const step = ref<RecordStep>('review')
  const action = useRecordAction<RequestRecord, { opinion: string }>({
    empty: () => ({ opinion: '' }),
    load: (id) => WORKFLOWS[workflowKey()].get(id),
    // The step may have been taken meanwhile: the list reloads.
    prepare: (r) => {
      if ((r.actions as string[]).includes(step.value)) return true
      ElMessage.warning(`该申请当前为“${r.status_label}”，不能${stepLabel(kindOf(r), step.value)}`)
      return false
    },
    onDone,
  })
  const { record, form, run } = action

  const label = computed(() => (record.value ? stepLabel(kindOf(record.value), step.value) : ''))
  /** What the step leads to, shown above the buttons. */
  const note = computed(() => {
    const r = record.value
    if (!r) return ''
    const { label: kind, effect } = KINDS[kindOf(r)]
    return step.value === 'review' ? `复核后转由监督机构${kind}备案。${effect}` : effect
  })

  /** Loads the request; false (and the list reloads) when the step is no longer the caller's. */
  function open(id: Id, s: RecordStep): Promise<boolean> {
    step.value = s
    return action.open(id)
  }

  async function submit() {
    await run(step.value, {
      question: (r) => `${r.declaration.project_name}：${stepQuestion(kindOf(r), step.value)}`,
      confirmText: label.value,
      send: (r) => WORKFLOWS[workflowKey()].step(r, step.value, form.opinion.trim()),
      success: (answer) => `已${label.value}，状态为“${answer.status_label}”`,
    })
  }

  return { ...action, step, label, note, open, submit }
}
