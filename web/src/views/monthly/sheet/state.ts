// The 打分表 in the browser: the template flattened into one row per clause (with the row spans of
// its check item and sub-item), a sheet's ticks as editable state, and the comparison of two sheets.
// Scores are never computed here: n, points and totals come from the server's result.
import { reactive } from 'vue'
import type { ResultDeduction, ResultItem, SheetInput, SheetKind, SheetResult } from '@/api/monthly'
import type { ScoringTemplate, TemplateCheckItem, TemplateClause, TemplateSubItem } from '@/api/registry'

/** One clause of the template, with what the merged 检查项目 and 分项 cells need. */
export interface SheetRow {
  key: string
  checkItem: TemplateCheckItem
  subItem: TemplateSubItem
  clause: TemplateClause
  /** Rows of the check item / sub-item, on their first row; 0 on the others (merged away). */
  checkItemSpan: number
  subItemSpan: number
}

export function flattenTemplate(template: ScoringTemplate): SheetRow[] {
  const rows: SheetRow[] = []
  for (const checkItem of template.check_items) {
    const itemRows = checkItem.sub_items.reduce((n, s) => n + s.clauses.length, 0)
    checkItem.sub_items.forEach((subItem, si) => {
      subItem.clauses.forEach((clause, ci) => {
        rows.push({
          key: clause.code,
          checkItem,
          subItem,
          clause,
          checkItemSpan: si === 0 && ci === 0 ? itemRows : 0,
          subItemSpan: ci === 0 ? subItem.clauses.length : 0,
        })
      })
    })
  }
  return rows
}

/** A sheet's ticks and texts as the page edits them (keyed by check item / clause code). */
export interface SheetState {
  notApplicable: Record<string, boolean>
  deducted: Record<string, boolean>
  problem: Record<string, string>
}

export function sheetState(sheet: SheetInput | null): SheetState {
  const state = reactive<SheetState>({ notApplicable: {}, deducted: {}, problem: {} })
  if (sheet) assignSheet(state, sheet)
  return state
}

/** Replaces the state's content with a stored sheet's. */
export function assignSheet(state: SheetState, sheet: SheetInput): void {
  state.notApplicable = Object.fromEntries(sheet.not_applicable.map((code) => [code, true]))
  state.deducted = Object.fromEntries(sheet.deductions.map((d) => [d.clause, true]))
  state.problem = Object.fromEntries(sheet.deductions.map((d) => [d.clause, d.problem]))
}

/** Whether a sheet deducts the clause (the clauses of a not-applicable check item are not deducted). */
export function deducts(state: SheetState, item: string, clause: string): boolean {
  return !state.notApplicable[item] && Boolean(state.deducted[clause])
}

/**
 * "只看已扣分" (the phone's cards and the desktop's table alike): the template cut down to the clauses that
 * one of the sheets shown deducts, with their sub-items and check items.
 */
export function deductedPart(template: ScoringTemplate, states: SheetState[]): ScoringTemplate {
  const kept = (item: TemplateCheckItem, clause: TemplateClause) => states.some((s) => deducts(s, item.code, clause.code))
  const check_items = template.check_items
    .map((item) => ({
      ...item,
      sub_items: item.sub_items
        .map((sub) => ({ ...sub, clauses: sub.clauses.filter((c) => kept(item, c)) }))
        .filter((sub) => sub.clauses.length > 0),
    }))
    .filter((item) => item.sub_items.length > 0)
  return { ...template, check_items }
}

/** What a save (or preview) sends: ticked clauses with their texts, in the template's order. */
export function sheetInput(state: SheetState, template: ScoringTemplate): SheetInput {
  const input: SheetInput = { not_applicable: [], deductions: [] }
  for (const item of template.check_items) {
    if (state.notApplicable[item.code]) {
      input.not_applicable.push(item.code)
      continue
    }
    for (const sub of item.sub_items) {
      for (const clause of sub.clauses) {
        if (state.deducted[clause.code]) {
          input.deductions.push({ clause: clause.code, problem: (state.problem[clause.code] ?? '').trim() })
        }
      }
    }
  }
  return input
}

