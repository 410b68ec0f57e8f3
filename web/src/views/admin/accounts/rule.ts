// Validation of the 账号管理 filter.
import type { FormRules } from 'element-plus'

export const accountQueryRules: FormRules = {
  q: [{ max: 64, message: '关键字过长', trigger: 'blur' }],
}
