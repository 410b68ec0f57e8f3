// Local drafts of long forms (打分表, 抽查比对): what the user typed, kept in IndexedDB as they type, so that
// a session expiry, a reload, a lost signal or a crashed tab loses nothing. A draft belongs to one user, one
// record and one form ("scope"), and remembers the server version it started from; the page offers it back
// when it differs from the server's copy, and clears it once saved.
import { idbAll, idbDelete, idbPut } from './idb'
import type { Me } from '@/api/auth'

export interface Draft<T> {
  /** `${scope}@${baseVersion}` */
  key: string
  scope: string
  /** The record version the user's edits started from. */
  baseVersion: number
  /** Epoch milliseconds of the last write. */
  savedAt: number
  data: T
}

/** Drafts older than this are dropped instead of offered. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000

/** Who the draft belongs to: the same person signing in again finds it; another user of the browser does not. */
export function draftOwner(me: Me | null): string {
  if (!me) return ''
  const who = me.username ?? me.enterprise?.uscc ?? me.authority?.code ?? ''
  return [me.role, who, me.display_name, me.contract?.id ?? ''].join('|')
}

/** A form's scope: owner, record, form (e.g. `monthly:12:review`). */
export function draftScope(owner: string, form: string): string {
  return `${owner}#${form}`
}

function rangeOf(scope: string): IDBKeyRange {
  return IDBKeyRange.bound(`${scope}@`, `${scope}@\uffff`)
}

export async function writeDraft<T>(scope: string, baseVersion: number, data: T): Promise<void> {
  const draft: Draft<T> = { key: `${scope}@${baseVersion}`, scope, baseVersion, savedAt: Date.now(), data }
  // Only one draft per form: an older version's is replaced.
  await clearDrafts(scope)
  await idbPut('drafts', draft)
}

/** The newest draft of the form, or null (stale ones are removed on the way). */
export async function findDraft<T>(scope: string): Promise<Draft<T> | null> {
  const drafts = await idbAll<Draft<T>>('drafts', rangeOf(scope))
  const fresh = drafts.filter((d) => Date.now() - d.savedAt < MAX_AGE_MS).sort((a, b) => b.savedAt - a.savedAt)
  for (const old of drafts.filter((d) => !fresh.includes(d))) await idbDelete('drafts', old.key)
  return fresh[0] ?? null
}

export async function clearDrafts(scope: string): Promise<void> {
  await idbDelete('drafts', rangeOf(scope))
}

/** "2026-05-12 14:03" for the restore dialog. */
export function draftTime(draft: Draft<unknown>): string {
  const d = new Date(draft.savedAt)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * Writes a form's draft a moment after the last change, and at once when asked (before a save that may fail
 * with an expired session, when the tab is hidden).
 */
export function draftWriter<T>(delayMs = 600) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending: { scope: string; version: number; data: () => T } | null = null
  let writing: Promise<void> = Promise.resolve()

  async function flush(): Promise<void> {
    clearTimeout(timer)
    const job = pending
    pending = null
    if (job) writing = writing.then(() => writeDraft(job.scope, job.version, job.data()))
    await writing
  }
  return {
    schedule(scope: string, version: number, data: () => T) {
      pending = { scope, version, data }
      clearTimeout(timer)
      timer = setTimeout(() => void flush(), delayMs)
    },
    flush,
    /** Drops a scheduled write and removes the stored draft. */
    async clear(scope: string) {
      clearTimeout(timer)
      pending = null
      await writing
      await clearDrafts(scope)
    },
    cancel() {
      clearTimeout(timer)
      pending = null
    },
  }
}
