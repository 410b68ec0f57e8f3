// Validation of 受理 (监督机构): 是否受理 chosen; 受理意见 required when 否 (the declaration goes back).
import type { FormRules } from 'element-plus'
import { starred } from '@/utils/rules'
import { opinionRules } from '../shared/rule'

export interface AcceptForm {
  accept: boolean | undefined
  opinion: string
}

export function acceptRules(form: AcceptForm): FormRules {
  return {
    accept: [starred({
      trigger: 'change',
      validator: (_r, value: boolean | undefined, callback) => callback(value === undefined ? new Error('请选择是否受理') : undefined),
    })],
    opinion: opinionRules(() => form.accept === false, '不予受理时请填写受理意见'),
  }
}
