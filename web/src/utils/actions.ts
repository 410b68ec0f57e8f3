// What every workflow page does around an irreversible action: ask first, and explain a refusal
// (the API modules leave 409 and 422 of their writes to the caller).
import { ElMessage, ElMessageBox } from 'element-plus'
import { ApiError } from '@/utils/request'

/** A confirm box; resolves true when the user agreed. */
export async function confirmAction(message: string, confirmButtonText = '确定'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, '提示', { type: 'warning', confirmButtonText, cancelButtonText: '取消' })
    return true
  } catch {
    return false
  }
}

export const STALE_MESSAGE = '记录已被他人修改，请刷新后重试'

/**
 * A dialog's failed action: 422 field messages go under their fields (those in `inputs`, when given; a
 * message about another field is shown as such); otherwise explain it and, when the record has moved on
 * (409) or is gone (404), close the dialog through onDone.
 */
export function explainDialogError(
  error: unknown, fieldErrors: Record<string, string>, onDone: () => void, inputs?: readonly string[],
): void {
  if (error instanceof ApiError && error.status === 422 && error.details.fields) {
    const fields = Object.entries(error.details.fields)
    const shown = inputs ? fields.filter(([key]) => inputs.includes(key)) : fields
    Object.assign(fieldErrors, Object.fromEntries(shown))
    const other = fields.find(([key]) => inputs && !inputs.includes(key))
    if (other) ElMessage.error(other[1])
  } else if (explainActionError(error)) {
    onDone()
  }
}

/**
 * Explains a refused action. Returns true when the record has changed meanwhile (or is gone) and
 * the list should be reloaded.
 */
export function explainActionError(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  if (error.status === 409) {
    // `conflict`: someone saved a newer version; `invalid_transition`: the state has moved on.
    ElMessage.error(error.code === 'conflict' ? STALE_MESSAGE : error.message)
    return true
  }
  if (error.status === 422) ElMessage.error(Object.values(error.details.fields ?? {})[0] ?? error.message)
  // Other statuses were shown by the request module; a 404 means the record is gone.
  return error.status === 404
}
