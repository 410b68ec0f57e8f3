// State and calls of 下发整改指令单 (监督机构): the project (an accepted declaration in the authority's scope,
// searched on the server; fixed when the order comes from a spot-check), 整改类型, 整改期限 (after today),
// 复查人 (the user's name to start with), 依据, and the items — from the spot-check's non-conforming clauses
// (shown, not editable: the server makes them) and those added here (an optional clause of the project's
// scoring template, the problem). Checked, confirmed, sent; the server's refusals go under their fields and
// nothing typed is lost (closing with something typed asks first).
import { computed, reactive, ref, useTemplateRef } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import type { Id } from '@/api/auth'
import { getDeclaration, listDeclarations, type Declaration } from '@/api/declarations'
import { getTemplate, type ScoringTemplate } from '@/api/registry'
import { createRectification, type RectificationDetail, type RectificationInput } from '@/api/rectifications'
import { useUserStore } from '@/store/user'
import { confirmAction, STALE_MESSAGE } from '@/utils/actions'
import { ApiError } from '@/utils/request'
import { formProp, issueRules, type IssueForm, type IssueItemRow } from './rule'

/** A non-conforming clause of the spot-check, as the order's first items will carry it. */
export interface SourceClause {
  code: string
  text: string
  /** The authority's note ('' when none: the clause text is the problem then). */
  note: string
  photos: number
}

/** The spot-check an order comes from. */
export interface IssueSource {
  /** The month's id (the API names the spot-check by it). */
  monthlyId: Id
  period: string
  declarationId: Id
  clauses: SourceClause[]
}

export interface ClauseOption {
  value: string
  label: string
  text: string
}

export interface ClauseGroup {
  label: string
  options: ClauseOption[]
}

let rowSeq = 0
function row(): IssueItemRow {
  return { key: ++rowSeq, clause: '', problem: '' }
}

