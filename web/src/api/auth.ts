// Authentication API: the three ways in (certificate, site SMS, password), the password login's setup
// stage (second factor, forced password change), the site user's contract choice, the current session
// (`/api/me`) and logout.
import { http } from '@/utils/request'
import type { Role, SetupStage } from '@/utils/dict'

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
  /** Password logins: what is left before the session is whole; null (or absent) when it is. */
  setup?: SetupStage | null
  /** Password accounts: an initial or reset password, to be changed (else a change_password stage means expired). */
  must_change_password?: boolean
  /** Password accounts: the second factor (TOTP). */
  second_factor?: SecondFactorState
  /**
   * 企业办事员 (a clerk acting for the enterprise, logged in by SMS): the actions his certificate holder gave
   * him (declare, monthly, apply, rectify, review). Absent for everyone else.
   */
  clerk?: { id: Id; actions: ClerkAction[] } | null
  /** Password accounts: when the password expires (ISO instant); null: it does not. */
  password_expires_at?: string | null
  /** True in the last days before `password_expires_at`. */
  password_expiry_warning?: boolean
  csrf_token: string
}

export interface SecondFactorState {
  enrolled: boolean
  /** The policy requires one (the login's setup asks for an enrolment). */
  required: boolean
  recovery_codes_left: number
}

/** The answer of each setup step: the session's new identity (`me.setup` moved on). */
export interface MeAnswer {
  me: Me
}

/** The contract a site user works in (`me.contract`). */
export interface MeContract {
  id: Id
  report_no?: string
  kind?: string
  project_id?: Id
  project_name?: string
  registration_no?: string
  /** The project's declaration as the site user sees it; null while there is none (issue 26: say why the
   *  lists are empty). Absent from servers before it. */
  declaration?: { status: string; status_label: string } | null
}

export interface LoginAnswer {
  token: string
  me: Me
}

export type SiteRole = Extract<Role, 'site_contractor' | 'site_supervisor'>
/** Who logs in by SMS: a site user of either kind, or an enterprise's clerk (企业办事员). */
export type SmsRole = SiteRole | 'clerk'
/** What a clerk may do besides reading (the server's ClerkAction codes). */
export type ClerkAction = 'declare' | 'monthly' | 'apply' | 'rectify' | 'review'

export interface SiteIdentity {
  role: SmsRole
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

/**
 * The setup stage second_factor: a 6-digit TOTP code or a recovery code. A wrong code is 401 (not an expired
 * session: no re-login prompt), 5 wrong codes lock the account (423, the session ends); the caller shows both.
 */
export function verifySecondFactor(answer: { code: string } | { recovery_code: string }) {
  return http.post<MeAnswer>('/api/auth/second-factor', answer, { authRedirect: false, handled: [401, 422, 423, 429] })
}

/** Password accounts (also the setup stage change_password): the caller shows 422's per-field reasons itself. */
export function changePassword(oldPassword: string, newPassword: string) {
  return http.post<{ ok: boolean; me?: Me }>('/api/auth/password/change',
    { old_password: oldPassword, new_password: newPassword }, { handled: [422] })
}

export function logout() {
  return http.post<unknown>('/api/auth/logout', {}, { authRedirect: false, handled: true })
}
