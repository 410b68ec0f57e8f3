// State and calls of 用户管理 (系统管理员): the password accounts — 监督机构用户 and the three administrators — listed
// with their state (停用, 锁定, 须改密码, 在线会话, 最近登录), filtered by 关键字, 角色 and 状态 in the address;
// 新增 and 修改 in a dialog, 重置密码 in another, and the row's confirmed actions 停用/启用, 解锁 and 强退.
import { computed, reactive, ref, useTemplateRef, watch } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import {
  createUser, endAccountSessions, listUsers, setUserPassword, unlockUser, updateUser,
  type AccountRole, type AdminUser, type UserChange, listAuthorities, type AuthorityOption,
} from '@/api/admin'
import { useUserStore } from '@/store/user'
import { confirmAction, explainActionError } from '@/utils/actions'
import { roleLabel, type TagType } from '@/utils/dict'
import { formatDateTime } from '@/utils/format'
import { ApiError } from '@/utils/request'
import { useListPage } from '@/utils/useListPage'
import type { UserForm } from './rule'

/** The roles 用户管理 creates, in the platform's order (their names from the dictionary). */
export const ACCOUNT_ROLE_CODES: readonly AccountRole[] = ['authority', 'admin', 'security_admin', 'auditor']

export function roleOptions(): { value: AccountRole; label: string }[] {
  return ACCOUNT_ROLE_CODES.map((value) => ({ value, label: roleLabel(value) }))
}

export const STATUS_OPTIONS = [
  { value: 'enabled', label: '已启用' },
  { value: 'disabled', label: '已停用' },
  { value: 'locked', label: '已锁定' },
] as const

/** "YYYY-MM-DD HH:MM:SS" as the server sends it (Shanghai); an ISO instant is converted; '' / null → "—". */
export function shownTime(value: string | null | undefined): string {
  if (value && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value)) return value
  return formatDateTime(value)
}

/** The row's 状态: 已停用 before 已锁定 (a disabled account cannot sign in, locked or not). */
export function userState(u: AdminUser): { label: string; tag: TagType; note: string } {
  if (u.disabled) return { label: '已停用', tag: 'info', note: '' }
  if (u.locked) return { label: '已锁定', tag: 'danger', note: u.locked_until ? `至 ${shownTime(u.locked_until).slice(5, 16)}` : '' }
  return { label: '正常', tag: 'success', note: '' }
}

/** The account as the confirmations name it: 用户名（姓名）. */
export function userName(u: AdminUser): string {
  return u.name && u.name !== u.username ? `${u.username}（${u.name}）` : u.username
}

export type RowAction = 'edit' | 'disable' | 'enable' | 'unlock' | 'reset_password' | 'end_sessions'

export const ACTION_LABELS: Record<RowAction, string> = {
  edit: '修改',
  disable: '停用',
  enable: '启用',
  unlock: '解锁',
  reset_password: '重置密码',
  end_sessions: '强退',
}

const DANGER: readonly RowAction[] = ['disable', 'reset_password', 'end_sessions']

export function isDanger(action: RowAction): boolean {
  return DANGER.includes(action)
}

/** Removes the server's "$." from a 422 field path (`$.username` → `username`). */
function fieldName(path: string): string {
  return path.replace(/^\$\./, '')
}

/** A 422's field reasons, keyed by the form's props. */
function fieldReasons(error: ApiError): Record<string, string> {
  return Object.fromEntries(Object.entries(error.details.fields ?? {}).map(([k, v]) => [fieldName(k), v]))
}

