// Validation of 参数设置: the ranges the server enforces, mirrored here as a courtesy (the server stays the judge
// and answers 422 per field name): days 1–28 with 复核 not before 自评, scores and the agreement rate 0–100 with
// two decimals and 优良 above 合格, a reminder time HH:MM unless off, the session limits (the absolute one not
// shorter than the idle one), the export limit, and an origin (http(s)://host[:port]) or nothing for the QR codes.
import type { FormItemRule, FormRules } from 'element-plus'
import { starred } from '@/utils/rules'

export interface SettingsForm {
  submit_deadline_day: number | null
  review_deadline_day: number | null
  grade_excellent: number | null
  grade_qualified: number | null
  agreement_threshold: number | null
  /** The reminder switch (off: no reminders are sent). */
  reminder_on: boolean
  /** "HH:MM" (Shanghai). */
  reminder_at: string
  session_idle_minutes: number | null
  session_absolute_hours: number | null
  export_row_limit: number | null
  public_url: string
  /** The second factor switch (on: every authority and administrator account must bind one). */
  second_factor_required: boolean
  password_max_age_days: number | null
  max_sessions_per_account: number | null
  log_retention_days: number | null
}

/** Each number's range: [min, max, decimals]. */
export const RANGES = {
  submit_deadline_day: [1, 28, 0],
  review_deadline_day: [1, 28, 0],
  grade_excellent: [0, 100, 2],
  grade_qualified: [0, 100, 2],
  agreement_threshold: [0, 100, 2],
  session_idle_minutes: [5, 480, 0],
  session_absolute_hours: [1, 24, 0],
  export_row_limit: [100, 1_000_000, 0],
  password_max_age_days: [0, 3650, 0],
  max_sessions_per_account: [1, 100, 0],
  log_retention_days: [180, 36_500, 0],
} as const

export type NumberField = keyof typeof RANGES

/** "" or http(s)://host[:port], a trailing "/" allowed (the server's rule). */
export function publicUrlProblem(value: string): string | null {
  const text = value.trim().replace(/\/$/, '')
  if (!text) return null
  const match = /^https?:\/\/(.+)$/.exec(text)
  if (!match || match[1].length > 200 || !/^[A-Za-z0-9.\-:[\]]+$/.test(match[1])) {
    return '应为空，或 http(s)://主机[:端口]（不带路径），例如 https://qsm.example.gov.cn'
  }
  return null
}

function numberRule(field: NumberField, what: string, extra?: (value: number) => string | null): FormItemRule {
  const [min, max, decimals] = RANGES[field]
  return starred({
    trigger: ['blur', 'change'],
    validator: (_rule, value: number | null, callback) => {
      if (value === null || value === undefined || Number.isNaN(value)) return callback(new Error(`请填写${what}`))
      const scaled = value * 10 ** decimals
      if (value < min || value > max || Math.abs(scaled - Math.round(scaled)) > 1e-6) {
        return callback(new Error(decimals ? `应为 ${min}–${max} 的数，最多两位小数` : `应为 ${min}–${max.toLocaleString('zh-CN')} 的整数`))
      }
      callback(extra?.(value) ?? undefined)
    },
  })
}

export function settingsRules(form: SettingsForm): FormRules {
  return {
    submit_deadline_day: [numberRule('submit_deadline_day', '自评提交截止日')],
    review_deadline_day: [numberRule('review_deadline_day', '复核截止日', (v) =>
      form.submit_deadline_day !== null && v < form.submit_deadline_day
        ? `复核截止日不能早于自评提交截止日（${form.submit_deadline_day} 日）` : null)],
    grade_excellent: [numberRule('grade_excellent', '优良分数线', (v) =>
      form.grade_qualified !== null && !(v > form.grade_qualified)
        ? `优良分数线应高于合格分数线（${form.grade_qualified.toFixed(2)}）` : null)],
    grade_qualified: [numberRule('grade_qualified', '合格分数线')],
    agreement_threshold: [numberRule('agreement_threshold', '一致率阈值')],
    reminder_at: [starred({
      trigger: 'change',
      validator: (_rule, value: string, callback) =>
        callback(form.reminder_on && !/^([01]\d|2[0-3]):[0-5]\d$/.test(value ?? '') ? new Error('请选择发送时间') : undefined),
    }, () => form.reminder_on)],
    session_idle_minutes: [numberRule('session_idle_minutes', '空闲超时')],
    session_absolute_hours: [numberRule('session_absolute_hours', '会话最长时长', (v) =>
      form.session_idle_minutes !== null && v * 60 < form.session_idle_minutes
        ? `会话最长时长不能短于空闲超时（${form.session_idle_minutes} 分钟）` : null)],
    export_row_limit: [numberRule('export_row_limit', '导出行数上限')],
    password_max_age_days: [numberRule('password_max_age_days', '密码有效期')],
    max_sessions_per_account: [numberRule('max_sessions_per_account', '最多会话数')],
    log_retention_days: [numberRule('log_retention_days', '登录日志保存天数')],
    public_url: [{
      trigger: 'blur',
      validator: (_rule, value: string, callback) => callback(publicUrlProblem(value ?? '') ?? undefined),
    }],
  }
}

/** Fields whose rule reads another field: checked again when that one changes. */
export const DEPENDENT_FIELDS: Partial<Record<keyof SettingsForm, (keyof SettingsForm)[]>> = {
  submit_deadline_day: ['review_deadline_day'],
  grade_qualified: ['grade_excellent'],
  session_idle_minutes: ['session_absolute_hours'],
}
