// Authentication API: the three ways in (certificate, site SMS, password), the site user's
// contract choice, the current session (`/api/me`) and logout.
import { http } from '@/utils/request'
import type { Role } from '@/utils/dict'

export type Id = number | string

export interface Me {
  role: Role
  role_label: string
  display_name: string
  username?: string
  enterprise: { uscc?: string; name: string } | null
  /** Authority users only. */
  authority: { id?: Id; code?: string; name: string; district?: string } | null
  /** Site users only; null until a contract is chosen. */
  contract: MeContract | null
  /** Site users: the session still has to choose a contract (also signalled by `contract: null`). */
  contract_pending?: boolean
  csrf_token: string
}

/** The contract a site user works in (`me.contract`). */
export interface MeContract {
  id: Id
  report_no?: string
  kind?: string
  project_id?: Id
  project_name?: string
  registration_no?: string
}

export interface LoginAnswer {
  token: string
  me: Me
}

export type SiteRole = Extract<Role, 'site_contractor' | 'site_supervisor'>

export interface SiteIdentity {
  role: SiteRole
  name: string
  id_number: string
}

export interface SmsCodeAnswer {
  /** The same for every request: whether the person exists is never told. */
  message: string
  /** Seconds before another code may be requested. */
  resend_after: number
  /** Seconds the code stays valid. */
  expires_in: number
}

export interface SiteContract {
  id: Id
  report_no: string
  kind: string
  kind_label: string
  project: { id?: Id; registration_no: string; name: string; district: string }
  enterprise: { name: string }
}

// For login calls a 401 means "refused", not "session expired": no re-login prompt.
const LOGIN = { authRedirect: false, handled: true } as const

/** Current session; rejects with 401 when there is none (no prompt). */
export function getMe() {
  return http.get<Me>('/api/me', { authRedirect: false, handled: [401] })
}

export function loginWithPassword(username: string, password: string) {
  return http.post<LoginAnswer>('/api/auth/password', { username, password }, LOGIN)
}

export function loginWithCertificate() {
  return http.post<LoginAnswer>('/api/auth/certificate', {}, LOGIN)
}

export function requestSmsCode(identity: SiteIdentity) {
  return http.post<SmsCodeAnswer>('/api/auth/sms-code', identity, LOGIN)
}

export function loginWithSmsCode(identity: SiteIdentity, code: string) {
  return http.post<LoginAnswer>('/api/auth/sms-login', { ...identity, code }, LOGIN)
}

/** The site user's contracts, or the one with this 合同信息报编号. */
export function listSiteContracts(reportNo?: string) {
  return http.get<{ items: SiteContract[] }>('/api/auth/contracts', { params: { report_no: reportNo } })
}

/** Enters the contract; the answer is the session's new identity. */
export function chooseContract(contractId: Id) {
  return http.post<{ me: Me }>('/api/auth/contract', { contract_id: contractId })
}

/** Authority and admin accounts: the caller shows 422's per-field reasons itself. */
export function changePassword(oldPassword: string, newPassword: string) {
  return http.post<{ ok: boolean }>('/api/auth/password/change',
    { old_password: oldPassword, new_password: newPassword }, { handled: [422] })
}

export function logout() {
  return http.post<unknown>('/api/auth/logout', {}, { authRedirect: false, handled: true })
}
