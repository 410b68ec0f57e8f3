// What the 季度评价 pages share: the list's columns, its query (kept in the address) and export, and
// the rule for the 登记 button.
import {
  QUARTERLY_SORTS, exportQuarterly, listQuarterly,
  type QuarterlyAction, type QuarterlyRecord, type QuarterlySort,
} from '@/api/quarterly'
import { formatDateTime, formatScore, orDash } from '@/utils/format'
import { useListPage, type ListColumn, type QueryRange } from '@/utils/useListPage'

/** 状态 (with 补充登记) and 建议等级 are rendered as tags by the table. */
export const QUARTERLY_COLUMNS: ListColumn<QuarterlyRecord>[] = [
  { prop: 'registration_no', label: '报监编号', width: 115, sortable: true, sortOrders: ['ascending', null],
    text: (r) => r.declaration.registration_no },
  { prop: 'project_name', label: '工程名称', minWidth: 130, wrap: true, text: (r) => r.declaration.project_name },
  { prop: 'district', label: '所在区', width: 90, text: (r) => orDash(r.declaration.district) },
  { prop: 'quarter', label: '季度', width: 96, align: 'center', sortable: true, text: (r) => r.quarter },
  { prop: 'month_count', label: '已复核月数', width: 100, align: 'center', text: (r) => String(r.month_count) },
  { prop: 'score', label: '季度得分', width: 84, align: 'right', text: (r) => formatScore(r.score) },
  { prop: 'grade', label: '建议等级', width: 84, align: 'center' },
  { prop: 'status', label: '状态', minWidth: 150, sortable: true, sortOrders: ['ascending', null] },
  { prop: 'registered_at', label: '登记日期', width: 100, align: 'center', text: (r) => (r.registered_at ? formatDateTime(r.registered_at).slice(0, 10) : '—') },
]

const SORT_PROPS = { registration_no: 'registration_no', quarter: 'quarter', status: 'status' }

export interface QuarterlyFilters {
  [key: string]: string
  q: string
  district: string
  status: string
  quarter_from: string
  quarter_to: string
}

export const QUARTER_RANGE: QueryRange = { label: '季度范围', type: 'quarterrange', from: 'quarter_from', to: 'quarter_to' }

/** The caller's quarters (GET /api/quarterly: the server decides the scope). */
export function useQuarterlyList(defaults: Partial<QuarterlyFilters> = {}) {
  const list = useListPage<QuarterlyRecord, QuarterlyFilters>({
    filters: { q: '', district: '', status: '', quarter_from: '', quarter_to: '', ...defaults },
    sortProps: SORT_PROPS,
    sorts: QUARTERLY_SORTS,
    fetch: ({ sort, ...query }) => listQuarterly({ ...query, sort: sort as QuarterlySort | '' }),
  })

  async function exportList() {
    const { sort, ...filters } = list.appliedFilters()
    try {
      await exportQuarterly({ ...filters, sort: sort as QuarterlySort | '' })
    } catch {
      // shown by the request module
    }
  }

  return { ...list, exportList }
}

export function can(row: { actions: QuarterlyAction[] }, action: QuarterlyAction): boolean {
  return row.actions.includes(action)
}
