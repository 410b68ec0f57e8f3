// Validation of 修改密码 (the dialog and the login's setup stage): the password policy the server enforces
// (at least 10 characters, three of upper case, lower case, digits and other characters, not the old one),
// checked here first as a courtesy.
import type { FormRules } from 'element-plus'

export const MIN_PASSWORD_LENGTH = 10

/** The policy in one sentence, under the form. */
export const PASSWORD_POLICY_TEXT =
  `新密码至少 ${MIN_PASSWORD_LENGTH} 位，须包含大写字母、小写字母、数字、其他符号中的至少三类，且不能与原密码相同。`

/** What is wrong with a new password, or null when it meets the policy. */
export function passwordPolicyProblem(value: string): string | null {
  // Characters, not UTF-16 units (the server counts characters too).
  if ([...value].length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 位`
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(value)).length
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、其他符号中的至少三类'
  return null
}

export interface PasswordForm {
  old_password: string
  new_password: string
  confirm: string
}

export function passwordChangeRules(form: PasswordForm): FormRules {
  return {
    old_password: [{ required: true, message: '请输入原密码', trigger: 'blur' }],
    new_password: [
      { required: true, message: '请输入新密码', trigger: 'blur' },
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) => {
          const problem = value ? passwordPolicyProblem(value) : null
          if (problem) callback(new Error(problem))
          else if (value && value === form.old_password) callback(new Error('新密码不能与原密码相同'))
          else callback()
        },
      },
    ],
    confirm: [
      { required: true, message: '请再次输入新密码', trigger: 'blur' },
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) => {
          callback(value && value !== form.new_password ? new Error('两次输入的新密码不一致') : undefined)
        },
      },
    ],
  }
}
