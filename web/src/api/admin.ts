// Administration API beyond the imports: accounts and their security (系统管理员, 安全管理员), the security
// policy, the logs the auditor reads (登录日志, 审计日志) and their exports, and the scheduled jobs (定时任务).
import { downloadFile } from '@/utils/file'
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { Role } from '@/utils/dict'

export type LoginMethod = 'password' | 'certificate' | 'sms' | 'second_factor' | 'logout'

export interface LoginLogEntry {
  id: Id
  /** ISO 8601 with the +08:00 offset. */
  at: string
  method: LoginMethod
  /** The server's name of the method (账号密码, 企业数字证书, 短信验证码, 动态口令, 退出登录). */
  method_label?: string
  /** Username, enterprise or person as the server names it (ID numbers never appear). */
  who: string
  ip: string
  success: boolean
  /** Why it was refused (or a note on success); may be empty. */
  reason: string
}

/**
 * 登录日志's filters: `success` 'true' | 'false' | '' (all), `ip` the address's beginning (10.1.), `method` a
 * LoginMethod, `from`/`to` YYYY-MM-DD.
 */
export interface LoginLogQuery {
  page: number
  page_size: number
  success?: string
  who?: string
  ip?: string
  method?: string
  from?: string
  to?: string
}

/** 审计管理员 only; each read is itself an audit record. */
export function listLoginLog(query: LoginLogQuery) {
  return http.get<Page<LoginLogEntry>>('/api/admin/login-log', { params: { ...query } })
}

/** Saves the Excel export of the filtered login log (the export is itself audited). */
export function exportLoginLog(query: Omit<LoginLogQuery, 'page' | 'page_size'>) {
  return downloadFile('/api/admin/login-log/export.xlsx', { ...query }, '登录日志.xlsx')
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
  /** The states' names in the entity's workflow (null when the record has none). */
  from_label?: string | null
  to_label?: string | null
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
  /** A Shanghai district: the records of declarations whose project is there. */
  district?: string
  from?: string
  to?: string
}

/** 审计管理员 only; each read is itself an audit record. */
export function listAuditLog(query: AuditLogQuery) {
  return http.get<Page<AuditLogEntry>>('/api/admin/audit-log', { params: { ...query } })
}

