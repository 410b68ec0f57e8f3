// How many to-do items (待办) the signed-in user has, per kind — the menu's badges, and the inbox page's cue
// that its list has changed. Only the counts are read (`page_size: 0`; the inbox pages its items itself):
// when the app frame mounts, every minute while the tab is visible and the user active, right after any
// successful write (the request module's hook) and, when older than a moment, on navigation.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getTasks, TASK_KINDS, type TaskCounts, type TaskKind, type Tasks } from '@/api/tasks'
import { useUserStore } from '@/store/user'
import { WORK_ROLES } from '@/utils/dict'

const POLL_MS = 60_000
/** A write's refresh waits this long, so that a burst of writes costs one read. */
const WRITE_DELAY_MS = 300
/** Navigation reads the counts again only when they are older than this. */
const NAVIGATION_STALE_MS = 15_000
/**
 * Polling pauses after this long without the user touching the page: every request renews the server-side
 * session, and an unattended screen must still reach the 30-minute idle timeout (SPEC §4) — at most this
 * much later. The first touch afterwards catches up.
 */
const IDLE_MS = 5 * 60_000

const EMPTY_COUNTS = Object.fromEntries(TASK_KINDS.map((k) => [k, 0])) as TaskCounts

/** The roles that have an inbox (the administrators have no workflow actions). */
export function hasInbox(role: string | null | undefined): boolean {
  return role !== 'admin' && (WORK_ROLES as readonly string[]).includes(role ?? '')
}

/** The figures of a counts-only answer. */
export type TaskFigures = Pick<Tasks, 'counts' | 'total' | 'overdue'>

export const useTaskStore = defineStore('tasks', () => {
  const data = ref<TaskFigures | null>(null)
  const loading = ref(false)
  /** When the counts shown were read (ms since the epoch); 0 before the first answer. */
  const loadedAt = ref(0)
  let seq = 0
  let writeTimer: ReturnType<typeof setTimeout> | null = null
  let pollTimer: ReturnType<typeof setInterval> | null = null
  let lastActivity = Date.now()

  const counts = computed<TaskCounts>(() => ({ ...EMPTY_COUNTS, ...(data.value?.counts ?? {}) }))
  /** Every open item. */
  const total = computed(() => data.value?.total ?? 0)
  /** Of those, how many are overdue. */
  const overdue = computed(() => data.value?.overdue ?? 0)

  /** The open items of these kinds (a menu entry's badge). */
  function countOf(kinds: readonly TaskKind[]): number {
    return kinds.reduce((sum, kind) => sum + (counts.value[kind] ?? 0), 0)
  }

  /**
   * Reads the counts. `quiet` (polls, refreshes behind the user's back): failures are not shown. Resolves
   * false when the answer failed or was overtaken by a newer read.
   */
  async function refresh(options: { quiet?: boolean } = {}): Promise<boolean> {
    const user = useUserStore()
    if (!user.loggedIn || user.needsContract || user.needsSetup || !hasInbox(user.role)) {
      clear()
      return false
    }
    const mine = ++seq
    loading.value = true
    try {
      const answer = await getTasks({ page_size: 0 }, { quiet: options.quiet })
      if (mine !== seq) return false
      data.value = { counts: answer.counts, total: answer.total, overdue: answer.overdue }
      loadedAt.value = Date.now()
      return true
    } catch {
      return false
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** After a write: one quiet read shortly after (several writes in a row share it). */
  function refreshSoon() {
    if (writeTimer) clearTimeout(writeTimer)
    writeTimer = setTimeout(() => {
      writeTimer = null
      void refresh({ quiet: true })
    }, WRITE_DELAY_MS)
  }

  /** On navigation: a quiet read unless the counts are fresh. */
  function refreshIfStale(maxAge = NAVIGATION_STALE_MS) {
    if (Date.now() - loadedAt.value > maxAge) void refresh({ quiet: true })
  }

  function visible(): boolean {
    return document.visibilityState === 'visible'
  }

  function onActivity() {
    const now = Date.now()
    // Back from a pause: read what was missed (the user is here again).
    if (now - lastActivity >= IDLE_MS && visible()) refreshIfStale(POLL_MS)
    lastActivity = now
  }

  function onVisibility() {
    // Back on the tab after a while: catch up at once instead of at the next tick.
    if (visible()) refreshIfStale(POLL_MS)
  }

  function tick() {
    if (visible() && Date.now() - lastActivity < IDLE_MS) void refresh({ quiet: true })
  }

  const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const

  /** Starts polling (the app frame mounted); reads the counts now. */
  function start() {
    stop()
    lastActivity = Date.now()
    pollTimer = setInterval(tick, POLL_MS)
    document.addEventListener('visibilitychange', onVisibility)
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true })
    void refresh({ quiet: true })
  }

  function stop() {
    if (pollTimer) clearInterval(pollTimer)
    pollTimer = null
    if (writeTimer) clearTimeout(writeTimer)
    writeTimer = null
    document.removeEventListener('visibilitychange', onVisibility)
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true })
  }

  /** Forgets the counts (signed out, or a role without an inbox). */
  function clear() {
    seq++
    data.value = null
    loadedAt.value = 0
    loading.value = false
  }

  return { data, loading, loadedAt, counts, total, overdue, countOf, refresh, refreshSoon, refreshIfStale, start, stop, clear }
})
