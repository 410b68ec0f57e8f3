// Notices shown once per login session (the password-expiry notification, a dismissed banner): remembered in
// the tab's sessionStorage, so a reload does not bring them back, and forgotten at every login.
const PREFIX = 'qsm.notice.'

export function noticeSeen(key: string): boolean {
  try {
    return window.sessionStorage.getItem(PREFIX + key) === '1'
  } catch {
    return false
  }
}

export function markNoticeSeen(key: string): void {
  try {
    window.sessionStorage.setItem(PREFIX + key, '1')
  } catch {
    // storage disabled: the notice may come again after a reload
  }
}

/** A new login: every notice may be shown again. */
export function forgetNotices(): void {
  try {
    for (const key of Object.keys(window.sessionStorage)) {
      if (key.startsWith(PREFIX)) window.sessionStorage.removeItem(key)
    }
  } catch {
    // nothing remembered
  }
}
