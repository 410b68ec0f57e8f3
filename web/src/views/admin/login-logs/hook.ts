// State and calls of the 登录日志 list (系统管理员): every sign-in attempt, newest first, paged.
// The page and page size live in the address (?page=&page_size=) so reload and back/forward keep them.
import { ref, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { listLoginLog, type LoginLogEntry } from '@/api/admin'
import { loginMethodLabel, type TagType } from '@/utils/dict'
import { formatDateTime, orDash } from '@/utils/format'

export const PAGE_SIZES = [10, 20, 50, 100]
const DEFAULT_PAGE_SIZE = 20

export interface Column {
  prop: keyof LoginLogEntry
  label: string
  minWidth?: number
  width?: number
  align?: 'left' | 'center' | 'right'
  /** Text shown in the cell (plain text: Vue escapes it). */
  text: (row: LoginLogEntry) => string
  /** Shown as a tag of this colour. */
  tag?: (row: LoginLogEntry) => TagType
}

export const COLUMNS: Column[] = [
  { prop: 'at', label: '时间', width: 170, text: (r) => formatDateTime(r.at) },
  { prop: 'method', label: '登录方式', width: 100, text: (r) => loginMethodLabel(r.method) },
  { prop: 'who', label: '用户', minWidth: 200, text: (r) => orDash(r.who) },
  { prop: 'ip', label: 'IP', width: 150, text: (r) => orDash(r.ip) },
  {
    prop: 'success', label: '结果', width: 80, align: 'center',
    text: (r) => (r.success ? '成功' : '失败'), tag: (r) => (r.success ? 'success' : 'danger'),
  },
  { prop: 'reason', label: '原因', minWidth: 240, text: (r) => orDash(r.reason) },
]

function first(value: LocationQuery[string]): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : ''
}

function positiveInt(value: string, fallback: number): number {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : fallback
}

export function useLoginLog() {
  const route = useRoute()
  const router = useRouter()
  const ownPath = route.path

  const page = ref(1)
  const pageSize = ref(DEFAULT_PAGE_SIZE)
  const items = ref<LoginLogEntry[]>([])
  const total = ref(0)
  const loading = ref(false)
  let requestSeq = 0

  async function load() {
    const seq = ++requestSeq
    loading.value = true
    try {
      const answer = await listLoginLog({ page: page.value, page_size: pageSize.value })
      if (seq !== requestSeq) return // a newer page has been asked for meanwhile
      items.value = answer.items
      total.value = answer.total
    } catch {
      // The request module has shown the message; the previous rows stay.
    } finally {
      if (seq === requestSeq) loading.value = false
    }
  }

  function navigate() {
    const query: Record<string, string> = {}
    if (page.value > 1) query.page = String(page.value)
    if (pageSize.value !== DEFAULT_PAGE_SIZE) query.page_size = String(pageSize.value)
    if (first(route.query.page) === (query.page ?? '') && first(route.query.page_size) === (query.page_size ?? '')) {
      void load()
    } else {
      void router.replace({ path: ownPath, query })
    }
  }

  watch(
    () => route.fullPath,
    () => {
      if (route.path !== ownPath) return // leaving the page
      page.value = positiveInt(first(route.query.page), 1)
      const size = positiveInt(first(route.query.page_size), DEFAULT_PAGE_SIZE)
      pageSize.value = PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE
      void load()
    },
    { immediate: true },
  )

  function onPageChange(value: number) {
    page.value = value
    navigate()
  }

  function onSizeChange(value: number) {
    pageSize.value = value
    page.value = 1
    navigate()
  }

  return { page, pageSize, items, total, loading, load, onPageChange, onSizeChange }
}
