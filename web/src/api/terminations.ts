// Termination API (终止): the contractor's request (one per declaration, no withdrawal), the site
// supervisor's 复核终止, the authority's 终止备案 (the project leaves quality-standardisation management),
// and the role's list with its Excel export.
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { DeclarationRef } from '@/api/declarations'
import type { RequestRegistration, RequestReview } from '@/api/suspensions'
import { downloadFile } from '@/utils/file'

export type TerminationStatus = 'pending_review' | 'pending_registration' | 'registered'
export type TerminationAction = 'review' | 'register'
export type TerminationSort = '-updated_at' | 'updated_at' | 'registration_no' | 'status'

export const TERMINATION_SORTS: readonly TerminationSort[] = ['-updated_at', 'updated_at', 'registration_no', 'status']

export interface TerminationRecord {
  id: Id
  version: number
  status: TerminationStatus
  status_label: string
  declaration: DeclarationRef
  reason: string
  requested_by: string
  requested_at: string
  review: RequestReview | null
  registration: RequestRegistration | null
  updated_at: string
  actions: TerminationAction[]
}

export interface TerminationQuery {
  q?: string
  status?: string
  district?: string
  page?: number
  page_size?: number
  sort?: TerminationSort | ''
}

const BASE = '/api/terminations'

// The writes: 409 (stale version, wrong state, a termination exists) and 422 are the caller's to explain.
const ACTION = { handled: [409, 422] }

/** 终止 (contractor): the request, awaiting the site supervisor's review. */
export function requestTermination(declarationId: Id, reason: string) {
  return http.post<TerminationRecord>(`/api/declarations/${declarationId}/termination`, { reason }, ACTION)
}

export function listTerminations(query: TerminationQuery) {
  return http.get<Page<TerminationRecord>>(BASE, { params: { ...query } })
}

/** Saves the Excel export of the filtered list. */
export function exportTerminations(query: Omit<TerminationQuery, 'page' | 'page_size'>) {
  return downloadFile(`${BASE}/export.xlsx`, { ...query }, '终止评价.xlsx')
}

export function getTermination(id: Id) {
  return http.get<TerminationRecord>(`${BASE}/${id}`)
}

function withOpinion(version: number, opinion: string) {
  return opinion ? { version, opinion } : { version }
}

/** 复核终止 (site supervisor): on to the authority's 终止备案. */
export function reviewTermination(id: Id, version: number, opinion: string) {
  return http.post<TerminationRecord>(`${BASE}/${id}/review`, withOpinion(version, opinion), ACTION)
}

/** 终止备案 (authority): the project becomes 已终止. */
export function registerTermination(id: Id, version: number, opinion: string) {
  return http.post<TerminationRecord>(`${BASE}/${id}/register`, withOpinion(version, opinion), ACTION)
}
