// Validation shared by the declaration pages: the list's query form, the managers' name + mobile,
// and an opinion that an action requires.
import type { FormItemRule, FormRules } from 'element-plus'
import { starred } from '@/utils/rules'

export const declarationQueryRules: FormRules = {
  q: [{ max: 100, message: '关键字不能超过 100 个字符', trigger: 'blur' }],
}

/** Mainland mobile numbers as the real-name registry keeps them. */
export const MOBILE_PATTERN = /^1\d{10}$/

export const MAX_OPINION_LENGTH = 500

/**
 * A manager's name and mobile (checked by the server against the real-name registry). `when` says
 * whether the manager is being sent at all; a manager left unchanged on edit is not checked.
 */
export function managerNameRules(who: string, when: () => boolean = () => true): FormItemRule[] {
  return [starred({
    trigger: 'blur',
    validator: (_rule, value: string, callback) => {
      const name = (value ?? '').trim()
      if (!when()) callback()
      else if (!name) callback(new Error(`请输入${who}姓名`))
      else if (name.length > 50) callback(new Error('姓名不能超过 50 个字符'))
      else callback()
    },
  }, when)]
}

export function managerMobileRules(who: string, when: () => boolean = () => true): FormItemRule[] {
  return [starred({
    trigger: 'blur',
    validator: (_rule, value: string, callback) => {
      const mobile = (value ?? '').trim()
      if (!when()) callback()
      else if (!mobile) callback(new Error(`请输入${who}的完整手机号`))
      else if (!MOBILE_PATTERN.test(mobile)) callback(new Error('请输入 11 位手机号'))
      else callback()
    },
  }, when)]
}

/** An opinion: required when `required()` says so, at most MAX_OPINION_LENGTH characters. */
export function opinionRules(required: () => boolean, message: string): FormItemRule[] {
  return [
    starred({
      trigger: ['blur', 'change'],
      validator: (_rule, value: string, callback) => {
        callback(required() && !(value ?? '').trim() ? new Error(message) : undefined)
      },
    }, required),
    { max: MAX_OPINION_LENGTH, message: `意见不能超过 ${MAX_OPINION_LENGTH} 个字符`, trigger: 'blur' },
  ]
}
