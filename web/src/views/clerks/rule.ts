// Validation of 办事员管理: the query form and 新增/修改办事员 (姓名 and 手机号 of a person of the enterprise in the
// real-name registry — new clerks only —, at least one 工程 and one 业务). The server checks the same and more (the
// person exists, the projects are the enterprise's) and answers 422 per field: name, mobile, project_ids, actions.
import type { FormRules } from 'element-plus'
import type { Id, ClerkAction } from '@/api/auth'
import { starred, textRules } from '@/utils/rules'

/** The server's limits. */
export const MAX_NAME_LENGTH = 30
export const MAX_PROJECTS = 500

export const clerkQueryRules: FormRules = {
  q: [{ max: 30, message: '姓名不超过 30 个字符', trigger: 'blur' }],
}

export interface ClerkForm {
  name: string
  mobile: string
  project_ids: Id[]
  actions: ClerkAction[]
}

/** A mainland mobile number: 11 digits beginning with 1 (the server's rule). */
export const MOBILE_PATTERN = /^1\d{10}$/

/** 新增 checks every field; 修改 only 工程 and 业务 (the person cannot change). */
export function clerkFormRules(creating: () => boolean): FormRules {
  return {
    name: textRules('请输入办事员姓名', MAX_NAME_LENGTH, creating),
    mobile: [starred({
      trigger: 'blur',
      validator: (_rule, value: string, callback) => {
        if (!creating()) return callback()
        const text = (value ?? '').trim()
        if (!text) callback(new Error('请输入手机号'))
        else if (!MOBILE_PATTERN.test(text)) callback(new Error('手机号应为 1 开头的 11 位数字'))
        else callback()
      },
    }, creating)],
    project_ids: [starred({
      trigger: 'change',
      validator: (_rule, value: Id[], callback) => {
        if (!value?.length) callback(new Error('请至少选择一个工程'))
        else if (value.length > MAX_PROJECTS) callback(new Error(`一名办事员最多负责 ${MAX_PROJECTS} 个工程`))
        else callback()
      },
    })],
    actions: [starred({
      trigger: 'change',
      validator: (_rule, value: ClerkAction[], callback) =>
        callback(value?.length ? undefined : new Error('请至少选择一项可办理的业务')),
    })],
  }
}
