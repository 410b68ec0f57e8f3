// State and calls of 季度评价监督信息登记 (监督机构): the quarter's months, score and suggested grade; the
// form (结论 preselected with the suggestion); 登记 after a confirmation (it cannot be undone).
import { getQuarterly, registerQuarterly } from '@/api/quarterly'
import { useGradedRegistration } from '@/utils/useGradedRegistration'
import { quarterlyRegisterRules, type QuarterlyRegisterForm } from './rule'

export function useQuarterlyRegister(onDone: () => void) {
  const registration = useGradedRegistration({
    empty: (): QuarterlyRegisterForm => ({ inspection_date: '', inspectors: '', opinion: '', conclusion: '' }),
    load: getQuarterly,
    question: (d, conclusion) => `确定登记 ${d.declaration.project_name} ${d.quarter} 季度评价监督信息吗？${conclusion}。登记后不可修改。`,
    submit: (d, form) => registerQuarterly(d.id, d.version, {
      inspection_date: form.inspection_date,
      inspectors: form.inspectors.trim(),
      opinion: form.opinion.trim(),
      conclusion: form.conclusion,
    }),
    success: (d) => `${d.quarter} 季度评价监督信息已登记`,
    onDone,
  })
  return { ...registration, rules: quarterlyRegisterRules }
}
