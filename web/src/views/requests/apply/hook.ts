// State and calls of the contractor's request dialog (企业中止评价: 中止 / 恢复; 企业终止评价: 终止): the
// reason and, for 中止 and 恢复, the date (today by default); sent after a confirmation that says what
// the authority's 备案 will do. The server's refusals are shown as they come: per field under the inputs,
// a wrong state or another request in progress (409) as its message, after which the list reloads.
import { computed, reactive, ref, useTemplateRef } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import type { Declaration } from '@/api/declarations'
import { requestSuspension } from '@/api/suspensions'
import { requestTermination } from '@/api/terminations'
import { confirmAction, explainActionError } from '@/utils/actions'
import { isAfterToday, localDateText, shanghaiToday } from '@/utils/date'
import { ApiError } from '@/utils/request'
import { KINDS, requestQuestion, type RequestKind } from '../shared/workflows'
import { requestRules, type RequestForm } from './rule'

const FIELDS = ['reason', 'date'] as const

export function useRequestApply(onDone: () => void) {
  const formRef = useTemplateRef<FormInstance>('requestFormEl')
  const kind = ref<RequestKind>('suspend')
  const declaration = ref<Declaration | null>(null)
  const form = reactive<RequestForm>({ reason: '', date: '' })
  const fieldErrors = reactive<Record<string, string>>({})
  const saving = ref(false)
  const text = computed(() => KINDS[kind.value])

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

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  function open(k: RequestKind, d: Declaration) {
    kind.value = k
    declaration.value = d
    form.reason = ''
    form.date = KINDS[k].dateLabel ? shanghaiToday() : ''
    clearServerErrors()
    formRef.value?.clearValidate()
  }

  function explainRefusal(error: unknown) {
    if (error instanceof ApiError && error.status === 422 && error.details.fields) {
      const fields = error.details.fields
      for (const key of FIELDS) if (fields[key]) fieldErrors[key] = fields[key]
      // A reason about something without an input here (e.g. `kind`) is shown as a message.
      const other = Object.entries(fields).find(([key]) => !(FIELDS as readonly string[]).includes(key))
      if (other) ElMessage.error(other[1])
    } else if (error instanceof ApiError && error.status === 409) {
      // The project's state, another request in progress, or a termination made meanwhile: the server says which.
      ElMessage.error(error.message)
      onDone()
    } else {
      explainActionError(error)
    }
  }

  async function submit() {
    const d = declaration.value
    if (!d || saving.value) return
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    if (!(await confirmAction(`${d.project.name}：${requestQuestion(kind.value)}`, text.value.label))) return
    saving.value = true
    try {
      const reason = form.reason.trim()
      const answer = kind.value === 'terminate'
        ? await requestTermination(d.id, reason)
        : await requestSuspension(d.id, { kind: kind.value, reason, date: form.date })
      ElMessage.success(`已申请${text.value.label}，状态为“${answer.status_label}”`)
      onDone()
    } catch (error) {
      explainRefusal(error)
    } finally {
      saving.value = false
    }
  }

  return { kind, declaration, form, fieldErrors, saving, text, rules, disabledDate, open, submit }
}
