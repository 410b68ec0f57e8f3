// State and calls of one project's 月评抽查比对信息: its months that are submitted or later (a draft cannot be
// spot-checked), with 自评得分, 复核得分, 状态 and 抽查状态; 抽查比对 (or 查看 once finished) opens the comparison.
import { ref } from 'vue'
import { useRouter } from 'vue-router'
import type { MonthlyRecord } from '@/api/monthly'
import type { ListColumn } from '@/utils/useListPage'
import { MONTH_LIST_COLUMNS } from '@/views/monthly/shared/list'
import { useRouteDeclarationMonths } from '@/views/monthly/shared/useDeclarationMonths'
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
  const router = useRouter()
  const items = ref<MonthlyRecord[]>([])
  // A draft cannot be spot-checked (the authority does not see drafts anyway).
  const { declaration, loading, failure, load } = useRouteDeclarationMonths((answer) => {
    items.value = answer.items.filter((m) => m.status !== 'draft')
  })

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
