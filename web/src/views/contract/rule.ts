// Validation of the 合同信息查询 field.
import type { FormRules } from 'element-plus'

export const contractQueryRules: FormRules = {
  report_no: [{ max: 50, message: '合同信息报编号过长', trigger: 'blur' }],
}
