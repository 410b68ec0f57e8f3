// Copying text for the user (a secret key, recovery codes, a temporary password), with a message either way.
import { ElMessage } from 'element-plus'

// Older browsers, and pages not in a secure context, have no navigator.clipboard: a hidden textarea's
// selection is copied instead.
function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  area.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  area.remove()
  return ok
}

/** Copies `text`; says 已复制 (with `what`), or asks the user to copy it by hand. */
export async function copyText(text: string, what = '内容'): Promise<boolean> {
  let ok = false
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      ok = true
    }
  } catch {
    ok = false
  }
  if (!ok) ok = copyBySelection(text)
  if (ok) ElMessage.success(`已复制${what}`)
  else ElMessage.warning('复制失败，请手动选择文字复制')
  return ok
}
