// State and calls of the 登录日志 list (系统管理员): every sign-in attempt, newest first, paged.
// The page and page size live in the address (?page=&page_size=) so reload and back/forward keep them.
import { listLoginLog, type LoginLogEntry } from '@/api/admin'
import { loginMethodLabel } from '@/utils/dict'
import { formatDateTime, orDash } from '@/utils/format'
import { useListPage, type ListColumn } from '@/utils/useListPage'

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
  const { page, pageSize, items, total, loading, load, onPageChange, onSizeChange } = useListPage({
    filters: {},
    fetch: ({ page, page_size }) => listLoginLog({ page, page_size }),
  })
  return { page, pageSize, items, total, loading, load, onPageChange, onSizeChange }
}
