// State and calls of 受理 (监督机构): the declaration read-only, 是否受理 是/否 and 受理意见;
// 保存 (confirmed) accepts it — management starts — or rejects it back to the contractor.
import { acceptDeclaration, getDeclaration, rejectDeclaration, type Declaration } from '@/api/declarations'
import { useRecordAction } from '@/utils/useRecordAction'
import { acceptRules, type AcceptForm } from './rule'

export function useAccept(onDone: () => void) {
  const action = useRecordAction<Declaration, AcceptForm>({
    empty: () => ({ accept: undefined, opinion: '' }),
    load: getDeclaration,
    onDone,
  })
  const { form, run } = action
  const rules = acceptRules(form)

  async function save() {
    await run('save', {
      question: () => (form.accept
        ? '确定受理该申报吗？受理后启动质量标准化管理。'
        : '确定不予受理吗？申报将退回施工企业重新申报。'),
      send: (d) => (form.accept ? acceptDeclaration : rejectDeclaration)(d.id, d.version, form.opinion.trim()),
      success: () => (form.accept ? '已受理，质量标准化管理已启动' : '已退回施工企业'),
    })
  }

  return { ...action, declaration: action.record, rules, save }
}
