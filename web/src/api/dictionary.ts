// The dictionary (GET /api/dictionary): every label and tag colour the UI shows for the workflows' states and
// actions, the roles, the grades, the kinds of lateness and of to-do item — read from the server's workflow
// specs, so the client keeps no copy of its own. No session needed; the same answer for everyone (ETag).
import { http } from '@/utils/request'

/** An Element Plus tag type. */
export type DictionaryTag = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export interface DictionaryEntry {
  code: string
  label: string
}

export interface DictionaryState extends DictionaryEntry {
  tag: DictionaryTag
}

export interface DictionaryAction extends DictionaryEntry {
  opinion_required: boolean
  /** The roles that may take it. */
  roles: string[]
}

export interface DictionaryWorkflow {
  /** 申报, 月度评价 … */
  name: string
  /** In the workflow's order (the 状态 filters list them so). */
  states: DictionaryState[]
  actions: DictionaryAction[]
}

/** What the n-th occurrence of a clause deducts (SPEC §3.4), from `from_n` on until the next rule's. */
export interface OccurrenceRule {
  from_n: number
  basis: 'sub_item' | 'check_item'
  percent: number
}

export interface Dictionary {
  /** Every role, in the platform's order. */
  roles: DictionaryEntry[]
  /**
   * declaration, management, monthly_evaluation, quarterly_registration, completion, termination, spot_check,
   * suspension and resumption (a 中止 or 恢复 request's labels), request (their kind-independent labels).
   */
  workflows: Record<string, DictionaryWorkflow>
  grades: DictionaryState[]
  lateness: DictionaryState[]
  task_kinds: DictionaryEntry[]
  /** SPEC §3.4's deduction of a clause's n-th occurrence, from the server's own table (absent before issue 26). */
  scoring?: { occurrences: OccurrenceRule[] }
}

/**
 * Reads the dictionary. The browser revalidates its cached copy with the ETag (a 304 costs no body);
 * errors are the caller's (it falls back on the last good copy).
 */
export function getDictionary(timeout?: number): Promise<Dictionary> {
  return http.get<Dictionary>('/api/dictionary', { handled: true, authRedirect: false, timeout })
}
