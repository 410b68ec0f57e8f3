// Validation of the 申报 form: a project, 质量目标, plan dates (finish not before start), 工程概况
// within 2000 characters, and both managers (name + full mobile) whenever they are to be sent.
import type { FormRules } from 'element-plus'
import { starred } from '@/utils/rules'
import { managerMobileRules, managerNameRules } from '../shared/rule'

export const MAX_OVERVIEW_LENGTH = 2000
export const MAX_QUALITY_TARGET_LENGTH = 50

export interface ManagerFields {
  name: string
  mobile: string
}

export interface DeclarationForm {
  project_id: string | number | ''
  quality_target: string
  planned_start: string
  planned_finish: string
  overview: string
  contractor_manager: ManagerFields
  supervision_manager: ManagerFields
}

/**
 * `sendsManager(side)` says whether the manager will be sent (always on create; on edit only when
 * the user has changed it) — only then are its name and mobile required.
 */
export function declarationFormRules(
  form: DeclarationForm,
  creating: () => boolean,
  sendsManager: (side: 'contractor_manager' | 'supervision_manager') => boolean,
): FormRules {
  return {
    project_id: [starred({
      trigger: 'change',
      validator: (_r, value, callback) => callback(creating() && !value ? new Error('请选择申报的工程') : undefined),
    }, creating)],
    quality_target: [
      { required: true, message: '请选择或输入质量目标', trigger: 'change' },
      { max: MAX_QUALITY_TARGET_LENGTH, message: `质量目标不能超过 ${MAX_QUALITY_TARGET_LENGTH} 个字符`, trigger: 'change' },
    ],
    planned_start: [{ required: true, message: '请选择计划开工日期', trigger: 'change' }],
    planned_finish: [
      { required: true, message: '请选择计划竣工日期', trigger: 'change' },
      {
        trigger: 'change',
        validator: (_r, value: string, callback) => {
          callback(value && form.planned_start && value < form.planned_start ? new Error('计划竣工日期不能早于计划开工日期') : undefined)
        },
      },
    ],
    overview: [
      { required: true, message: '请填写工程概况', trigger: 'blur' },
      { max: MAX_OVERVIEW_LENGTH, message: `工程概况不能超过 ${MAX_OVERVIEW_LENGTH} 个字符`, trigger: 'blur' },
    ],
    'contractor_manager.name': managerNameRules('施工总包项目负责人', () => sendsManager('contractor_manager')),
    'contractor_manager.mobile': managerMobileRules('施工总包项目负责人', () => sendsManager('contractor_manager')),
    'supervision_manager.name': managerNameRules('监理项目负责人', () => sendsManager('supervision_manager')),
    'supervision_manager.mobile': managerMobileRules('监理项目负责人', () => sendsManager('supervision_manager')),
  }
}
