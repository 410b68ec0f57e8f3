// The setup page's inputs are checked by the second factor's rules (../components/rule.ts) and the password
// policy (../password/rule.ts); what is left here is the reason a password must be changed.
import type { Me } from '@/api/auth'
import { PASSWORD_CHANGE_REASON_LABELS } from '@/utils/dict'

/**
 * 初始密码 / 重置密码 / 密码已过期: `me.must_change_password` marks an initial or reset password (the server does not
 * say which of the two); without it the stage means the password is older than the policy allows.
 */
export function passwordChangeReason(me: Me | null): string {
  if (me?.must_change_password === false) return PASSWORD_CHANGE_REASON_LABELS.expired
  return `${PASSWORD_CHANGE_REASON_LABELS.initial}或${PASSWORD_CHANGE_REASON_LABELS.reset}`
}
