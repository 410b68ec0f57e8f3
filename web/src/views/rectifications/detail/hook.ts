// State and calls of one 整改指令单 (/rectifications/:id), for every role: read-only, plus the step the order's
// `actions` give the caller — 整改回复 (施工企业, 项目部: a measure per open item, photos from the camera or the
// album), 整改确认 (项目监理机构: 同意 / 不同意 with the opinion), 复查 (监督机构: 通过 / 不通过 per open item with a
// note, a new deadline when any is 不通过) — checked, confirmed (irreversible) and sent with the version. The
// authority adds photos of the problems while `photo_sides` has "issue". What the user types is kept as a local
// draft (IndexedDB) until sent and offered back when the page opens again; a refusal keeps it on the page.
import { computed, onBeforeUnmount, onMounted, reactive, ref, watch } from 'vue'
import { onBeforeRouteLeave, onBeforeRouteUpdate, useRoute, useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import type { Photo, PhotoRef } from '@/api/photos'
import {
  confirmRectification, deleteRectificationPhoto, getRectification, recheckRectification, rectificationPhotoUploadUrl,
  replyRectification, type PhotoSide, type RectificationDetail, type RectificationItem, type ReplyPhoto,
} from '@/api/rectifications'
import type { DraftChange } from '@/components/DraftRestoreDialog.vue'
import { homePathFor } from '@/config/menu'
import { useUserStore } from '@/store/user'
import { confirmAction, STALE_MESSAGE } from '@/utils/actions'
import { draftOwner, draftScope, draftTime, draftWriter, findDraft } from '@/utils/drafts'
import { onQueuedUpload, queuedUrls } from '@/utils/photoQueue'
import { ApiError } from '@/utils/request'
import { comparisonPath } from '@/views/spotChecks/shared'
import { printOrder } from '../shared/list'
import type { RecheckResult } from './components/ItemCard.vue'
import {
  agreeError, deadlineError, itemOfField, measureError, noteError, opinionError, passedError,
} from './rule'

/** The steps a page form serves (the order's `actions` hold at most one of them). */
export type Step = 'reply' | 'confirm' | 'recheck'

/** What the user typed for the step (the local draft keeps it as it is). */
export interface StepForm {
  measures: Record<string, string>
  results: Record<string, RecheckResult>
  deadline: string
  agree: boolean | undefined
  opinion: string
}

function emptyForm(): StepForm {
  return { measures: {}, results: {}, deadline: '', agree: undefined, opinion: '' }
}

/** The form as the order starts it: the current round's measures as replied (a 不同意 sends them back), nothing chosen. */
function initialForm(d: RectificationDetail): StepForm {
  const form = emptyForm()
  for (const item of d.items.filter((i) => i.status === 'open')) {
    form.measures[String(item.id)] = item.measure ?? ''
    form.results[String(item.id)] = { passed: undefined, note: '' }
  }
  return form
}

/** The parts of the form the step sends (what tells a change and what a draft keeps). */
function stepPart(step: Step | null, form: StepForm): unknown {
  if (step === 'reply') return { measures: form.measures }
  if (step === 'recheck') return { results: form.results, deadline: form.results && Object.values(form.results).some((r) => r.passed === false) ? form.deadline : '' }
  if (step === 'confirm') return { agree: form.agree ?? null, opinion: form.opinion }
  return null
}

export function useRectificationDetail() {
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()

  const detail = ref<RectificationDetail | null>(null)
  const loading = ref(false)
  /** Why nothing is shown (not found, no access); '' while fine. */
  const failure = ref('')
  const sending = ref(false)

  const step = computed<Step | null>(() => {
    const actions = detail.value?.actions ?? []
    return (['reply', 'confirm', 'recheck'] as const).find((a) => actions.includes(a)) ?? null
  })
  const openItems = computed(() => detail.value?.items.filter((i) => i.status === 'open') ?? [])

  // ── the step's form ─────────────────────────────────────────────────────────────────────────
  const form = reactive<StepForm>(emptyForm())
  const errors = reactive<Record<string, string>>({})
  /** Which order, round and step the form was filled for (a reload of the same keeps what was typed). */
  let formKey = ''

  const baseline = computed(() => (detail.value ? JSON.stringify(stepPart(step.value, initialForm(detail.value))) : ''))
  const current = computed(() => JSON.stringify(stepPart(step.value, form)))
  /** Something typed that is not sent yet. */
  const dirty = computed(() => step.value !== null && current.value !== baseline.value)

  const failedCount = computed(() => openItems.value.filter((i) => form.results[String(i.id)]?.passed === false).length)

  function clearErrors() {
    for (const key of Object.keys(errors)) delete errors[key]
  }

  function fillForm(d: RectificationDetail) {
    const key = `${d.id}:${d.round}:${d.status}:${step.value ?? ''}`
    const fresh = initialForm(d)
    if (key !== formKey) {
      Object.assign(form, fresh)
      formKey = key
      clearErrors()
      return
    }
    // The same step again (a reload after a refusal): what was typed stays; items that came or went follow the order.
    for (const id of Object.keys(fresh.measures)) {
      if (!(id in form.measures)) form.measures[id] = fresh.measures[id]
      if (!(id in form.results)) form.results[id] = fresh.results[id]
    }
  }

  function apply(d: RectificationDetail) {
    detail.value = d
    fillForm(d)
  }

  async function load(): Promise<boolean> {
    const id = route.params.id
    if (typeof id !== 'string' || !id) return false
    loading.value = true
    failure.value = ''
    try {
      apply(await getRectification(id))
      void offerDraft()
      return true
    } catch (error) {
      detail.value = null
      failure.value = error instanceof ApiError && error.status === 404 ? '整改指令单不存在或不在您的数据范围内' : '整改指令单加载失败'
      return false
    } finally {
      loading.value = false
    }
  }

  // ── editing ─────────────────────────────────────────────────────────────────────────────────
  function setMeasure(item: RectificationItem, value: string) {
    const id = String(item.id)
    form.measures[id] = value
    if (errors[`measure:${id}`]) {
      const message = measureError(value)
      if (message) errors[`measure:${id}`] = message
      else delete errors[`measure:${id}`]
    }
  }

  function setPassed(item: RectificationItem, passed: boolean) {
    const id = String(item.id)
    const result = form.results[id] ?? (form.results[id] = { passed: undefined, note: '' })
    result.passed = passed
    delete errors[`passed:${id}`]
    if (passed) delete errors[`note:${id}`]
  }

  function setNote(item: RectificationItem, note: string) {
    const id = String(item.id)
    const result = form.results[id] ?? (form.results[id] = { passed: undefined, note: '' })
    result.note = note
    if (errors[`note:${id}`] && !noteError(result.passed, note)) delete errors[`note:${id}`]
  }

  function setAgree(agree: boolean) {
    form.agree = agree
    delete errors.agree
    if (agree) delete errors.opinion
  }

  /** Checks the step's form; puts the messages where they belong and says how many there are. */
  function validate(): boolean {
    clearErrors()
    const s = step.value
    const found: Record<string, string> = {}
    for (const item of openItems.value) {
      const id = String(item.id)
      if (s === 'reply') {
        const m = measureError(form.measures[id])
        if (m) found[`measure:${id}`] = m
      } else if (s === 'recheck') {
        const r = form.results[id]
        const p = passedError(r?.passed)
        if (p) found[`passed:${id}`] = p
        const n = noteError(r?.passed, r?.note)
        if (n) found[`note:${id}`] = n
      }
    }
    if (s === 'recheck' && failedCount.value > 0) {
      const m = deadlineError(form.deadline)
      if (m) found.deadline = m
    }
    if (s === 'confirm') {
      const a = agreeError(form.agree)
      if (a) found.agree = a
      const o = opinionError(form.agree, form.opinion)
      if (o) found.opinion = o
    }
    Object.assign(errors, found)
    const count = Object.keys(found).length
    if (count === 0) return true
    const missing = s === 'reply' ? `有 ${count} 项未填写整改措施，请补充后再提交` : `有 ${count} 处未填写完整，请补充后再提交`
    ElMessage.error(missing)
    setTimeout(() => document.querySelector('.cell-error, .el-form-item.is-error')?.scrollIntoView({ block: 'center' }), 50)
    return false
  }

  // ── sending ─────────────────────────────────────────────────────────────────────────────────
  const STEP_BUTTONS: Record<Step, string> = { reply: '提交整改回复', confirm: '提交确认', recheck: '提交复查结果' }
  const stepButton = computed(() => (step.value ? STEP_BUTTONS[step.value] : ''))

  /** Open items without a photo of this round's reply (worth a word in the confirmation). */
  function itemsWithoutPhotos(d: RectificationDetail): number[] {
    return openItems.value
      .filter((item) => !item.reply_photos.some((p) => p.round === d.round))
      .map((item) => item.position)
  }

  function question(d: RectificationDetail): string {
    if (step.value === 'reply') {
      const bare = itemsWithoutPhotos(d)
      const note = bare.length ? `（第 ${bare.join('、')} 项未上传整改照片）` : ''
      return `提交后由项目监理机构确认，本轮整改措施和照片不可再修改${note}。确认提交整改回复？`
    }
    if (step.value === 'confirm') {
      return form.agree
        ? '确认意见为“同意”，提交后转监督机构复查，不可撤回。确认提交？'
        : '确认意见为“不同意”，提交后退回施工单位继续整改，不可撤回。确认提交？'
    }
    const open = openItems.value.length
    if (failedCount.value === 0) return `本轮 ${open} 项整改全部复查通过，整改指令单将销项，不可撤销。确认提交复查结果？`
    const passed = open - failedCount.value
    return `${failedCount.value} 项复查不通过，将退回施工单位在 ${form.deadline} 前继续整改（第 ${d.round + 1} 轮）` +
      `${passed ? `，通过的 ${passed} 项销项` : ''}。确认提交复查结果？`
  }

  function send(d: RectificationDetail) {
    const open = openItems.value
    if (step.value === 'reply') {
      return replyRectification(d.id, {
        version: d.version,
        items: open.map((i) => ({ id: i.id, measure: (form.measures[String(i.id)] ?? '').trim() })),
      })
    }
    if (step.value === 'confirm') {
      const opinion = form.opinion.trim()
      return confirmRectification(d.id, { version: d.version, agree: form.agree === true, ...(opinion ? { opinion } : {}) })
    }
    return recheckRectification(d.id, {
      version: d.version,
      items: open.map((i) => {
        const r = form.results[String(i.id)]
        const note = (r?.note ?? '').trim()
        return { id: i.id, passed: r?.passed === true, ...(note ? { note } : {}) }
      }),
      ...(failedCount.value > 0 ? { deadline: form.deadline } : {}),
    })
  }

  const SUCCESS: Record<Step, string> = { reply: '整改回复已提交', confirm: '确认意见已提交', recheck: '复查结果已提交' }

  async function submit() {
    const d = detail.value
    const s = step.value
    if (!d || !s || sending.value) return
    if (s === 'reply' && queuedCount.value > 0) {
      ElMessage.warning(`还有 ${queuedCount.value} 张照片待上传，请在网络恢复、照片上传完成后再提交`)
      return
    }
    if (!validate()) return
    if (!(await confirmAction(question(d), '提交'))) return
    sending.value = true
    // On disk before the request: a refusal for an expired session loses nothing.
    await drafts.flush()
    const sentItems = openItems.value.map((i) => i.id)
    try {
      const answer = await send(d)
      await drafts.clear(scopeOf(d, s))
      apply(answer)
      ElMessage.success(`${SUCCESS[s]}，状态为“${answer.status_label}”`)
      // Back to the top, where the new state shows (the layout scrolls, not the window).
      document.querySelector('.rectification-detail')?.scrollIntoView({ block: 'start' })
    } catch (error) {
      await explainRefusal(error, sentItems)
    } finally {
      sending.value = false
    }
  }

  /**
   * A refused step: 422 puts the server's reasons under their items and fields; 409 (someone acted meanwhile,
   * a stale version) says so and reads the order again — what was typed stays while the step is still the user's.
   */
  async function explainRefusal(error: unknown, sentItems: RectificationItem['id'][]) {
    if (!(error instanceof ApiError)) return
    if (error.status === 401) {
      ElMessage.warning({ message: '登录已过期。本页填写的内容已暂存在本机，重新登录后打开此页即可恢复。', duration: 8000 })
      return
    }
    if (error.status === 422) {
      const fields = error.details.fields ?? {}
      const KEYS: Record<string, string> = { measure: 'measure', passed: 'passed', note: 'note' }
      let placed = 0
      for (const [field, reason] of Object.entries(fields)) {
        const at = itemOfField(field)
        const id = at ? sentItems[at.index] : undefined
        if (at && id !== undefined) {
          errors[`${KEYS[at.field] ?? (step.value === 'reply' ? 'measure' : 'note')}:${id}`] = reason
          placed++
        } else if (['deadline', 'agree', 'opinion'].includes(field)) {
          errors[field] = reason
          placed++
        }
      }
      ElMessage.error(Object.values(fields)[0] ?? error.message)
      if (placed) setTimeout(() => document.querySelector('.cell-error, .el-form-item.is-error')?.scrollIntoView({ block: 'center' }), 50)
      return
    }
    if (error.status === 409 || error.status === 404) {
      ElMessage.error(error.code === 'conflict' ? STALE_MESSAGE : error.message)
      await load()
    }
    // Others (403, 5xx) were shown by the request module.
  }

  // ── photos ───────────────────────────────────────────────────────────────────────────────────
  function uploadUrl(item: RectificationItem, side: PhotoSide): string | undefined {
    const d = detail.value
    if (!d || !d.photo_sides.includes(side)) return undefined
    // The site's photos are of an open item's reply; the authority's of any problem while it may add them.
    if (side === 'reply' && (item.status !== 'open' || step.value !== 'reply')) return undefined
    return rectificationPhotoUploadUrl(d.id, item.id)
  }

  function remover(photoId: PhotoRef['id']) {
    const d = detail.value
    return d ? deleteRectificationPhoto(d.id, photoId) : Promise.resolve(null)
  }

  function onPhotoAdded(item: RectificationItem, side: PhotoSide, photo: Photo | PhotoRef) {
    const round = (photo as Partial<ReplyPhoto>).round ?? detail.value?.round ?? 1
    const answerSide = (photo as { side?: PhotoSide }).side ?? side
    const list: PhotoRef[] = answerSide === 'issue' ? item.photos : item.reply_photos
    if (list.some((p) => String(p.id) === String(photo.id))) return
    if (answerSide === 'issue') item.photos.push(photo)
    else item.reply_photos.push({ ...photo, round })
  }

  function onPhotoRemoved(item: RectificationItem, side: PhotoSide, id: PhotoRef['id']) {
    if (side === 'issue') item.photos = item.photos.filter((p) => String(p.id) !== String(id))
    else item.reply_photos = item.reply_photos.filter((p) => String(p.id) !== String(id))
  }

  // A photo that waited in the queue reached the server: it shows under its item.
  const stopQueueListener = onQueuedUpload((url, photo) => {
    const d = detail.value
    const match = d ? new RegExp(`^/api/rectifications/${d.id}/items/([^/]+)/photos$`).exec(url) : null
    const item = match ? d!.items.find((i) => String(i.id) === decodeURIComponent(match[1])) : undefined
    if (item) onPhotoAdded(item, d!.photo_sides.includes('issue') ? 'issue' : 'reply', photo)
  })

  /** This order's photos still waiting in the upload queue. */
  const queuedCount = computed(() => {
    const d = detail.value
    return d ? queuedUrls.value.filter((u) => u.startsWith(`/api/rectifications/${d.id}/`)).length : 0
  })

  // ── the local draft ─────────────────────────────────────────────────────────────────────────
  let owner = ''
  const drafts = draftWriter<StepForm>()
  function scopeOf(d: RectificationDetail, s: Step): string {
    return draftScope(owner, `rectification:${d.id}:${d.round}:${s}`)
  }
  /** Drafts are written only once the stored one was offered (else the loaded form would overwrite it). */
  const draftChecked = ref(false)
  const draftOffer = ref<{ savedAt: string; stale: boolean; changes: DraftChange[]; data: StepForm } | null>(null)

  /** What restoring `draft` would change in the form shown. */
  function draftChanges(d: RectificationDetail, s: Step, draft: StepForm): DraftChange[] {
    const changes: DraftChange[] = []
    const items = d.items.filter((i) => i.status === 'open')
    if (s === 'reply') {
      for (const item of items) {
        const id = String(item.id)
        const typed = (draft.measures?.[id] ?? '').trim()
        if (typed && typed !== (form.measures[id] ?? '').trim()) {
          changes.push({ code: `第 ${item.position} 项`, text: item.problem, change: `整改措施：${typed}` })
        }
      }
    } else if (s === 'recheck') {
      for (const item of items) {
        const id = String(item.id)
        const r = draft.results?.[id]
        if (!r || r.passed === undefined) continue
        const now = form.results[id]
        if (now?.passed === r.passed && (now?.note ?? '').trim() === (r.note ?? '').trim()) continue
        const note = (r.note ?? '').trim()
        changes.push({ code: `第 ${item.position} 项`, text: item.problem, change: `${r.passed ? '通过' : '不通过'}${note ? `：${note}` : ''}` })
      }
      if (draft.deadline && draft.deadline !== form.deadline) changes.push({ code: '整改期限', text: '', change: draft.deadline })
    } else if (draft.agree !== undefined && (draft.agree !== form.agree || draft.opinion.trim() !== form.opinion.trim())) {
      changes.push({ code: '确认意见', text: '', change: `${draft.agree ? '同意' : '不同意'}${draft.opinion.trim() ? `：${draft.opinion.trim()}` : ''}` })
    }
    return changes
  }

  async function offerDraft() {
    draftChecked.value = false
    draftOffer.value = null
    const d = detail.value
    const s = step.value
    if (!d || !s) return
    owner = draftOwner(user.me)
    const scope = scopeOf(d, s)
    const draft = await findDraft<StepForm>(scope)
    if (detail.value !== d) return // loaded again meanwhile
    const changes = draft ? draftChanges(d, s, draft.data) : []
    if (draft && changes.length > 0) {
      draftOffer.value = { savedAt: draftTime(draft), stale: draft.baseVersion !== d.version, changes, data: draft.data }
      return // checked once the user chose
    }
    if (draft && !dirty.value) await drafts.clear(scope)
    draftChecked.value = true
  }

  function restoreDraft() {
    const offer = draftOffer.value
    if (!offer) return
    const data = offer.data
    for (const [id, measure] of Object.entries(data.measures ?? {})) if (id in form.measures) form.measures[id] = measure
    for (const [id, result] of Object.entries(data.results ?? {})) if (id in form.results) form.results[id] = { ...result }
    form.deadline = data.deadline ?? ''
    form.agree = data.agree
    form.opinion = data.opinion ?? ''
    draftOffer.value = null
    draftChecked.value = true
    ElMessage.success('已恢复草稿，请核对后提交')
  }

  async function discardDraft() {
    const d = detail.value
    const s = step.value
    draftOffer.value = null
    if (d && s) await drafts.clear(scopeOf(d, s))
    draftChecked.value = true
  }

  watch([current, dirty], () => {
    const d = detail.value
    const s = step.value
    if (!draftChecked.value || !d || !s) return
    const scope = scopeOf(d, s)
    if (dirty.value) drafts.schedule(scope, d.version, () => JSON.parse(JSON.stringify(form)) as StepForm)
    else void drafts.clear(scope)
  })

  // ── leaving ─────────────────────────────────────────────────────────────────────────────────
  /** Back to the list the user came from (it keeps its query in the address), else the role's list. */
  function back() {
    const previous = window.history.state?.back
    if (previous && previous !== route.fullPath) router.back()
    else void router.push((user.role && route.meta.menuPath?.[user.role]) || homePathFor(user.role))
  }

  async function confirmLeave(): Promise<boolean> {
    // An expired session (the user is signed out): the draft is kept, off to the login page.
    if (!dirty.value || !user.loggedIn) return true
    await drafts.flush()
    return confirmAction('填写的内容尚未提交（已暂存在本机，再次打开此页可恢复）。确定离开吗？', '离开')
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
    if (route.path.startsWith('/rectifications/')) void load() // not while leaving for another page
  }, { immediate: true })

  // ── elsewhere ───────────────────────────────────────────────────────────────────────────────
  function print() {
    const d = detail.value
    if (d) void printOrder(d)
  }

  function openSummary() {
    const d = detail.value
    if (d) void router.push(`/declarations/${d.declaration.id}/summary`)
  }

  /** The spot-check the order came from (the authority's page). */
  const sourcePath = computed(() => {
    const s = detail.value?.source
    return s && user.role === 'authority' ? comparisonPath(s.spot_check) : null
  })

  return {
    detail, loading, failure, sending, step, stepButton, openItems, form, errors, dirty, failedCount,
    queuedCount, draftOffer, sourcePath,
    setMeasure, setPassed, setNote, setAgree, submit, uploadUrl, remover, onPhotoAdded, onPhotoRemoved,
    restoreDraft, discardDraft, back, print, openSummary, load,
  }
}
