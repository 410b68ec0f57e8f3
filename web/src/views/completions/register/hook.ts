// State and calls of 竣工评价监督信息登记 (监督机构): the request with its overall score, quarters and the
// suggested grade; 监督意见 and 结论 (preselected with the suggestion); 登记 after a confirmation — the
// project then ends quality-standardisation management (已竣工).
import { getCompletion, registerCompletion } from '@/api/completions'
import { useGradedRegistration } from '@/utils/useGradedRegistration'
import { REGISTER_QUESTION } from '../shared/list'
import { completionRegisterRules, type CompletionRegisterForm } from './rule'

export function useCompletionRegister(onDone: () => void) {
  const registration = useGradedRegistration({
    empty: (): CompletionRegisterForm => ({ opinion: '', conclusion: '' }),
    load: getCompletion,
    question: (d, conclusion) => `${d.declaration.project_name}：${conclusion}。${REGISTER_QUESTION}`,
    submit: (d, form) => registerCompletion(d.id, d.version, { opinion: form.opinion.trim(), conclusion: form.conclusion }),
    success: () => '竣工评价监督信息已登记，该工程结束质量标准化管理',
    onDone,
  })
  return { ...registration, rules: completionRegisterRules }
}
