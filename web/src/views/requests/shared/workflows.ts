// What the 中止/恢复 and 终止 pages share: the two workflows as data (their API calls, list columns and
// sorts) and the three kinds of request (中止, 恢复, 终止) with what each step is called and what it does,
// so that one list, one request dialog, one 复核/备案 dialog and one 查看 drawer serve both workflows.
import type { Id } from '@/api/auth'
import {
  SUSPENSION_SORTS, exportSuspensions, getSuspension, listSuspensions, registerSuspension, reviewSuspension,
  type SuspensionRecord, type SuspensionSort,
} from '@/api/suspensions'
import {
  TERMINATION_SORTS, exportTerminations, getTermination, listTerminations, registerTermination, reviewTermination,
  type TerminationRecord, type TerminationSort,
} from '@/api/terminations'
import type { RequestWorkflowKey } from '@/utils/dict'
import type { Page } from '@/utils/request'
import { formatDateTime, orDash } from '@/utils/format'
import type { ListColumn } from '@/utils/useListPage'

export type { RequestWorkflowKey }
export type RequestKind = 'suspend' | 'resume' | 'terminate'
export type RequestRecord = SuspensionRecord | TerminationRecord
/** The steps the role lists offer (撤回 is the contractor's, on its own page). */
export type RecordStep = 'review' | 'register'

export const MAX_TEXT_LENGTH = 2000

export function isSuspension(record: RequestRecord): record is SuspensionRecord {
  return 'kind' in record
}

export function kindOf(record: RequestRecord): RequestKind {
  return isSuspension(record) ? record.kind : 'terminate'
}

interface KindText {
  /** 中止 / 恢复 / 终止 */
  label: string
  /** The reason field's label, and whether it is required. */
  reasonLabel: string
  reasonRequired: boolean
  /** The date field (none for 终止). */
  dateLabel: string | null
  /** What the authority's 备案 does to the project. */
  effect: string
}

export const KINDS: Record<RequestKind, KindText> = {
  suspend: {
    label: '中止', reasonLabel: '中止原因', reasonRequired: true, dateLabel: '中止日期',
    effect: '中止备案后工程管理状态变为“已中止”，暂停月度评价，直至恢复备案。',
  },
  resume: {
    label: '恢复', reasonLabel: '说明', reasonRequired: false, dateLabel: '恢复日期',
    effect: '恢复备案后工程管理状态恢复为“评价中”，继续月度评价。',
  },
  terminate: {
    label: '终止', reasonLabel: '终止原因', reasonRequired: true, dateLabel: null,
    effect: '终止备案后工程管理状态变为“已终止”，项目将退出质量标准化管理，进入工程监督流程，不可撤销。',
  },
}

/** 复核中止 / 复核恢复 / 复核终止, 中止备案 / 恢复备案 / 终止备案 (the manual's button names). */
export function stepLabel(kind: RequestKind, step: RecordStep): string {
  return step === 'review' ? `复核${KINDS[kind].label}` : `${KINDS[kind].label}备案`
}

/** The contractor's confirmation of a new request. */
export function requestQuestion(kind: RequestKind): string {
  const { label, effect } = KINDS[kind]
  const undo = kind === 'terminate' ? '终止申请提交后不能撤回。' : '监理机构复核前可以撤回。'
  return `确定申请${label}吗？提交后由监理机构复核、监督机构${label}备案。${effect}${undo}`
}

/** The confirmation of 复核 or 备案. */
export function stepQuestion(kind: RequestKind, step: RecordStep): string {
  const { label, effect } = KINDS[kind]
  return step === 'review'
    ? `复核后转由监督机构${label}备案，不可撤回。确认${stepLabel(kind, step)}？`
    : `${effect}确认${stepLabel(kind, step)}？`
}

export const WITHDRAW_QUESTION = '撤回后该申请不再复核，可以重新申请。确认撤回？'

/** The role lists' query form (strings, as in the address); `kind` only for suspensions. */
export interface RequestFilters {
  [key: string]: string
  q: string
  district: string
  status: string
  kind: string
}

export type RequestQuery = Partial<RequestFilters> & { page?: number; page_size?: number; sort?: string }

