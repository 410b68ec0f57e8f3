// Validation of 季度评价监督信息登记 (监督机构): 监督检查日期 (not in the future), 监督人员, 监督意见 and 结论,
// within the lengths the server keeps (it checks the same and answers 422 per field).
import type { FormRules } from 'element-plus'
import type { Grade } from '@/utils/dict'
import { choiceRules, pastDateRules, textRules } from '@/utils/rules'

export const MAX_INSPECTORS_LENGTH = 200
export const MAX_OPINION_LENGTH = 2000

export interface QuarterlyRegisterForm {
  /** YYYY-MM-DD */
  inspection_date: string
  inspectors: string
  opinion: string
  conclusion: Grade | ''
}

export const quarterlyRegisterRules: FormRules = {
  inspection_date: pastDateRules('监督检查日期'),
  inspectors: textRules('请填写监督人员', MAX_INSPECTORS_LENGTH),
  opinion: textRules('请填写监督意见', MAX_OPINION_LENGTH),
  conclusion: choiceRules('请选择结论'),
}
