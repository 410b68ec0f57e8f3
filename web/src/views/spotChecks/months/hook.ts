// State and calls of one project's 月评抽查比对信息: its months that are submitted or later (a draft cannot be
// spot-checked), with 自评得分, 复核得分, 状态 and 抽查状态; 抽查比对 (or 查看 once finished) opens the comparison.
import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { getDeclaration, type Declaration } from '@/api/declarations'
import { listDeclarationMonths, type MonthlyRecord } from '@/api/monthly'
import { ApiError } from '@/utils/request'
import type { ListColumn } from '@/utils/useListPage'
import { MONTH_LIST_COLUMNS } from '@/views/monthly/shared/list'
import { SPOT_CHECK_LIST_PATH, comparisonPath, spotCheckStatus } from '../shared'

/** 评价期间, 自评得分, 复核得分, 状态, 提交时间 as in the months list, and 抽查状态. */
export const COLUMNS: ListColumn<MonthlyRecord>[] = [
  ...MONTH_LIST_COLUMNS.filter((c) => c.prop !== 'updated_at'),
  {
    prop: 'spot_check', label: '抽查状态', width: 100, align: 'center',
    text: (r) => spotCheckStatus(r.spot_check).label, tag: (r) => spotCheckStatus(r.spot_check).tag,
  },
]

export function isFinished(row: MonthlyRecord): boolean {
  return row.spot_check?.status === 'finished'
}

export function useSpotCheckMonths() {
  const route = useRoute()
  const router = useRouter()
  const declarationId = computed(() => {
    const id = route.params.declarationId
    return typeof id === 'string' ? id : ''
  })

  const declaration = ref<Declaration | null>(null)
  const items = ref<MonthlyRecord[]>([])
  const loading = ref(false)
  /** Why nothing is shown (not found, no access); '' while fine. */
  const failure = ref('')

  async function load() {
    const id = declarationId.value
    if (!id) return
    loading.value = true
    try {
      const answer = await listDeclarationMonths(id)
      items.value = answer.items.filter((m) => m.status !== 'draft')
    } catch {
      // shown by the request module; the previous rows stay
    } finally {
      loading.value = false
    }
  }

  async function loadAll() {
    const id = declarationId.value
    if (!id) return
    failure.value = ''
    try {
      declaration.value = await getDeclaration(id)
    } catch (error) {
      declaration.value = null
      failure.value = error instanceof ApiError && error.status === 404 ? '申报不存在或不在您的数据范围内' : '申报信息加载失败'
      return
    }
    await load()
  }

  watch(declarationId, () => void loadAll(), { immediate: true })

  function openComparison(row: MonthlyRecord) {
    void router.push(comparisonPath(row.id))
  }

  function back() {
    const previous = String(window.history.state?.back ?? '')
    if (previous === SPOT_CHECK_LIST_PATH || previous.startsWith(`${SPOT_CHECK_LIST_PATH}?`)) {
      router.back() // the list keeps its query in the address
    } else {
      void router.push(SPOT_CHECK_LIST_PATH)
    }
  }

  return { declaration, items, loading, failure, load, openComparison, back }
}
