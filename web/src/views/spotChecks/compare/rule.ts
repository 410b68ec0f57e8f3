// Validation of the authority's findings before a save: a note (备注) is optional, at most 500 characters
// (the server checks the same and answers 422 per JSON path, e.g. `$.findings[3].note`).
import type { FindingInput } from '@/api/spotChecks'

export const MAX_NOTE_LENGTH = 500

/** The message under one clause's 备注, or '' when it is fine. */
export function noteError(note: string | undefined): string {
  // Characters as the server counts them (code points), not UTF-16 units.
  return [...(note ?? '').trim()].length > MAX_NOTE_LENGTH ? `备注不能超过 ${MAX_NOTE_LENGTH} 个字符` : ''
}

/** Every note's message, by clause code (empty when the findings may be saved). */
export function findingErrors(findings: FindingInput[]): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const f of findings) {
    const message = noteError(f.note)
    if (message) errors[f.clause] = message
  }
  return errors
}

/** The server's 422 field path (`$.findings[3].note`) → the clause it names. */
export function clauseOfField(field: string, sent: FindingInput[]): string | null {
  const index = /findings\[(\d+)\]/.exec(field)
  return index ? sent[Number(index[1])]?.clause ?? null : null
}
