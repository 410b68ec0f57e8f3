// Validation of 下发整改指令单: the project, the kind, a deadline after today, the 复查人 and 依据 within their
// lengths, and every added item's problem (its clause is optional). The server checks the same and answers 422
// per field (`items[0].problem`, `deadline`, …).
import type { FormItemRule, FormRules } from 'element-plus'
import type { RectificationKind } from '@/api/rectifications'
import type { Id } from '@/api/auth'
import { choiceRules, futureDateRules, textRules } from '@/utils/rules'

export const MAX_PROBLEM_LENGTH = 500
export const MAX_BASIS_LENGTH = 500
export const MAX_RECHECK_BY_LENGTH = 50

export interface IssueItemRow {
  /** Stable key of the row (rows come and go). */
  key: number
  /** A clause code of the template, or ''. */
  clause: string
  problem: string
}

export interface IssueForm {
  declaration_id: Id | ''
  kind: RectificationKind
  deadline: string
  recheck_by: string
  basis: string
  items: IssueItemRow[]
}

export function issueRules(): FormRules {
  return {
    declaration_id: choiceRules('请选择工程'),
    kind: choiceRules('请选择整改类型'),
    deadline: futureDateRules('整改期限'),
    recheck_by: textRules('请填写复查人', MAX_RECHECK_BY_LENGTH, () => false),
    basis: textRules('', MAX_BASIS_LENGTH, () => false),
  }
}

/** An added item's problem (the rules of `items.N.problem`). */
export const problemRules: FormItemRule[] = textRules('请填写问题描述', MAX_PROBLEM_LENGTH)

/** The server's 422 field path (`items[0].problem`) as the form's prop (`items.0.problem`). */
export function formProp(field: string): string {
  return field.replace(/^\$\./, '').replace(/\[(\d+)\]/g, '.$1')
}
