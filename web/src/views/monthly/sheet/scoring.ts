// The monthly score of a sheet, computed in the page while the user ticks (SPEC §3.4), so the new
// score shows at once; every save is scored again by the server, whose result then replaces this one.
// The rule of what the n-th occurrence deducts is not written here: it is the server's own table
// (domain::scoring::kOccurrenceRules), sent in the dictionary (`scoring.occurrences`). Everything is
// integer thousandths of a point, as on the server, and rounds once, half up, at the very end.
import type { OccurrenceRule } from '@/api/dictionary'
import type { ResultDeduction, ResultItem, SheetInput, SheetResult } from '@/api/monthly'
import type { ScoringTemplate } from '@/api/registry'

/** For each clause: how many earlier months of the declaration deducted it (the server's `history`). */
export type ClauseHistory = Record<string, number>

/** A score with two decimals (as the template and the API give them) in thousandths. */
const milli = (points: number) => Math.round(points * 100) * 10

/** What the n-th occurrence deducts, in thousandths; null when the table has no rule for it. */
export function deductionFor(n: number, subItemScore: number, standardScore: number, rules: OccurrenceRule[]): number | null {
  let rule: OccurrenceRule | undefined
  for (const r of rules) if (n >= r.from_n) rule = r
  if (!rule) return null
  const base = rule.basis === 'sub_item' ? subItemScore : standardScore
  return (milli(base) * rule.percent) / 100
}

/**
 * The sheet's result in the API's shape, or null when the page cannot score it alone (no rule table
 * yet, a clause the template lacks, every item not applicable): then the server's preview decides.
 */
export function scoreSheet(template: ScoringTemplate, input: SheetInput, history: ClauseHistory, rules: OccurrenceRule[]): SheetResult | null {
  if (!rules.length) return null
  const notApplicable = new Set(input.not_applicable)
  const problems = new Map(input.deductions.map((d) => [d.clause, d.problem]))
  const items: ResultItem[] = []
  const deductions: ResultDeduction[] = []
  let possible = 0
  let actual = 0
  let seen = 0
  for (const item of template.check_items) {
    const na = notApplicable.has(item.code)
    const standard = na ? 0 : milli(item.standard_score)
    let deducted = 0
    for (const sub of item.sub_items)
      for (const clause of sub.clauses) {
        if (!problems.has(clause.code)) continue
        seen++
        if (na) return null // the server refuses a deduction inside an item that does not take part
        const n = 1 + (history[clause.code] ?? 0)
        const points = deductionFor(n, sub.score, item.standard_score, rules)
        if (points === null) return null
        deducted += points
        deductions.push({ clause: clause.code, sub_item: sub.code, check_item: item.code, problem: problems.get(clause.code) ?? '', n, points: points / 1000 })
      }
    const itemActual = deducted >= standard ? 0 : standard - deducted
    possible += standard
    actual += itemActual
    items.push({ code: item.code, name: item.name, not_applicable: na, standard: standard / 1000, deducted: deducted / 1000, actual: itemActual / 1000 })
  }
  if (seen !== problems.size || possible <= 0) return null
  // round(actual × 10000 / possible) in hundredths, half up (both non-negative integers).
  const hundredths = Math.floor((2 * actual * 10000 + possible) / (2 * possible))
  return { score: hundredths / 100, possible: possible / 1000, actual: actual / 1000, items, deductions }
}
