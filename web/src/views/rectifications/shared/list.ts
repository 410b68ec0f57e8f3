// What the 整改 pages share: the list's columns, its query (kept in the address) and export, where an order and
// its source are opened, what each step is called, and 打印.
import { useRouter } from 'vue-router'
import type { Id } from '@/api/auth'
import {
  RECTIFICATION_SORTS, exportRectifications, listRectifications, printRectification,
  type RectificationAction, type RectificationQuery, type RectificationRecord, type RectificationSort,
} from '@/api/rectifications'
import { formatDateTime } from '@/utils/format'
import { useListPage, type ListColumn } from '@/utils/useListPage'

/**
 * 工程 (the name with 停工整改中 over the 报监编号), 类型 and 状态 (tags, with the days overdue) are rendered by the table.
 * Narrow enough for a desk beside the menu: the district is a filter, the round is on the order's page.
 */
export const RECTIFICATION_COLUMNS: ListColumn<RectificationRecord>[] = [
  // 徐汇质监（2026）整字第0007号 (cut with its tooltip when the table is narrow).
  { prop: 'number', label: '编号', minWidth: 180, sortable: true, sortOrders: ['ascending', null], text: (r) => r.number },
  { prop: 'project_name', label: '工程', minWidth: 170, text: (r) => r.declaration.project_name },
  { prop: 'kind', label: '类型', width: 96, align: 'center' },
  { prop: 'deadline', label: '整改期限', width: 104, align: 'center', sortable: true, sortOrders: ['ascending', null],
    text: (r) => r.deadline },
  { prop: 'items', label: '待整改', width: 90, align: 'center',
    text: (r) => (r.items_count === undefined ? '—' : `${r.open_items ?? 0} / ${r.items_count} 项`) },
  { prop: 'status', label: '状态', minWidth: 140 },
  { prop: 'issued_at', label: '下发时间', width: 136, sortable: true, sortOrders: ['descending', null],
    text: (r) => formatDateTime(r.issued_at).slice(0, 16) },
]

/** One declaration's orders (综合信息): without the project, with the round. */
export const DECLARATION_ORDER_COLUMNS: ListColumn<RectificationRecord>[] = [
  ...RECTIFICATION_COLUMNS.filter((c) => c.prop !== 'project_name' && c.prop !== 'issued_at').map((c) => ({ ...c, sortable: false })),
  { prop: 'round', label: '轮次', width: 72, align: 'center', text: (r) => `第 ${r.round} 轮` },
  { ...RECTIFICATION_COLUMNS.find((c) => c.prop === 'issued_at')!, sortable: false },
]

const SORT_PROPS = { number: 'number', deadline: 'deadline', issued_at: 'issued_at', updated_at: 'updated_at' }

/** The query form's fields (all strings, as in the address). */
export interface RectificationFilters {
  [key: string]: string
  q: string
  district: string
  status: string
  kind: string
  /** 'true': only 逾期未整改. */
  overdue: string
}

/** The caller's orders (GET /api/rectifications: the server decides the scope); `fixed` filters are always sent. */
export function useRectificationList(defaults: Partial<RectificationFilters> = {}, fixed: Partial<RectificationQuery> = {}) {
  const list = useListPage<RectificationRecord, RectificationFilters>({
    filters: { q: '', district: '', status: '', kind: '', overdue: '', ...defaults },
    sortProps: SORT_PROPS,
    sorts: RECTIFICATION_SORTS,
    fetch: ({ sort, ...query }) => listRectifications({ ...query, ...fixed, sort: sort as RectificationSort | '' }),
  })

  async function exportList() {
    const { sort, ...filters } = list.appliedFilters()
    try {
      await exportRectifications({ ...filters, ...fixed, sort: sort as RectificationSort | '' })
    } catch {
      // shown by the request module
    }
  }

  return { ...list, exportList }
}

export function can(row: { actions: RectificationAction[] }, action: RectificationAction): boolean {
  return row.actions.includes(action)
}

/** What each step is called on a button, in the inbox's words. */
export const ACTION_LABELS: Record<RectificationAction, string> = {
  reply: '整改回复',
  confirm: '整改确认',
  recheck: '整改复查',
}

export function detailPath(id: Id): string {
  return `/rectifications/${id}`
}

export function useRectificationNavigation() {
  const router = useRouter()
  return {
    openDetail: (id: Id) => router.push(detailPath(id)),
    openSummary: (declarationId: Id) => router.push(`/declarations/${declarationId}/summary`),
  }
}

/** 打印: the 整改指令单 (and 整改回复单 once replied) as a PDF in a new tab. */
export async function printOrder(row: { id: Id; number: string }) {
  try {
    await printRectification(row.id, row.number)
  } catch {
    // shown by the request module
  }
}

/** Beside an overdue order's state: "逾期 3 天", or "3 天" where the state already reads 逾期未整改. */
export function overdueDaysText(row: { overdue: boolean; overdue_days: number; status_label: string }): string {
  if (!row.overdue) return ''
  return row.status_label.includes('逾期') ? `${row.overdue_days} 天` : `逾期 ${row.overdue_days} 天`
}
