// Validation of the 在线用户 query form.
import type { FormRules } from 'element-plus'

export const sessionQueryRules: FormRules = {
  q: [{ max: 64, message: '关键字不超过 64 个字符', trigger: 'blur' }],
}
