// Validation of the 登录日志 query form.
import type { FormRules } from 'element-plus'

export const loginLogQueryRules: FormRules = {
  who: [{ max: 50, message: '用户不超过 50 个字符', trigger: 'blur' }],
}
