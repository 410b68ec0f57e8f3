// State and calls of one month's 抽查比对 (/authority/spot-checks/monthly/:id): the clauses with both sheets'
// verdicts and the authority's findings (是否符合条文要求（监督机构）, 备注), the agreement rates recomputed as
// the user ticks (the server's figures once saved), 保存 / 保存并退出 / 完成抽查 with the spot-check's
// version, read-only once finished; leaving with unsaved findings asks first. The findings typed are kept as a
// local draft (IndexedDB) until saved and offered back on opening; each clause's finding photos are kept here.
import { computed, onBeforeUnmount, onMounted, reactive, ref, watch } from 'vue'
import { onBeforeRouteLeave, onBeforeRouteUpdate, useRoute, useRouter } from 'vue-router'
import { ElMessage, ElMessageBox } from 'element-plus'
import { getSpotCheck, saveSpotCheck, type FindingInput, type SpotCheckView } from '@/api/spotChecks'
import { photoUploadUrl, type Photo, type PhotoRef } from '@/api/photos'
import { useUserStore } from '@/store/user'
import { draftOwner, draftScope, draftTime, draftWriter, findDraft } from '@/utils/drafts'
import { onQueuedUpload, queuedUrls } from '@/utils/photoQueue'
import { confirmAction } from '@/utils/actions'
import { ApiError } from '@/utils/request'
import type { IssueSource } from '@/views/rectifications/issue/hook'
import { agreementText, formatHundredths, formatRate, monthsPath, spotCheckStatus } from '../shared'
import { clauseOfField, findingErrors, noteError } from './rule'
import {
  assignDraft, assignFindings, buildRows, clausesOf, disagreement, draftFindings, findingChanges, findingState,
  findingsInput, liveAgreement, type CompareRow,
} from './state'

/** An agreement rate as the header shows it. */
export interface RateView {
  /** "96.49%（110/114 条）"; '' without the sheet. */
  text: string
  rate: string
}

export function finishQuestion(period: string): string {
  return `完成抽查后，${period} 月度评价的抽查比对结果将不可再修改（只读）。确认完成抽查？`
}

