// State and calls of 账号管理 (安全管理员): the password accounts with their security state, the security policy
// above them, and the security administrator's actions on one account: 解锁, 重置第二因素, 结束会话. Every action is
// confirmed first, naming the account. (The system administrator's 重置密码 is on 用户管理.)
import { computed, onMounted, reactive, ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import {
  getSecurityPolicy, listAccounts, resetSecondFactor, revokeSessions, unlockAccount,
  type Account, type SecurityPolicy,
} from '@/api/admin'
import { useUserStore } from '@/store/user'
import { formatDateTime } from '@/utils/format'

export type AccountAction = 'unlock' | 'reset_second_factor' | 'revoke_sessions'

interface ActionSpec {
  label: string
  /** The confirmation's question, naming the account. */
  question: (who: string, a: Account) => string
  danger: boolean
}

export const ACTIONS: Record<AccountAction, ActionSpec> = {
  unlock: {
    label: '解锁',
    question: (who) => `确定解锁账号 ${who} 吗？解锁后可立即再次尝试登录（密码和动态口令的锁定同时解除）。`,
    danger: false,
  },
  reset_second_factor: {
    label: '重置第二因素',
    question: (who) => `确定重置账号 ${who} 的第二因素吗？其身份验证器和恢复码将作废，当前会话全部结束，下次登录时须重新绑定。`,
    danger: true,
  },
  revoke_sessions: {
    label: '结束会话',
    question: (who, a) => `确定结束账号 ${who} 的全部在线会话（${a.sessions} 个）吗？该账号须重新登录。`,
    danger: true,
  },
}

/** The account as the confirmation names it: 用户名（姓名）. */
export function accountName(a: Account): string {
  return a.display_name && a.display_name !== a.username ? `${a.username}（${a.display_name}）` : a.username
}

/** Until when a locked account stays locked (month, day and time: a lock lasts minutes). */
export function lockText(a: Account): string {
  if (!a.locked || !a.locked_until) return ''
  return `至 ${formatDateTime(a.locked_until).slice(5, 16)}`
}

export function useAccounts() {
  const user = useUserStore()
  const items = ref<Account[]>([])
  const loading = ref(false)
  const policy = ref<SecurityPolicy | null>(null)
  /** The row whose action is in flight (its buttons show a spinner). */
  const busy = ref<string | null>(null)
  /** A list filter on this page (the API answers every account at once). */
  const query = reactive({ q: '', role: '' })

  const isSecurityAdmin = computed(() => user.role === 'security_admin')

  const roles = computed(() => {
    const seen = new Map<string, string>()
    for (const a of items.value) seen.set(a.role, a.role_label)
    return [...seen].map(([value, label]) => ({ value, label }))
  })

  const shown = computed(() => {
    const q = query.q.trim().toLowerCase()
    return items.value.filter((a) =>
      (!query.role || a.role === query.role) &&
      (!q || [a.username, a.display_name, a.authority?.name ?? '', a.authority?.code ?? '']
        .some((text) => text.toLowerCase().includes(q))))
  })

  async function load() {
    loading.value = true
    try {
      items.value = (await listAccounts()).items
    } catch {
      // shown by the request module; the previous rows stay
    } finally {
      loading.value = false
    }
  }

  async function loadPolicy() {
    try {
      policy.value = await getSecurityPolicy()
    } catch {
      // shown by the request module
    }
  }

  /**
   * The buttons a row offers to the caller's duty: 解锁 only on a locked account; the others always in the same
   * place, disabled when there is nothing to reset or end.
   */
  function actionsFor(a: Account): { action: AccountAction; disabled: boolean }[] {
    if (isSecurityAdmin.value) {
      return [
        ...(a.locked ? [{ action: 'unlock' as const, disabled: false }] : []),
        { action: 'reset_second_factor', disabled: !a.second_factor },
        { action: 'revoke_sessions', disabled: a.sessions === 0 },
      ]
    }
    return []
  }

  async function run(action: AccountAction, a: Account) {
    const spec = ACTIONS[action]
    try {
      await ElMessageBox.confirm(spec.question(accountName(a), a), spec.label, {
        type: 'warning',
        confirmButtonText: spec.label,
        cancelButtonText: '取消',
        confirmButtonClass: spec.danger ? 'el-button--danger' : undefined,
      })
    } catch {
      return
    }
    busy.value = `${a.id}:${action}`
    try {
      switch (action) {
        case 'unlock':
          await unlockAccount(a.id)
          ElMessage.success(`账号 ${a.username} 已解锁`)
          break
        case 'reset_second_factor':
          await resetSecondFactor(a.id)
          ElMessage.success(`账号 ${a.username} 的第二因素已重置，下次登录时须重新绑定`)
          break
        case 'revoke_sessions': {
          const answer = await revokeSessions(a.id)
          ElMessage.success(`已结束账号 ${a.username} 的 ${answer.ended} 个会话`)
          break
        }
      }
      await load()
    } catch {
      // the server's reason was shown by the request module
    } finally {
      busy.value = null
    }
  }

  onMounted(() => {
    void loadPolicy()
    void load()
  })

  return {
    items, shown, loading, policy, busy, query, roles, isSecurityAdmin,
    load, actionsFor, run,
  }
}
