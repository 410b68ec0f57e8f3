// State and calls of 在线用户 (系统管理员, 安全管理员): every live session — accounts, certificates, site users — with
// who, 所属单位, 登录方式, IP, 登录时间 and 最近活动, filtered by 关键字 and 角色 in the address; 强退 of one session,
// confirmed (the caller's own session is ended by 退出登录, not here).
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { endSession, listSessions, type OnlineSession } from '@/api/admin'
import { confirmAction } from '@/utils/actions'
import { ALL_ROLES, roleLabel } from '@/utils/dict'
import { orDash } from '@/utils/format'
import { ApiError } from '@/utils/request'
import { useListPage, type ListColumn } from '@/utils/useListPage'
import { shownTime } from '../users/hook'

export const OWN_SESSION_HINT = '当前会话，请使用退出登录'

export const COLUMNS: (ListColumn<OnlineSession> & { text: (row: OnlineSession) => string })[] = [
  { prop: 'who', label: '用户', minWidth: 150, text: (r) => orDash(r.who), wrap: true },
  { prop: 'role_label', label: '角色', width: 120, text: (r) => orDash(r.role_label) },
  { prop: 'organisation', label: '所属单位', minWidth: 180, text: (r) => orDash(r.organisation), wrap: true },
  { prop: 'login_method_label', label: '登录方式', width: 96, text: (r) => orDash(r.login_method_label) },
  { prop: 'ip', label: 'IP', width: 120, text: (r) => orDash(r.ip) },
  { prop: 'created_at', label: '登录时间', width: 156, text: (r) => shownTime(r.created_at) },
  { prop: 'last_seen_at', label: '最近活动', width: 156, text: (r) => shownTime(r.last_seen_at) },
]

/** Every role may have sessions: the filter offers all of them (names from the dictionary). */
export function sessionRoleOptions(): { value: string; label: string }[] {
  return ALL_ROLES.map((value) => ({ value, label: roleLabel(value) }))
}

export function useSessions() {
  const list = useListPage({
    filters: { q: '', role: '' },
    fetch: (query) => listSessions(query),
  })
  /** The session being ended (its button spins). */
  const busy = ref<string | null>(null)

  async function end(s: OnlineSession) {
    if (s.current) {
      ElMessage.warning(OWN_SESSION_HINT)
      return
    }
    const question = `确定强制退出 ${s.who}（${s.role_label}，${orDash(s.ip)}）的会话吗？该用户须重新登录。`
    if (!(await confirmAction(question, '强退'))) return
    busy.value = String(s.id)
    try {
      await endSession(s.id)
      ElMessage.success(`已强制退出 ${s.who}`)
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) ElMessage.warning(error.message || '该会话已结束')
      else if (error instanceof ApiError && error.status === 422) ElMessage.error(error.message || OWN_SESSION_HINT)
    } finally {
      busy.value = null
    }
    await list.load()
  }

  return { ...list, busy, end }
}
