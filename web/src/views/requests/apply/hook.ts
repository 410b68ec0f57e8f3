// State and calls of the contractor's request dialog (企业中止评价: 中止 / 恢复; 企业终止评价: 终止): the
// reason and, for 中止 and 恢复, the date (today by default); sent after a confirmation that says what
// the authority's 备案 will do. The server's refusals are shown as they come: per field under the inputs
// (a field without one as a message), a wrong state or another request in progress (409) as its message,
// after which the list reloads.
import { computed, ref } from 'vue'
import type { Declaration } from '@/api/declarations'
import { requestSuspension } from '@/api/suspensions'
import { requestTermination } from '@/api/terminations'
import { isAfterToday, localDateText, shanghaiToday } from '@/utils/date'
import { useRecordAction } from '@/utils/useRecordAction'
import { KINDS, requestQuestion, type RequestKind } from '../shared/workflows'
import { requestRules, type RequestForm } from './rule'

export function useRequestApply(onDone: () => void) {
  const kind = ref<RequestKind>('suspend')
  const text = computed(() => KINDS[kind.value])
  const action = useRecordAction<Declaration, RequestForm>({
    empty: () => ({ reason: '', date: '' }),
    prepare: (_d, form) => {
      form.date = text.value.dateLabel ? shanghaiToday() : ''
    },
    fields: ['reason', 'date'],
    onDone,
  })
  const { record: declaration, form, run } = action

  /** The earliest date the page knows to be allowed: a resumption not before its suspension, else acceptance. */
  const floor = computed(() => {
    const d = declaration.value
    if (!d) return null
    const suspended = d.suspension?.kind === 'suspend' && d.suspension.status === 'registered' ? d.suspension.date : null
    if (kind.value === 'resume' && suspended) return { date: suspended, what: '中止日期' }
    const accepted = d.accepted_at?.slice(0, 10)
    return accepted ? { date: accepted, what: '受理日期' } : null
  })
  const rules = computed(() => requestRules(kind.value, () => floor.value))

  function disabledDate(date: Date): boolean {
    return isAfterToday(date) || (floor.value !== null && localDateText(date) < floor.value.date)
  }

  function open(k: RequestKind, d: Declaration) {
    kind.value = k
    action.show(d)
  }

  async function submit() {
    await run('submit', {
      question: (d) => `${d.project.name}：${requestQuestion(kind.value)}`,
      confirmText: text.value.label,
      send: (d): Promise<{ status_label: string }> => {
        const reason = form.reason.trim()
        return kind.value === 'terminate'
          ? requestTermination(d.id, reason)
          : requestSuspension(d.id, { kind: kind.value, reason, date: form.date })
      },
      success: (answer) => `已申请${text.value.label}，状态为“${answer.status_label}”`,
    })
  }

  return { ...action, kind, declaration, text, rules, disabledDate, open, submit }
}
