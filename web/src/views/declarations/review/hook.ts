// State and calls of 申报复核 (监理企业): the declaration read-only, the supervision manager editable
// (sent with 通过 when changed), and 退回 (opinion required) or 通过, each confirmed.
import { ref } from 'vue'
import { checkPassDeclaration, getDeclaration, passDeclaration, returnDeclaration, type Declaration } from '@/api/declarations'
import { ApiError } from '@/utils/request'
import { useRecordAction } from '@/utils/useRecordAction'
import { MOBILE_PATTERN } from '../shared/rule'
import { reviewRules, type ReviewForm } from './rule'

export type ReviewAction = 'return' | 'pass'

export function useReview(onDone: () => void) {
  const action = useRecordAction<Declaration, ReviewForm>({
    empty: () => ({ supervision_manager: { name: '', mobile: '' }, opinion: '' }),
    load: getDeclaration,
    prepare: (d, form) => {
      form.supervision_manager = { name: d.supervision_manager?.name ?? '', mobile: '' }
    },
    onDone,
  })
  const { form, record: declaration, run } = action
  /** Which button is validating: the opinion is required only for 退回. */
  let returning = false

  /** The supervision manager as typed, trimmed: what 通过 and its check send. */
  function manager() {
    return { name: form.supervision_manager.name.trim(), mobile: form.supervision_manager.mobile.trim() }
  }

  function sendsManager(): boolean {
    const d = declaration.value
    if (!d) return false
    const m = manager()
    return m.name !== (d.supervision_manager?.name ?? '') || m.mobile !== ''
  }

  const rules = reviewRules(() => returning, sendsManager)

  /** The corrected manager as last checked against the registry: 'ok', or null (unchecked, unchanged or refused). */
  const managerCheck = ref<'checking' | 'ok' | null>(null)
  const MANAGER_FIELDS = ['supervisor_manager.name', 'supervisor_manager.mobile'] as const
  let checkedFor = ''
  function forgetCheck() {
    managerCheck.value = null
    checkedFor = ''
  }

  /**
   * When a manager field is left (the manual's 点击页面空白地方): a changed, well-formed manager is checked
   * against the real-name registry at once, its refusal shown under 联系电话 before anything is sent.
   */
  async function checkManager() {
    const d = declaration.value
    const m = manager()
    if (!d || !sendsManager() || !m.name || !MOBILE_PATTERN.test(m.mobile)) {
      forgetCheck()
      return
    }
    const key = `${m.name}\n${m.mobile}`
    if (key === checkedFor) return
    checkedFor = key
    managerCheck.value = 'checking'
    for (const f of MANAGER_FIELDS) delete action.fieldErrors[f]
    try {
      await checkPassDeclaration(d.id, d.version, m)
      if (checkedFor === key) managerCheck.value = 'ok'
    } catch (error) {
      if (checkedFor !== key) return
      forgetCheck()
      if (error instanceof ApiError && error.status === 422 && error.details.fields) {
        for (const f of MANAGER_FIELDS) if (error.details.fields[f]) action.fieldErrors[f] = error.details.fields[f]
      }
    }
  }

  /** Typing again forgets the last check and its refusal. */
  function managerEdited() {
    forgetCheck()
    for (const f of MANAGER_FIELDS) delete action.fieldErrors[f]
  }

  async function act(kind: ReviewAction) {
    returning = kind === 'return'
    if (kind === 'return') {
      await run(kind, {
        fields: ['opinion'],
        question: () => '确定退回该申报吗？退回后由施工企业修改并重新提交。',
        confirmText: '退回',
        send: (d) => returnDeclaration(d.id, d.version, form.opinion.trim()),
        success: () => '已退回施工企业',
      })
    } else {
      await run(kind, {
        fields: ['supervision_manager.name', 'supervision_manager.mobile', 'opinion'],
        question: () => '确定复核通过吗？通过后提交监督机构受理。',
        confirmText: '通过',
        send: (d) => passDeclaration(d.id, d.version, form.opinion.trim(), sendsManager() ? manager() : undefined),
        success: () => '复核通过，已提交监督机构受理',
      })
    }
  }

  return { ...action, declaration, rules, act, managerCheck, checkManager, managerEdited }
}
