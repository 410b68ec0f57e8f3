// Validation of 用户管理: the query form, 新增/修改用户 (用户名 3–32 characters beginning with a letter, 姓名, 角色,
// 所属监督机构 for an authority account, 初始密码 by the password policy) and 重置密码. The server checks the same
// and answers 422 per field (`username`, `authority_code`, `password`, …).
import type { FormRules } from 'element-plus'
import type { AccountRole } from '@/api/admin'
import { choiceRules, starred, textRules } from '@/utils/rules'
import { MIN_PASSWORD_LENGTH, passwordPolicyProblem } from '@/views/account/password/rule'

export const MAX_NAME_LENGTH = 50

/** The password policy as the administrator reads it (the account's own change adds "not the old one"). */
export const ADMIN_PASSWORD_POLICY_TEXT = `密码至少 ${MIN_PASSWORD_LENGTH} 位，须包含大写字母、小写字母、数字、其他符号中的至少三类。`

export const userQueryRules: FormRules = {
  q: [{ max: 64, message: '关键字不超过 64 个字符', trigger: 'blur' }],
}

/** What is wrong with a username, or null (the server's rule). */
export function usernameProblem(value: string): string | null {
  if (value.length < 3 || value.length > 32) return '用户名应为 3–32 个字符'
  if (!/^[A-Za-z]/.test(value)) return '用户名应以字母开头'
  if (!/^[A-Za-z0-9_.-]+$/.test(value)) return '用户名只能包含字母、数字、下划线、点和短横线'
  return null
}

export interface UserForm {
  username: string
  name: string
  role: AccountRole | ''
  authority_code: string
  password: string
}

/** 新增 checks every field; 修改 only 姓名 and (an authority account's) 所属监督机构. */
export function userFormRules(form: UserForm, creating: () => boolean): FormRules {
  const isAuthority = () => form.role === 'authority'
  return {
    username: [starred({
      trigger: 'blur',
      validator: (_rule, value: string, callback) => {
        if (!creating()) return callback()
        const text = (value ?? '').trim()
        if (!text) callback(new Error('请输入用户名'))
        else callback(usernameProblem(text) ?? undefined)
      },
    }, creating)],
    name: textRules('请输入姓名', MAX_NAME_LENGTH),
    role: choiceRules('请选择角色'),
    authority_code: [starred({
      trigger: 'change',
      validator: (_rule, value: string, callback) =>
        callback(isAuthority() && !value ? new Error('监督机构用户须选择所属监督机构') : undefined),
    }, isAuthority)],
    password: [starred({
      trigger: 'blur',
      validator: (_rule, value: string, callback) => {
        if (!creating()) return callback()
        if (!value) callback(new Error('请输入初始密码'))
        else callback(passwordPolicyProblem(value) ?? undefined)
      },
    }, creating)],
  }
}

export const passwordRules: FormRules = {
  password: [starred({
    trigger: 'blur',
    validator: (_rule, value: string, callback) => {
      if (!value) callback(new Error('请输入新密码'))
      else callback(passwordPolicyProblem(value) ?? undefined)
    },
  })],
}
