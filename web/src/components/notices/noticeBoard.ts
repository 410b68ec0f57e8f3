// The signed-in user's notice board (通知公告), shared by the header's bell, the notice dialog and the management
// page: the notices in force addressed to the user, unread first, and the unread count. Read when the frame mounts
// and again on navigation once older than a minute (no timer: every request renews the session, and an unattended
// screen must still reach its idle timeout); opening a notice marks it read. After a login the unread ones are
// announced once (a notification listing their titles, each with 查看).
import { h, ref } from 'vue'
import { ElMessage, ElNotification, type NotificationHandle } from 'element-plus'
import { listMyNotices, markNoticeRead, type Notice, type NoticeBase } from '@/api/notices'
import { useUserStore } from '@/store/user'
import { ApiError } from '@/utils/request'
import { markNoticeSeen, noticeSeen } from '@/utils/sessionNotice'

/** Navigation reads the board again only when it is older than this. */
const STALE_MS = 60_000
/** The once-per-login announcement of the unread notices (utils/sessionNotice). */
const ANNOUNCED = 'notices-announced'
/** Titles listed in the announcement; the rest are counted. */
const ANNOUNCED_TITLES = 5

const items = ref<Notice[]>([])
const unread = ref(0)
const loadedAt = ref(0)
/** Whose board is shown (a different user after a re-login starts empty). */
let owner = ''
let seq = 0

/** The announcement on the screen (closed once every notice has been read). */
let announcement: NotificationHandle | null = null

/** The notice open in the dialog, and whether the dialog is open. */
const current = ref<NoticeBase | null>(null)
const viewing = ref(false)

function whoIsIn(): string {
  const me = useUserStore().me
  return me ? `${me.role}:${me.username ?? ''}:${me.display_name}` : ''
}

/** Unread first; otherwise the server's order (newest first). */
function ordered(list: Notice[]): Notice[] {
  return [...list.filter((n) => !n.read), ...list.filter((n) => n.read)]
}

/** Reads the board (quietly: a failure leaves the last one shown). Resolves false when it did not answer. */
export async function refreshNotices(): Promise<boolean> {
  const who = whoIsIn()
  if (!who) return false
  if (who !== owner) {
    owner = who
    items.value = []
    unread.value = 0
  }
  const mine = ++seq
  try {
    const board = await listMyNotices({ quiet: true })
    if (mine !== seq) return false
    items.value = ordered(board.items)
    unread.value = board.unread
    loadedAt.value = Date.now()
    // Nothing left unread (read elsewhere, or withdrawn): the announcement has nothing more to say.
    if (board.unread === 0) announcement?.close()
    return true
  } catch {
    return false
  }
}

/** On navigation: a board older than a minute is read again. */
export function refreshNoticesIfStale(): void {
  if (Date.now() - loadedAt.value > STALE_MS) void refreshNotices()
}

/** Shows a notice; one addressed to the user (`read` known) is marked read. */
export async function openNotice(notice: NoticeBase & { read?: boolean }): Promise<void> {
  current.value = notice
  viewing.value = true
  if (notice.read !== false) return
  try {
    await markNoticeRead(notice.id)
    const mine = items.value.find((n) => n.id === notice.id)
    if (mine && !mine.read) {
      mine.read = true
      unread.value = Math.max(0, unread.value - 1)
    }
    if (unread.value === 0) announcement?.close()
  } catch (error) {
    // Withdrawn or expired meanwhile: say so and read the board again (other failures were shown already).
    if (error instanceof ApiError && error.status === 404) {
      ElMessage.warning('该通知已撤回或已过期')
      void refreshNotices()
    }
  }
}

/**
 * Once per login (and not again after a reload): the unread notices' titles in a notification at the bottom right
 * (clear of the header and its bell), each with 查看.
 */
export function announceUnread(): void {
  if (unread.value === 0 || noticeSeen(ANNOUNCED)) return
  markNoticeSeen(ANNOUNCED)
  const fresh = items.value.filter((n) => !n.read)
  const shown = fresh.slice(0, ANNOUNCED_TITLES)
  const more = unread.value - shown.length
  const rows = shown.map((n) =>
    h('li', { class: 'notice-toast-item' }, [
      h('span', { class: 'notice-toast-title', title: n.title }, n.title),
      h('button', {
        type: 'button',
        class: 'notice-toast-open',
        'data-test': 'notice-toast-open',
        onClick: () => {
          announcement?.close()
          void openNotice(n)
        },
      }, '查看'),
    ]))
  const message = h('div', { class: 'notice-toast', 'data-test': 'notice-toast' }, [
    h('ul', { class: 'notice-toast-list' }, rows),
    more > 0 ? h('div', { class: 'notice-toast-more' }, `另有 ${more} 条，请点右上角的通知查看`) : null,
  ])
  announcement = ElNotification({
    title: `您有 ${unread.value} 条未读通知`,
    message,
    type: 'info',
    position: 'bottom-right',
    duration: 15_000,
    customClass: 'notice-toast-box',
    onClose: () => {
      announcement = null
    },
  })
}

export function useNoticeBoard() {
  return { items, unread, current, viewing }
}
