// Where to go back to after signing in: the `redirect` query of the login, contract and setup pages. A leaf
// module, so that those pages need not import the router (which loads every page).
import type { LocationQueryValue } from 'vue-router'

/** A redirect target from the query, only if it is a path inside this app (no open redirect). */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string | null {
  const target = Array.isArray(value) ? value[0] : value
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null
  if (target.startsWith('/login') || target.startsWith('/contract') || target.startsWith('/account/setup')) return null
  return target
}