export function useUsers() {
  const user = useUserStore()
  const list = useListPage({
    filters: { q: '', role: '', status: '' },
    fetch: (query) => listUsers(query),
  })
  /** The row whose action is in flight (`id:action`): its button spins. */
  const busy = ref<string | null>(null)
  const dialog = reactive<{ open: boolean; user: AdminUser | null }>({ open: false, user: null })
  const passwordDialog = reactive<{ open: boolean; user: AdminUser | null }>({ open: false, user: null })

  function isSelf(u: AdminUser): boolean {
    return Boolean(user.me?.username) && user.me?.username === u.username
  }

  /**
   * The row's buttons, always in the same places; 解锁 and 强退 only when there is something to end. One's own
   * account is not stopped, reset or forced out here (修改密码 and 退出登录 are the ways for it).
   */
  function actionsFor(u: AdminUser): { action: RowAction; disabled: boolean; title?: string }[] {
    const self = isSelf(u)
    const actions: { action: RowAction; disabled: boolean; title?: string }[] = [{ action: 'edit', disabled: false }]
    if (u.disabled) actions.push({ action: 'enable', disabled: false })
    else actions.push({ action: 'disable', disabled: self, title: self ? '不能停用自己的账号' : undefined })
    actions.push({ action: 'reset_password', disabled: self, title: self ? '请使用右上角的修改密码' : undefined })
    if (u.locked) actions.push({ action: 'unlock', disabled: false })
    if (u.sessions > 0 && !self) actions.push({ action: 'end_sessions', disabled: false })
    return actions
  }

  const QUESTIONS: Record<Exclude<RowAction, 'edit' | 'reset_password'>, (u: AdminUser) => string> = {
    disable: (u) => `确定停用账号 ${userName(u)} 吗？停用后不能登录，其在线会话（${u.sessions} 个）立即结束；可随时重新启用。`,
    enable: (u) => `确定启用账号 ${userName(u)} 吗？启用后可以登录。`,
    unlock: (u) => `确定解锁账号 ${userName(u)} 吗？解锁后可立即再次尝试登录。`,
    end_sessions: (u) => `确定强制退出账号 ${userName(u)} 的全部在线会话（${u.sessions} 个）吗？该账号须重新登录。`,
  }

  async function run(action: RowAction, u: AdminUser) {
    if (action === 'edit') {
      Object.assign(dialog, { open: true, user: u })
      return
    }
    if (action === 'reset_password') {
      Object.assign(passwordDialog, { open: true, user: u })
      return
    }
    if (!(await confirmAction(QUESTIONS[action](u), ACTION_LABELS[action]))) return
    busy.value = `${u.id}:${action}`
    try {
      switch (action) {
        case 'disable':
          await updateUser(u.id, { disabled: true })
          ElMessage.success(`账号 ${u.username} 已停用`)
          break
        case 'enable':
          await updateUser(u.id, { disabled: false })
          ElMessage.success(`账号 ${u.username} 已启用`)
          break
        case 'unlock':
          await unlockUser(u.id)
          ElMessage.success(`账号 ${u.username} 已解锁`)
          break
        case 'end_sessions': {
          const answer = await endAccountSessions(u.id)
          ElMessage.success(`已强制退出账号 ${u.username} 的 ${answer.ended} 个会话`)
          break
        }
      }
    } catch (error) {
      // 422 (停用 oneself or the last 系统管理员) is explained here; the rest by the request module.
      explainActionError(error)
    } finally {
      busy.value = null
    }
    await list.load()
  }

  function openCreate() {
    Object.assign(dialog, { open: true, user: null })
  }

  return { ...list, busy, dialog, passwordDialog, isSelf, actionsFor, run, openCreate }
}

/** The authorities an authority account may belong to (every authority of the registry), read once. */
export function useAuthorityOptions() {
  const options = ref<AuthorityOption[]>([])
  const loading = ref(false)
  let loaded = false

  async function load() {
    if (loaded || loading.value) return
    loading.value = true
    try {
      options.value = (await listAuthorities()).items
      loaded = true
    } catch {
      // shown by the request module
    } finally {
      loading.value = false
    }
  }

  return { options, loading, load }
}

const emptyForm = (): UserForm => ({ username: '', name: '', role: 'authority', authority_code: '', password: '' })

