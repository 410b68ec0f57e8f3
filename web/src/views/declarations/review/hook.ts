// State and calls of 申报复核 (监理企业): the declaration read-only, the supervision manager editable
// (sent with 通过 when changed), and 退回 (opinion required) or 通过, each confirmed.
import { getDeclaration, passDeclaration, returnDeclaration, type Declaration } from '@/api/declarations'
import { useRecordAction } from '@/utils/useRecordAction'
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

  function sendsManager(): boolean {
    const d = declaration.value
    if (!d) return false
    const m = form.supervision_manager
    return m.name.trim() !== (d.supervision_manager?.name ?? '') || m.mobile.trim() !== ''
  }

  const rules = reviewRules(() => returning, sendsManager)

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
        send: (d) => {
          const m = form.supervision_manager
          return passDeclaration(d.id, d.version, form.opinion.trim(),
            sendsManager() ? { name: m.name.trim(), mobile: m.mobile.trim() } : undefined)
        },
        success: () => '复核通过，已提交监督机构受理',
      })
    }
  }

  return { ...action, declaration, rules, act }
}
