// Client-side format check of a mainland ID-card number (GB 11643-1999, ISO 7064 MOD 11-2).
// It only spares the user a round trip; the server's registry match is the authority.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** Upper-cases a trailing x and drops surrounding blanks. */
export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase()
}

/** Why the number is not a well-formed 18-character ID-card number, or null when it is. */
export function idNumberProblem(raw: string): string | null {
  const value = normalizeIdNumber(raw)
  if (value.length !== 18) return '身份证号应为 18 位'
  if (!/^\d{17}[\dX]$/.test(value)) return '身份证号前 17 位应为数字，末位为数字或 X'
  const year = Number(value.slice(6, 10))
  const month = Number(value.slice(10, 12))
  const day = Number(value.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  if (
    year < 1900 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > Date.now()
  ) {
    return '身份证号中的出生日期无效'
  }
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * WEIGHTS[i]
  if (CHECK_CHARS[sum % 11] !== value[17]) return '身份证号校验位不正确'
  return null
}
