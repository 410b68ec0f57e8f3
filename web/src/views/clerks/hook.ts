// State and calls of 办事员管理 (the enterprise's certificate holder): its clerks — persons of its own in the real-name
// registry who log in by SMS and act for it on the projects and actions given to them — filtered by 姓名 and 状态 in
// the address (the list is short: filtered and paged here); 新增 and 修改 (工程, 业务) in a dialog with the server's
// refusals under their fields; 停用 (his sessions end at once) and 启用, each confirmed naming the clerk.
import { computed, reactive, ref, useTemplateRef, watch } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import type { Id } from '@/api/auth'
import {
  createClerk, listClerks, searchOwnProjects, updateClerk,
  type Clerk, type ClerkActionOption, type ClerkProject,
} from '@/api/clerks'
import { confirmAction, explainActionError } from '@/utils/actions'
import type { TagType } from '@/utils/dict'
import { formatDateTime } from '@/utils/format'
import { ApiError } from '@/utils/request'
import { useListPage } from '@/utils/useListPage'
import type { ClerkForm } from './rule'

export const STATUS_OPTIONS = [
  { value: 'enabled', label: '启用' },
  { value: 'disabled', label: '停用' },
] as const

export function clerkState(c: Clerk): { label: string; tag: TagType } {
  return c.disabled ? { label: '停用', tag: 'info' } : { label: '启用', tag: 'success' }
}

/** The clerk as the confirmations name him: 姓名（138****1234）. */
export function clerkName(c: Clerk): string {
  return `${c.name}（${c.mobile}）`
}

export const shownTime = (value: string) => formatDateTime(value).slice(0, 16)

export type RowAction = 'edit' | 'disable' | 'enable'

export const ACTION_LABELS: Record<RowAction, string> = { edit: '修改', disable: '停用', enable: '启用' }

/** Removes the server's "$." from a 422 field path (`$.project_ids` → `project_ids`). */
function fieldName(path: string): string {
  return path.replace(/^\$\./, '')
}

export function useClerks() {
  /** The actions this enterprise may hand out (from the list's answer). */
  const offered = ref<ClerkActionOption[]>([])
  const list = useListPage<Clerk, { q: string; status: string }>({
    filters: { q: '', status: '' },
    fetch: async ({ q, status, page, page_size: pageSize }) => {
      const answer = await listClerks()
      offered.value = answer.actions
      const name = q.trim()
      const shown = answer.items.filter((c) => (!name || c.name.includes(name))
        && (!status || (status === 'disabled') === c.disabled))
      return { items: shown.slice((page - 1) * pageSize, page * pageSize), total: shown.length, page, page_size: pageSize }
    },
  })
  /** `id:action` of the action in flight: its button spins. */
  const busy = ref<string | null>(null)
  const dialog = reactive<{ open: boolean; clerk: Clerk | null }>({ open: false, clerk: null })

  function actionsFor(c: Clerk): RowAction[] {
    return ['edit', c.disabled ? 'enable' : 'disable']
  }

  const QUESTIONS: Record<Exclude<RowAction, 'edit'>, (c: Clerk) => string> = {
    disable: (c) => `确定停用办事员 ${clerkName(c)} 吗？停用后其登录立即失效（正在使用的会话即刻结束），不能再登录办理本企业的业务；可随时重新启用。`,
    enable: (c) => `确定启用办事员 ${clerkName(c)} 吗？启用后其可用短信动态密码登录，办理所给工程的所给业务。`,
  }

  async function run(action: RowAction, c: Clerk) {
    if (action === 'edit') {
      Object.assign(dialog, { open: true, clerk: c })
      return
    }
    if (!(await confirmAction(QUESTIONS[action](c), ACTION_LABELS[action]))) return
    busy.value = `${c.id}:${action}`
    try {
      await updateClerk(c.id, c.version, { disabled: action === 'disable' })
      ElMessage.success(action === 'disable' ? `办事员 ${c.name} 已停用，其登录已失效` : `办事员 ${c.name} 已启用`)
    } catch (error) {
      explainActionError(error)
    } finally {
      busy.value = null
    }
    await list.load()
  }

  function openCreate() {
    Object.assign(dialog, { open: true, clerk: null })
  }

  return { ...list, offered, busy, dialog, actionsFor, run, openCreate }
}

