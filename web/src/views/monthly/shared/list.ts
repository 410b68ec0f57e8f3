// What the monthly lists share (企业月度评价's month list, 月度复核, 月度评价 of 项目部, 月度评价查看):
// columns, the role's list with its query in the address, export, print and the row actions' rules.
import { useRouter } from 'vue-router'
import {
  MONTHLY_SORTS, exportMonthly, listMonthly, printMonthly,
  type MonthlyAction, type MonthlyRecord, type MonthlySort,
} from '@/api/monthly'
import { formatDateTime, formatScore, orDash } from '@/utils/format'
import { useListPage, type ListColumn, type QueryRange } from '@/utils/useListPage'

const PROJECT_COLUMNS: ListColumn<MonthlyRecord>[] = [
  { prop: 'registration_no', label: '报监编号', width: 115, sortable: true, sortOrders: ['ascending', null],
    text: (r) => r.declaration.registration_no },
  { prop: 'project_name', label: '工程名称', minWidth: 120, wrap: true, text: (r) => r.declaration.project_name },
  { prop: 'district', label: '所在区', width: 90, text: (r) => orDash(r.declaration.district) },
]

// 状态 is rendered as a tag by the table.
const MONTH_COLUMNS: ListColumn<MonthlyRecord>[] = [
  { prop: 'period', label: '评价期间', width: 108, align: 'center', sortable: true, text: (r) => r.period },
  { prop: 'self_score', label: '自评得分', width: 82, align: 'right', text: (r) => formatScore(r.self_score) },
  { prop: 'review_score', label: '复核得分', width: 82, align: 'right', text: (r) => formatScore(r.review_score) },
  // Wide enough for the longest label, 已复核待季度评价监督信息登记.
  { prop: 'status', label: '状态', minWidth: 190 },
  // A tag beside the state while the month's 自评 or 复核 is past its deadline (rendered by the table).
  { prop: 'overdue', label: '逾期', width: 76, align: 'center' },
]

const UPDATED_COLUMN: ListColumn<MonthlyRecord> = {
  prop: 'updated_at', label: '更新时间', width: 136, sortable: true, sortOrders: ['descending', null],
  text: (r) => formatDateTime(r.updated_at).slice(0, 16),
}

/** The role lists: the project, the month, its scores and state. */
export const LIST_COLUMNS: ListColumn<MonthlyRecord>[] = [...PROJECT_COLUMNS, ...MONTH_COLUMNS, UPDATED_COLUMN]

/** One declaration's months (the project is named above the table); the server orders them newest first. */
export const MONTH_LIST_COLUMNS: ListColumn<MonthlyRecord>[] = [
  ...MONTH_COLUMNS.map((c) => ({ ...c, sortable: false })),
  { prop: 'submitted_at', label: '提交时间', width: 140, text: (r) => formatDateTime(r.submitted_at).slice(0, 16) },
  { ...UPDATED_COLUMN, sortable: false },
]

const SORT_PROPS = { registration_no: 'registration_no', period: 'period', updated_at: 'updated_at' }

/** The query form's fields (all strings, as in the address). */
export interface MonthlyFilters {
  [key: string]: string
  q: string
  district: string
  status: string
  period_from: string
  period_to: string
}

export const PERIOD_RANGE: QueryRange = { label: '评价期间', type: 'monthrange', from: 'period_from', to: 'period_to' }

/** The caller's months (GET /api/monthly: the server decides the scope). */
export function useMonthlyList(defaults: Partial<MonthlyFilters> = {}) {
  const list = useListPage<MonthlyRecord, MonthlyFilters>({
    filters: { q: '', district: '', status: '', period_from: '', period_to: '', ...defaults },
    sortProps: SORT_PROPS,
    sorts: MONTHLY_SORTS,
    fetch: ({ sort, ...query }) => listMonthly({ ...query, sort: sort as MonthlySort | '' }),
  })

  async function exportList() {
    const { sort, ...filters } = list.appliedFilters()
    try {
      await exportMonthly({ ...filters, sort: sort as MonthlySort | '' })
    } catch {
      // shown by the request module
    }
  }

  return { ...list, exportList }
}

export function can(row: MonthlyRecord, action: MonthlyAction): boolean {
  return row.actions.includes(action)
}

/** 月度评定打印: the 月度评价表 as a PDF in a new tab. */
export async function printMonth(row: MonthlyRecord) {
  try {
    await printMonthly(row.id, row.declaration.registration_no, row.period)
  } catch {
    // shown by the request module
  }
}

/** The confirmations of the two submits (SPEC §3.3: both are irreversible). */
export function submitQuestion(period: string): string {
  return `提交后自评结果不可修改，确认提交 ${period} 月度评价？`
}

export const REVIEW_SUBMIT_QUESTION = '提交后复核结果将报监督机构季度登记，确认提交？'

/** The pages of one month: 评价 (self-scoring), 复核 (review), 查看 (read-only, every role). */
export function useMonthNavigation() {
  const router = useRouter()
  return {
    openSelf: (row: { id: MonthlyRecord['id'] }) => router.push(`/monthly/${row.id}/self`),
    openReview: (row: { id: MonthlyRecord['id'] }) => router.push(`/monthly/${row.id}/review`),
    openView: (row: { id: MonthlyRecord['id'] }) => router.push(`/monthly/${row.id}`),
  }
}
