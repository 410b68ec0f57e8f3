// 通知公告 (issue 27): the notices in force addressed to the caller (every role: the header's bell) with their read
// marks, and their management — 发布, 修改, 撤回 — by the authority (its own district's) and the system administrator.
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { Role } from '@/utils/dict'

/** Who published a notice: the account's name and its organisation. */
export interface NoticePublisher {
  name: string
  organisation: string
}

/** What every notice carries, read or managed. */
export interface NoticeBase {
  id: Id
  title: string
  /** Plain text; its line breaks are the author's (shown with white-space: pre-wrap, never as HTML). */
  body: string
  /** Role codes; empty: every role. */
  roles: Role[]
  role_labels: string[]
  /** Shanghai districts; empty: every district. */
  districts: string[]
  /** YYYY-MM-DD (Shanghai), the first day in force. */
  valid_from: string
  /** YYYY-MM-DD, the last day in force; null: until withdrawn. */
  valid_until: string | null
  /** ISO instant (+08:00). */
  published_at: string
  publisher: NoticePublisher
}

/** A notice as its reader gets it (GET /api/notices). */
export interface Notice extends NoticeBase {
  read: boolean
}

/** A notice as its manager gets it (GET /api/admin/notices). */
export interface ManagedNotice extends NoticeBase {
  version: number
  /** When it was withdrawn; null while it is not. */
  withdrawn_at: string | null
  /** How many users have opened it. */
  reads: number
  updated_at: string
}

export interface NoticeBoard {
  items: Notice[]
  unread: number
}

/** The notices in force addressed to the caller (by role and district), with the unread count. */
export function listMyNotices(options: { quiet?: boolean } = {}) {
  return http.get<NoticeBoard>('/api/notices', options.quiet ? { handled: true } : undefined)
}

/** Marks one notice read (404 when it was withdrawn or has expired meanwhile: the caller re-reads the list). */
export function markNoticeRead(id: Id) {
  return http.post<{ ok: boolean }>(`/api/notices/${id}/read`, {}, { handled: [404] })
}

/** 监督机构: the notices it published; 系统管理员: every notice. Newest first. */
export function listManagedNotices(query: { page: number; page_size: number }) {
  return http.get<Page<ManagedNotice>>('/api/admin/notices', { params: { ...query } })
}

/** A notice's fields as 发布 and 修改 send them. */
export interface NoticeInput {
  /** ≤ 100 characters, one line. */
  title: string
  /** ≤ 5000 characters. */
  body: string
  /** Empty: every role. */
  roles: string[]
  /** Empty: every district; an authority sends exactly its own. */
  districts: string[]
  /** YYYY-MM-DD; the server's default is today. */
  valid_from?: string
  /** YYYY-MM-DD; absent: until withdrawn. */
  valid_until?: string
}

/** 422 (per field) is the caller's: it goes under the dialog's fields. */
export function publishNotice(notice: NoticeInput) {
  return http.post<ManagedNotice>('/api/admin/notices', notice, { handled: [422] })
}

/** 409 (someone changed or withdrew it meanwhile) and 422 are the caller's. */
export function updateNotice(id: Id, version: number, notice: NoticeInput) {
  return http.put<ManagedNotice>(`/api/admin/notices/${id}`, { version, ...notice }, { handled: [409, 422] })
}

/** Irreversible: nobody sees the notice afterwards. 409 is the caller's. */
export function withdrawNotice(id: Id, version: number) {
  return http.post<ManagedNotice>(`/api/admin/notices/${id}/withdraw`, { version }, { handled: [409] })
}