export function useSpotCheckComparison() {
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()

  const view = ref<SpotCheckView | null>(null)
  const loading = ref(false)
  /** Why nothing is shown (not found, no access, a draft month); '' while fine. */
  const failure = ref('')
  const saving = ref(false)
  /** Only the clauses where the authority's finding contradicts a sheet. */
  const onlyDisagreements = ref(false)

  const state = findingState()
  const errors = reactive<Record<string, string>>({})
  /** The authority's finding photos by clause. */
  const photos = reactive<Record<string, PhotoRef[]>>({})

  const editable = computed(() => Boolean(view.value?.actions.includes('save')))
  const canFinish = computed(() => Boolean(view.value?.actions.includes('finish')))
  const status = computed(() => spotCheckStatus(view.value?.spot_check))

  const rows = computed<CompareRow[]>(() => {
    const v = view.value
    if (!onlyDisagreements.value) return buildRows(v)
    return buildRows(v, (clause) => {
      const differs = disagreement(state, clause)
      return differs.self || differs.review
    })
  })

  // ── unsaved findings ────────────────────────────────────────────────────────────────────────
  const savedInput = ref('')
  const currentInput = computed(() => (view.value ? JSON.stringify(findingsInput(state, view.value)) : ''))
  const dirty = computed(() => editable.value && currentInput.value !== savedInput.value)

  // ── the agreement rates: the server's for what is saved, recomputed here for unsaved ticks ────
  const live = computed(() => liveAgreement(state, view.value))
  const agreement = computed<{ self: RateView; review: RateView; live: boolean }>(() => {
    const v = view.value
    const none = { text: '', rate: '' }
    if (!v) return { self: none, review: none, live: false }
    if (dirty.value) {
      const a = live.value
      const rate = (agree: number, hundredths: number) => {
        const text = formatHundredths(hundredths)
        return { rate: text, text: agreementText(text, agree, a.clauses) }
      }
      return {
        self: rate(a.self.agree, a.self.hundredths),
        review: a.review ? rate(a.review.agree, a.review.hundredths) : none,
        live: true,
      }
    }
    const a = v.agreement
    const rate = (agree: number, value: number) => ({ rate: formatRate(value), text: agreementText(formatRate(value), agree, a.clauses) })
    return { self: rate(a.self.agree, a.self.rate), review: a.review ? rate(a.review.agree, a.review.rate) : none, live: false }
  })

  /** Clauses the authority finds not conforming (as shown). */
  const nonConforming = computed(() => clausesOf(view.value).filter((c) => state.conforms[c.code] === false).length)

  // ── 下发整改指令单 from the saved findings ──────────────────────────────────────────────────
  /** The saved non-conforming clauses: the order's first items (the server takes them from what is saved). */
  const issueSource = computed<IssueSource | null>(() => {
    const v = view.value
    if (!v) return null
    const clauses = clausesOf(v).filter((c) => c.authority.conforms === false)
      .map((c) => ({ code: c.code, text: c.text, note: c.authority.note ?? '', photos: c.photos?.length ?? 0 }))
    return { monthlyId: v.monthly.id, period: v.monthly.period, declarationId: v.monthly.declaration.id, clauses }
  })
  const canIssue = computed(() => (issueSource.value?.clauses.length ?? 0) > 0)
  const issueOpen = ref(false)

  /** Opens 下发整改指令单 once what is shown is saved (the order is made of the saved findings). */
  function openIssue() {
    if (!canIssue.value) return
    if (dirty.value) {
      ElMessage.warning('抽查比对有未保存的修改，请先保存：整改项按已保存的不符合条文生成')
      return
    }
    issueOpen.value = true
  }

  /** The order issued: its page. */
  function onIssued(detail: { id: string | number }) {
    void router.push(`/rectifications/${detail.id}`)
  }

  function clearErrors() {
    for (const key of Object.keys(errors)) delete errors[key]
  }

  function apply(answer: SpotCheckView) {
    view.value = answer
    assignFindings(state, answer)
    for (const key of Object.keys(photos)) delete photos[key]
    for (const clause of clausesOf(answer)) if (clause.photos?.length) photos[clause.code] = [...clause.photos]
    clearErrors()
    savedInput.value = currentInput.value
  }

  async function load() {
    const id = route.params.id
    if (typeof id !== 'string' || !id) return
    loading.value = true
    failure.value = ''
    try {
      apply(await getSpotCheck(id))
      void offerDraft()
    } catch (error) {
      view.value = null
      failure.value = error instanceof ApiError && error.status === 404
        ? '月度评价不存在或不在您的数据范围内'
        : error instanceof ApiError && error.status === 409 ? error.message : '抽查比对信息加载失败'
    } finally {
      loading.value = false
    }
  }

  // ── editing ─────────────────────────────────────────────────────────────────────────────────
  function onConforms(clause: string, value: boolean) {
    if (!editable.value) return
    state.conforms[clause] = value
  }

  function onNote(clause: string, value: string) {
    if (!editable.value) return
    state.note[clause] = value
    if (errors[clause]) checkNote(clause)
  }

  function checkNote(clause: string) {
    const message = noteError(state.note[clause])
    if (message) errors[clause] = message
    else delete errors[clause]
  }

  function validate(findings: FindingInput[]): boolean {
    clearErrors()
    const found = findingErrors(findings)
    Object.assign(errors, found)
    const count = Object.keys(found).length
    if (count === 0) return true
    onlyDisagreements.value = false
    ElMessage.error(`有 ${count} 条备注超过 500 个字符，请修改后再保存`)
    setTimeout(() => document.querySelector('.cell-error')?.scrollIntoView({ block: 'center' }), 50)
    return false
  }

  /** A refused save: 409 (stale version, finished meanwhile) offers to reload; 422 goes under its clauses. */
  async function explainRefusal(error: unknown, sent: FindingInput[]) {
    if (!(error instanceof ApiError)) return
    if (error.status === 409) {
      try {
        await ElMessageBox.confirm(`${error.message.replace(/[。.]$/, '')}。重新加载将放弃本页未保存的修改。`, '提示', {
          type: 'warning', confirmButtonText: '重新加载', cancelButtonText: '取消',
        })
        await load()
      } catch {
        // the user keeps the page as it is
      }
      return
    }
    if (error.status === 422) {
      const fields = error.details.fields ?? {}
      let placed = false
      for (const [field, message] of Object.entries(fields)) {
        const clause = clauseOfField(field, sent)
        if (clause) {
          errors[clause] = message
          placed = true
        }
      }
      if (placed) onlyDisagreements.value = false
      ElMessage.error(Object.values(fields)[0] ?? error.message)
    }
    // Other statuses (403, 404) were shown by the request module.
  }

  /** Saves the findings shown; resolves with the stored answer, or null when refused. */
  async function persist(finished: boolean): Promise<SpotCheckView | null> {
    const v = view.value
    if (!v || !editable.value) return null
    const findings = findingsInput(state, v)
    if (!validate(findings)) return null
    // On disk before the request: a save refused for an expired session loses nothing.
    await drafts.flush()
    try {
      const answer = await saveSpotCheck(v.monthly.id, { version: v.spot_check?.version ?? 0, findings, finished })
      await drafts.clear(scope())
      apply(answer)
      return answer
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        ElMessage.warning({ message: '登录已过期。本页的修改已暂存在本机，重新登录后打开此页即可恢复。', duration: 8000 })
      }
      await explainRefusal(error, findings)
      return null
    }
  }

  /** 保存: stays on the page (the header then shows the server's rates). */
  async function save() {
    if (saving.value) return
    saving.value = true
    try {
      if (await persist(false)) ElMessage.success('抽查比对已保存')
    } finally {
      saving.value = false
    }
  }

  /** 保存并退出: back to the project's months. */
  async function saveAndExit() {
    if (saving.value) return
    saving.value = true
    try {
      if (!(await persist(false))) return
      ElMessage.success('抽查比对已保存')
      back()
    } finally {
      saving.value = false
    }
  }

  /** 完成抽查 (confirmed): the findings shown become final and the page read-only. */
  async function finish() {
    const v = view.value
    if (!v || saving.value || !canFinish.value) return
    if (!validate(findingsInput(state, v))) return
    if (!(await confirmAction(finishQuestion(v.monthly.period), '完成抽查'))) return
    saving.value = true
    try {
      const answer = await persist(true)
      if (answer) ElMessage.success(`抽查比对${answer.spot_check?.status_label ?? '已完成'}`)
    } finally {
      saving.value = false
    }
  }

  // ── leaving ─────────────────────────────────────────────────────────────────────────────────
  /** Back to the project's months (where the user came from, or opened afresh). */
  function back() {
    const v = view.value
    const months = v ? monthsPath(v.monthly.declaration.id) : null
    if (months && window.history.state?.back === months) router.back()
    else if (months) void router.push(months)
    else if (window.history.state?.back) router.back()
    else void router.push('/authority/spot-checks')
  }

  async function confirmLeave(): Promise<boolean> {
    // An expired session (the user is signed out): the draft is kept, off to the login page.
    if (!dirty.value || !user.loggedIn) return true
    await drafts.flush()
    return confirmAction('抽查比对有未保存的修改（已暂存在本机，再次打开此页可恢复）。确定离开吗？', '离开')
  }

  // ── the local draft ─────────────────────────────────────────────────────────────────────────
  let owner = ''
  const drafts = draftWriter<FindingInput[]>()
  const scope = () => draftScope(owner, `spot-check:${view.value?.monthly.id ?? ''}`)
  const draftChecked = ref(false)
  const draftOffer = ref<{ savedAt: string; stale: boolean; changes: ReturnType<typeof findingChanges>; data: FindingInput[] } | null>(null)

  async function offerDraft() {
    draftChecked.value = false
    draftOffer.value = null
    const v = view.value
    if (!v || !editable.value) return
    owner = draftOwner(user.me)
    const draft = await findDraft<FindingInput[]>(scope())
    if (view.value !== v) return
    const changes = draft ? findingChanges(state, v, draft.data) : []
    if (draft && changes.length > 0) {
      draftOffer.value = { savedAt: draftTime(draft), stale: draft.baseVersion !== (v.spot_check?.version ?? 0), changes, data: draft.data }
      return
    }
    if (draft) await drafts.clear(scope())
    draftChecked.value = true
  }

  function restoreDraft() {
    const offer = draftOffer.value
    if (!offer) return
    assignDraft(state, offer.data)
    draftOffer.value = null
    draftChecked.value = true
    ElMessage.success('已恢复草稿，请核对后保存')
  }

  async function discardDraft() {
    draftOffer.value = null
    await drafts.clear(scope())
    draftChecked.value = true
  }

  const draftData = computed(() => (view.value ? JSON.stringify(draftFindings(state, view.value)) : ''))
  watch([draftData, dirty], () => {
    const v = view.value
    if (!draftChecked.value || !v || !editable.value) return
    if (dirty.value) drafts.schedule(scope(), v.spot_check?.version ?? 0, () => draftFindings(state, v))
    else void drafts.clear(scope())
  })

  // ── photos ───────────────────────────────────────────────────────────────────────────────────
  function uploadUrl(clause: string): string | undefined {
    const v = view.value
    return v && editable.value ? photoUploadUrl({ kind: 'finding', monthlyId: v.monthly.id, clause }) : undefined
  }

  function onPhotoAdded(clause: string, photo: Photo | PhotoRef) {
    const list = photos[clause] ?? (photos[clause] = [])
    if (!list.some((p) => String(p.id) === String(photo.id))) list.push(photo)
  }

  function onPhotoRemoved(clause: string, id: PhotoRef['id']) {
    const list = photos[clause]
    if (list) photos[clause] = list.filter((p) => String(p.id) !== String(id))
  }

  const stopQueueListener = onQueuedUpload((url, photo) => {
    const v = view.value
    if (!v) return
    const prefix = photoUploadUrl({ kind: 'finding', monthlyId: v.monthly.id, clause: '' }).replace(/\/photos$/, '')
    if (url.startsWith(prefix) && url.endsWith('/photos')) {
      onPhotoAdded(decodeURIComponent(url.slice(prefix.length, -'/photos'.length)), photo)
    }
  })

  const queuedCount = computed(() => {
    const v = view.value
    return v ? queuedUrls.value.filter((u) => u.startsWith(`/api/monthly/${v.monthly.id}/spot-check/`)).length : 0
  })

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
  onMounted(() => {
    window.addEventListener('beforeunload', onBeforeUnload)
    document.addEventListener('visibilitychange', onHidden)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', onBeforeUnload)
    document.removeEventListener('visibilitychange', onHidden)
    void drafts.flush()
    stopQueueListener()
  })

  watch(() => route.params.id, () => {
    if (route.path.startsWith('/authority/spot-checks/monthly/')) void load() // not while leaving
  }, { immediate: true })

  return {
    view, rows, state, errors, loading, failure, saving, editable, canFinish, status, dirty, agreement,
    nonConforming, onlyDisagreements, photos, uploadUrl, queuedCount, draftOffer, restoreDraft, discardDraft,
    onConforms, onNote, onNoteBlur: checkNote, onPhotoAdded, onPhotoRemoved, save, saveAndExit, finish, back, load,
    issueSource, canIssue, issueOpen, openIssue, onIssued,
  }
}
