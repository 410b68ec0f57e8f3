// The state of a RuoYi-style list page — query form, paging, sorting, loading — kept in the address
// (?<filters>&page=&page_size=&sort=) so reload, back/forward and the return after a re-login show the
// same list. Pages give their filters with defaults, their sortable columns and the fetch call.
import { computed, reactive, ref, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import type { TagType } from '@/utils/dict'
import type { Page } from '@/utils/request'
import { isNarrowScreen } from '@/utils/useNarrowScreen'

export const PAGE_SIZES = [10, 20, 50, 100]
export const DEFAULT_PAGE_SIZE = 20

/** A table column as data (vue-pure-admin): the page's template renders the list of them. */
export interface ListColumn<T> {
  prop: string
  label: string
  minWidth?: number
  width?: number
  /** Sorted by the server (`sortProps` maps the prop to the API's key). */
  sortable?: boolean
  /** Restricts the sort cycle, e.g. ['ascending', null] when the API has no descending order. */
  sortOrders?: ('ascending' | 'descending' | null)[]
  align?: 'left' | 'center' | 'right'
  /** Text shown in the cell (plain text: Vue escapes it); default: the row's `prop`. */
  text?: (row: T) => string
  /** Shown as a tag of this colour. */
  tag?: (row: T) => TagType
  /** A name: wraps onto more lines instead of ending in "…" (issue 26: names were cut at 1440 px). */
  wrap?: boolean
}

/** The query form's fields: strings, as they appear in the address. */
export type Filters = Record<string, string>

/** A query form's date, month or quarter range, edited as two of its fields (components/ListQueryForm). */
export interface QueryRange {
  label: string
  /** The fields hold YYYY-MM-DD, YYYY-MM or YYYY-Qn. */
  type: 'daterange' | 'monthrange' | 'quarterrange'
  /** The fields holding the two ends. */
  from: string
  to: string
}

export interface ListQuery {
  page: number
  page_size: number
  /** '' = the server's default order. */
  sort: string
  [filter: string]: string | number
}

export interface ListPageOptions<T, F extends Filters> {
  /** Query-form fields and their defaults; a default other than '' is left out of the address. */
  filters: F
  /** Sortable column prop → the API's sort key (`key` ascending, `-key` descending). */
  sortProps?: Record<string, string>
  /** Every `sort` value the API takes (others in the address are ignored). */
  sorts?: readonly string[]
  fetch: (query: ListQuery & F) => Promise<Page<T>>
}

function first(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : ''
}

function positiveInt(value: string, fallback: number): number {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : fallback
}

function sameQuery(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) if (a[key] !== b[key]) return false
  return true
}

export function useListPage<T, F extends Filters>(options: ListPageOptions<T, F>) {
  const route = useRoute()
  const router = useRouter()
  const ownPath = route.path
  const defaults = { ...options.filters }
  const filterKeys = Object.keys(defaults) as (keyof F & string)[]
  /** The address's keys that are the list's (others, e.g. a dialog's `?open=`, are left alone). */
  const listKeys = [...filterKeys, 'page', 'page_size', 'sort']
  const sorts = options.sorts ?? []

  const form = reactive({ ...defaults }) as F
  /** The filters of the list shown (the form may hold edits not searched yet). */
  let applied = { ...defaults }
  const page = ref(1)
  const pageSize = ref(DEFAULT_PAGE_SIZE)
  const sort = ref('')
  const items = ref<T[]>([])
  const total = ref(0)
  const loading = ref(false)
  // On a phone the query form starts folded (the list is what one came for), unless the address holds a filter.
  const showSearch = ref(!isNarrowScreen() || filterKeys.some((key) => first(route.query[key]) !== ''))
  let requestSeq = 0

  function readRoute(query: LocationQuery) {
    for (const key of filterKeys) {
      // A key present but empty means "cleared" (it differs from a non-empty default).
      ;(form as Filters)[key] = key in query ? first(query[key]) : defaults[key]
    }
    applied = { ...form }
    page.value = positiveInt(first(query.page), 1)
    const size = positiveInt(first(query.page_size), DEFAULT_PAGE_SIZE)
    pageSize.value = PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE
    const s = first(query.sort)
    sort.value = sorts.includes(s) ? s : ''
  }

  function currentQuery(): Record<string, string> {
    const q: Record<string, string> = {}
    for (const key of filterKeys) {
      const value = form[key].trim()
      if (value !== defaults[key]) q[key] = value
    }
    if (page.value > 1) q.page = String(page.value)
    if (pageSize.value !== DEFAULT_PAGE_SIZE) q.page_size = String(pageSize.value)
    if (sort.value) q.sort = sort.value
    return q
  }

  /** The applied filters and order (no paging), e.g. for an export of the same list. */
  function appliedFilters(): F & { sort: string } {
    const trimmed = Object.fromEntries(filterKeys.map((key) => [key, applied[key].trim()])) as F
    return { ...trimmed, sort: sort.value }
  }

  async function load() {
    const seq = ++requestSeq
    loading.value = true
    try {
      const answer = await options.fetch({
        ...appliedFilters(), page: page.value, page_size: pageSize.value,
      } as ListQuery & F)
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
    const now = Object.fromEntries(Object.entries(route.query).filter(([k]) => listKeys.includes(k)).map(([k, v]) => [k, first(v)]))
    if (sameQuery(next, now)) {
      applied = { ...form }
      void load()
    } else {
      void router.replace({ path: ownPath, query: next })
    }
  }

  /** The list's part of the address (filters, paging, order), as last read. */
  let routeKey: string | null = null
  function listKey(query: LocationQuery): string {
    return JSON.stringify(listKeys.map((key) => (key in query ? first(query[key]) : null)))
  }

  watch(
    () => route.fullPath,
    () => {
      if (route.path !== ownPath) return // leaving the page
      // Keys that are not the list's (e.g. `?open=` of a dialog) come and go without a reload.
      const key = listKey(route.query)
      if (key === routeKey) return
      routeKey = key
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
    Object.assign(form, defaults)
    sort.value = ''
    page.value = 1
    navigate()
  }

  function onSortChange({ prop, order }: { prop: string | null; order: string | null }) {
    const key = prop ? options.sortProps?.[prop] : undefined
    const value = key && order ? (order === 'descending' ? '-' + key : key) : ''
    sort.value = sorts.includes(value) ? value : ''
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
    const key = sort.value.replace(/^-/, '')
    const prop = Object.entries(options.sortProps ?? {}).find(([, k]) => k === key)?.[0] ?? key
    return { prop, order: sort.value.startsWith('-') ? 'descending' : 'ascending' } as const
  }

  /** The row number shown in a 序号 column (continues across pages). */
  function rowNumber(index: number): number {
    return (page.value - 1) * pageSize.value + index + 1
  }

  return {
    form, page, pageSize, sort, items, total, loading, showSearch,
    search, reset, load, onSortChange, onPageChange, onSizeChange, defaultSort, rowNumber, appliedFilters,
  }
}

/** A date-range picker's value over two of a query form's fields (e.g. `from` and `to`, YYYY-MM-DD). */
export function rangeModel(form: Filters, from: string, to: string) {
  return computed<[string, string] | null>({
    get: () => (form[from] || form[to] ? ([form[from], form[to]] as [string, string]) : null),
    set: (value: [string, string] | null) => {
      form[from] = value?.[0] ?? ''
      form[to] = value?.[1] ?? ''
    },
  })
}
