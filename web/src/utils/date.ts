// Calendar helpers of the forms: today in Shanghai (dates may not lie in the future), a picker's
// local Date as YYYY-MM-DD, and quarters (YYYY-Qn) to and from dates.

const shanghaiDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
})

/** Today's date in Shanghai, YYYY-MM-DD (the server's calendar, whatever the browser's zone). */
export function shanghaiToday(): string {
  return shanghaiDate.format(new Date())
}

/** A picker's Date (local midnight of the chosen day) as YYYY-MM-DD. */
export function localDateText(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** For a date picker's `disabled-date`: days after today (Shanghai) cannot be chosen. */
export function isAfterToday(date: Date): boolean {
  return localDateText(date) > shanghaiToday()
}

/** For a date picker's `disabled-date` where only later days may be chosen (a deadline): today and before. */
export function isNotAfterToday(date: Date): boolean {
  return localDateText(date) <= shanghaiToday()
}

/** The local Date of the day `days` after today in Shanghai (a deadline picker's shortcut). */
export function daysFromToday(days: number): Date {
  const [y, m, d] = shanghaiToday().split('-').map(Number)
  return new Date(y, m - 1, d + days)
}

const QUARTER = /^(\d{4})-Q([1-4])$/

/** "2026-Q2" → the local Date of its first day (a quarter picker's value); invalid → null. */
export function quarterToDate(quarter: string): Date | null {
  const match = QUARTER.exec(quarter)
  return match ? new Date(Number(match[1]), (Number(match[2]) - 1) * 3, 1) : null
}

/** A Date (any day of the quarter) → "2026-Q2". */
export function dateToQuarter(date: Date): string {
  return `${date.getFullYear()}-Q${Math.floor(date.getMonth() / 3) + 1}`
}
