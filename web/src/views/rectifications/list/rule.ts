// Validation of the 整改 lists' query form.
import type { FormRules } from 'element-plus'

export const rectificationQueryRules: FormRules = {
  q: [{ max: 100, message: '关键字不能超过 100 个字符', trigger: 'blur' }],
}
