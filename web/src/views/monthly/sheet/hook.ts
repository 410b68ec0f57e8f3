// State and calls of one month's 打分表, in one of three modes: the contractor's 自评 (/monthly/:id/self),
// the site supervisor's 复核 beside the 自评 (/monthly/:id/review), or 查看 for every role (/monthly/:id).
// The sheet being edited is previewed on the server as the user ticks (its numbers are the only
// numbers shown); 保存并退出 and 提交 send it with the record's version; leaving with unsaved changes asks.
// What the user types is kept as a local draft (IndexedDB) until saved, and offered back when the page opens
// again; the photos of each sheet's clauses are kept here by clause and change as they are added or deleted.
// 只看已扣分 and 跳转到检查项目 are kept here too: the phone's cards and the desktop's table share them.
import { computed, nextTick, onBeforeUnmount, onMounted, reactive, ref, watch } from 'vue'
import { onBeforeRouteLeave, onBeforeRouteUpdate, useRoute, useRouter } from 'vue-router'
import { ElMessage, ElMessageBox } from 'element-plus'
import {
  getMonthly, listDeductionHistory, previewSheet, printMonthly, saveSheet, submitMonthly, submitReview,
  type HistoryDeduction, type MonthlyDetail, type SheetInput, type SheetKind, type SheetResult,
} from '@/api/monthly'
import { getTemplate, type ScoringTemplate } from '@/api/registry'
import { photoUploadUrl, type Photo, type PhotoRef } from '@/api/photos'
import { draftOwner, draftScope, draftTime, draftWriter, findDraft } from '@/utils/drafts'
import { onQueuedUpload, queuedUrls } from '@/utils/photoQueue'
import { homePathFor } from '@/config/menu'
import { useUserStore } from '@/store/user'
import { confirmAction } from '@/utils/actions'
import { SHEET_LABELS, occurrenceRules } from '@/utils/dict'
import { ApiError } from '@/utils/request'
import { REVIEW_SUBMIT_QUESTION, submitQuestion } from '../shared/list'
import { clauseOfField, problemError, sheetErrors } from './rule'
import { scoreSheet } from './scoring'
import {
  assignSheet, deductedPart, draftInput, flattenTemplate, indexResult, scoringKey, sheetChanges, sheetInput, sheetState,
  type SheetChange, type SheetPane, type SheetState,
} from './state'

export type SheetMode = 'self' | 'review' | 'view'

const PREVIEW_DELAY_MS = 300
const EMPTY_SHEET = { not_applicable: [], deductions: [] }

