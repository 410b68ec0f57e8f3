// Validation of the contractor's request: 中止原因 / 终止原因 required (恢复's 说明 optional), within what
// the server keeps; 中止日期 / 恢复日期 not in the future and not before the date the page knows of (the
// acceptance, or the start of the suspension being ended). The server checks the rest, per field.
import type { FormRules } from 'element-plus'
import { pastDateRules, textRules } from '@/utils/rules'
import { KINDS, MAX_TEXT_LENGTH, type RequestKind } from '../shared/workflows'

export interface RequestForm {
  reason: string
  /** YYYY-MM-DD; unused for 终止. */
  date: string
}

export function requestRules(kind: RequestKind, notBefore: () => { date: string; what: string } | null): FormRules {
  const { reasonLabel, reasonRequired, dateLabel } = KINDS[kind]
  const rules: FormRules = { reason: textRules(`请填写${reasonLabel}`, MAX_TEXT_LENGTH, () => reasonRequired) }
  if (dateLabel) rules.date = pastDateRules(dateLabel, notBefore)
  return rules
}
