// State and calls of the 登录日志 list (审计管理员): every sign-in attempt and second-factor code, newest first,
// paged, filtered by 结果, 用户 and a date range. Filters and paging live in the address
// (?success=&who=&from=&to=&page=&page_size=) so reload and back/forward keep them. Each read is audited.
import { listLoginLog, type LoginLogEntry } from '@/api/admin'
import { loginMethodLabel } from '@/utils/dict'
import { formatDateTime, orDash } from '@/utils/format'
import { rangeModel, useListPage, type ListColumn } from '@/utils/useListPage'

export const COLUMNS: (ListColumn<LoginLogEntry> & { text: (row: LoginLogEntry) => string })[] = [
  { prop: 'at', label: '时间', width: 170, text: (r) => formatDateTime(r.at) },
  { prop: 'method', label: '登录方式', width: 100, text: (r) => loginMethodLabel(r.method) },
  { prop: 'who', label: '用户', minWidth: 200, text: (r) => orDash(r.who) },
  { prop: 'ip', label: 'IP', width: 150, text: (r) => orDash(r.ip) },
  {
    prop: 'success', label: '结果', width: 80, align: 'center',
    text: (r) => (r.success ? '成功' : '失败'), tag: (r) => (r.success ? 'success' : 'danger'),
  },
  { prop: 'reason', label: '原因', minWidth: 240, text: (r) => orDash(r.reason) },
]

export function useLoginLog() {
  const list = useListPage({
    filters: { success: '', who: '', from: '', to: '' },
    fetch: (query) => listLoginLog(query),
  })
  const { form } = list

  /** The date range as the picker edits it (two address fields). */
  const range = rangeModel(form, 'from', 'to')

  return { ...list, range }
}
