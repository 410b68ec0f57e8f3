// Validation rules the workflow forms share (each page's rule.ts composes them): a required text with
// a maximum length, a date that is not in the future (or, for a deadline, one that is), a choice that must be made.
import type { FormItemRule } from 'element-plus'
import { shanghaiToday } from '@/utils/date'

/**
 * Marks a rule required for Element Plus's asterisk (issue 26: required fields carry `*` everywhere) while
 * its validator still does the checking (async-validator leaves `required` to a rule's own validator). The
 * flag is read when the form item draws, so a field required only sometimes is starred only then.
 */
export function starred(rule: FormItemRule, required: () => boolean = () => true): FormItemRule {
  return Object.defineProperty({ ...rule }, 'required', { get: required, enumerable: true })
}

/** A text field: required (after trimming) unless `required()` says otherwise, at most `max` characters. */
export function textRules(message: string, max: number, required: () => boolean = () => true): FormItemRule[] {
  return [starred({
    trigger: ['blur', 'change'],
    validator: (_rule, value: string, callback) => {
      const text = (value ?? '').trim()
      if (required() && !text) callback(new Error(message))
      else if (text.length > max) callback(new Error(`不能超过 ${max} 个字符`))
      else callback()
    },
  }, required)]
}

/** A YYYY-MM-DD date: required, not after today (Shanghai), and not before `notBefore()` when given. */
export function pastDateRules(what: string, notBefore?: () => { date: string; what: string } | null): FormItemRule[] {
  return [starred({
    // On blur too: a date typed into a DateField is judged when the field is left.
    trigger: ['change', 'blur'],
    validator: (_rule, value: string, callback) => {
      const floor = notBefore?.()
      const today = shanghaiToday()
      if (!value) callback(new Error(`请选择${what}`))
      else if (value > today) callback(new Error(`${what}不能晚于今天（${today}）`))
      else if (floor && value < floor.date) callback(new Error(`${what}不能早于${floor.what}（${floor.date}）`))
      else callback()
    },
  })]
}

/** A YYYY-MM-DD deadline: required (unless `required()` says otherwise) and after today (Shanghai). */
export function futureDateRules(what: string, required: () => boolean = () => true): FormItemRule[] {
  return [starred({
    trigger: 'change',
    validator: (_rule, value: string, callback) => {
      if (!value) callback(required() ? new Error(`请选择${what}`) : undefined)
      else if (value <= shanghaiToday()) callback(new Error(`${what}须晚于今天`))
      else callback()
    },
  }, required)]
}

/** A radio group that must be chosen. */
export function choiceRules(message: string): FormItemRule[] {
  return [starred({
    trigger: 'change',
    validator: (_rule, value: unknown, callback) => callback(value === '' || value === undefined || value === null ? new Error(message) : undefined),
  })]
}
