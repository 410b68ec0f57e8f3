// The comparison in the browser: the answer's check items → sub-items → clauses as tree rows, the
// authority's findings as editable state, what a save sends, and the agreement rates recomputed as the
// user ticks (the server's rule: a clause conforms on a sheet when the sheet does not deduct it).
import { reactive } from 'vue'
import type { FindingInput, SpotCheckItem, SpotCheckView, SpotClause } from '@/api/spotChecks'
import { rateHundredths } from '../shared'

export type RowLevel = 'item' | 'sub' | 'clause'

/** One row of the tree table: a check item, a sub-item (both with children) or a clause. */
export interface CompareRow {
  /** Unique across levels (clause codes as they are; items and sub-items prefixed). */
  key: string
  level: RowLevel
  code: string
  /** The item's or sub-item's name, the clause's text. */
  label: string
  item: SpotCheckItem
  clause?: SpotClause
  children?: CompareRow[]
}

export function clausesOf(view: SpotCheckView | null): SpotClause[] {
  return (view?.items ?? []).flatMap((item) => item.sub_items.flatMap((sub) => sub.clauses))
}

/** The tree; `keep` (when given) leaves out clauses it refuses and then sub-items and items left empty. */
export function buildRows(view: SpotCheckView | null, keep?: (clause: SpotClause) => boolean): CompareRow[] {
  const rows: CompareRow[] = []
  for (const item of view?.items ?? []) {
    const subs: CompareRow[] = []
    for (const sub of item.sub_items) {
      const clauses = sub.clauses.filter((c) => !keep || keep(c)).map((clause): CompareRow => ({
        key: clause.code, level: 'clause', code: clause.code, label: clause.text, item, clause,
      }))
      if (keep && clauses.length === 0) continue
      subs.push({ key: `sub:${sub.code}`, level: 'sub', code: sub.code, label: sub.name, item, children: clauses })
    }
    if (keep && subs.length === 0) continue
    rows.push({ key: `item:${item.code}`, level: 'item', code: item.code, label: item.name, item, children: subs })
  }
  return rows
}

/** The authority's findings as the page edits them, by clause code. */
export interface FindingState {
  conforms: Record<string, boolean>
  note: Record<string, string>
}

export function findingState(): FindingState {
  return reactive<FindingState>({ conforms: {}, note: {} })
}

/** Replaces the state with the answer's findings (a clause without a saved finding conforms). */
export function assignFindings(state: FindingState, view: SpotCheckView): void {
  const clauses = clausesOf(view)
  state.conforms = Object.fromEntries(clauses.map((c) => [c.code, c.authority.conforms]))
  state.note = Object.fromEntries(clauses.map((c) => [c.code, c.authority.note ?? '']))
}

export function authorityConforms(state: FindingState, code: string): boolean {
  return state.conforms[code] !== false
}

/** What a save sends: the clauses found not conforming or carrying a note, in the template's order. */
export function findingsInput(state: FindingState, view: SpotCheckView | null): FindingInput[] {
  const findings: FindingInput[] = []
  for (const clause of clausesOf(view)) {
    const conforms = authorityConforms(state, clause.code)
    const note = (state.note[clause.code] ?? '').trim()
    if (!conforms || note) findings.push({ clause: clause.code, conforms, note })
  }
  return findings
}

export function selfConforms(clause: SpotClause): boolean {
  return !clause.self.deducted
}

/** Null without a review sheet. */
export function reviewConforms(clause: SpotClause): boolean | null {
  return clause.review ? !clause.review.deducted : null
}

/** Which sheets the authority's finding contradicts on this clause. */
export function disagreement(state: FindingState, clause: SpotClause): { self: boolean; review: boolean } {
  const authority = authorityConforms(state, clause.code)
  const review = reviewConforms(clause)
  return { self: selfConforms(clause) !== authority, review: review !== null && review !== authority }
}

/** One sheet's agreement in the page's terms: clauses agreed and the rate in hundredths of a percent. */
export interface LiveRate {
  agree: number
  hundredths: number
}

export interface LiveAgreement {
  clauses: number
  self: LiveRate
  /** Null without a review sheet. */
  review: LiveRate | null
}

/** The agreement rates for the findings shown (the same rule and rounding as the server's). */
export function liveAgreement(state: FindingState, view: SpotCheckView | null): LiveAgreement {
  const clauses = clausesOf(view)
  const total = clauses.length
  let selfAgree = 0
  let reviewAgree = 0
  let reviewed = false
  for (const clause of clauses) {
    const differs = disagreement(state, clause)
    if (!differs.self) selfAgree++
    if (clause.review) {
      reviewed = true
      if (!differs.review) reviewAgree++
    }
  }
  return {
    clauses: total,
    self: { agree: selfAgree, hundredths: rateHundredths(selfAgree, total) },
    review: reviewed ? { agree: reviewAgree, hundredths: rateHundredths(reviewAgree, total) } : null,
  }
}

/** The findings as the local draft keeps them: every clause's, with the notes exactly as typed. */
export function draftFindings(state: FindingState, view: SpotCheckView | null): FindingInput[] {
  return clausesOf(view).map((c) => ({ clause: c.code, conforms: authorityConforms(state, c.code), note: state.note[c.code] ?? '' }))
}

export function assignDraft(state: FindingState, findings: FindingInput[]): void {
  for (const f of findings) {
    state.conforms[f.clause] = f.conforms
    state.note[f.clause] = f.note
  }
}

/** What restoring the draft would change in the findings shown (the restore dialog's list). */
export function findingChanges(state: FindingState, view: SpotCheckView | null, draft: FindingInput[]) {
  const byCode = new Map(clausesOf(view).map((c) => [c.code, c]))
  const changes: { code: string; text: string; change: string }[] = []
  for (const f of draft) {
    const clause = byCode.get(f.clause)
    if (!clause) continue
    const parts: string[] = []
    if (authorityConforms(state, f.clause) !== f.conforms) parts.push(f.conforms ? '改为符合' : '改为不符合')
    if ((state.note[f.clause] ?? '').trim() !== f.note.trim()) parts.push(`备注改为：${f.note.trim() || '（空）'}`)
    if (parts.length) changes.push({ code: f.clause, text: clause.text, change: parts.join('；') })
  }
  return changes
}
