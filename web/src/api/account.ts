// The signed-in account's own security: enrolling a second factor (TOTP authenticator app).
import { http } from '@/utils/request'
import type { Me } from '@/api/auth'

/** A new, unconfirmed TOTP key and its QR code (`rows[y][x] === '1'`: a dark module). */
export interface Enrolment {
  /** Base32, for typing into the app by hand. */
  secret: string
  otpauth_uri: string
  qr: { size: number; rows: string[] }
}

export interface EnrolmentConfirmed {
  /** Shown once; each may be used once instead of a code. */
  recovery_codes: string[]
  me: Me
}

/** Starts (or restarts: replaces an unconfirmed one) an enrolment. */
export function enrolSecondFactor() {
  return http.post<Enrolment>('/api/account/second-factor/enrol', {})
}

/** The app's first code: the factor is on. The caller shows a wrong code (401/422) under its field. */
export function confirmSecondFactor(code: string) {
  return http.post<EnrolmentConfirmed>('/api/account/second-factor/confirm', { code },
    { authRedirect: false, handled: [401, 422] })
}
