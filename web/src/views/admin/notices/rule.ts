// Validation of 发布通知 / 修改通知: 标题 (required, ≤ 100 characters, one line), 正文 (required, ≤ 5000), 生效日期
// (required) and 截止日期 (optional, not before 生效日期). The server checks the same and answers 422 per field
// (`title`, `body`, `roles`, `districts`, `valid_from`, `valid_until`).
import type { FormRules } from 'element-plus'
import { starred, textRules } from '@/utils/rules'

export const MAX_TITLE_LENGTH = 100
export const MAX_BODY_LENGTH = 5000

export interface NoticeForm {
  title: string
  body: string
  /** Role codes; none: every role. */
  roles: string[]
  /** Districts; none: every district (an authority: its own, fixed). */
  districts: string[]
  /** YYYY-MM-DD. */
  valid_from: string
  /** YYYY-MM-DD or '' (until withdrawn). */
  valid_until: string
}

export function noticeRules(form: NoticeForm): FormRules {
  return {
    title: [
      ...textRules('请输入标题', MAX_TITLE_LENGTH),
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) => callback(/[\r\n]/.test(value ?? '') ? new Error('标题不能换行') : undefined),
      },
    ],
    body: textRules('请输入正文', MAX_BODY_LENGTH),
    valid_from: [starred({
      trigger: 'change',
      validator: (_rule, value: string, callback) => callback(value ? undefined : new Error('请选择生效日期')),
    })],
    valid_until: [{
      trigger: 'change',
      validator: (_rule, value: string, callback) =>
        callback(value && form.valid_from && value < form.valid_from ? new Error('截止日期不能早于生效日期') : undefined),
    }],
  }
}
