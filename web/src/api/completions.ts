// Completion evaluation API (竣工评价): a declaration's completion and whether it may apply (the
// server's check names the missing months and unregistered quarters), the contractor's 竣工评价申请 and
// 再次提交复核, the site supervisor's 复核 (同意/不同意) and 提交, the authority's 登记, the role's list
// with its Excel export, and the printed 竣工评价表.
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { DeclarationRef } from '@/api/declarations'
import type { Grade } from '@/utils/dict'
import { downloadFile, openPdf } from '@/utils/file'

export type CompletionStatus = 'pending_review' | 'rejected' | 'pending_registration' | 'registered'
export type CompletionAction = 'save_review' | 'review_submit' | 'resubmit' | 'register'
export type CompletionSort = '-updated_at' | 'updated_at' | 'registration_no' | 'status'

export const COMPLETION_SORTS: readonly CompletionSort[] = ['-updated_at', 'updated_at', 'registration_no', 'status']

/** The site supervisor's saved review of the current round. */
export interface CompletionReview {
  agree: boolean
  opinion: string
  reviewer: string
  saved_at: string
}

export interface CompletionRegistration {
  opinion: string
  conclusion: Grade
  conclusion_label: string
  registered_at: string
  registered_by: string
}

export interface CompletionRecord {
  id: Id
  version: number
  status: CompletionStatus
  status_label: string
  declaration: DeclarationRef
  /** YYYY-MM-DD */
  completion_date: string
  acceptance_info: string
  self_assessment: string
  /** Overall: mean of all filed review scores. */
  score: number | null
  grade: Grade | null
  grade_label: string | null
  review: CompletionReview | null
  registration: CompletionRegistration | null
  applied_at: string | null
  submitted_at: string | null
  updated_at: string | null
  actions: CompletionAction[]
}

export interface CompletionMonth {
  id: Id
  period: string
  status: string
  status_label: string
  review_score: number | null
}

export interface CompletionQuarter {
  id: Id
  quarter: string
  status: string
  status_label: string
  score: number | null
  grade: Grade | null
  grade_label: string | null
}

/** A submitted 竣工复核 (one per round: a 不同意 sends the application back to the contractor). */
export interface CompletionRound {
  round: number
  agree: boolean
  opinion: string
  reviewer: string | null
  reviewed_at: string | null
  submitted_at: string
}

export interface CompletionDetail extends CompletionRecord {
  /** Oldest first. */
  months: CompletionMonth[]
  /** Oldest first. */
  quarters: CompletionQuarter[]
  /** Every submitted review, oldest first (absent from servers before issue 26). */
  review_rounds?: CompletionRound[]
}

/** May the contractor apply now? `message` is the server's explanation ('' when ready). */
export interface CompletionCheck {
  ready: boolean
  last_due_month: string | null
  missing_months: string[]
  unregistered_quarters: string[]
  message: string
}

export interface DeclarationCompletion {
  declaration: DeclarationRef
  completion: CompletionDetail | null
  check: CompletionCheck
}

/** What 竣工评价申请 and 再次提交复核 send. */
export interface CompletionInput {
  /** YYYY-MM-DD: not in the future, not before acceptance. */
  completion_date: string
  acceptance_info: string
  self_assessment: string
}

export interface CompletionRegisterInput {
  opinion: string
  conclusion: Grade
}

export interface CompletionQuery {
  q?: string
  status?: string
  district?: string
  page?: number
  page_size?: number
  sort?: CompletionSort | ''
}

const BASE = '/api/completions'

// The writes: 409 (stale version, wrong state) and 422 are the caller's to explain.
const ACTION = { handled: [409, 422] }

/** The declaration's completion (or null) and whether a request may be made now. */
export function getDeclarationCompletion(declarationId: Id) {
  return http.get<DeclarationCompletion>(`/api/declarations/${declarationId}/completion`)
}

/** 竣工评价申请 (contractor). A 422 `validation_failed` may carry the check's lists in `details`. */
export function applyCompletion(declarationId: Id, input: CompletionInput) {
  return http.post<CompletionDetail>(`/api/declarations/${declarationId}/completion`, input, ACTION)
}

export function listCompletions(query: CompletionQuery) {
  return http.get<Page<CompletionRecord>>(BASE, { params: { ...query } })
}

/** Saves the Excel export of the filtered list. */
export function exportCompletions(query: Omit<CompletionQuery, 'page' | 'page_size'>) {
  return downloadFile(`${BASE}/export.xlsx`, { ...query }, '竣工评价.xlsx')
}

export function getCompletion(id: Id) {
  return http.get<CompletionDetail>(`${BASE}/${id}`)
}

/** 复核 (site supervisor): saves 同意/不同意 with the opinion; the status stays 竣工评价待复核. */
export function saveCompletionReview(id: Id, version: number, agree: boolean, opinion: string) {
  return http.put<CompletionDetail>(`${BASE}/${id}/review`, { version, agree, opinion }, ACTION)
}

/** 提交 of the saved review: 同意 → the authority's 登记, 不同意 → back to the contractor. */
export function submitCompletionReview(id: Id, version: number) {
  return http.post<CompletionDetail>(`${BASE}/${id}/review-submit`, { version }, ACTION)
}

/** 再次提交复核 (contractor) of a rejected request, with its edited fields. */
export function resubmitCompletion(id: Id, version: number, input: CompletionInput) {
  return http.post<CompletionDetail>(`${BASE}/${id}/resubmit`, { version, ...input }, ACTION)
}

/** 登记 (authority): the project ends quality-standardisation management (已竣工). */
export function registerCompletion(id: Id, version: number, input: CompletionRegisterInput) {
  return http.post<CompletionDetail>(`${BASE}/${id}/register`, { version, ...input }, ACTION)
}

/** The printed 竣工评价表 (PDF) in a new tab. */
export function printCompletion(id: Id, registrationNo: string) {
  return openPdf(`${BASE}/${id}/print.pdf`, `竣工评价表-${registrationNo}.pdf`)
}
