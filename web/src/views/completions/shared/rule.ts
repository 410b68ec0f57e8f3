// Validation of the contractor's completion fields (竣工评价申请 and 再次提交复核): 竣工日期 not in the future
// and not before acceptance, 竣工验收信息 and 自评情况 required, each within what the server keeps.
import type { FormRules } from 'element-plus'
import type { CompletionInput } from '@/api/completions'
import { pastDateRules, textRules } from '@/utils/rules'

export const MAX_TEXT_LENGTH = 2000

export type CompletionForm = CompletionInput

export function emptyCompletionForm(): CompletionForm {
  return { completion_date: '', acceptance_info: '', self_assessment: '' }
}

/** `acceptedOn()`: the acceptance date (YYYY-MM-DD) when known; the completion date may not precede it. */
export function completionRules(acceptedOn: () => string | null = () => null): FormRules {
  return {
    completion_date: pastDateRules('竣工日期', () => {
      const date = acceptedOn()
      return date ? { date, what: '受理日期' } : null
    }),
    acceptance_info: textRules('请填写竣工验收信息', MAX_TEXT_LENGTH),
    self_assessment: textRules('请填写自评情况', MAX_TEXT_LENGTH),
  }
}

/** The trimmed values sent. */
export function completionInput(form: CompletionForm): CompletionInput {
  return {
    completion_date: form.completion_date,
    acceptance_info: form.acceptance_info.trim(),
    self_assessment: form.self_assessment.trim(),
  }
}
