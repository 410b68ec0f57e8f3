// State and calls of the 整改 lists: 整改管理 (监督机构: 下发整改指令单 in a dialog, 复查 on the order's page),
// 整改回复 (施工企业, 项目部), 整改确认 (项目监理机构) and 整改查看 (监理企业) — the same list, scoped by the server.
// Query form (关键字, 所在区, 状态, 类型, 只看逾期), a quick filter to what awaits the user, 导出; per row the
// step the order allows (on its page), 查看 and 打印.
import { computed, ref } from 'vue'
import type { RectificationDetail, RectificationRecord, RectificationStatus } from '@/api/rectifications'
import { useUserStore } from '@/store/user'
import { statusLabel, type Role } from '@/utils/dict'
import { printOrder, useRectificationList, useRectificationNavigation } from '../shared/list'

/** What awaits each acting role (the quick filter). */
const AWAITING: Partial<Record<Role, RectificationStatus>> = {
  contractor: 'issued',
  site_contractor: 'issued',
  site_supervisor: 'replied',
  authority: 'confirmed',
}

/** The page's hint, per role. */
const HINTS: Partial<Record<Role, string>> = {
  authority: '下发整改指令单后，由施工单位（项目部）逐项回复整改措施，项目监理机构确认后由监督机构复查；全部复查通过即销项。',
  contractor: '请在整改期限内逐项落实整改并回复整改措施（可由项目部在现场拍照回复），经项目监理机构确认后报监督机构复查。',
  site_contractor: '请在整改期限内逐项落实整改，填写整改措施并拍照后提交整改回复。',
  site_supervisor: '施工单位回复整改后，请核查现场整改情况并确认（同意 / 不同意）。',
  supervisor: '本企业监理工程的整改指令单（只读）。',
}

export function useRectificationListPage() {
  const user = useUserStore()
  const list = useRectificationList()
  const navigation = useRectificationNavigation()

  const shortcuts = computed(() => {
    const status = user.role ? AWAITING[user.role] : undefined
    return status ? [{ value: status, label: statusLabel('rectification', status) }] : []
  })
  const hint = computed(() => (user.role ? HINTS[user.role] ?? '' : ''))
  const canIssue = computed(() => user.role === 'authority')

  const issueOpen = ref(false)

  /** An order issued: its page (the photos of the problems can be added there). */
  function onIssued(detail: RectificationDetail) {
    void navigation.openDetail(detail.id)
  }

  return {
    ...list, shortcuts, hint, canIssue, issueOpen, onIssued,
    openDetail: (row: RectificationRecord) => navigation.openDetail(row.id),
    print: (row: RectificationRecord) => printOrder(row),
  }
}
