// State and calls of 企业月度评价 (施工企业): its accepted declarations (the projects under quality
// standardisation management), each with 评价 → that declaration's months, and 综合信息.
import { useRouter } from 'vue-router'
import { DECLARATION_SORTS, listDeclarations, type Declaration, type DeclarationSort } from '@/api/declarations'
import { useListPage, type ListColumn } from '@/utils/useListPage'
import { COLUMNS as DECLARATION_COLUMNS } from '@/views/declarations/shared/list'

const SHOWN = ['registration_no', 'name', 'district', 'general', 'supervision']

/** 报监编号, 工程名称, 所在区, 施工总包, 监理单位 as in the declaration lists, and 管理状态 (a tag). */
export const COLUMNS: ListColumn<Declaration>[] = [
  ...DECLARATION_COLUMNS.filter((c) => SHOWN.includes(c.prop)),
  { prop: 'management_status', label: '管理状态', width: 100, align: 'center' },
]

export function useMonthlyDeclarations() {
  const router = useRouter()
  const list = useListPage<Declaration, { q: string; district: string }>({
    filters: { q: '', district: '' },
    sortProps: { registration_no: 'registration_no' },
    sorts: DECLARATION_SORTS,
    // Months are evaluated only for accepted declarations.
    fetch: ({ sort, ...query }) => listDeclarations({ ...query, status: 'accepted', sort: sort as DeclarationSort | '' }),
  })

  function openMonths(row: Declaration) {
    void router.push(`/enterprise/monthly/${row.id}`)
  }

  function openSummary(row: Declaration) {
    void router.push(`/declarations/${row.id}/summary`)
  }

  return { ...list, openMonths, openSummary }
}
