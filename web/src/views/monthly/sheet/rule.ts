// Validation of a sheet before it is saved: every ticked clause needs its problem text (扣减分项的问题),
// within the length the server keeps. The server checks the same and answers 422 per field.
import type { SheetInput } from '@/api/monthly'

export const MAX_PROBLEM_LENGTH = 500

export const PROBLEM_REQUIRED = '请填写扣分的问题描述'

/** The message under one clause's 问题描述, or '' when it is fine (or not ticked). */
export function problemError(deducted: boolean, problem: string | undefined): string {
  if (!deducted) return ''
  const text = (problem ?? '').trim()
  if (!text) return PROBLEM_REQUIRED
  if (text.length > MAX_PROBLEM_LENGTH) return `问题描述不能超过 ${MAX_PROBLEM_LENGTH} 个字符`
  return ''
}

/** Every ticked clause's message, by clause code (empty when the sheet may be saved). */
export function sheetErrors(input: SheetInput): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const d of input.deductions) {
    const message = problemError(true, d.problem)
    if (message) errors[d.clause] = message
  }
  return errors
}

/** The server's 422 field path for a sheet (`deductions[3].problem`) → the clause it names. */
export function clauseOfField(field: string, sent: SheetInput): string | null {
  const index = /^deductions\[(\d+)\]/.exec(field)
  return index ? sent.deductions[Number(index[1])]?.clause ?? null : null
}
