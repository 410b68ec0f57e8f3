// Suspension/resumption API (中止/恢复): the contractor's request (中止 or 恢复) and 撤回 while it awaits
// review, the site supervisor's 复核中止/复核恢复, the authority's 中止备案/恢复备案, the role's list with
// its Excel export, and one declaration's requests with its registered suspension periods.
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { DeclarationRef } from '@/api/declarations'
import { downloadFile } from '@/utils/file'

export type SuspensionKind = 'suspend' | 'resume'
export type SuspensionStatus = 'pending_review' | 'pending_registration' | 'registered' | 'withdrawn'
export type SuspensionAction = 'review' | 'register' | 'withdraw'
export type SuspensionSort = '-updated_at' | 'updated_at' | 'registration_no' | 'status' | '-date'

export const SUSPENSION_SORTS: readonly SuspensionSort[] = ['-updated_at', 'updated_at', 'registration_no', 'status', '-date']

/** The site supervisor's 复核 of a suspension, resumption or termination request. */
export interface RequestReview {
  /** May be ''. */
  opinion: string
  reviewer: string
  reviewed_at: string
}

/** The authority's 备案 of a suspension, resumption or termination request. */
export interface RequestRegistration {
  /** May be ''. */
  opinion: string
  registered_by: string
  registered_at: string
}

export interface SuspensionRecord {
  id: Id
  version: number
  kind: SuspensionKind
  /** 中止 / 恢复 */
  kind_label: string
  status: SuspensionStatus
  /** Depends on the kind: 已中止待复核 / 已中止恢复待复核 … */
  status_label: string
  declaration: DeclarationRef
  /** 中止原因; a resumption's 说明 (may be ''). */
  reason: string
  /** YYYY-MM-DD: 中止日期 or 恢复日期. */
  date: string
  requested_by: string
  requested_at: string
  review: RequestReview | null
  registration: RequestRegistration | null
  withdrawn_at: string | null
  updated_at: string
  actions: SuspensionAction[]
}

/** A registered suspension period; `end` (the registered 恢复日期) is null while still suspended. */
export interface SuspensionInterval {
  start: string
  end: string | null
}

export interface DeclarationSuspensions {
  /** Newest first. */
  items: SuspensionRecord[]
  /** Oldest first. */
  intervals: SuspensionInterval[]
}

export interface SuspensionInput {
  kind: SuspensionKind
  /** Required for 中止; a resumption's optional 说明. */
  reason: string
  /** YYYY-MM-DD, not in the future. */
  date: string
}

export interface SuspensionQuery {
  q?: string
  status?: string
  kind?: string
  district?: string
  page?: number
  page_size?: number
  sort?: SuspensionSort | ''
}

const BASE = '/api/suspensions'

// The writes: 409 (stale version, wrong state, another request in progress) and 422 are the caller's to explain.
const ACTION = { handled: [409, 422] }

/** 中止 or 恢复 (contractor): a new request awaiting the site supervisor's review. */
export function requestSuspension(declarationId: Id, input: SuspensionInput) {
  return http.post<SuspensionRecord>(`/api/declarations/${declarationId}/suspensions`, input, ACTION)
}

/** The declaration's requests (newest first) and its registered suspension periods. */
export function listDeclarationSuspensions(declarationId: Id) {
  return http.get<DeclarationSuspensions>(`/api/declarations/${declarationId}/suspensions`)
}

export function listSuspensions(query: SuspensionQuery) {
  return http.get<Page<SuspensionRecord>>(BASE, { params: { ...query } })
}

/** Saves the Excel export of the filtered list. */
export function exportSuspensions(query: Omit<SuspensionQuery, 'page' | 'page_size'>) {
  return downloadFile(`${BASE}/export.xlsx`, { ...query }, '中止评价.xlsx')
}

export function getSuspension(id: Id) {
  return http.get<SuspensionRecord>(`${BASE}/${id}`)
}

function withOpinion(version: number, opinion: string) {
  return opinion ? { version, opinion } : { version }
}

/** 复核中止 / 复核恢复 (site supervisor): on to the authority's 备案. */
export function reviewSuspension(id: Id, version: number, opinion: string) {
  return http.post<SuspensionRecord>(`${BASE}/${id}/review`, withOpinion(version, opinion), ACTION)
}

/** 中止备案 / 恢复备案 (authority): the project becomes 已中止, or 评价中 again. */
export function registerSuspension(id: Id, version: number, opinion: string) {
  return http.post<SuspensionRecord>(`${BASE}/${id}/register`, withOpinion(version, opinion), ACTION)
}

/** 撤回 (contractor) of a request still awaiting review. */
export function withdrawSuspension(id: Id, version: number) {
  return http.post<SuspensionRecord>(`${BASE}/${id}/withdraw`, { version }, ACTION)
}
