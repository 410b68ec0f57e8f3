// Validation of 竣工评价监督信息登记 (监督机构): 监督意见 required, 结论 chosen.
import type { FormRules } from 'element-plus'
import type { Grade } from '@/utils/dict'
import { choiceRules, textRules } from '@/utils/rules'
import { MAX_TEXT_LENGTH } from '../shared/rule'

export interface CompletionRegisterForm {
  opinion: string
  conclusion: Grade | ''
}

export const completionRegisterRules: FormRules = {
  opinion: textRules('请填写监督意见', MAX_TEXT_LENGTH),
  conclusion: choiceRules('请选择结论'),
}
