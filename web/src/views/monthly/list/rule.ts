// Validation of the monthly lists' query form (the range picker keeps its months in order).
import type { FormRules } from 'element-plus'

export const monthlyQueryRules: FormRules = {
  q: [{ max: 100, message: '关键字不能超过 100 个字符', trigger: 'blur' }],
}
