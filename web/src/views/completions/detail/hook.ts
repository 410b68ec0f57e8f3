// State and calls of one 竣工评价 (/completions/:id), for every role: read-only, plus what the record's
// `actions` allow — the site supervisor's 复核 (同意/不同意 + opinion, saved) and 提交 (confirmed, naming
// where it goes), the contractor's 再次提交复核 of a rejected request with its fields edited, the
// authority's 登记 (a dialog). 打印 and 综合信息 for everyone.
import { computed, reactive, ref, useTemplateRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ElMessage, type FormInstance } from 'element-plus'
import {
  getCompletion, resubmitCompletion, saveCompletionReview, submitCompletionReview, type CompletionDetail,
} from '@/api/completions'
import { homePathFor } from '@/config/menu'
import { useUserStore } from '@/store/user'
import { confirmAction, explainActionError, explainDialogError } from '@/utils/actions'
import { ApiError } from '@/utils/request'
import {
  RESUBMIT_QUESTION, can, printCompletionOf, reviewSubmitQuestion, useCompletionNavigation,
} from '../shared/list'
import { completionInput, completionRules, emptyCompletionForm } from '../shared/rule'
import { reviewRules, type ReviewForm } from './rule'

export function useCompletionDetail() {
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()
  const navigation = useCompletionNavigation()
  const reviewFormRef = useTemplateRef<FormInstance>('reviewFormEl')
  const resubmitFormRef = useTemplateRef<FormInstance>('resubmitFormEl')

  const detail = ref<CompletionDetail | null>(null)
  const loading = ref(false)
  const busy = ref<'review' | 'submit' | 'resubmit' | null>(null)
  /** Why nothing is shown (not found, no access); '' while fine. */
  const failure = ref('')

  const review = reactive<ReviewForm>({ agree: undefined, opinion: '' })
  const reviewErrors = reactive<Record<string, string>>({})
  const resubmit = reactive(emptyCompletionForm())
  const resubmitErrors = reactive<Record<string, string>>({})
  const registerOpen = ref(false)

  const canReview = computed(() => Boolean(detail.value && can(detail.value, 'save_review')))
  const canSubmitReview = computed(() => Boolean(detail.value && can(detail.value, 'review_submit')))
  const canResubmit = computed(() => Boolean(detail.value && can(detail.value, 'resubmit')))
  const canRegister = computed(() => Boolean(detail.value && can(detail.value, 'register')))

  /** The review form differs from the saved review (提交 sends the saved one). */
  const reviewDirty = computed(() => {
    const saved = detail.value?.review
    if (!canReview.value) return false
    if (!saved) return review.agree !== undefined || review.opinion.trim() !== ''
    return review.agree !== saved.agree || review.opinion.trim() !== saved.opinion
  })

  function clear(errors: Record<string, string>) {
    for (const key of Object.keys(errors)) delete errors[key]
  }

  /** Puts the record's values into the forms the caller may edit. */
  function fillForms(d: CompletionDetail) {
    review.agree = d.review?.agree
    review.opinion = d.review?.opinion ?? ''
    resubmit.completion_date = d.completion_date
    resubmit.acceptance_info = d.acceptance_info
    resubmit.self_assessment = d.self_assessment
    clear(reviewErrors)
    clear(resubmitErrors)
    reviewFormRef.value?.clearValidate()
    resubmitFormRef.value?.clearValidate()
  }

  async function load() {
    const id = route.params.id
    if (typeof id !== 'string' || !id) return
    loading.value = true
    failure.value = ''
    try {
      const d = await getCompletion(id)
      detail.value = d
      fillForms(d)
    } catch (error) {
      detail.value = null
      failure.value = error instanceof ApiError && error.status === 404 ? '竣工评价不存在或不在您的数据范围内' : '竣工评价加载失败'
    } finally {
      loading.value = false
    }
  }

  watch(() => route.params.id, () => void load(), { immediate: true })

  /** After an answer: show it; a refusal that means the record moved on reloads it. */
  function settle(answer: CompletionDetail) {
    detail.value = answer
    fillForms(answer)
  }

  /** 复核: saves 同意/不同意 with the opinion (repeatable until 提交). */
  async function saveReview() {
    const d = detail.value
    if (!d || busy.value) return
    clear(reviewErrors)
    if (!(await reviewFormRef.value?.validate().catch(() => false))) return
    if (review.agree === undefined) return
    busy.value = 'review'
    try {
      settle(await saveCompletionReview(d.id, d.version, review.agree, review.opinion.trim()))
      ElMessage.success('复核意见已保存，请点击“提交”')
    } catch (error) {
      explainDialogError(error, reviewErrors, () => void load())
    } finally {
      busy.value = null
    }
  }

  /** 提交 of the saved review (confirmed: 同意 → 监督机构登记, 不同意 → back to the contractor). */
  async function submitReview() {
    const d = detail.value
    if (!d || busy.value) return
    if (reviewDirty.value) {
      ElMessage.warning('复核意见已修改但未保存，请先点击“复核”保存')
      return
    }
    if (!(await confirmAction(reviewSubmitQuestion(d.review), '提交'))) return
    busy.value = 'submit'
    try {
      const answer = await submitCompletionReview(d.id, d.version)
      ElMessage.success(`已提交，状态为“${answer.status_label}”`)
      back()
    } catch (error) {
      if (explainActionError(error)) void load()
    } finally {
      busy.value = null
    }
  }

  /** 再次提交复核 of a rejected request, with its edited fields. */
  async function resubmitRequest() {
    const d = detail.value
    if (!d || busy.value) return
    clear(resubmitErrors)
    if (!(await resubmitFormRef.value?.validate().catch(() => false))) return
    if (!(await confirmAction(RESUBMIT_QUESTION, '再次提交复核'))) return
    busy.value = 'resubmit'
    try {
      const answer = await resubmitCompletion(d.id, d.version, completionInput(resubmit))
      ElMessage.success(`已再次提交复核，状态为“${answer.status_label}”`)
      back()
    } catch (error) {
      explainDialogError(error, resubmitErrors, () => void load())
    } finally {
      busy.value = null
    }
  }

  function print() {
    const d = detail.value
    if (d) void printCompletionOf(d.id, d.declaration.registration_no)
  }

  function openSummary() {
    const d = detail.value
    if (d) void navigation.openSummary(d.declaration.id)
  }

  /** Back to the list the user came from (it keeps its query in the address), else the role's list. */
  function back() {
    const menuPath = (user.role && route.meta.menuPath?.[user.role]) || homePathFor(user.role)
    const previous = String(window.history.state?.back ?? '')
    if (previous === menuPath || previous.startsWith(`${menuPath}?`)) router.back()
    else void router.push(menuPath)
  }

  return {
    detail, loading, busy, failure, review, reviewErrors, resubmit, resubmitErrors, registerOpen,
    reviewRules: reviewRules(review), resubmitRules: completionRules(),
    canReview, canSubmitReview, canResubmit, canRegister, reviewDirty,
    load, saveReview, submitReview, resubmitRequest, print, openSummary, back,
  }
}