/** Saves the Excel export of the filtered audit log (the export is itself audited). */
export function exportAuditLog(query: Omit<AuditLogQuery, 'page' | 'page_size'>) {
  return downloadFile('/api/admin/audit-log/export.xlsx', { ...query }, '审计日志.xlsx')
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

// ── 用户管理, 在线用户, 参数设置 (issue 27) ─────────────────────────────────────────────────────────────────

/** The roles of password accounts that 用户管理 creates and lists. */
export type AccountRole = 'authority' | 'admin' | 'security_admin' | 'auditor'

/** 用户管理's 状态 filter (locked: the login is locked for a while after wrong passwords). */
export type UserStatus = 'enabled' | 'disabled' | 'locked'

/** One password account as 用户管理 shows it; times are "YYYY-MM-DD HH:MM:SS" (Shanghai). */
export interface AdminUser {
  id: Id
  username: string
  name: string
  role: AccountRole
  role_label: string
  authority: { code: string; name: string } | null
  disabled: boolean
  locked: boolean
  locked_until: string | null
  must_change_password: boolean
  second_factor: boolean
  /** Live sessions. */
  sessions: number
  /** '' when the account never signed in. */
  last_login_at: string
  created_at: string
}

export interface UserQuery {
  page: number
  page_size: number
  q?: string
  role?: string
  status?: string
}

/** 系统管理员 only. */
/** An authority an authority account may belong to (用户管理). */
export interface AuthorityOption {
  code: string
  name: string
  district: string
}

export function listAuthorities() {
  return http.get<{ items: AuthorityOption[] }>('/api/admin/authorities')
}

export function listUsers(query: UserQuery) {
  return http.get<Page<AdminUser>>('/api/admin/users', { params: { ...query } })
}

export interface NewUser {
  username: string
  name: string
  role: AccountRole
  /** The authority role only. */
  authority_code?: string
  /** The initial password: the account must change it at its first login. */
  password: string
}

/** 422 (fields) and 409 (username taken) are the caller's: they go under the dialog's fields. */
export function createUser(user: NewUser) {
  return http.post<AdminUser>('/api/admin/users', user, { handled: [409, 422] })
}

export interface UserChange {
  name?: string
  disabled?: boolean
  authority_code?: string
}

/**
 * 修改, 停用, 启用. Disabling ends the account's sessions and answers once every server process has forgotten
 * them (about a second). 422 (a field, or disabling oneself or the last system administrator) is the caller's.
 */
export function updateUser(id: Id, change: UserChange) {
  return http.put<AdminUser>(`/api/admin/users/${id}`, change, { handled: [422] })
}

/** Ends the login lock of wrong passwords (and codes). */
export function unlockUser(id: Id) {
  return http.post<{ ok: boolean }>(`/api/admin/users/${id}/unlock`, {})
}

/** The administrator's chosen password, to be changed at the next login; the account's sessions end. */
export function setUserPassword(id: Id, password: string) {
  return http.post<{ ok: boolean }>(`/api/admin/users/${id}/reset-password`, { password }, { handled: [422] })
}

/** One live session (在线用户); times are "YYYY-MM-DD HH:MM:SS" (Shanghai). */
export interface OnlineSession {
  id: Id
  role: string
  role_label: string
  /** Username and name for accounts, the enterprise for certificates, the person for site users. */
  who: string
  organisation: string
  login_method: string
  login_method_label: string
  ip: string
  created_at: string
  last_seen_at: string
  /** The caller's own session (ended by 退出登录, not here). */
  current: boolean
  account_id: Id | null
}

export interface SessionQuery {
  page: number
  page_size: number
  q?: string
  role?: string
}

/** 系统管理员 and 安全管理员. */
export function listSessions(query: SessionQuery) {
  return http.get<Page<OnlineSession>>('/api/admin/sessions', { params: { ...query } })
}

/** 强退 of one session; 404 (already gone) and 422 (the caller's own) are the caller's to explain. */
export function endSession(id: Id) {
  return http.delete<{ ok: boolean }>(`/api/admin/sessions/${encodeURIComponent(String(id))}`, { handled: [404, 422] })
}

/** 强退 of every session of a password account. */
export function endAccountSessions(accountId: Id) {
  return http.delete<{ ended: number }>('/api/admin/sessions', { params: { account_id: accountId } })
}

/** 参数设置: what an administrator changes while the platform runs (shared by every server process). */
export interface Settings {
  /** 自评提交截止日: day 1–28 of the following month. */
  submit_deadline_day: number
  /** 复核截止日: day 1–28, not before submit_deadline_day. */
  review_deadline_day: number
  /** 优良 / 合格 lowest scores, 0–100 with two decimals, excellent above qualified. */
  grade_excellent: number
  grade_qualified: number
  /** 抽查比对一致率阈值, percent, 0–100 with two decimals. */
  agreement_threshold: number
  /** "HH:MM" (Shanghai) or "off". */
  reminder_time: string
  session_idle_minutes: number
  session_absolute_hours: number
  export_row_limit: number
  /** '' or http(s)://host[:port]: the origin printed in the documents' QR codes. */
  public_url: string
  /** The account security policy: "required" or "optional" second factor for authority and administrator accounts. */
  second_factor: string
  /** Days a password lasts (0: never expires), sessions one account keeps, days the login log is kept (≥ 180). */
  password_max_age_days: number
  max_sessions_per_account: number
  log_retention_days: number
  /** Per setting: the server's name and range, and its last change (when, by whom); absent from older servers. */
  meta?: Partial<Record<SettingKey, SettingMeta>>
}

export type SettingKey =
  | 'submit_deadline_day' | 'review_deadline_day' | 'grade_excellent' | 'grade_qualified' | 'agreement_threshold'
  | 'reminder_time' | 'session_idle_minutes' | 'session_absolute_hours' | 'export_row_limit' | 'public_url'
  | 'second_factor' | 'password_max_age_days' | 'max_sessions_per_account' | 'log_retention_days'

export interface SettingMeta {
  label?: string
  range?: string
  updated_at?: string
  updated_by?: string
}

/** 系统管理员 only. */
export function getSettings() {
  return http.get<Settings>('/api/admin/settings')
}

/** Any subset; answers the whole settings. 422 (per field name) is the caller's. */
export function updateSettings(change: Partial<Omit<Settings, 'meta'>>) {
  return http.put<Settings>('/api/admin/settings', change, { handled: [422] })
}

// ── 定时任务 (issue 27) ────────────────────────────────────────────────────────────────────────────────

/** One run of a job; times are ISO instants (+08:00). */
export interface JobRun {
  id: Id
  /** The Shanghai day it ran for, YYYY-MM-DD. */
  day: string
  /** '定时任务', an administrator's name, or '命令行（qsm remind）'. */
  started_by: string
  /** The server process that ran it ('qsm 12345'). */
  holder: string
  started_at: string
  /** '' while it runs. */
  finished_at: string
  sent: number
  failed: number
}

/** A scheduled job (today one: `reminders`, 逾期提醒短信). */
export interface Job {
  name: string
  label: string
  description: string
  /** The server's sentence: 每日 09:00（上海时间）起，当日一次 / 已关闭（…）. */
  schedule: string
  /** 'HH:MM' or 'off' (参数设置). */
  reminder_time: string
  paused: boolean
  /** Today's scheduled run has finished. */
  today_done: boolean
  /** How many runs there have been. */
  runs: number
  last_run: JobRun | null
}

/** 系统管理员 only. */
export function listJobs() {
  return http.get<{ items: Job[] }>('/api/admin/jobs')
}

export function listJobRuns(name: string, query: { page: number; page_size: number }) {
  return http.get<Page<JobRun>>(`/api/admin/jobs/${encodeURIComponent(name)}/runs`, { params: { ...query } })
}

/** 立即执行: sends what is due today and not yet sent (nothing goes out twice a day); answers the job as it is now. */
export function runJob(name: string) {
  return http.post<{ id: Id; sent: number; failed: number; job: Job }>(`/api/admin/jobs/${encodeURIComponent(name)}/run`, {},
    { timeout: 120_000 })
}

export function pauseJob(name: string) {
  return http.post<Job>(`/api/admin/jobs/${encodeURIComponent(name)}/pause`, {})
}

export function resumeJob(name: string) {
  return http.post<Job>(`/api/admin/jobs/${encodeURIComponent(name)}/resume`, {})
}
