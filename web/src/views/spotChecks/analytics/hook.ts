// State and calls of 抽查比对分析: the query (符合率阈值, by default the server's; 评价期间) kept in the address,
// the finished spot-checks' agreement per construction enterprise (自评 vs 监督机构) and per supervision
// enterprise (复核 vs 监督机构), and the same analysis as an Excel workbook (导出).
import { reactive, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { ElMessage, type FormInstance } from 'element-plus'
import { exportAnalytics, getAnalytics, type AnalyticsQuery, type SpotCheckAnalytics } from '@/api/spotChecks'
import { ApiError } from '@/utils/request'
import { parseThreshold } from './rule'

export interface AnalyticsForm {
  /** Null: the server's default (shown once answered). */
  threshold: number | null
  /** YYYY-MM, '' for open ends. */
  period_from: string
  period_to: string
}

function first(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : ''
}

function toAddress(query: AnalyticsQuery): Record<string, string> {
  const q: Record<string, string> = {}
  if (query.threshold !== null && query.threshold !== undefined) q.threshold = String(query.threshold)
  if (query.period_from) q.period_from = query.period_from
  if (query.period_to) q.period_to = query.period_to
  return q
}

/** `formRef`: the page's query form (validated before a search). */
export function useSpotCheckAnalytics(formRef: Ref<FormInstance | undefined>) {
  const route = useRoute()
  const router = useRouter()
  const ownPath = route.path

  const form = reactive<AnalyticsForm>({ threshold: null, period_from: '', period_to: '' })
  /** The query of the figures shown (threshold null: the server's default). */
  let applied: AnalyticsQuery = {}
  const data = ref<SpotCheckAnalytics | null>(null)
  const loading = ref(false)
  let seq = 0

  function readRoute(query: LocationQuery) {
    form.threshold = parseThreshold(first(query.threshold))
    form.period_from = first(query.period_from)
    form.period_to = first(query.period_to)
    applied = { threshold: form.threshold, period_from: form.period_from, period_to: form.period_to }
  }

  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const answer = await getAnalytics(applied)
      if (mine !== seq) return
      data.value = answer
      // The input shows the threshold the figures were judged by (the server's default at first).
      form.threshold = answer.threshold
    } catch (error) {
      // 422 (a threshold or period the server refuses): its reason; other errors were shown already.
      if (error instanceof ApiError && error.status === 422) {
        ElMessage.error(Object.values(error.details.fields ?? {})[0] ?? error.message)
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function navigate(query: AnalyticsQuery) {
    const next = toAddress(query)
    const now = Object.fromEntries(Object.entries(route.query).map(([k, v]) => [k, first(v)]))
    if (JSON.stringify(next) === JSON.stringify(now)) {
      applied = query
      void load()
    } else {
      void router.replace({ path: ownPath, query: next })
    }
  }

  watch(() => route.fullPath, () => {
    if (route.path !== ownPath) return // leaving the page
    readRoute(route.query)
    void load()
  }, { immediate: true })

  async function search() {
    if (!(await formRef.value?.validate().catch(() => false))) return
    navigate({ threshold: form.threshold, period_from: form.period_from, period_to: form.period_to })
  }

  function reset() {
    formRef.value?.clearValidate()
    Object.assign(form, { threshold: null, period_from: '', period_to: '' })
    navigate({})
  }

  async function exportList() {
    try {
      await exportAnalytics(applied)
    } catch {
      // shown by the request module
    }
  }

  return { form, data, loading, search, reset, load, exportList }
}
