// What the 竣工评价 pages share: the role lists' columns, query (kept in the address) and export, print,
// the pages of one request, and the confirmations of its irreversible steps.
import { useRouter } from 'vue-router'
import type { Id } from '@/api/auth'
import {
  COMPLETION_SORTS, exportCompletions, listCompletions, printCompletion,
  type CompletionAction, type CompletionReview, type CompletionSort, type CompletionRecord,
} from '@/api/completions'
import { agreeLabel } from '@/utils/dict'
import { formatScore, orDash } from '@/utils/format'
import { useListPage, type ListColumn } from '@/utils/useListPage'

/** 状态 and 建议等级 are rendered as tags by the table. */
export const COMPLETION_COLUMNS: ListColumn<CompletionRecord>[] = [
  { prop: 'registration_no', label: '报监编号', width: 115, sortable: true, sortOrders: ['ascending', null],
    text: (r) => r.declaration.registration_no },
  { prop: 'project_name', label: '工程名称', minWidth: 140, wrap: true, text: (r) => r.declaration.project_name },
  { prop: 'general_name', label: '施工总包', minWidth: 110, wrap: true, text: (r) => orDash(r.declaration.general_name) },
  { prop: 'completion_date', label: '竣工日期', width: 100, align: 'center', text: (r) => orDash(r.completion_date) },
  { prop: 'score', label: '竣工得分', width: 84, align: 'right', text: (r) => formatScore(r.score) },
  { prop: 'grade', label: '建议等级', width: 84, align: 'center' },
  { prop: 'review', label: '复核意见', width: 84, align: 'center', text: (r) => (r.review ? agreeLabel(r.review.agree) : '—') },
  // Wide enough for 竣工评价已提交待监督信息登记.
  { prop: 'status', label: '状态', minWidth: 210, sortable: true, sortOrders: ['ascending', null] },
]

const SORT_PROPS = { registration_no: 'registration_no', status: 'status' }

export interface CompletionFilters {
  [key: string]: string
  q: string
  district: string
  status: string
}

/** The caller's completion requests (GET /api/completions: the server decides the scope). */
export function useCompletionList(defaults: Partial<CompletionFilters> = {}) {
  const list = useListPage<CompletionRecord, CompletionFilters>({
    filters: { q: '', district: '', status: '', ...defaults },
    sortProps: SORT_PROPS,
    sorts: COMPLETION_SORTS,
    fetch: ({ sort, ...query }) => listCompletions({ ...query, sort: sort as CompletionSort | '' }),
  })

  async function exportList() {
    const { sort, ...filters } = list.appliedFilters()
    try {
      await exportCompletions({ ...filters, sort: sort as CompletionSort | '' })
    } catch {
      // shown by the request module
    }
  }

  return { ...list, exportList }
}

export function can(row: { actions: CompletionAction[] }, action: CompletionAction): boolean {
  return row.actions.includes(action)
}

/** 打印: the 竣工评价表 as a PDF in a new tab. */
export async function printCompletionOf(id: Id, registrationNo: string) {
  try {
    await printCompletion(id, registrationNo)
  } catch {
    // shown by the request module
  }
}

/** 提交 of the supervisor's review says where the request goes (SPEC §3.6, the manual's 竣工复核 4)). */
export function reviewSubmitQuestion(review: CompletionReview | null): string {
  if (!review) return '尚未保存复核意见，请先复核。'
  return review.agree
    ? '复核意见为“同意”，提交后转由监督机构进行竣工评价监督信息登记，不可撤回。确认提交？'
    : '复核意见为“不同意”，提交后退回施工企业再次提交复核，不可撤回。确认提交？'
}

export const RESUBMIT_QUESTION = '确定再次提交复核吗？提交后由监理机构重新复核。'

export const APPLY_QUESTION = '确定提交竣工评价申请吗？提交后由监理机构复核。'

export const REGISTER_QUESTION = '登记后该工程结束质量标准化管理（管理状态变为“已竣工”），不可撤销。确认登记？'

/** The pages of one request (查看, and 复核 / 再次提交复核 there when the record allows) and the 申请 page. */
export function useCompletionNavigation() {
  const router = useRouter()
  return {
    openDetail: (id: Id) => router.push(`/completions/${id}`),
    openApply: (declarationId: Id) => router.push(`/enterprise/completions/${declarationId}/apply`),
    openSummary: (declarationId: Id) => router.push(`/declarations/${declarationId}/summary`),
  }
}
