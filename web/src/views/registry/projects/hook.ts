// State and calls of the 工程信息 list: the query lives in the address (?q=&district=&page=&page_size=&sort=)
// so reload, back/forward and the return after a re-login show the same list.
import { ref } from 'vue'
import { listProjects, type Project, type ProjectSort } from '@/api/registry'
import { formatArea, orDash } from '@/utils/format'
import { useListPage, type ListColumn } from '@/utils/useListPage'

const SORTS: ProjectSort[] = [
  'registration_no', '-registration_no', 'name', '-name', 'planned_start', '-planned_start',
]

export const COLUMNS: ListColumn<Project>[] = [
  { prop: 'registration_no', label: '报监编号', minWidth: 130, sortable: true },
  { prop: 'name', label: '工程名称', minWidth: 220, wrap: true, sortable: true },
  { prop: 'district', label: '所在区', width: 100 },
  { prop: 'authority', label: '监督机构', minWidth: 180, text: (r) => orDash(r.authority?.name) },
  { prop: 'structure_type', label: '结构类型', width: 120 },
  { prop: 'floor_area', label: '建筑面积(m²)', width: 130, align: 'right', text: (r) => formatArea(r.floor_area) },
  { prop: 'planned_start', label: '计划开工', width: 120, sortable: true },
  { prop: 'planned_finish', label: '计划竣工', width: 120 },
  { prop: 'general', label: '施工总包', minWidth: 200, wrap: true, text: (r) => orDash(r.general?.enterprise.name) },
  { prop: 'supervision', label: '监理单位', minWidth: 200, wrap: true, text: (r) => orDash(r.supervision?.enterprise.name) },
]

export function useProjectList() {
  const list = useListPage({
    filters: { q: '', district: '' },
    sortProps: { registration_no: 'registration_no', name: 'name', planned_start: 'planned_start' },
    sorts: SORTS,
    fetch: ({ sort, ...query }) => listProjects({ ...query, sort: sort as ProjectSort | '' }),
  })
  const detail = ref<Project | null>(null)
  const drawerOpen = ref(false)

  function openDetail(row: Project) {
    detail.value = row
    drawerOpen.value = true
  }

  return { ...list, detail, drawerOpen, openDetail }
}
