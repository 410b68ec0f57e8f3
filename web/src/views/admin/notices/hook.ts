// State and calls of 通知公告 management (监督机构: the notices it published, to its own district only; 系统管理员: every
// notice, to any roles and districts): the list, newest first, paged in the address, each with its audience, validity,
// reads and 状态 (生效中 / 未生效 / 已过期 / 已撤回); 发布 and 修改 in a dialog (the server's refusals under their fields, a
// stale version told to refresh), 撤回 confirmed as irreversible. The header's bell is read again after each change.
import { computed, reactive, ref, useTemplateRef, watch } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import {
  listManagedNotices, publishNotice, updateNotice, withdrawNotice, type ManagedNotice, type NoticeInput,
} from '@/api/notices'
import { openNotice, refreshNotices } from '@/components/notices/noticeBoard'
import { districtsText, publisherText, rolesText } from '@/components/notices/noticeText'
import { useUserStore } from '@/store/user'
import { confirmAction, explainActionError } from '@/utils/actions'
import { roleLabel, type Role, type TagType } from '@/utils/dict'
import { shanghaiToday } from '@/utils/date'
import { formatDateTime } from '@/utils/format'
import { ApiError } from '@/utils/request'
import { useListPage, type ListColumn } from '@/utils/useListPage'
import type { NoticeForm } from './rule'

/**
 * The roles a notice may be addressed to (names from the dictionary). The three administrators are not offered:
 * they see every notice whatever its audience.
 */
export const NOTICE_ROLE_CODES: readonly Role[] = ['contractor', 'supervisor', 'site_contractor', 'site_supervisor', 'authority']

export function noticeRoleOptions(): { value: Role; label: string }[] {
  return NOTICE_ROLE_CODES.map((value) => ({ value, label: roleLabel(value) }))
}

/** A notice's 状态 by its dates (Shanghai days) and whether it was withdrawn. */
export function noticeState(n: ManagedNotice, today = shanghaiToday()): { label: string; tag: TagType } {
  if (n.withdrawn_at) return { label: '已撤回', tag: 'info' }
  if (n.valid_from > today) return { label: '未生效', tag: 'warning' }
  if (n.valid_until && n.valid_until < today) return { label: '已过期', tag: 'info' }
  return { label: '生效中', tag: 'success' }
}

/** A column as data: its text and, under it, a second smaller line. */
export type NoticeColumn = ListColumn<ManagedNotice> & { text: (row: ManagedNotice) => string; sub?: (row: ManagedNotice) => string }

export const COLUMNS: NoticeColumn[] = [
  { prop: 'title', label: '标题', minWidth: 190, text: (r) => r.title, wrap: true },
  { prop: 'audience', label: '发送对象', minWidth: 160, text: (r) => rolesText(r), sub: (r) => districtsText(r), wrap: true },
  {
    prop: 'validity', label: '有效期', minWidth: 140, wrap: true,
    text: (r) => `${r.valid_from} 起`, sub: (r) => (r.valid_until ? `至 ${r.valid_until}` : '长期有效'),
  },
  { prop: 'publisher', label: '发布人', minWidth: 140, text: (r) => publisherText(r.publisher), wrap: true },
  { prop: 'published_at', label: '发布时间', width: 140, text: (r) => formatDateTime(r.published_at).slice(0, 16) },
  { prop: 'reads', label: '已读', width: 64, align: 'right', text: (r) => String(r.reads) },
]

export type RowAction = 'view' | 'edit' | 'withdraw'

export const ACTION_LABELS: Record<RowAction, string> = { view: '查看', edit: '修改', withdraw: '撤回' }

/** Removes the server's "$." from a 422 field path (`$.roles` → `roles`). */
function fieldName(path: string): string {
  return path.replace(/^\$\./, '')
}

