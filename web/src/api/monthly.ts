// Monthly evaluation API (月度评价): the role's list and its Excel export, a declaration's months and
// the next month it may create, the contractor's self-sheet (自评) and submit, the site supervisor's
// review-sheet (复核) and submit, live previews of either sheet's result, the deduction history and the
// printed 月度评价表. Every score shown comes from the server; the browser never computes one.
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { DeclarationRef } from '@/api/declarations'
import type { SpotCheckRef } from '@/api/spotChecks'
import type { OverdueMark } from '@/api/tasks'
import type { PhotoRef } from '@/api/photos'
import { downloadFile, openPdf } from '@/utils/file'

export type MonthlyStatus = 'draft' | 'submitted' | 'reviewed' | 'filed' | 'registered'
export type MonthlyAction = 'save_self' | 'submit' | 'save_review' | 'review_submit'
export type MonthlySort = '-period' | 'period' | '-updated_at' | 'registration_no'

export const MONTHLY_SORTS: readonly MonthlySort[] = ['-period', 'period', '-updated_at', 'registration_no']

/** The declaration a month belongs to, as lists show it. */
export type MonthlyDeclaration = DeclarationRef

export interface MonthlyRecord {
  id: Id
  version: number
  /** YYYY-MM */
  period: string
  status: MonthlyStatus
  status_label: string
  declaration: MonthlyDeclaration
  template: { code: string; version: number }
  self_score: number | null
  review_score: number | null
  created_at: string | null
  submitted_at: string | null
  reviewed_at: string | null
  filed_at: string | null
  updated_at: string | null
  /** What the caller may do now. */
  actions: MonthlyAction[]
  /** The authority's spot-check of the month (抽查比对); only in the authority's lists, null before one. */
  spot_check?: SpotCheckRef | null
  /** Past its 自评 or 复核 deadline (absent from servers before issue 9). */
  overdue?: OverdueMark | null
}

/** Per check item: 应得分 (`standard`, 0 when not applicable), 扣分合计 and 实得分. */
export interface ResultItem {
  code: string
  name: string
  not_applicable: boolean
  standard: number
  deducted: number
  actual: number
}

/** Per deducted clause: 第几次 (`n`) and 扣分 (`points`). */
export interface ResultDeduction {
  clause: string
  sub_item: string
  check_item: string
  problem: string
  n: number
  points: number
  /** The deduction's photos (拍照取证); absent from servers before issue 23. */
  photos?: PhotoRef[]
}

/** A sheet's computed result: `score` is the monthly percentage (实得分合计 / 应得分合计 × 100). */
export interface SheetResult {
  score: number
  /** Σ 应得分 */
  possible: number
  /** Σ 实得分 */
  actual: number
  items: ResultItem[]
  deductions: ResultDeduction[]
}

export interface SheetDeduction {
  clause: string
  problem: string
}

/** What a sheet save sends (and a preview): the whole sheet each time. */
export interface SheetInput {
  not_applicable: string[]
  deductions: SheetDeduction[]
}

export interface Sheet extends SheetInput {
  /** False for the review sheet's starting copy of the self-sheet, until the supervisor saves. */
  saved: boolean
  /** Submitted: its n and points no longer change. */
  frozen: boolean
  result: SheetResult
  /**
   * The sheet's photos by clause (absent from servers before issue 23). The review's unsaved starting copy
   * has its own (empty at first), not the self-sheet's.
   */
  photos?: Record<string, PhotoRef[]>
}

export interface MonthlyDetail extends MonthlyRecord {
  /**
   * For whoever may edit a sheet: each clause's deductions in earlier months, the n a tick counts from
   * (the page scores ticks with it at once; absent before issue 26 and for readers).
   */
  history?: Record<string, number>
  self: Sheet
  /** Null while the month is a draft. */
  review: Sheet | null
}

export interface MonthlyQuery {
  q?: string
  district?: string
  status?: string
  /** YYYY-MM */
  period_from?: string
  period_to?: string
  page?: number
  page_size?: number
  sort?: MonthlySort | ''
}

/** `next.period`: the month the caller may create now; else `next.message` says why not. */
export interface NextMonth {
  period: string | null
  message: string | null
}

export interface DeclarationMonths extends Page<MonthlyRecord> {
  next: NextMonth
}

export type SheetKind = 'self' | 'review'

export interface HistoryDeduction {
  period: string
  monthly_id: Id
  sheet: SheetKind
  sheet_label: string
  check_item: string
  check_item_name: string
  sub_item: string
  sub_item_name: string
  clause: string
  clause_text: string
  n: number
  points: number
  problem: string
}

const BASE = '/api/monthly'

export function listMonthly(query: MonthlyQuery) {
  return http.get<Page<MonthlyRecord>>(BASE, { params: { ...query } })
}

/** Saves the Excel export of the filtered list. */
export function exportMonthly(query: Omit<MonthlyQuery, 'page' | 'page_size'>) {
  return downloadFile(`${BASE}/export.xlsx`, { ...query }, '月度评价.xlsx')
}

/** Every month of the declaration, newest first (answered whole), and what may be created next. */
export function listDeclarationMonths(declarationId: Id) {
  return http.get<DeclarationMonths>(`/api/declarations/${declarationId}/monthly`)
}

// The writes: 409 (stale version, wrong state) and 422 are the caller's to explain.
const ACTION = { handled: [409, 422] }

export function createMonthly(declarationId: Id, period: string) {
  return http.post<MonthlyDetail>(`/api/declarations/${declarationId}/monthly`, { period }, ACTION)
}

export function getMonthly(id: Id) {
  return http.get<MonthlyDetail>(`${BASE}/${id}`)
}

/** The sheet a role edits: the contractor's self-sheet or the site supervisor's review-sheet. */
function sheetPath(id: Id, kind: SheetKind) {
  return `${BASE}/${id}/${kind === 'self' ? 'self-sheet' : 'review-sheet'}`
}

export function saveSheet(id: Id, kind: SheetKind, version: number, sheet: SheetInput) {
  return http.put<MonthlyDetail>(sheetPath(id, kind), { version, ...sheet }, ACTION)
}

/** The result the sheet would have, nothing stored (missing problem texts are tolerated). */
export function previewSheet(id: Id, kind: SheetKind, sheet: SheetInput) {
  return http.put<{ result: SheetResult }>(sheetPath(id, kind), sheet, { params: { preview: true }, handled: true })
}

/** The contractor's 提交 (its n and points are fixed from now on). */
export function submitMonthly(id: Id, version: number) {
  return http.post<MonthlyDetail>(`${BASE}/${id}/submit`, { version }, ACTION)
}

/** The site supervisor's 提交 of the review: on to the authority's quarterly registration. */
export function submitReview(id: Id, version: number) {
  return http.post<MonthlyDetail>(`${BASE}/${id}/review-submit`, { version }, ACTION)
}

/** 查看 历史扣分记录: every deduction of the declaration, by month and sheet. */
export function listDeductionHistory(declarationId: Id) {
  return http.get<{ items: HistoryDeduction[]; total: number }>(`/api/declarations/${declarationId}/deductions`)
}

/**
 * The printed 月度评价表 (PDF) in a new tab: compact (the deducted clauses only), or `full` with every
 * clause of every check item.
 */
export function printMonthly(id: Id, registrationNo: string, period: string, full = false) {
  return openPdf(`${BASE}/${id}/print.pdf${full ? '?full=true' : ''}`, `月度评价表${full ? '（完整版）' : ''}-${registrationNo}-${period}.pdf`)
}
