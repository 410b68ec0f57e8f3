// Validation of the 登录日志 query form: 用户 ≤ 50 characters; 地址 the beginning of an IPv4 or IPv6 address (digits,
// a–f, '.' and ':', as the server checks it).
import type { FormRules } from 'element-plus'

export const MAX_IP_LENGTH = 45

export const loginLogQueryRules: FormRules = {
  who: [{ max: 50, message: '用户不超过 50 个字符', trigger: 'blur' }],
  ip: [{
    trigger: 'blur',
    validator: (_rule, value: string, callback) => {
      const text = (value ?? '').trim()
      if (text.length > MAX_IP_LENGTH) callback(new Error(`地址不超过 ${MAX_IP_LENGTH} 个字符`))
      else if (!/^[0-9a-fA-F.:]*$/.test(text)) callback(new Error('地址只能包含数字、字母 a–f、点和冒号'))
      else callback()
    },
  }],
}
