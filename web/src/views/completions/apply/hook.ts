// State and calls of 竣工评价申请 (施工企业): first asks the server whether the evaluation record is complete
// (every due month reviewed and filed, every quarter registered); if not, its explanation and the missing
// months and quarters are shown and the request stays disabled. Otherwise 竣工日期, 竣工验收信息 and
// 自评情况, then 竣工评价申请 after a confirmation. A refusal on submit (422) is shown the same way.
import { computed, reactive, ref, useTemplateRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ElMessage, type FormInstance } from 'element-plus'
import {
  applyCompletion, getDeclarationCompletion, type CompletionCheck, type DeclarationCompletion,
} from '@/api/completions'
import { getDeclaration, type Declaration } from '@/api/declarations'
import { listDeclarationQuarters, type QuarterlyRecord } from '@/api/quarterly'
import { confirmAction, explainActionError } from '@/utils/actions'
import { ApiError } from '@/utils/request'
import { APPLY_QUESTION, useCompletionNavigation } from '../shared/list'
import { completionInput, completionRules, emptyCompletionForm } from '../shared/rule'

const LIST_PATH = '/enterprise/completions'

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** A 422 refusal that names what is missing (not a per-field one) as a check to show. */
function refusalCheck(error: ApiError): CompletionCheck | null {
  const d = error.details
  if (!('missing_months' in d || 'unregistered_quarters' in d)) return null
  return {
    ready: false,
    message: error.message,
    missing_months: strings(d.missing_months),
    unregistered_quarters: strings(d.unregistered_quarters),
    last_due_month: typeof d.last_due_month === 'string' ? d.last_due_month : null,
  }
}

export function useCompletionApply() {
  const route = useRoute()
  const router = useRouter()
  const navigation = useCompletionNavigation()
  const formRef = useTemplateRef<FormInstance>('applyFormEl')
  const declarationId = computed(() => {
    const id = route.params.declarationId
    return typeof id === 'string' ? id : ''
  })

  const declaration = ref<Declaration | null>(null)
  const info = ref<DeclarationCompletion | null>(null)
  const check = ref<CompletionCheck | null>(null)
  const quarters = ref<QuarterlyRecord[]>([])
  const loading = ref(false)
  const saving = ref(false)
  /** Why nothing is shown (not found, no access); '' while fine. */
  const failure = ref('')
  const form = reactive(emptyCompletionForm())
  const fieldErrors = reactive<Record<string, string>>({})
  const acceptedOn = computed(() => declaration.value?.accepted_at?.slice(0, 10) ?? null)
  const rules = completionRules(() => acceptedOn.value)

  /** The project may be requested now (the check passed and no request exists). */
  const ready = computed(() => Boolean(check.value?.ready) && !info.value?.completion
    && declaration.value?.management_status === 'active')

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  async function load() {
    const id = declarationId.value
    if (!id) return
    loading.value = true
    failure.value = ''
    try {
      const [d, c] = await Promise.all([getDeclaration(id), getDeclarationCompletion(id)])
      declaration.value = d
      info.value = c
      check.value = c.check
    } catch (error) {
      declaration.value = null
      info.value = null
      failure.value = error instanceof ApiError && error.status === 404 ? '申报不存在或不在您的数据范围内' : '竣工评价信息加载失败'
      return
    } finally {
      loading.value = false
    }
    try {
      quarters.value = (await listDeclarationQuarters(id)).items
    } catch {
      quarters.value = [] // shown by the request module; the request itself does not need them
    }
  }

  watch(declarationId, () => void load(), { immediate: true })

  async function apply() {
    if (!ready.value || saving.value) return
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    if (!(await confirmAction(APPLY_QUESTION, '竣工评价申请'))) return
    saving.value = true
    try {
      const created = await applyCompletion(declarationId.value, completionInput(form))
      ElMessage.success(`已提交竣工评价申请，状态为“${created.status_label}”`)
      void router.push(LIST_PATH)
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const refused = refusalCheck(error)
        if (refused) {
          check.value = refused
          ElMessage.error('暂不能申请竣工评价，请查看页面上方的说明')
        } else if (error.details.fields) {
          Object.assign(fieldErrors, error.details.fields)
        } else {
          ElMessage.error(error.message)
        }
      } else if (explainActionError(error)) {
        void load() // someone applied meanwhile, or the project is no longer 评价中
      }
    } finally {
      saving.value = false
    }
  }

  function back() {
    const previous = String(window.history.state?.back ?? '')
    if (previous === LIST_PATH || previous.startsWith(`${LIST_PATH}?`)) router.back()
    else void router.push(LIST_PATH)
  }

  return {
    declaration, info, check, quarters, loading, saving, failure, form, rules, fieldErrors, ready,
    load, apply, back, openDetail: navigation.openDetail,
  }
}
