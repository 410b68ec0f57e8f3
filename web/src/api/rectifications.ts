// Rectification order API (整改指令单, issue 24): the authority issues an order for an accepted declaration
// (free-standing or from a spot-check's non-conforming clauses) and re-checks it; the contractor or its 项目部
// replies with a measure and photos per item; the 项目监理机构 confirms the reply. The role's list with its
// Excel export, the authority's figures, one declaration's orders, the photos of the items and the printed
// 整改指令单 / 整改回复单.
import { http, type Page, type RequestOptions } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { DeclarationRef } from '@/api/declarations'
import { uploadPhoto, type Photo, type PhotoRef } from '@/api/photos'
import { downloadFile, openPdf } from '@/utils/file'

export type RectificationStatus = 'issued' | 'replied' | 'confirmed' | 'closed'
export type RectificationKind = 'rectify' | 'stop_work'
export type RectificationAction = 'reply' | 'confirm' | 'recheck'
/** Which photos the caller may add or delete now: the authority's of the problem, or the site's of the reply. */
export type PhotoSide = 'issue' | 'reply'
export type RectificationSort = '-issued_at' | 'deadline' | 'number' | '-updated_at'

export const RECTIFICATION_SORTS: readonly RectificationSort[] = ['-issued_at', 'deadline', 'number', '-updated_at']

export type ItemStatus = 'open' | 'passed'

/** A site photo of a reply: the round it belongs to. */
export interface ReplyPhoto extends PhotoRef {
  round: number
}

/** One round of an item as the re-check left it. */
export interface ItemHistory {
  round: number
  measure: string | null
  passed: boolean | null
  note: string | null
}

export interface RectificationItem {
  id: Id
  position: number
  clause: string | null
  clause_text: string | null
  problem: string
  status: ItemStatus
  /** 待整改 / 已销项 */
  status_label: string
  /** The round in which it passed the re-check; null while open. */
  passed_round?: number | null
  /** The current round's reply. */
  measure: string | null
  /** The last re-check's note (why it did not pass). */
  note: string | null
  /** The authority's photos of the problem. */
  photos: PhotoRef[]
  /** The site's photos, every round. */
  reply_photos: ReplyPhoto[]
  history: ItemHistory[]
}

export interface RectificationRound {
  round: number
  /** YYYY-MM-DD */
  deadline: string
  replied_at: string | null
  replied_by: string | null
  confirm_agree: boolean | null
  confirm_opinion: string | null
  confirmed_by: string | null
  confirmed_at: string | null
  rechecked_at: string | null
  rechecked_by: string | null
}

/** The order's declaration: its ref, and whether a stop-work order is in force. */
export type RectificationDeclaration = DeclarationRef

/** Where an order came from: a spot-check (by its month's id) or nowhere (free-standing). */
export interface RectificationSource {
  spot_check: Id
  /** YYYY-MM */
  period: string
}

export interface RectificationRecord {
  id: Id
  /** 徐汇质监（2026）整字第0007号 */
  number: string
  status: RectificationStatus
  status_label: string
  kind: RectificationKind
  kind_label: string
  version: number
  round: number
  /** YYYY-MM-DD: the current round's. */
  deadline: string
  /** Issued and past its deadline (Shanghai dates): 逾期未整改. */
  overdue: boolean
  overdue_days: number
  /** 复查人 */
  recheck_by: string | null
  /** 依据 */
  basis: string | null
  declaration: RectificationDeclaration
  source: RectificationSource | null
  /** The issuing authority's name. */
  issued_by: string
  issued_at: string
  updated_at: string
  closed_at: string | null
  actions: RectificationAction[]
  /** Lists only. */
  items_count?: number
  open_items?: number
}

export interface RectificationDetail extends RectificationRecord {
  items: RectificationItem[]
  rounds: RectificationRound[]
  photo_sides: PhotoSide[]
}

export interface RectificationQuery {
  q?: string
  status?: string
  /** 'true': only 逾期未整改. */
  overdue?: string
  district?: string
  kind?: string
  page?: number
  page_size?: number
  sort?: RectificationSort | ''
}

export interface RectificationItemInput {
  /** A clause of the declaration's template, or left out. */
  clause?: string
  problem: string
}

/** 下发整改指令单. */
export interface RectificationInput {
  declaration_id: Id
  kind: RectificationKind
  /** YYYY-MM-DD, after today. */
  deadline: string
  recheck_by?: string
  basis?: string
  /** From a spot-check: its non-conforming clauses become the first items. */
  source?: { spot_check: Id }
  items?: RectificationItemInput[]
}

