// Validation of 申报复核 (监理企业): the supervision manager when changed, and the opinion that 退回 requires.
import type { FormRules } from 'element-plus'
import { managerMobileRules, managerNameRules, opinionRules } from '../shared/rule'

export interface ReviewForm {
  supervision_manager: { name: string; mobile: string }
  opinion: string
}

/** `returning()`: the opinion is required (退回); `sendsManager()`: the manager was changed. */
export function reviewRules(returning: () => boolean, sendsManager: () => boolean): FormRules {
  return {
    'supervision_manager.name': managerNameRules('监理项目负责人', sendsManager),
    'supervision_manager.mobile': managerMobileRules('监理项目负责人', sendsManager),
    opinion: opinionRules(returning, '退回时请填写退回意见'),
  }
}
