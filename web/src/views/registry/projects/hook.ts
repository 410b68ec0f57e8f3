// State and calls of the 工程信息 list: the query lives in the address (?q=&district=&page=&page_size=&sort=)
// so reload, back/forward and the return after a re-login show the same list.
import { reactive, ref, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { listProjects, type Project, type ProjectSort } from '@/api/registry'
import { formatArea, orDash } from '@/utils/format'

export const PAGE_SIZES = [10, 20, 50, 100]
const DEFAULT_PAGE_SIZE = 20

/** Sortable column prop → the API's `sort` key. */
const SORT_KEYS: Record<string, 'registration_no' | 'name' | 'planned_start'> = {
  registration_no: 'registration_no',
  name: 'name',
  planned_start: 'planned_start',
}
const SORT_VALUES: ProjectSort[] = [
  'registration_no', '-registration_no', 'name', '-name', 'planned_start', '-planned_start',
]

export interface Column {
  prop: string
  label: string
  minWidth?: number
  width?: number
  sortable?: boolean
  align?: 'left' | 'center' | 'right'
  /** Text shown in the cell (plain text: Vue escapes it). */
  text?: (row: Project) => string
}

export const COLUMNS: Column[] = [
  { prop: 'registration_no', label: '报监编号', minWidth: 130, sortable: true },
  { prop: 'name', label: '工程名称', minWidth: 220, sortable: true },
  { prop: 'district', label: '所在区', width: 100 },
  { prop: 'authority', label: '监督机构', minWidth: 180, text: (r) => orDash(r.authority?.name) },
  { prop: 'structure_type', label: '结构类型', width: 120 },
  { prop: 'floor_area', label: '建筑面积(m²)', width: 130, align: 'right', text: (r) => formatArea(r.floor_area) },
  { prop: 'planned_start', label: '计划开工', width: 120, sortable: true },
  { prop: 'planned_finish', label: '计划竣工', width: 120 },
  { prop: 'general', label: '施工总包', minWidth: 200, text: (r) => orDash(r.general?.enterprise.name) },
  { prop: 'supervision', label: '监理单位', minWidth: 200, text: (r) => orDash(r.supervision?.enterprise.name) },
]

function first(value: LocationQuery[string]): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : ''
}

function positiveInt(value: string, fallback: number): number {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : fallback
}

export function useProjectList() {
  const route = useRoute()
  const router = useRouter()
  const ownPath = route.path

  const form = reactive({ q: '', district: '' })
  const page = ref(1)
  const pageSize = ref(DEFAULT_PAGE_SIZE)
  const sort = ref<ProjectSort | ''>('')
  const items = ref<Project[]>([])
  const total = ref(0)
  const loading = ref(false)
  const showSearch = ref(true)
  const detail = ref<Project | null>(null)
  const drawerOpen = ref(false)
  let requestSeq = 0

  function readRoute(query: LocationQuery) {
    form.q = first(query.q)
    form.district = first(query.district)
    page.value = positiveInt(first(query.page), 1)
    const size = positiveInt(first(query.page_size), DEFAULT_PAGE_SIZE)
    pageSize.value = PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE
    const s = first(query.sort) as ProjectSort
    sort.value = SORT_VALUES.includes(s) ? s : ''
  }

  function currentQuery(): Record<string, string> {
    const q: Record<string, string> = {}
    if (form.q.trim()) q.q = form.q.trim()
    if (form.district) q.district = form.district
    if (page.value > 1) q.page = String(page.value)
    if (pageSize.value !== DEFAULT_PAGE_SIZE) q.page_size = String(pageSize.value)
    if (sort.value) q.sort = sort.value
    return q
  }

  async function load() {
    const seq = ++requestSeq
    loading.value = true
    try {
      const answer = await listProjects({
        q: form.q.trim(), district: form.district, page: page.value, page_size: pageSize.value, sort: sort.value,
      })
      if (seq !== requestSeq) return // a newer query has been sent meanwhile
      items.value = answer.items
      total.value = answer.total
    } catch {
      // The request module has shown the message; the previous rows stay.
    } finally {
      if (seq === requestSeq) loading.value = false
    }
  }

  /** Puts the current query into the address; the route watcher then loads (or we reload the same). */
  function navigate() {
    const next = currentQuery()
    const same = JSON.stringify(next) === JSON.stringify(
      Object.fromEntries(Object.entries(route.query).map(([k, v]) => [k, first(v)])),
    )
    if (same) void load()
    else void router.replace({ path: ownPath, query: next })
  }

  watch(
    () => route.fullPath,
    () => {
      if (route.path !== ownPath) return // leaving the page
      readRoute(route.query)
      void load()
    },
    { immediate: true },
  )

  function search() {
    page.value = 1
    navigate()
  }

  function reset() {
    form.q = ''
    form.district = ''
    sort.value = ''
    page.value = 1
    navigate()
  }

  function onSortChange({ prop, order }: { prop: string | null; order: string | null }) {
    const key = prop ? SORT_KEYS[prop] : undefined
    sort.value = key && order ? ((order === 'descending' ? '-' + key : key) as ProjectSort) : ''
    page.value = 1
    navigate()
  }

  function onPageChange(value: number) {
    page.value = value
    navigate()
  }

  function onSizeChange(value: number) {
    pageSize.value = value
    page.value = 1
    navigate()
  }

  /** el-table's initial sort marker, from the address. */
  function defaultSort() {
    if (!sort.value) return undefined
    const descending = sort.value.startsWith('-')
    return { prop: sort.value.replace(/^-/, ''), order: descending ? 'descending' : 'ascending' } as const
  }

  function openDetail(row: Project) {
    detail.value = row
    drawerOpen.value = true
  }

  return {
    form, page, pageSize, sort, items, total, loading, showSearch, detail, drawerOpen,
    search, reset, load, onSortChange, onPageChange, onSizeChange, defaultSort, openDetail,
  }
}