export function useIssueForm(source: () => IssueSource | null | undefined, onIssued: (detail: RectificationDetail) => void) {
  const user = useUserStore()
  const formRef = useTemplateRef<FormInstance>('issueFormEl')
  const form = reactive<IssueForm>({ declaration_id: '', kind: 'rectify', deadline: '', recheck_by: '', basis: '', items: [] })
  const rules = issueRules()
  const loading = ref(false)
  const saving = ref(false)
  /** The server's refusal not tied to a field shown. */
  const message = ref('')
  /** The server's 422 reasons by form prop (`deadline`, `items.0.problem`). */
  const fieldErrors = reactive<Record<string, string>>({})

  // ── the project ─────────────────────────────────────────────────────────────────────────────
  const declarationOptions = ref<Declaration[]>([])
  const declarationsLoading = ref(false)
  const declaration = ref<Declaration | null>(null)
  let searchSeq = 0

  async function searchDeclarations(q: string) {
    const seq = ++searchSeq
    declarationsLoading.value = true
    try {
      // Only accepted declarations are under quality-standardisation management (the server checks the same).
      const answer = await listDeclarations({ status: 'accepted', q: q.trim(), page_size: 50 })
      if (seq === searchSeq) declarationOptions.value = answer.items
    } catch {
      // shown by the request module
    } finally {
      if (seq === searchSeq) declarationsLoading.value = false
    }
  }

  // ── the template's clauses (an item may name one) ───────────────────────────────────────────
  const template = ref<ScoringTemplate | null>(null)
  const templateLoading = ref(false)
  const clauseGroups = computed<ClauseGroup[]>(() => (template.value?.check_items ?? []).map((item) => ({
    label: `${item.code} ${item.name}`,
    options: item.sub_items.flatMap((sub) => sub.clauses.map((c) => ({ value: c.code, label: `${c.code} ${c.text}`, text: c.text }))),
  })))
  const clauseText = computed(() => new Map(clauseGroups.value.flatMap((g) => g.options.map((o) => [o.value, o.text] as const))))

  let templateSeq = 0
  async function loadTemplate(d: Declaration) {
    const seq = ++templateSeq
    const t = d.template
    if (!t) {
      template.value = null
      return
    }
    if (template.value && template.value.code === t.code && template.value.version === t.version) return
    templateLoading.value = true
    try {
      const answer = await getTemplate(t.code, t.version)
      if (seq === templateSeq) template.value = answer // not overtaken by another project's
    } catch {
      if (seq === templateSeq) template.value = null // shown by the request module; items then go without clauses
    } finally {
      if (seq === templateSeq) templateLoading.value = false
    }
  }

  function onDeclarationChange(id: Id | '') {
    const d = declarationOptions.value.find((o) => String(o.id) === String(id)) ?? null
    declaration.value = d
    delete fieldErrors.declaration_id
    // Clauses of another project's template mean nothing here.
    if (template.value && d?.template && (template.value.code !== d.template.code || template.value.version !== d.template.version)) {
      for (const item of form.items) item.clause = ''
    }
    if (d) void loadTemplate(d)
    else {
      templateSeq++
      template.value = null
    }
  }

  // ── items ───────────────────────────────────────────────────────────────────────────────────
  const sourceClauses = computed(() => source()?.clauses ?? [])
  const itemCount = computed(() => sourceClauses.value.length + form.items.length)

  function addItem() {
    form.items.push(row())
  }

  function removeItem(index: number) {
    form.items.splice(index, 1)
    // The server's messages name rows by index: they no longer fit.
    for (const key of Object.keys(fieldErrors)) if (key.startsWith('items.')) delete fieldErrors[key]
  }

  /** A clause chosen for a row without a problem yet: its text is where the problem starts. */
  function onClauseChange(item: IssueItemRow) {
    if (item.clause && !item.problem.trim()) item.problem = clauseText.value.get(item.clause) ?? ''
  }

  // ── opening, closing ────────────────────────────────────────────────────────────────────────
  /** What a new dialog starts with, to tell whether the user has typed something. */
  let pristine = ''
  const snapshot = () => JSON.stringify({ ...form, items: form.items.map((i) => [i.clause, i.problem]) })
  const touched = computed(() => snapshot() !== pristine)

  function clearServerErrors() {
    message.value = ''
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  async function open(): Promise<boolean> {
    clearServerErrors()
    const s = source()
    Object.assign(form, {
      declaration_id: s ? s.declarationId : '',
      kind: 'rectify',
      deadline: '',
      recheck_by: user.me?.display_name ?? '',
      basis: '',
      // From a spot-check the clauses are the items; otherwise one row to fill.
      items: s ? [] : [row()],
    })
    declaration.value = null
    template.value = null
    formRef.value?.clearValidate()
    pristine = snapshot()
    if (!s) {
      void searchDeclarations('')
      return true
    }
    loading.value = true
    try {
      const d = await getDeclaration(s.declarationId)
      declaration.value = d
      declarationOptions.value = [d]
      void loadTemplate(d)
      return true
    } catch {
      return false // shown by the request module
    } finally {
      loading.value = false
    }
  }

  /** Closing with something typed asks first (what was typed would be lost). */
  async function mayClose(): Promise<boolean> {
    if (saving.value) return false
    return !touched.value || confirmAction('整改指令单尚未下发，关闭将放弃已填写的内容。确定关闭吗？', '关闭')
  }

  // ── 下发 ────────────────────────────────────────────────────────────────────────────────────
  function input(): RectificationInput {
    const s = source()
    const recheckBy = form.recheck_by.trim()
    const basis = form.basis.trim()
    return {
      declaration_id: form.declaration_id as Id,
      kind: form.kind,
      deadline: form.deadline,
      ...(recheckBy ? { recheck_by: recheckBy } : {}),
      ...(basis ? { basis } : {}),
      ...(s ? { source: { spot_check: s.monthlyId } } : {}),
      items: form.items.map((i) => (i.clause ? { clause: i.clause, problem: i.problem.trim() } : { problem: i.problem.trim() })),
    }
  }

  function question(): string {
    const d = declaration.value
    const project = d ? `${d.project.name}（${d.project.registration_no}）` : '该工程'
    const what = form.kind === 'stop_work' ? '停工整改指令单' : '限期整改指令单'
    const stop = form.kind === 'stop_work' ? '工程须停止施工，整改经复查通过后方可恢复施工。' : ''
    return `向${project}下发${what}（${itemCount.value} 项，整改期限 ${form.deadline}）？${stop}下发后施工单位即收到整改通知，指令单不可撤回。`
  }

  async function submit() {
    if (saving.value) return
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    if (itemCount.value === 0) {
      message.value = '请至少添加一项整改问题'
      return
    }
    if (!(await confirmAction(question(), '下发'))) return
    saving.value = true
    try {
      const answer = await createRectification(input())
      ElMessage.success(`已下发整改指令单 ${answer.number}`)
      pristine = snapshot()
      onIssued(answer)
    } catch (error) {
      explain(error)
    } finally {
      saving.value = false
    }
  }

  /** 422: each reason under its field (the rest in the alert); 409/404: the alert says why. */
  function explain(error: unknown) {
    if (!(error instanceof ApiError)) return
    if (error.status === 422) {
      const fields = error.details.fields ?? {}
      const shown = new Set(['declaration_id', 'kind', 'deadline', 'recheck_by', 'basis'])
      const other: string[] = []
      for (const [field, reason] of Object.entries(fields)) {
        const prop = formProp(field)
        if (shown.has(prop) || /^items\.\d+\.(problem|clause)$/.test(prop)) fieldErrors[prop] = reason
        else other.push(reason)
      }
      message.value = other.length || Object.keys(fields).length === 0 ? (other[0] ?? error.message) : ''
      return
    }
    if (error.status === 409) message.value = error.code === 'conflict' ? STALE_MESSAGE : error.message
    // Others (403, 404, 5xx) were shown by the request module.
  }

  return {
    form, rules, loading, saving, message, fieldErrors, declaration, declarationOptions, declarationsLoading,
    template, templateLoading, clauseGroups, sourceClauses, itemCount, touched,
    searchDeclarations, onDeclarationChange, addItem, removeItem, onClauseChange, open, mayClose, submit,
  }
}
