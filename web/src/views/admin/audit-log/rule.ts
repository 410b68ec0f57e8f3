// Validation of the 审计日志 query form.
import type { FormRules } from 'element-plus'

export const auditLogQueryRules: FormRules = {
  entity: [{ max: 40, message: '对象不超过 40 个字符', trigger: 'change' }],
  action: [{ max: 40, message: '操作不超过 40 个字符', trigger: 'change' }],
  who: [{ max: 50, message: '操作人不超过 50 个字符', trigger: 'blur' }],
  district: [{ max: 10, message: '所在区不超过 10 个字符', trigger: 'change' }],
}
