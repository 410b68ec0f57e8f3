// What the 抽查比对 pages share: the list page and its address, a month's 抽查状态 (未抽查 before the first
// save), and the agreement rates (自评符合率, 复核符合率) as the server computes them.
import type { MonthlyRecord } from '@/api/monthly'
import type { SpotCheckRef } from '@/api/spotChecks'
import { SPOT_CHECK_NONE, statusTag, type StatusEntry } from '@/utils/dict'

/** The 监督机构抽查比对 menu entry (the projects). */
export const SPOT_CHECK_LIST_PATH = '/authority/spot-checks'

export function monthsPath(declarationId: MonthlyRecord['declaration']['id']): string {
  return `${SPOT_CHECK_LIST_PATH}/projects/${declarationId}`
}

export function comparisonPath(monthlyId: MonthlyRecord['id']): string {
  return `${SPOT_CHECK_LIST_PATH}/monthly/${monthlyId}`
}

/** 抽查状态: the server's label and the dictionary's colour; 未抽查 without a spot-check. */
export function spotCheckStatus(ref: SpotCheckRef | null | undefined): StatusEntry {
  if (!ref) return SPOT_CHECK_NONE
  return { label: ref.status_label, tag: statusTag('spot_check', ref.status) }
}

/**
 * agree / total × 100, rounded half-up to 2 decimals, in hundredths of a percent — the server's rule,
 * in integers so that no binary fraction decides a rounding (SPEC: rates are exact).
 */
export function rateHundredths(agree: number, total: number): number {
  if (total <= 0) return 0
  // round(agree × 10000 / total) half-up = floor((2 × agree × 10000 + total) / (2 × total))
  return Math.floor((agree * 20000 + total) / (2 * total))
}

/** Hundredths of a percent → "96.49". */
export function formatHundredths(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`
}

/** A rate the server sent (≤ 2 decimals) → "96.49"; the nearest double prints back exactly. */
export function formatRate(rate: number | null | undefined): string {
  return typeof rate === 'number' && Number.isFinite(rate) ? rate.toFixed(2) : '—'
}

/** "96.49%（110/114 条）" */
export function agreementText(rate: string, agree: number, total: number): string {
  return `${rate}%（${agree}/${total} 条）`
}
