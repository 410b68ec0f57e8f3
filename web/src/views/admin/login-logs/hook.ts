// State and calls of the 登录日志 list (审计管理员): every sign-in attempt, second-factor code and logout, newest
// first, paged, filtered by 结果, 用户, 地址 (a beginning, e.g. 10.1.), 登录方式 and a date range. Filters and paging
// live in the address (?success=&who=&ip=&method=&from=&to=&page=&page_size=) so reload and back/forward keep them;
// 导出 saves the same filtered list as Excel. Each read and each export is audited.
import { ref } from 'vue'
import { exportLoginLog, listLoginLog, type LoginLogEntry, type LoginMethod } from '@/api/admin'
import { LOGIN_METHOD_LABELS, loginMethodLabel } from '@/utils/dict'
import { formatDateTime, orDash } from '@/utils/format'
import { rangeModel, useListPage, type ListColumn } from '@/utils/useListPage'

/** The 登录方式 filter's choices (each row carries its own `method_label`; the filter has no row to read them from). */
export const LOGIN_METHOD_OPTIONS: readonly { value: LoginMethod; label: string }[] = (
  Object.entries(LOGIN_METHOD_LABELS) as [LoginMethod, string][]
).map(([value, label]) => ({ value, label }))

export const COLUMNS: (ListColumn<LoginLogEntry> & { text: (row: LoginLogEntry) => string })[] = [
  { prop: 'at', label: '时间', width: 170, text: (r) => formatDateTime(r.at) },
  { prop: 'method', label: '登录方式', width: 120, text: (r) => r.method_label || loginMethodLabel(r.method) },
  { prop: 'who', label: '用户', minWidth: 200, text: (r) => orDash(r.who), wrap: true },
  { prop: 'ip', label: 'IP', width: 150, text: (r) => orDash(r.ip) },
  {
    prop: 'success', label: '结果', width: 80, align: 'center',
    text: (r) => (r.success ? '成功' : '失败'), tag: (r) => (r.success ? 'success' : 'danger'),
  },
  { prop: 'reason', label: '原因', minWidth: 240, text: (r) => orDash(r.reason), wrap: true },
]

export function useLoginLog() {
  const list = useListPage({
    filters: { success: '', who: '', ip: '', method: '', from: '', to: '' },
    fetch: (query) => listLoginLog(query),
  })
  const { form } = list

  /** The date range as the picker edits it (two address fields). */
  const range = rangeModel(form, 'from', 'to')

  const exporting = ref(false)

  /** 导出: the list as searched (not the form's unsearched edits), every page of it up to the settings' limit. */
  async function exportList() {
    exporting.value = true
    try {
      await exportLoginLog(list.appliedFilters())
    } catch {
      // shown by the request module
    } finally {
      exporting.value = false
    }
  }

  return { ...list, range, exporting, exportList }
}
