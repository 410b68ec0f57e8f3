// Administration API beyond the imports: accounts and their security (系统管理员, 安全管理员), the security
// policy, and the logs the auditor reads (登录日志, 审计日志).
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { Role } from '@/utils/dict'

export type LoginMethod = 'password' | 'certificate' | 'sms'

export interface LoginLogEntry {
  id: Id
  /** ISO 8601 with the +08:00 offset. */
  at: string
  method: LoginMethod
  /** Username, enterprise or person as the server names it (ID numbers never appear). */
  who: string
  ip: string
  success: boolean
  /** Why it was refused (or a note on success); may be empty. */
  reason: string
}

/** 登录日志's filters: `success` 'true' | 'false' | '' (all), `from`/`to` YYYY-MM-DD. */
export interface LoginLogQuery {
  page: number
  page_size: number
  success?: string
  who?: string
  from?: string
  to?: string
}

/** 审计管理员 only; each read is itself an audit record. */
export function listLoginLog(query: LoginLogQuery) {
  return http.get<Page<LoginLogEntry>>('/api/admin/login-log', { params: { ...query } })
}

export interface AuditLogEntry {
  id: Id
  at: string
  entity: string
  entity_id: Id | null
  action: string
  from_state: string | null
  to_state: string | null
  actor_role: string | null
  actor_name: string | null
  organisation: string | null
  opinion: string | null
  ip: string | null
  actor_role_label?: string
  /** Not in the contract: shown instead of the codes if the server ever sends them. */
  entity_label?: string
  action_label?: string
}

export interface AuditLogQuery {
  page: number
  page_size: number
  entity?: string
  action?: string
  who?: string
  from?: string
  to?: string
}

/** 审计管理员 only; each read is itself an audit record. */
export function listAuditLog(query: AuditLogQuery) {
  return http.get<Page<AuditLogEntry>>('/api/admin/audit-log', { params: { ...query } })
}

export interface Account {
  id: Id
  username: string
  display_name: string
  role: Role
  role_label: string
  authority: { code: string; name: string } | null
  second_factor: boolean
  locked: boolean
  locked_until: string | null
  must_change_password: boolean
  password_changed_at: string | null
  /** Live sessions. */
  sessions: number
}

/** 系统管理员 and 安全管理员. */
export function listAccounts() {
  return http.get<{ items: Account[] }>('/api/admin/accounts')
}

/** 安全管理员: ends the password and second-factor locks. */
export function unlockAccount(id: Id) {
  return http.post<{ ok: boolean }>(`/api/admin/accounts/${id}/unlock`, {})
}

/** 安全管理员: removes the factor and its recovery codes and ends the account's sessions. */
export function resetSecondFactor(id: Id) {
  return http.post<{ ok: boolean }>(`/api/admin/accounts/${id}/second-factor/reset`, {})
}

/** 安全管理员: ends every session of the account. */
export function revokeSessions(id: Id) {
  return http.post<{ ended: number }>(`/api/admin/accounts/${id}/sessions/revoke`, {})
}

/** 系统管理员: a temporary password (shown once), to be changed at the next login; the sessions end. */
export function resetPassword(id: Id) {
  return http.post<{ password: string }>(`/api/admin/accounts/${id}/password/reset`, {})
}

export interface SecurityPolicy {
  second_factor: 'required' | 'optional'
  password_max_age_days: number
  password_warning_days: number
  max_sessions_per_account: number
  /** Wrong passwords (or codes) in a row before the lock, and the lock's length. */
  lockout_failures?: number
  lockout_minutes?: number
  log_retention_days: number
  /** The server's sentence (永久保存…). */
  audit_retention: string
}

/** 系统管理员, 安全管理员, 审计管理员. */
export function getSecurityPolicy() {
  return http.get<SecurityPolicy>('/api/admin/security-policy')
}
