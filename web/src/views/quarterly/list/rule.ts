// Validation of the quarterly list's query form (the range picker keeps its quarters in order).
import type { FormRules } from 'element-plus'

export const quarterlyQueryRules: FormRules = {
  q: [{ max: 100, message: '关键字不能超过 100 个字符', trigger: 'blur' }],
}
