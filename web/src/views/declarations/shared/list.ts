// What the declaration lists (企业申报, 监督机构受理, 企业月度评价) share: columns, query, export and
// print. (Confirmations and refused actions: utils/actions.)
import {
  DECLARATION_SORTS, exportDeclarations, listDeclarations, printDeclaration,
  type Declaration, type DeclarationAction, type DeclarationSort,
} from '@/api/declarations'
import { formatDateTime, orDash } from '@/utils/format'
import { useListPage, type ListColumn } from '@/utils/useListPage'

export const COLUMNS: ListColumn<Declaration>[] = [
  { prop: 'registration_no', label: '报监编号', width: 115, sortable: true, text: (r) => r.project.registration_no },
  { prop: 'name', label: '工程名称', minWidth: 135, wrap: true, text: (r) => r.project.name },
  { prop: 'district', label: '所在区', width: 90, text: (r) => orDash(r.project.district) },
  { prop: 'general', label: '施工总包', minWidth: 105, wrap: true, text: (r) => orDash(r.general?.enterprise.name) },
  { prop: 'supervision', label: '监理单位', minWidth: 105, wrap: true, text: (r) => orDash(r.supervision?.enterprise.name) },
  { prop: 'quality_target', label: '质量目标', width: 86, text: (r) => orDash(r.quality_target) },
  // 状态 is rendered as tags by the table; the API orders statuses one way only.
  { prop: 'status', label: '状态', width: 115, sortable: true, sortOrders: ['ascending', null] },
  { prop: 'updated_at', label: '更新时间', width: 140, sortable: true, text: (r) => formatDateTime(r.updated_at).slice(0, 16) },
]

const SORT_PROPS = { registration_no: 'registration_no', status: 'status', updated_at: 'updated_at' }

/** The query form's fields (all strings, as in the address). */
export interface DeclarationFilters {
  [key: string]: string
  q: string
  district: string
  status: string
  from: string
  to: string
}

/** The list of the caller's declarations; `status` may default to a value (监督机构受理: reviewed). */
export function useDeclarationList(defaults: Partial<DeclarationFilters> = {}) {
  const list = useListPage<Declaration, DeclarationFilters>({
    filters: { q: '', district: '', status: '', from: '', to: '', ...defaults },
    sortProps: SORT_PROPS,
    sorts: DECLARATION_SORTS,
    fetch: ({ sort, ...query }) => listDeclarations({ ...query, sort: sort as DeclarationSort | '' }),
  })

  async function exportList() {
    const { sort, ...filters } = list.appliedFilters()
    try {
      await exportDeclarations({ ...filters, sort: sort as DeclarationSort | '' })
    } catch {
      // shown by the request module
    }
  }

  async function print(row: Declaration) {
    try {
      await printDeclaration(row.id, row.project.registration_no)
    } catch {
      // shown by the request module
    }
  }

  return { ...list, exportList, print }
}

export function can(row: Declaration, action: DeclarationAction): boolean {
  return row.actions.includes(action)
}