export interface ReplyInput {
  version: number
  /** Every open item with its measure. */
  items: { id: Id; measure: string }[]
}

export interface ConfirmInput {
  version: number
  agree: boolean
  /** Required when not agreeing. */
  opinion?: string
}

export interface RecheckInput {
  version: number
  /** Every open item. */
  items: { id: Id; passed: boolean; note?: string }[]
  /** Required (after today) when some item did not pass. */
  deadline?: string
}

export interface RectificationDistrictStats {
  district: string
  open: number
  overdue: number
  closed: number
}

export interface RectificationEnterpriseStats {
  uscc: string
  name: string
  open: number
  overdue: number
  closed: number
}

export interface ClauseCount {
  clause: string
  clause_text: string
  count: number
}

/** The authority's figures (统计看板). */
export interface RectificationStats {
  open: number
  overdue: number
  closed_this_month: number
  /** Days from issue to 销项, over the closed orders; null when none is closed. */
  mean_days_to_close: number | null
  by_district: RectificationDistrictStats[]
  by_enterprise: RectificationEnterpriseStats[]
  top_clauses: ClauseCount[]
}

/** An uploaded item photo. */
export interface RectificationPhoto extends Photo {
  side: PhotoSide
  round: number
}

const BASE = '/api/rectifications'

// The writes: 409 (stale version, wrong state) and 422 (per field) are the caller's to explain.
const ACTION = { handled: [409, 422] }

export function listRectifications(query: RectificationQuery) {
  return http.get<Page<RectificationRecord>>(BASE, { params: { ...query } })
}

/** Saves the Excel export of the filtered list. */
export function exportRectifications(query: Omit<RectificationQuery, 'page' | 'page_size'>) {
  return downloadFile(`${BASE}/export.xlsx`, { ...query }, '整改指令单.xlsx')
}

/** The authority's figures; `options` lets the dashboard stay quiet when they cannot be read. */
export function getRectificationStats(options: Pick<RequestOptions, 'handled'> = {}) {
  return http.get<RectificationStats>(`${BASE}/stats`, options)
}

export function getRectification(id: Id) {
  return http.get<RectificationDetail>(`${BASE}/${id}`)
}

/** One declaration's orders (综合信息), newest first. */
export function listDeclarationRectifications(declarationId: Id, options: Pick<RequestOptions, 'handled'> = {}) {
  return http.get<{ items: RectificationRecord[] }>(`/api/declarations/${declarationId}/rectifications`, options)
}

/** 下发整改指令单 (authority) → 201 with the order. */
export function createRectification(input: RectificationInput) {
  return http.post<RectificationDetail>(BASE, input, ACTION)
}

/** 提交整改回复 (contractor, 项目部): every open item's measure. */
export function replyRectification(id: Id, input: ReplyInput) {
  return http.post<RectificationDetail>(`${BASE}/${id}/reply`, input, ACTION)
}

/** 监理确认 (项目监理机构): 同意 → 待复查, 不同意 (opinion required) → back to 待整改. */
export function confirmRectification(id: Id, input: ConfirmInput) {
  return http.post<RectificationDetail>(`${BASE}/${id}/confirm`, input, ACTION)
}

/** 复查 (authority): per open item passed or not; all passed → 已销项, otherwise a new round by `deadline`. */
export function recheckRectification(id: Id, input: RecheckInput) {
  return http.post<RectificationDetail>(`${BASE}/${id}/recheck`, input, ACTION)
}

/** Where a new photo of an item goes (the server decides its side from the caller's role). */
export function rectificationPhotoUploadUrl(id: Id, itemId: Id): string {
  return `${BASE}/${id}/items/${itemId}/photos`
}

/** Uploads one item photo; every refusal is the caller's (see utils/photoQueue). */
export function uploadRectificationPhoto(id: Id, itemId: Id, file: Blob) {
  return uploadPhoto(rectificationPhotoUploadUrl(id, itemId), file) as Promise<RectificationPhoto>
}

/** 删除照片 (409 once the order has moved on: shown by the caller). */
export function deleteRectificationPhoto(id: Id, photoId: Id) {
  return http.delete<null>(`${BASE}/${id}/photos/${photoId}`, { handled: [409] })
}

export function rectificationPrintUrl(id: Id): string {
  return `${BASE}/${id}/print.pdf`
}

/** The printed 整改指令单 (and, once replied, 整改回复单) in a new tab. */
export function printRectification(id: Id, number: string) {
  return openPdf(rectificationPrintUrl(id), `${number || '整改指令单'}.pdf`)
}

export function rectificationExportUrl(): string {
  return `${BASE}/export.xlsx`
}