export interface RequestWorkflow {
  key: RequestWorkflowKey
  /** The records' name in the UI (empty-table text, export). */
  noun: string
  /** The dictionary's states the 状态 filter offers (for 中止/恢复: the labels that hold for both kinds). */
  statuses: 'request' | 'termination'
  columns: ListColumn<RequestRecord>[]
  sorts: readonly string[]
  sortProps: Record<string, string>
  list: (query: RequestQuery) => Promise<Page<RequestRecord>>
  exportList: (query: Omit<RequestQuery, 'page' | 'page_size'>) => Promise<void>
  get: (id: Id) => Promise<RequestRecord>
  step: (record: RequestRecord, step: RecordStep, opinion: string) => Promise<RequestRecord>
}

// The columns fit a 1440-pixel screen; the requester, 申请时间 and the steps' details are in 查看.
const REGISTRATION_NO: ListColumn<RequestRecord> = {
  prop: 'registration_no', label: '报监编号', width: 115, sortable: true, sortOrders: ['ascending', null],
  text: (r) => r.declaration.registration_no,
}
const PROJECT_NAME: ListColumn<RequestRecord> = {
  prop: 'project_name', label: '工程名称', minWidth: 140, wrap: true, text: (r) => r.declaration.project_name,
}

const TAIL_COLUMNS: ListColumn<RequestRecord>[] = [
  // 状态 is rendered as a tag; wide enough for 已复核中止恢复待监督信息登记.
  { prop: 'status', label: '状态', minWidth: 210, sortable: true, sortOrders: ['ascending', null] },
  { prop: 'updated_at', label: '更新时间', width: 140, sortable: true, text: (r) => formatDateTime(r.updated_at).slice(0, 16) },
]

const SORT_PROPS = { registration_no: 'registration_no', status: 'status', updated_at: 'updated_at' }

const suspension = (r: RequestRecord) => (isSuspension(r) ? r : null)

export const WORKFLOWS: Record<RequestWorkflowKey, RequestWorkflow> = {
  suspension: {
    key: 'suspension',
    noun: '中止评价',
    statuses: 'request',
    columns: [
      REGISTRATION_NO,
      PROJECT_NAME,
      { prop: 'kind', label: '类型', width: 60, align: 'center', text: (r) => orDash(suspension(r)?.kind_label) },
      // The API orders dates newest first only.
      { prop: 'date', label: '中止/恢复日期', width: 130, align: 'center', sortable: true, sortOrders: ['descending', null],
        text: (r) => orDash(suspension(r)?.date) },
      { prop: 'reason', label: '原因/说明', minWidth: 130, text: (r) => orDash(r.reason) },
      ...TAIL_COLUMNS,
    ],
    sorts: SUSPENSION_SORTS,
    sortProps: { ...SORT_PROPS, date: 'date' },
    list: ({ sort, ...query }) => listSuspensions({ ...query, sort: (sort ?? '') as SuspensionSort | '' }),
    exportList: ({ sort, ...query }) => exportSuspensions({ ...query, sort: (sort ?? '') as SuspensionSort | '' }),
    get: getSuspension,
    step: (r, step, opinion) => (step === 'review' ? reviewSuspension : registerSuspension)(r.id, r.version, opinion),
  },
  termination: {
    key: 'termination',
    noun: '终止评价',
    statuses: 'termination',
    columns: [
      REGISTRATION_NO,
      PROJECT_NAME,
      { prop: 'general_name', label: '施工总包', minWidth: 110, wrap: true, text: (r) => orDash(r.declaration.general_name) },
      { prop: 'reason', label: '终止原因', minWidth: 160, text: (r) => orDash(r.reason) },
      ...TAIL_COLUMNS,
    ],
    sorts: TERMINATION_SORTS,
    sortProps: SORT_PROPS,
    // Terminations have no kind.
    list: ({ sort, kind: _kind, ...query }) => listTerminations({ ...query, sort: (sort ?? '') as TerminationSort | '' }),
    exportList: ({ sort, kind: _kind, ...query }) => exportTerminations({ ...query, sort: (sort ?? '') as TerminationSort | '' }),
    get: getTermination,
    step: (r, step, opinion) => (step === 'review' ? reviewTermination : registerTermination)(r.id, r.version, opinion),
  },
}

/** The 复核/备案 steps the record allows the caller now. */
export function stepsOf(record: RequestRecord): RecordStep[] {
  const allowed: string[] = record.actions
  return (['review', 'register'] as const).filter((step) => allowed.includes(step))
}
