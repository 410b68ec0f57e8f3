// Validation of the 申报 form: a project, 质量目标, plan dates (finish not before start), 工程概况
// within 2000 characters, and both managers picked from the registry persons (issue 26).
import type { FormRules } from 'element-plus'
import { choiceRules, starred } from '@/utils/rules'

export const MAX_OVERVIEW_LENGTH = 2000
export const MAX_QUALITY_TARGET_LENGTH = 50

export interface DeclarationForm {
  project_id: string | number | ''
  quality_target: string
  planned_start: string
  planned_finish: string
  overview: string
  /** The picked registry person's id ('' until one is picked). */
  contractor_manager: string | number | ''
  supervision_manager: string | number | ''
}

export function declarationFormRules(form: DeclarationForm, creating: () => boolean): FormRules {
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
    contractor_manager: choiceRules('请选择施工总包项目负责人'),
    supervision_manager: choiceRules('请选择监理项目负责人'),
  }
}
