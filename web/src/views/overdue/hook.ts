// State and calls of 逾期评价: the months past their 自评 or 复核 deadline in the user's scope, with the query
// (关键字, 所在区, 逾期类型) and paging kept in the address; the breakdowns by district and by responsible
// enterprise (charts, 监督机构 only) of the whole filtered list; per row the page where the month is dealt with.
import { computed, ref } from 'vue'
import { useRouter } from 'vue-router'
import { listOverdue, type DistrictCount, type EnterpriseCount, type Lateness, type OverdueMonth } from '@/api/tasks'
import { useUserStore } from '@/store/user'
import { useListPage, type ListColumn } from '@/utils/useListPage'

export interface OverdueFilters {
  [key: string]: string
  q: string
  district: string
  lateness: string
}

/** 状态 (a tag, 未评价 when the month does not exist), 逾期类型 and 责任方 are rendered by the page. */
export const COLUMNS: ListColumn<OverdueMonth>[] = [
  { prop: 'registration_no', label: '报监编号', width: 110, text: (r) => r.declaration.registration_no },
  { prop: 'project_name', label: '工程名称', minWidth: 130, wrap: true, text: (r) => r.declaration.project_name },
  { prop: 'district', label: '所在区', width: 90, text: (r) => r.declaration.district },
  { prop: 'period', label: '评价期间', width: 88, align: 'center', text: (r) => r.period },
  { prop: 'status', label: '状态', minWidth: 120 },
  { prop: 'lateness', label: '逾期类型', width: 110, align: 'center' },
  { prop: 'deadline', label: '截止日期', width: 100, align: 'center', text: (r) => r.deadline },
  { prop: 'days_late', label: '逾期天数', width: 88, align: 'right', text: (r) => `${r.days_late} 天` },
  // Two lines (the name, then 施工企业 / 监理机构): not cut.
  { prop: 'responsible', label: '责任方', minWidth: 170 },
]

export function useOverdueList() {
  const router = useRouter()
  const user = useUserStore()
  const byDistrict = ref<DistrictCount[]>([])
  const byEnterprise = ref<EnterpriseCount[]>([])
  let seq = 0

  const list = useListPage<OverdueMonth, OverdueFilters>({
    filters: { q: '', district: '', lateness: '' },
    // The server orders the list itself (most days late first): no sort.
    fetch: async ({ q, district, lateness, page, page_size }) => {
      const mine = ++seq
      const answer = await listOverdue({ q, district, lateness: lateness as Lateness | '', page, page_size })
      if (mine === seq) {
        byDistrict.value = answer.by_district ?? []
        byEnterprise.value = answer.by_enterprise ?? []
      }
      return answer
    },
  })

  /** The breakdowns are the authority's (an enterprise or site sees only its own). */
  const showCharts = computed(() => user.role === 'authority')

  /** What the row's button does for this user: its label and where it goes. */
  function actionOf(row: OverdueMonth): { label: string; to: string } {
    const id = row.monthly_id
    if (user.role === 'contractor' && row.lateness === 'submission' && user.clerkMay('monthly')) {
      return id ? { label: '评价', to: `/monthly/${id}/self` } : { label: '新增评价', to: `/enterprise/monthly/${row.declaration.id}` }
    }
    if (user.role === 'site_supervisor' && row.lateness === 'review' && id) return { label: '复核', to: `/monthly/${id}/review` }
    return id ? { label: '查看', to: `/monthly/${id}` } : { label: '综合信息', to: `/declarations/${row.declaration.id}/summary` }
  }

  function openRow(row: OverdueMonth) {
    void router.push(actionOf(row).to)
  }

  return { ...list, byDistrict, byEnterprise, showCharts, actionOf, openRow }
}