export function useMonthlySheet(mode: () => SheetMode) {
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()

  const detail = ref<MonthlyDetail | null>(null)
  const template = ref<ScoringTemplate | null>(null)
  const rows = computed(() => (template.value ? flattenTemplate(template.value) : []))
  const loading = ref(false)
  /** Why nothing is shown (not found, no access); '' while fine. */
  const failure = ref('')
  const saving = ref(false)
  const activeTab = ref<'sheet' | 'deductions' | 'history'>('sheet')

  const states: Record<SheetKind, SheetState> = { self: sheetState(null), review: sheetState(null) }
  /** Each sheet's photos by clause (the server's, then as added and deleted here). */
  const photos: Record<SheetKind, Record<string, PhotoRef[]>> = { self: reactive({}), review: reactive({}) }
  const errors: Record<SheetKind, Record<string, string>> = { self: reactive({}), review: reactive({}) }

  /** The sheet this page edits: only when the mode asks for it and the record's `actions` allow it. */
  const editKind = computed<SheetKind | null>(() => {
    const d = detail.value
    if (!d) return null
    if (mode() === 'self' && d.actions.includes('save_self')) return 'self'
    if (mode() === 'review' && d.actions.includes('save_review')) return 'review'
    return null
  })
  const editing = computed(() => editKind.value !== null)

  // ── live result of the edited sheet ─────────────────────────────────────────────────────────
  /** The server's result for the ticks shown (null: the stored one still applies). */
  const liveResult = ref<SheetResult | null>(null)
  const previewing = ref(false)
  const previewError = ref('')
  /** The scoring key the shown result belongs to. */
  let resultKey = ''
  let previewTimer: ReturnType<typeof setTimeout> | undefined
  let previewSeq = 0

  /** What changes the score of the edited sheet (not its problem texts). */
  const editScoringKey = computed(() => {
    const kind = editKind.value
    if (!kind || !template.value) return ''
    const state = states[kind]
    const na = template.value.check_items.filter((i) => state.notApplicable[i.code]).map((i) => i.code)
    const ticked = rows.value.filter((r) => !state.notApplicable[r.checkItem.code] && state.deducted[r.key]).map((r) => r.key)
    return scoringKey({ not_applicable: na, deductions: ticked.map((clause) => ({ clause, problem: '' })) })
  })

  watch(editScoringKey, (key) => {
    clearTimeout(previewTimer)
    if (!key || key === resultKey) {
      previewSeq++ // an answer still on its way is for other ticks
      previewing.value = false
      return
    }
    // The new score at once, from the server's own rule table and the clauses' history; the server's
    // preview (and every save) scores again and its result replaces this one.
    const d = detail.value
    const kind = editKind.value
    const local = d?.history && kind && template.value
      ? scoreSheet(template.value, sheetInput(states[kind], template.value), d.history, occurrenceRules())
      : null
    if (local) {
      liveResult.value = local
      previewError.value = ''
    }
    previewing.value = true
    previewTimer = setTimeout(() => void runPreview(key), PREVIEW_DELAY_MS)
  })

  async function runPreview(key: string) {
    const d = detail.value
    const kind = editKind.value
    if (!d || !kind || !template.value) return
    const seq = ++previewSeq
    try {
      const answer = await previewSheet(d.id, kind, sheetInput(states[kind], template.value))
      if (seq !== previewSeq) return
      liveResult.value = answer.result
      resultKey = key
      previewError.value = ''
    } catch (error) {
      if (seq !== previewSeq) return
      previewError.value = error instanceof ApiError
        ? Object.values(error.details.fields ?? {})[0] ?? error.message
        : '得分计算失败，请稍后重试'
    } finally {
      if (seq === previewSeq) previewing.value = false
    }
  }

  // ── the sheets shown ────────────────────────────────────────────────────────────────────────
  function resultOf(kind: SheetKind): SheetResult | null {
    const d = detail.value
    const stored = kind === 'self' ? d?.self.result : d?.review?.result
    return (editKind.value === kind ? liveResult.value : null) ?? stored ?? null
  }
  const indexes = {
    self: computed(() => indexResult(resultOf('self'))),
    review: computed(() => indexResult(resultOf('review'))),
  }

  // One object per sheet for the whole life of the page: the table's cells read its (reactive) fields
  // themselves, since el-table does not re-render its cells when only the objects they were given change.
  function sheetPane(kind: SheetKind): SheetPane {
    return {
      kind,
      title: SHEET_LABELS[kind],
      state: states[kind],
      errors: errors[kind],
      get editable() { return editKind.value === kind },
      get result() { return resultOf(kind) },
      get byClause() { return indexes[kind].value.byClause },
      get byItem() { return indexes[kind].value.byItem },
    }
  }
  const sheetPanes = { self: sheetPane('self'), review: sheetPane('review') }

  /** 自评 alone while the contractor scores; otherwise with the 复核 beside it once there is one to show. */
  const panes = computed<SheetPane[]>(() => {
    const d = detail.value
    if (!d) return []
    if (editKind.value === 'self' || !d.review) return [sheetPanes.self]
    // Before the supervisor saves, the review is only the starting copy: shown to the one who reviews.
    return d.review.saved || mode() === 'review' ? [sheetPanes.self, sheetPanes.review] : [sheetPanes.self]
  })

  /** A review exists but the site supervisor has not saved it yet (查看). */
  const reviewPending = computed(() => Boolean(detail.value?.review && !detail.value.review.saved) && mode() !== 'review')

  // ── 只看已扣分 and 跳转到检查项目 (the phone's cards and the desktop's table alike) ──────────────────
  const onlyDeducted = ref(false)
  /** The template as shown: whole, or with 只看已扣分 only the clauses one of the sheets shown deducts. */
  const shownTemplate = computed(() => {
    const t = template.value
    return t && onlyDeducted.value ? deductedPart(t, panes.value.map((p) => p.state)) : t
  })
  /** The table's rows as shown (the whole template's do not follow the ticks: a tick does not redraw the table). */
  const shownRows = computed(() => (onlyDeducted.value && shownTemplate.value ? flattenTemplate(shownTemplate.value) : rows.value))
  /** The select's value: empty again once jumped. */
  const jumpTo = ref('')

  /** Scrolls to a check item's anchor (item-{code}: its card, or its first row of the table), the whole sheet shown. */
  async function jump(code: string) {
    onlyDeducted.value = false
    await nextTick()
    // Just after opening, the table may still be drawing its later items (a few per frame): wait for the item.
    let target = document.getElementById(`item-${code}`)
    for (let frame = 0; !target && frame < 60; frame++) {
      await new Promise((resolve) => requestAnimationFrame(resolve))
      target = document.getElementById(`item-${code}`)
    }
    target?.scrollIntoView({ block: 'start', behavior: 'smooth' })
    jumpTo.value = ''
  }

  // ── loading ─────────────────────────────────────────────────────────────────────────────────
  /** The edited sheet as sent, to tell whether something changed since it was loaded or saved. */
  const savedInput = ref('')
  const currentInput = computed(() => {
    const kind = editKind.value
    return kind && template.value ? JSON.stringify(sheetInput(states[kind], template.value)) : ''
  })
  const dirty = computed(() => editing.value && currentInput.value !== savedInput.value)

  function apply(d: MonthlyDetail) {
    detail.value = d
    assignSheet(states.self, d.self)
    assignSheet(states.review, d.review ?? EMPTY_SHEET)
    assignPhotos(photos.self, d.self)
    assignPhotos(photos.review, d.review)
    for (const kind of ['self', 'review'] as const) {
      for (const key of Object.keys(errors[kind])) delete errors[kind][key]
    }
    clearTimeout(previewTimer)
    previewSeq++
    previewing.value = false
    previewError.value = ''
    liveResult.value = null
    resultKey = editScoringKey.value
    savedInput.value = currentInput.value
  }

  /** A sheet's photos: its `photos` map, else those listed on its result's deductions. */
  function assignPhotos(target: Record<string, PhotoRef[]>, sheet: MonthlyDetail['review']) {
    for (const key of Object.keys(target)) delete target[key]
    if (!sheet) return
    if (sheet.photos) {
      for (const [clause, list] of Object.entries(sheet.photos)) if (list.length) target[clause] = [...list]
      return
    }
    for (const d of sheet.result?.deductions ?? []) if (d.photos?.length) target[d.clause] = [...d.photos]
  }

  async function load() {
    const id = route.params.id
    if (typeof id !== 'string' || !id) return
    loading.value = true
    failure.value = ''
    try {
      const d = await getMonthly(id)
      const t = template.value
      if (!t || t.code !== d.template.code || t.version !== d.template.version) {
        template.value = await getTemplate(d.template.code, d.template.version)
      }
      apply(d)
      void offerDraft()
      history.value = null
      if (activeTab.value === 'history') void loadHistory()
    } catch (error) {
      detail.value = null
      failure.value = error instanceof ApiError && error.status === 404 ? '月度评价不存在或不在您的数据范围内' : '月度评价加载失败'
    } finally {
      loading.value = false
    }
  }

  // ── 查看: the declaration's deduction history, loaded when its tab is first opened ──────────
  const history = ref<HistoryDeduction[] | null>(null)
  const historyLoading = ref(false)

  async function loadHistory() {
    const d = detail.value
    if (!d || historyLoading.value) return
    historyLoading.value = true
    try {
      history.value = (await listDeductionHistory(d.declaration.id)).items
    } catch {
      history.value = [] // shown by the request module
    } finally {
      historyLoading.value = false
    }
  }

  watch(activeTab, (tab) => {
    if (tab === 'history' && history.value === null) void loadHistory()
  })

  // ── editing ─────────────────────────────────────────────────────────────────────────────────
  async function onDeduct(kind: SheetKind, clause: string, value: boolean) {
    if (editKind.value !== kind) return
    const count = photos[kind][clause]?.length ?? 0
    // Saving the sheet without the deduction deletes its photos on the server: ask first.
    if (!value && count > 0 && !(await confirmAction(`取消扣分将删除该条文的 ${count} 张照片，确定吗？`, '取消扣分'))) return
    states[kind].deducted[clause] = value
    if (!value) delete errors[kind][clause]
  }

  /**
   * 不参与评价: the item has no deductions (SPEC §3.4), so its ticks and texts are cleared — after asking,
   * when it has any (issue 26: they were wiped without a word unless they had photos).
   */
  async function onNotApplicable(kind: SheetKind, item: string, value: boolean) {
    if (editKind.value !== kind || !template.value) return
    const state = states[kind]
    const checkItem = template.value.check_items.find((i) => i.code === item)
    const ticked = value ? (checkItem?.sub_items ?? []).flatMap((s) => s.clauses).filter((c) => state.deducted[c.code]) : []
    const photoCount = ticked.reduce((n, c) => n + (photos[kind][c.code]?.length ?? 0), 0)
    if (ticked.length > 0) {
      const question = `“${checkItem?.name ?? item}”设为不参与评价将取消其已勾选的 ${ticked.length} 项扣分及问题描述`
        + (photoCount > 0 ? `，并删除其 ${photoCount} 张照片` : '') + '，确定吗？'
      if (!(await confirmAction(question, '不参与评价'))) return
    }
    state.notApplicable[item] = value
    if (!value) return
    for (const sub of checkItem?.sub_items ?? []) {
      for (const clause of sub.clauses) {
        delete state.deducted[clause.code]
        delete state.problem[clause.code]
        delete errors[kind][clause.code]
      }
    }
  }

  /** A message under a problem is re-checked as the user types (it only ever disappears then). */
  function onProblemInput(kind: SheetKind, clause: string) {
    if (errors[kind][clause]) checkProblem(kind, clause)
  }

  function checkProblem(kind: SheetKind, clause: string) {
    const state = states[kind]
    const message = problemError(Boolean(state.deducted[clause]), state.problem[clause])
    if (message) errors[kind][clause] = message
    else delete errors[kind][clause]
  }

  /** Checks every ticked clause; shows the messages and the first of them. */
  function validate(): boolean {
    const kind = editKind.value
    if (!kind || !template.value) return true
    const found = sheetErrors(sheetInput(states[kind], template.value))
    for (const key of Object.keys(errors[kind])) delete errors[kind][key]
    Object.assign(errors[kind], found)
    const count = Object.keys(found).length
    if (count === 0) return true
    activeTab.value = 'sheet'
    ElMessage.error(`有 ${count} 条扣分条文未填写问题描述，请补充后再保存`)
    setTimeout(() => document.querySelector('.cell-error')?.scrollIntoView({ block: 'center' }), 50)
    return false
  }

  /**
   * A refused save or submit: a stale version (409 conflict) or a state that has moved on offers to
   * reload; 422 puts the server's messages under their clauses.
   */
  async function explainRefusal(error: unknown, sent?: SheetInput) {
    if (!(error instanceof ApiError)) return
    if (error.status === 409) {
      try {
        await ElMessageBox.confirm(`${error.message}。重新加载将放弃本页未保存的修改。`, '提示', {
          type: 'warning', confirmButtonText: '重新加载', cancelButtonText: '取消',
        })
        await load()
      } catch {
        // the user keeps the page as it is
      }
      return
    }
    if (error.status === 422) {
      const kind = editKind.value
      let placed = false
      for (const [field, message] of Object.entries(error.details.fields ?? {})) {
        const clause = sent ? clauseOfField(field, sent) : null
        if (kind && clause) {
          errors[kind][clause] = message
          placed = true
        }
      }
      ElMessage.error(placed ? error.message : Object.values(error.details.fields ?? {})[0] ?? error.message)
      if (placed) activeTab.value = 'sheet'
    }
    // Other statuses (403, 404) were shown by the request module.
  }

  /** Saves the edited sheet; resolves with the stored record, or null when refused. */
  async function persist(): Promise<MonthlyDetail | null> {
    const d = detail.value
    const kind = editKind.value
    if (!d || !kind || !template.value || !validate()) return null
    const input = sheetInput(states[kind], template.value)
    // The draft is on disk before the request: a save refused for an expired session loses nothing.
    await drafts.flush()
    try {
      const answer = await saveSheet(d.id, kind, d.version, input)
      await drafts.clear(scopeOf(kind))
      apply(answer)
      return answer
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        ElMessage.warning({ message: '登录已过期。本页的修改已暂存在本机，重新登录后打开此页即可恢复。', duration: 8000 })
      }
      await explainRefusal(error, input)
      return null
    }
  }

  /** 保存并退出 (the review's first save also moves the month to 已复核待提交). */
  async function saveAndExit() {
    if (saving.value) return
    saving.value = true
    try {
      if (!(await persist())) return
      ElMessage.success(mode() === 'review' ? '复核已保存' : '自评已保存')
      leave()
    } finally {
      saving.value = false
    }
  }

  /** 保存 (the phone's footer): stays on the page with the server's result. */
  async function save() {
    if (saving.value) return
    saving.value = true
    try {
      if (await persist()) ElMessage.success(mode() === 'review' ? '复核已保存' : '自评已保存')
    } finally {
      saving.value = false
    }
  }

  const canSubmit = computed(() => {
    const actions = detail.value?.actions ?? []
    return mode() === 'self' ? actions.includes('submit') : mode() === 'review' && actions.includes('review_submit')
  })

  /** 提交 (confirmed): unsaved changes are saved first, then submitted with the fresh version. */
  async function submit() {
    const d = detail.value
    if (!d || saving.value || !canSubmit.value || !validate()) return
    const question = mode() === 'self' ? submitQuestion(d.period) : REVIEW_SUBMIT_QUESTION
    if (!(await confirmAction(question, '提交'))) return
    saving.value = true
    try {
      let version = d.version
      if (dirty.value) {
        const saved = await persist()
        if (!saved) return
        version = saved.version
      }
      try {
        const answer = mode() === 'self' ? await submitMonthly(d.id, version) : await submitReview(d.id, version)
        apply(answer)
        ElMessage.success(`已提交，状态为“${answer.status_label}”`)
        leave()
      } catch (error) {
        await explainRefusal(error)
      }
    } finally {
      saving.value = false
    }
  }

  /** 月度评定打印: the compact form, or with `full` every clause (完整版). */
  async function print(full = false) {
    const d = detail.value
    if (!d) return
    try {
      await printMonthly(d.id, d.declaration.registration_no, d.period, full)
    } catch {
      // shown by the request module
    }
  }

  // ── the local draft ─────────────────────────────────────────────────────────────────────────
  /** Whose drafts these are: fixed when the page loads (the user is cleared when the session expires). */
  let owner = ''
  const drafts = draftWriter<SheetInput>()
  function scopeOf(kind: SheetKind): string {
    return draftScope(owner, `monthly:${detail.value?.id ?? ''}:${kind}`)
  }
  /** Drafts are written only once the stored one was offered (else the loaded sheet would overwrite it). */
  const draftChecked = ref(false)
  const draftOffer = ref<{ savedAt: string; stale: boolean; changes: SheetChange[]; data: SheetInput } | null>(null)

  async function offerDraft() {
    draftChecked.value = false
    draftOffer.value = null
    const d = detail.value
    const kind = editKind.value
    const t = template.value
    if (!d || !kind || !t) return
    owner = draftOwner(user.me)
    const scope = scopeOf(kind)
    const draft = await findDraft<SheetInput>(scope)
    if (detail.value !== d) return // loaded again meanwhile
    const changes = draft ? sheetChanges(sheetInput(states[kind], t), draft.data, t) : []
    if (draft && changes.length > 0) {
      draftOffer.value = { savedAt: draftTime(draft), stale: draft.baseVersion !== d.version, changes, data: draft.data }
      return // checked once the user chose
    }
    if (draft) await drafts.clear(scope)
    draftChecked.value = true
  }

  function restoreDraft() {
    const offer = draftOffer.value
    const kind = editKind.value
    if (!offer || !kind) return
    assignSheet(states[kind], offer.data)
    draftOffer.value = null
    draftChecked.value = true
    ElMessage.success('已恢复草稿，请核对后保存')
  }

  async function discardDraft() {
    const kind = editKind.value
    draftOffer.value = null
    if (kind) await drafts.clear(scopeOf(kind))
    draftChecked.value = true
  }

  const draftData = computed(() => {
    const kind = editKind.value
    return kind && template.value ? JSON.stringify(draftInput(states[kind], template.value)) : ''
  })
  watch([draftData, dirty], () => {
    const d = detail.value
    const kind = editKind.value
    if (!draftChecked.value || !d || !kind || !template.value) return
    const scope = scopeOf(kind)
    const t = template.value
    if (dirty.value) drafts.schedule(scope, d.version, () => draftInput(states[kind], t))
    else void drafts.clear(scope)
  })

  // ── photos ───────────────────────────────────────────────────────────────────────────────────
  /** Where a clause's new photo goes (the sheet edited here), or undefined. */
  function uploadUrl(kind: SheetKind, clause: string): string | undefined {
    const d = detail.value
    return d && editKind.value === kind ? photoUploadUrl({ kind, monthlyId: d.id, clause }) : undefined
  }

  function onPhotoAdded(kind: SheetKind, clause: string, photo: Photo | PhotoRef) {
    const list = photos[kind][clause] ?? (photos[kind][clause] = [])
    if (!list.some((p) => String(p.id) === String(photo.id))) list.push(photo)
  }

  function onPhotoRemoved(kind: SheetKind, clause: string, id: PhotoRef['id']) {
    const list = photos[kind][clause]
    if (list) photos[kind][clause] = list.filter((p) => String(p.id) !== String(id))
  }

  // A photo that waited in the queue reached the server: it shows under its clause.
  const stopQueueListener = onQueuedUpload((url, photo) => {
    const d = detail.value
    if (!d) return
    for (const kind of ['self', 'review'] as const) {
      const prefix = photoUploadUrl({ kind, monthlyId: d.id, clause: '' }).replace(/\/photos$/, '')
      if (url.startsWith(prefix) && url.endsWith('/photos')) {
        onPhotoAdded(kind, decodeURIComponent(url.slice(prefix.length, -'/photos'.length)), photo)
      }
    }
  })

  /** This month's photos still waiting in the upload queue. */
  const queuedCount = computed(() => {
    const d = detail.value
    if (!d) return 0
    const prefix = `/api/monthly/${d.id}/`
    return queuedUrls.value.filter((u) => u.startsWith(prefix) && !u.includes('/spot-check/')).length
  })

  // ── leaving ─────────────────────────────────────────────────────────────────────────────────
  /** The list this page belongs to, when there is no page to go back to. */
  function listPath(): string {
    const d = detail.value
    if (user.role === 'contractor' && d) return `/enterprise/monthly/${d.declaration.id}`
    return (user.role && route.meta.menuPath?.[user.role]) || homePathFor(user.role)
  }

  /** Back to where the user came from (lists keep their query in the address), else the list. */
  function back() {
    // (Not when the page before is this one: after signing in again the login page was replaced by it.)
    const previous = window.history.state?.back
    if (previous && previous !== route.fullPath) router.back()
    else void router.push(listPath())
  }

  /** After a save or submit: nothing is unsaved any more. */
  function leave() {
    savedInput.value = currentInput.value
    back()
  }

  async function confirmLeave(): Promise<boolean> {
    // An expired session (the user is signed out): the draft is kept, off to the login page.
    if (!dirty.value || !user.loggedIn) return true
    await drafts.flush()
    return confirmAction('打分表有未保存的修改（已暂存在本机，再次打开此页可恢复）。确定离开吗？', '离开')
  }

  onBeforeRouteLeave(() => confirmLeave())
  onBeforeRouteUpdate(() => confirmLeave())

  function onBeforeUnload(event: BeforeUnloadEvent) {
    if (!dirty.value) return
    event.preventDefault()
    event.returnValue = ''
  }
  function onHidden() {
    if (document.visibilityState === 'hidden') void drafts.flush()
  }
  /** Back online: a preview that failed for want of signal is asked again (the ticks have not changed since). */
  function onOnline() {
    const key = editScoringKey.value
    if (!previewError.value || !key || key === resultKey) return
    previewing.value = true
    void runPreview(key)
  }
  onMounted(() => {
    window.addEventListener('beforeunload', onBeforeUnload)
    document.addEventListener('visibilitychange', onHidden)
    window.addEventListener('online', onOnline)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', onBeforeUnload)
    document.removeEventListener('visibilitychange', onHidden)
    window.removeEventListener('online', onOnline)
    clearTimeout(previewTimer)
    void drafts.flush()
    stopQueueListener()
  })

  watch(() => [route.params.id, mode()], () => {
    if (route.path.startsWith('/monthly/')) void load() // not while leaving for another page
  }, { immediate: true })

  return {
    detail, template, rows, loading, failure, saving, activeTab, panes, editing, editKind, reviewPending,
    onlyDeducted, shownTemplate, shownRows, jumpTo, jump,
    previewing, previewError, dirty, canSubmit, history, historyLoading, photos, uploadUrl, queuedCount,
    draftOffer, restoreDraft, discardDraft,
    onDeduct, onNotApplicable, onProblemInput, onProblemBlur: checkProblem, onPhotoAdded, onPhotoRemoved,
    saveAndExit, save, submit, print, back, load,
  }
}
