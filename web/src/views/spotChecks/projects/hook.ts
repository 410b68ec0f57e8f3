// State and calls of 监督机构抽查比对: the authority's accepted declarations (质量标准化工程信息) with the query
// form; per row 抽查比对 → that project's months, and 综合信息.
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

export function useSpotCheckProjects() {
  const router = useRouter()
  const list = useListPage<Declaration, { q: string; district: string }>({
    filters: { q: '', district: '' },
    sortProps: { registration_no: 'registration_no' },
    sorts: DECLARATION_SORTS,
    // Only accepted declarations have monthly evaluations to spot-check.
    fetch: ({ sort, ...query }) => listDeclarations({ ...query, status: 'accepted', sort: sort as DeclarationSort | '' }),
  })

  function openMonths(row: Declaration) {
    void router.push(`/authority/spot-checks/projects/${row.id}`)
  }

  function openSummary(row: Declaration) {
    void router.push(`/declarations/${row.id}/summary`)
  }

  return { ...list, openMonths, openSummary }
}
