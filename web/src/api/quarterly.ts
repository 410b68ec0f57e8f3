// Quarterly registration API (季度评价监督信息登记): the role's list of quarters and its Excel export,
// one quarter with its three months and its registration history, the authority's 登记, and one
// declaration's quarters. Scores and suggested grades come from the server; the browser computes none.
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { DeclarationRef } from '@/api/declarations'
import type { Grade } from '@/utils/dict'
import { downloadFile } from '@/utils/file'

export type QuarterlyStatus = 'pending' | 'registered'
export type QuarterlyAction = 'register'
export type QuarterlySort = '-quarter' | 'quarter' | '-updated_at' | 'registration_no' | 'status'

export const QUARTERLY_SORTS: readonly QuarterlySort[] = ['-quarter', 'quarter', '-updated_at', 'registration_no', 'status']

/** One 监督信息登记 of a quarter (the latest is the record's `registration`). */
export interface QuarterlyRegistration {
  /** YYYY-MM-DD */
  inspection_date: string
  inspectors: string
  opinion: string
  conclusion: Grade
  conclusion_label: string
  /** The quarter score at the time of this registration. */
  score: number | null
  /** The months (YYYY-MM) this registration covered. */
  periods: string[]
  registered_at: string
  /** The authority's name. */
  registered_by: string
}

export interface QuarterlyRecord {
  id: Id
  version: number
  /** YYYY-Qn */
  quarter: string
  status: QuarterlyStatus
  status_label: string
  declaration: DeclarationRef
  /** Mean of the quarter's filed/registered monthly review scores. */
  score: number | null
  /** Suggested from `score`. */
  grade: Grade | null
  grade_label: string | null
  /** Filed + registered months of the quarter (已复核月数). */
  month_count: number
  /** Pending again after an earlier registration (补充登记). */
  supplementary: boolean
  registration: QuarterlyRegistration | null
  created_at: string | null
  updated_at: string | null
  registered_at: string | null
  actions: QuarterlyAction[]
}

/** One of the quarter's three calendar months; `due: false` before acceptance. */
export interface QuarterMonth {
  id: Id | null
  /** YYYY-MM */
  period: string
  status: string | null
  status_label: string | null
  review_score: number | null
  due: boolean
}

export interface QuarterlyDetail extends QuarterlyRecord {
  months: QuarterMonth[]
  /** Newest first; the first equals `registration`. */
  registrations: QuarterlyRegistration[]
}

export interface QuarterlyQuery {
  q?: string
  status?: string
  district?: string
  /** YYYY-Qn */
  quarter_from?: string
  quarter_to?: string
  page?: number
  page_size?: number
  sort?: QuarterlySort | ''
}

export interface QuarterlyRegisterInput {
  /** YYYY-MM-DD, not in the future. */
  inspection_date: string
  inspectors: string
  opinion: string
  conclusion: Grade
}

const BASE = '/api/quarterly'

export function listQuarterly(query: QuarterlyQuery) {
  return http.get<Page<QuarterlyRecord>>(BASE, { params: { ...query } })
}

/** Saves the Excel export of the filtered list. */
export function exportQuarterly(query: Omit<QuarterlyQuery, 'page' | 'page_size'>) {
  return downloadFile(`${BASE}/export.xlsx`, { ...query }, '季度评价.xlsx')
}

export function getQuarterly(id: Id) {
  return http.get<QuarterlyDetail>(`${BASE}/${id}`)
}

/** 登记 (authority): 409 (stale version, already registered) and 422 are the caller's to explain. */
export function registerQuarterly(id: Id, version: number, input: QuarterlyRegisterInput) {
  return http.post<QuarterlyDetail>(`${BASE}/${id}/register`, { version, ...input }, { handled: [409, 422] })
}

/** Every quarter of one declaration, oldest first. */
export function listDeclarationQuarters(declarationId: Id) {
  return http.get<{ items: QuarterlyRecord[] }>(`/api/declarations/${declarationId}/quarterly`)
}