export function useNotices() {
  const list = useListPage({
    filters: {},
    fetch: (query) => listManagedNotices({ page: query.page, page_size: query.page_size }),
  })
  /** `id:action` of the action in flight. */
  const busy = ref<string | null>(null)
  const dialog = reactive<{ open: boolean; notice: ManagedNotice | null }>({ open: false, notice: null })

  /** The row's buttons: 查看 always; 修改 and 撤回 until withdrawn. */
  function actionsFor(n: ManagedNotice): RowAction[] {
    return n.withdrawn_at ? ['view'] : ['view', 'edit', 'withdraw']
  }

  async function run(action: RowAction, n: ManagedNotice) {
    if (action === 'view') {
      void openNotice(n)
      return
    }
    if (action === 'edit') {
      Object.assign(dialog, { open: true, notice: n })
      return
    }
    const question = `确定撤回通知《${n.title}》吗？撤回后所有用户都不再看到这条通知，且不能恢复。`
    if (!(await confirmAction(question, '撤回'))) return
    busy.value = `${n.id}:withdraw`
    try {
      await withdrawNotice(n.id, n.version)
      ElMessage.success(`通知《${n.title}》已撤回`)
    } catch (error) {
      explainActionError(error)
    } finally {
      busy.value = null
    }
    await list.load()
    void refreshNotices()
  }

  function openCreate() {
    Object.assign(dialog, { open: true, notice: null })
  }

  /** After 发布 / 修改: the list and the header's bell read again. */
  async function saved() {
    await list.load()
    void refreshNotices()
  }

  return { ...list, busy, dialog, actionsFor, run, openCreate, saved }
}

/** The district an authority publishes to (its own, from /api/me); null for the system administrator. */
export function useOwnDistrict() {
  const user = useUserStore()
  return computed(() => (user.role === 'authority' ? user.me?.authority?.district ?? '' : null))
}

const FIELDS = ['title', 'body', 'roles', 'districts', 'valid_from', 'valid_until'] as const

/** 发布通知 / 修改通知: the form, the server's refusals under their fields, the answer. */
export function useNoticeDialog(onSaved: (n: ManagedNotice) => void, onStale: () => void) {
  const formRef = useTemplateRef<FormInstance>('noticeFormEl')
  const ownDistrict = useOwnDistrict()
  const empty = (): NoticeForm => ({
    title: '', body: '', roles: [], districts: ownDistrict.value ? [ownDistrict.value] : [],
    valid_from: shanghaiToday(), valid_until: '',
  })
  const form = reactive<NoticeForm>(empty())
  const editing = ref<ManagedNotice | null>(null)
  const saving = ref(false)
  const fieldErrors = reactive<Record<string, string>>({})

  // A server's reason stays under its field until that field is edited.
  for (const key of FIELDS) watch(() => form[key], () => delete fieldErrors[key], { deep: true })
  // A new start date may make the end date right (or wrong): checked again.
  watch(() => form.valid_from, () => {
    if (form.valid_until) void formRef.value?.validateField('valid_until').catch(() => undefined)
  })

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  function open(n: ManagedNotice | null) {
    clearServerErrors()
    editing.value = n
    Object.assign(form, n
      ? {
          title: n.title, body: n.body, roles: [...n.roles], districts: [...n.districts],
          valid_from: n.valid_from, valid_until: n.valid_until ?? '',
        }
      : empty())
    // An authority's notice goes to its own district, whatever an older one said.
    if (ownDistrict.value) form.districts = [ownDistrict.value]
    formRef.value?.clearValidate()
  }

  function input(): NoticeInput {
    return {
      title: form.title.trim(),
      body: form.body.replace(/\s+$/, ''),
      roles: [...form.roles],
      districts: ownDistrict.value ? [ownDistrict.value] : [...form.districts],
      valid_from: form.valid_from,
      ...(form.valid_until ? { valid_until: form.valid_until } : {}),
    }
  }

  async function submit() {
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    saving.value = true
    try {
      const n = editing.value
      const answer = n ? await updateNotice(n.id, n.version, input()) : await publishNotice(input())
      ElMessage.success(n ? `通知《${answer.title}》已修改` : `通知《${answer.title}》已发布`)
      onSaved(answer)
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const reasons = Object.entries(error.details.fields ?? {}).map(([k, v]) => [fieldName(k), v] as const)
        const known = reasons.filter(([k]) => (FIELDS as readonly string[]).includes(k))
        for (const [k, v] of known) fieldErrors[k] = v
        if (known.length < reasons.length || reasons.length === 0) {
          ElMessage.error(reasons.find(([k]) => !(FIELDS as readonly string[]).includes(k))?.[1] ?? error.message)
        }
      } else if (error instanceof ApiError && error.status === 409) {
        // Changed or withdrawn by someone else meanwhile: said, and the list read again.
        explainActionError(error)
        onStale()
      }
    } finally {
      saving.value = false
    }
  }

  return { form, editing, saving, fieldErrors, ownDistrict, open, submit }
}