/**
 * The project picker: the enterprise's own projects matching what is typed (报监编号 or name), read from the server;
 * the chosen ones stay among the options (with their labels) whatever the latest search found.
 */
export function useProjectPicker(chosen: () => Id[]) {
  const found = ref<ClerkProject[]>([])
  const known = new Map<Id, ClerkProject>()
  const loading = ref(false)
  let seq = 0

  async function search(q: string) {
    const mine = ++seq
    loading.value = true
    try {
      const answer = await searchOwnProjects(q.trim())
      if (mine !== seq) return
      found.value = answer.items.map(({ id, registration_no, name }) => ({ id, registration_no, name }))
      for (const p of found.value) known.set(p.id, p)
    } catch {
      // shown by the request module
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** The clerk's current projects, known before any search. */
  function remember(projects: ClerkProject[]) {
    for (const p of projects) known.set(p.id, p)
  }

  const options = computed(() => {
    const ids = new Set(found.value.map((p) => p.id))
    const kept = chosen().filter((id) => !ids.has(id)).map((id) => known.get(id)).filter((p): p is ClerkProject => Boolean(p))
    return [...kept, ...found.value]
  })

  return { options, loading, search, remember }
}

const FIELDS = ['name', 'mobile', 'project_ids', 'actions'] as const

const emptyForm = (): ClerkForm => ({ name: '', mobile: '', project_ids: [], actions: [] })

const sameSet = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x) => b.includes(x))

/** 新增办事员 / 修改办事员: the form, the server's refusals under their fields, the answer. */
export function useClerkDialog(onSaved: (c: Clerk) => void, onStale: () => void) {
  const formRef = useTemplateRef<FormInstance>('clerkFormEl')
  const form = reactive<ClerkForm>(emptyForm())
  const editing = ref<Clerk | null>(null)
  const creating = computed(() => editing.value === null)
  const saving = ref(false)
  const fieldErrors = reactive<Record<string, string>>({})
  const projects = useProjectPicker(() => form.project_ids)

  // A server's reason stays under its field until that field is edited.
  for (const key of FIELDS) watch(() => form[key], () => delete fieldErrors[key], { deep: true })

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  function open(c: Clerk | null) {
    clearServerErrors()
    editing.value = c
    Object.assign(form, c
      ? { name: c.name, mobile: c.mobile, project_ids: [...c.project_ids], actions: [...c.actions] }
      : emptyForm())
    if (c) projects.remember(c.projects)
    void projects.search('')
    formRef.value?.clearValidate()
  }

  async function submit() {
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    saving.value = true
    try {
      const c = editing.value
      if (c) {
        if (sameSet(form.project_ids, c.project_ids) && sameSet(form.actions, c.actions)) {
          ElMessage.info('没有修改')
          onSaved(c)
          return
        }
        const saved = await updateClerk(c.id, c.version, { project_ids: [...form.project_ids], actions: [...form.actions] })
        ElMessage.success(`办事员 ${saved.name} 已修改，其下次操作起按新的工程和业务办理`)
        onSaved(saved)
      } else {
        const saved = await createClerk({
          name: form.name.trim(), mobile: form.mobile.trim(), project_ids: [...form.project_ids], actions: [...form.actions],
        })
        ElMessage.success(`已添加办事员 ${saved.name}，其可用“现场用户登录 → 企业办事员”登录`)
        onSaved(saved)
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const reasons = Object.entries(error.details.fields ?? {}).map(([k, v]) => [fieldName(k), v] as const)
        const known = reasons.filter(([k]) => (FIELDS as readonly string[]).includes(k))
        for (const [k, v] of known) fieldErrors[k] = v
        if (known.length < reasons.length || reasons.length === 0) {
          ElMessage.error(reasons.find(([k]) => !(FIELDS as readonly string[]).includes(k))?.[1] ?? error.message)
        }
      } else if (error instanceof ApiError && error.status === 409) {
        // Changed by someone else meanwhile: said, and the list read again.
        explainActionError(error)
        onStale()
      }
    } finally {
      saving.value = false
    }
  }

  return { form, editing, creating, saving, fieldErrors, projects, open, submit }
}
