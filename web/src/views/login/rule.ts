// Validation of the login forms. The ID-card check is a courtesy; the server decides.
import type { FormRules } from 'element-plus'
import { idNumberProblem } from '@/utils/idcard'

export const passwordRules: FormRules = {
  username: [{ required: true, message: '请输入用户名', trigger: 'blur' }],
  password: [{ required: true, message: '请输入密码', trigger: 'blur' }],
}

export const siteRules: FormRules = {
  role: [{ required: true, message: '请选择登录身份', trigger: 'change' }],
  name: [
    { required: true, message: '请输入姓名', trigger: 'blur' },
    { max: 50, message: '姓名过长', trigger: 'blur' },
  ],
  id_number: [
    { required: true, message: '请输入身份证号', trigger: 'blur' },
    {
      trigger: 'blur',
      validator: (_rule, value: string, callback) => {
        const problem = value ? idNumberProblem(value) : null
        callback(problem ? new Error(problem) : undefined)
      },
    },
  ],
  code: [
    { required: true, message: '请输入动态密码', trigger: 'blur' },
    { pattern: /^\d{6}$/, message: '动态密码为 6 位数字', trigger: 'blur' },
  ],
}