/** 新增/修改用户: the form, the server's refusals under their fields, the answer. */
export function useUserDialog(onSaved: (u: AdminUser) => void) {
  const formRef = useTemplateRef<FormInstance>('userFormEl')
  const form = reactive<UserForm>(emptyForm())
  const editing = ref<AdminUser | null>(null)
  const creating = computed(() => editing.value === null)
  const saving = ref(false)
  const fieldErrors = reactive<Record<string, string>>({})

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  // A server's reason stays under its field until that field is edited (e.g. another username after 409).
  for (const key of ['username', 'name', 'role', 'authority_code', 'password'] as const) {
    watch(() => form[key], () => delete fieldErrors[key])
  }

  /** The password shown in clear (after 生成: the administrator reads it to hand it over). */
  const reveal = ref(false)

  /** 生成: a random password that meets the policy, shown, and checked at once (any earlier complaint goes). */
  function generate() {
    form.password = generatePassword()
    reveal.value = true
    void formRef.value?.validateField('password').catch(() => undefined)
  }

  function open(u: AdminUser | null) {
    clearServerErrors()
    reveal.value = false
    editing.value = u
    Object.assign(form, u
      ? { username: u.username, name: u.name, role: u.role, authority_code: u.authority?.code ?? '', password: '' }
      : emptyForm())
    formRef.value?.clearValidate()
  }

  /** The fields 修改 changed (nothing sent when nothing changed). */
  function changes(u: AdminUser): UserChange {
    const change: UserChange = {}
    if (form.name.trim() !== u.name) change.name = form.name.trim()
    if (u.role === 'authority' && form.authority_code !== (u.authority?.code ?? '')) change.authority_code = form.authority_code
    return change
  }

  async function submit() {
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    saving.value = true
    try {
      const u = editing.value
      if (u) {
        const change = changes(u)
        if (Object.keys(change).length === 0) {
          ElMessage.info('没有修改')
          onSaved(u)
          return
        }
        const saved = await updateUser(u.id, change)
        ElMessage.success(`账号 ${saved.username} 已修改`)
        onSaved(saved)
      } else {
        const saved = await createUser({
          username: form.username.trim(),
          name: form.name.trim(),
          role: form.role as AccountRole,
          ...(form.role === 'authority' ? { authority_code: form.authority_code } : {}),
          password: form.password,
        })
        ElMessage.success(`账号 ${saved.username} 已创建，首次登录时须修改密码`)
        onSaved(saved)
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) fieldErrors.username = error.message
      else if (error instanceof ApiError && error.status === 422) {
        const reasons = fieldReasons(error)
        Object.assign(fieldErrors, reasons)
        if (Object.keys(reasons).length === 0 || reasons.disabled) ElMessage.error(reasons.disabled ?? error.message)
      }
    } finally {
      saving.value = false
    }
  }

  return { form, editing, creating, saving, fieldErrors, reveal, generate, open, submit }
}

// Characters of a generated password: no look-alikes (0/O, 1/l/I).
const LOWER = 'abcdefghijkmnpqrstuvwxyz'
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const DIGITS = '23456789'
const OTHER = '#@%+=!?'

/** A 14-character password with every class of the policy (crypto-random). */
export function generatePassword(length = 14): string {
  const random = (n: number) => {
    const buf = new Uint32Array(1)
    crypto.getRandomValues(buf)
    return buf[0] % n
  }
  const pick = (set: string) => set[random(set.length)]
  const all = LOWER + UPPER + DIGITS + OTHER
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(OTHER)]
  while (chars.length < length) chars.push(pick(all))
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}

/** 重置密码: the administrator's chosen (or generated) password, to be changed at the next login. */
export function usePasswordDialog(onDone: () => void) {
  const formRef = useTemplateRef<FormInstance>('passwordFormEl')
  const form = reactive({ password: '' })
  const account = ref<AdminUser | null>(null)
  const saving = ref(false)
  const fieldErrors = reactive<Record<string, string>>({})

  watch(() => form.password, () => delete fieldErrors.password)

  /** The password shown in clear (after 生成). */
  const reveal = ref(false)

  function generate() {
    form.password = generatePassword()
    reveal.value = true
    void formRef.value?.validateField('password').catch(() => undefined)
  }

  function open(u: AdminUser) {
    delete fieldErrors.password
    reveal.value = false
    account.value = u
    form.password = ''
    formRef.value?.clearValidate()
  }

  async function submit() {
    delete fieldErrors.password
    const u = account.value
    if (!u || !(await formRef.value?.validate().catch(() => false))) return
    const question = `确定重置账号 ${userName(u)} 的密码吗？该账号的在线会话（${u.sessions} 个）立即结束，下次登录时须修改密码。`
    if (!(await confirmAction(question, '重置密码'))) return
    saving.value = true
    try {
      await setUserPassword(u.id, form.password)
      ElMessage.success(`账号 ${u.username} 的密码已重置，请将新密码通过安全的方式交给本人`)
      onDone()
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const reasons = fieldReasons(error)
        if (reasons.password) fieldErrors.password = reasons.password
        else ElMessage.error(Object.values(reasons)[0] ?? error.message)
      }
    } finally {
      saving.value = false
    }
  }

  return { form, account, saving, fieldErrors, reveal, generate, open, submit }
}
