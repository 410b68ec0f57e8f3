// Spot-check comparison API (监督机构抽查比对): one monthly evaluation's clauses with the self-sheet, the
// review-sheet and the authority's finding side by side, its saves (repeatable until 完成抽查), and the
// agreement analytics per enterprise (抽查比对分析) with their Excel export. Authority only.
import { http } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { DeclarationRef } from '@/api/declarations'
import type { MonthlyStatus } from '@/api/monthly'
import type { PhotoRef } from '@/api/photos'
import { downloadFile, openPdf } from '@/utils/file'

export type SpotCheckStatus = 'in_progress' | 'finished'
export type SpotCheckAction = 'save' | 'finish'

/** A month's spot-check as lists name it (`spot_check` of the monthly list items; authority only). */
export interface SpotCheckRef {
  id: Id
  status: SpotCheckStatus
  status_label: string
}

export interface SpotCheck extends SpotCheckRef {
  version: number
  /** The authority that checks (e.g. 黄浦区建设工程质量监督站). */
  inspector: string
  created_at: string
  updated_at: string
  finished_at: string | null
}

/** One sheet's verdict on a clause: deducted or not (a clause conforms when it is not deducted). */
export interface SheetVerdict {
  deducted: boolean
  problem: string | null
}

/** The authority's finding on a clause; a clause without a saved finding conforms with an empty note. */
export interface AuthorityFinding {
  conforms: boolean
  note: string
}

export interface SpotClause {
  code: string
  text: string
  self: SheetVerdict
  /** Null while the month has no review sheet. */
  review: SheetVerdict | null
  authority: AuthorityFinding
  self_agrees: boolean
  review_agrees: boolean | null
  /** The authority's finding photos (absent from servers before issue 23). */
  photos?: PhotoRef[]
}

export interface SpotSubItem {
  code: string
  name: string
  clauses: SpotClause[]
}

export interface SpotCheckItem {
  code: string
  name: string
  self_not_applicable: boolean
  review_not_applicable: boolean | null
  sub_items: SpotSubItem[]
}

/** Clauses on which a sheet and the authority agree, and the rate (agree / clauses × 100, 2 decimals). */
export interface SheetAgreement {
  agree: number
  rate: number
}

export interface Agreement {
  clauses: number
  self: SheetAgreement
  review: SheetAgreement | null
}

export interface SpotCheckMonthly {
  id: Id
  /** YYYY-MM */
  period: string
  status: MonthlyStatus
  status_label: string
  self_score: number | null
  review_score: number | null
  declaration: DeclarationRef
}

/** 综合信息 → 抽查比对: one spot-check of the declaration (the authority's answer only). */
export interface SpotCheckSummaryItem {
  id: Id
  monthly_id: Id
  /** YYYY-MM */
  period: string
  status: SpotCheckStatus
  status_label: string
  self_rate: number
  review_rate: number | null
  inspector: string
  updated_at: string
  finished_at: string | null
}

export interface SpotCheckView {
  monthly: SpotCheckMonthly
  /** Null before the first save. */
  spot_check: SpotCheck | null
  items: SpotCheckItem[]
  agreement: Agreement
  /** Empty once finished. */
  actions: SpotCheckAction[]
}

/** One clause's finding as saved; clauses left out conform with an empty note. */
export interface FindingInput {
  clause: string
  conforms: boolean
  note: string
}

export interface SpotCheckInput {
  /** 0 for the first save, else the spot-check's current version. */
  version: number
  findings: FindingInput[]
  /** True: 完成抽查 (read-only afterwards). */
  finished: boolean
}

export interface DisputedClause {
  clause: string
  text: string
  count: number
}

/** One enterprise's agreement with the authority over its finished spot-checks. */
export interface EnterpriseAgreement {
  enterprise: { uscc: string; name: string }
  spot_checks: number
  /** Mean of the spot-checks' rates, 2 decimals. */
  mean_agreement: number
  /** mean_agreement < threshold */
  low: boolean
  /** The clauses most often judged differently (at most 5). */
  disputed: DisputedClause[]
}

export interface SpotCheckAnalytics {
  threshold: number
  /** Finished spot-checks in scope and period. */
  spot_checks: number
  /** 施工企业: self-sheet vs authority. */
  contractors: EnterpriseAgreement[]
  /** 监理企业: review-sheet vs authority. */
  supervisors: EnterpriseAgreement[]
}

export interface AnalyticsQuery {
  /** 0–100, ≤ 2 decimals; the server's default when left out. */
  threshold?: number | null
  /** YYYY-MM */
  period_from?: string
  period_to?: string
}

function spotCheckPath(monthlyId: Id) {
  return `/api/monthly/${monthlyId}/spot-check`
}

export function getSpotCheck(monthlyId: Id) {
  return http.get<SpotCheckView>(spotCheckPath(monthlyId))
}

/** 保存 / 保存并退出 (finished: false) or 完成抽查 (finished: true); 409 and 422 are the caller's to explain. */
export function saveSpotCheck(monthlyId: Id, input: SpotCheckInput) {
  return http.put<SpotCheckView>(spotCheckPath(monthlyId), input, { handled: [409, 422] })
}

export function getAnalytics(query: AnalyticsQuery) {
  return http.get<SpotCheckAnalytics>('/api/spot-checks/analytics', { params: { ...query }, handled: [422] })
}

/** Saves the Excel workbook of the same analysis. */
export function exportAnalytics(query: AnalyticsQuery) {
  return downloadFile('/api/spot-checks/analytics.xlsx', { ...query }, '抽查比对分析.xlsx')
}

/** The printed 抽查比对记录 (PDF: rates, the clauses not conforming or disputed, the finding photos) in a new tab. */
export function printSpotCheck(monthlyId: Id, registrationNo: string, period: string) {
  return openPdf(`/api/monthly/${monthlyId}/spot-check/print.pdf`, `抽查比对记录-${registrationNo}-${period}.pdf`)
}