/** The part of a sheet that changes its score: which items are out and which clauses are ticked. */
export function scoringKey(input: SheetInput): string {
  return JSON.stringify([input.not_applicable, input.deductions.map((d) => d.clause)])
}

/** A sheet's columns in the 打分表. */
export type SheetField = 'deducted' | 'problem' | 'n' | 'points' | 'na' | 'possible' | 'actual'

/**
 * One sheet as the table shows it: its state, and its (server) result indexed for the cells. The page
 * keeps one per sheet; `editable` and the result follow the record (getters over reactive state).
 */
export interface SheetPane {
  readonly kind: SheetKind
  readonly title: string
  readonly editable: boolean
  readonly state: SheetState
  /** Validation messages under 问题描述, by clause. */
  readonly errors: Record<string, string>
  readonly result: SheetResult | null
  readonly byClause: Map<string, ResultDeduction>
  readonly byItem: Map<string, ResultItem>
}

export function indexResult(result: SheetResult | null) {
  return {
    byClause: new Map((result?.deductions ?? []).map((d) => [d.clause, d])),
    byItem: new Map((result?.items ?? []).map((i) => [i.code, i])),
  }
}

/** Whether the review's 是否扣分 (or its item's 不参与评价) differs from the self-sheet's on this row. */
export function tickDiffers(a: SheetState, b: SheetState, row: SheetRow): boolean {
  const item = row.checkItem.code
  if (Boolean(a.notApplicable[item]) !== Boolean(b.notApplicable[item])) return true
  return Boolean(a.deducted[row.key]) !== Boolean(b.deducted[row.key])
}

/** Both sheets deduct the clause, with different problem texts. */
export function problemDiffers(a: SheetState, b: SheetState, clause: string): boolean {
  return Boolean(a.deducted[clause] && b.deducted[clause]) &&
    (a.problem[clause] ?? '').trim() !== (b.problem[clause] ?? '').trim()
}

/** A sheet as the local draft keeps it: like sheetInput, with the texts exactly as typed. */
export function draftInput(state: SheetState, template: ScoringTemplate): SheetInput {
  const input: SheetInput = { not_applicable: [], deductions: [] }
  for (const item of template.check_items) {
    if (state.notApplicable[item.code]) input.not_applicable.push(item.code)
    for (const sub of item.sub_items) {
      for (const clause of sub.clauses) {
        if (state.deducted[clause.code]) input.deductions.push({ clause: clause.code, problem: state.problem[clause.code] ?? '' })
      }
    }
  }
  return input
}

/** One difference of a draft from the server's sheet, as the restore dialog lists it. */
export interface SheetChange {
  code: string
  text: string
  change: string
}

/** What restoring `draft` would change in `server` (empty: nothing; the draft is not worth offering). */
export function sheetChanges(server: SheetInput, draft: SheetInput, template: ScoringTemplate): SheetChange[] {
  const changes: SheetChange[] = []
  const na = (s: SheetInput) => new Set(s.not_applicable)
  const ticks = (s: SheetInput) => new Map(s.deductions.map((d) => [d.clause, d.problem.trim()]))
  const [naBefore, naAfter] = [na(server), na(draft)]
  const [before, after] = [ticks(server), ticks(draft)]
  for (const item of template.check_items) {
    if (naBefore.has(item.code) !== naAfter.has(item.code)) {
      changes.push({ code: item.code, text: item.name, change: naAfter.has(item.code) ? '设为不参与评价' : '取消不参与评价' })
    }
    if (naAfter.has(item.code)) continue
    for (const sub of item.sub_items) {
      for (const clause of sub.clauses) {
        const [was, now] = [before.get(clause.code), after.get(clause.code)]
        let change = ''
        if (was === undefined && now !== undefined) change = now ? `勾选扣分：${now}` : '勾选扣分'
        else if (was !== undefined && now === undefined) change = '取消扣分'
        else if (was !== undefined && now !== undefined && was !== now) change = `问题描述改为：${now || '（空）'}`
        if (change) changes.push({ code: clause.code, text: clause.text, change })
      }
    }
  }
  return changes
}
