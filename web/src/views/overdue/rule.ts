// Validation of the 逾期评价 query form.
import type { FormRules } from 'element-plus'

export const overdueQueryRules: FormRules = {
  q: [{ max: 100, message: '关键字不能超过 100 个字符', trigger: 'blur' }],
}
