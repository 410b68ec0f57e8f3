// The second factor's inputs: a 6-digit TOTP code (typed or pasted with spaces) and a recovery code.

/** Digits only: "123 456" pasted from an app reads as "123456". */
export function normalizeTotpCode(value: string): string {
  return value.replace(/\D/g, '').slice(0, 6)
}

export function totpCodeProblem(code: string): string | null {
  if (!code) return '请输入 6 位动态口令'
  return /^\d{6}$/.test(code) ? null : '动态口令为 6 位数字'
}

/** A recovery code as typed: spaces dropped (the server decides whether it is one). */
export function normalizeRecoveryCode(value: string): string {
  return value.replace(/\s/g, '')
}

export function recoveryCodeProblem(code: string): string | null {
  if (!code) return '请输入恢复码'
  return code.length > 20 ? '恢复码过长' : null
}

/** A base32 secret in groups of 4, easier to type by hand: "JBSW Y3DP EHPK 3PXP". */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s|=/g, '').match(/.{1,4}/g) ?? []).join(' ')
}
