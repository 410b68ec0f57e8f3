// Validation of 竣工复核 (监理机构): 复核意见 同意/不同意 chosen, and the opinion required when 不同意 (it goes
// back to the contractor with it). The contractor's fields for 再次提交复核: ../shared/rule.
import type { FormRules } from 'element-plus'
import { choiceRules, textRules } from '@/utils/rules'
import { MAX_TEXT_LENGTH } from '../shared/rule'

export interface ReviewForm {
  agree: boolean | undefined
  opinion: string
}

export function reviewRules(form: ReviewForm): FormRules {
  return {
    agree: choiceRules('请选择复核意见'),
    opinion: textRules('复核意见为“不同意”时请填写意见说明', MAX_TEXT_LENGTH, () => form.agree === false),
  }
}
