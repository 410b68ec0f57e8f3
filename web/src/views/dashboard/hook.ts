// State and calls of 统计看板: the role's figures (GET /api/dashboard: its open to-do items and overdue months,
// and per role either its projects' score trends or the authority's breakdowns), read on opening and on 刷新.
import { computed, onMounted, ref } from 'vue'
import { getDashboard, isAuthorityDashboard, type Dashboard } from '@/api/tasks'
import { useUserStore } from '@/store/user'
import { hasInbox } from '@/store/tasks'

/** The roles that have the 逾期评价 page. */
const OVERDUE_ROLES = ['authority', 'contractor', 'supervisor', 'site_supervisor']

export function useDashboard() {
  const user = useUserStore()
  const data = ref<Dashboard | null>(null)
  const loading = ref(false)
  let seq = 0

  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const answer = await getDashboard()
      if (mine === seq) data.value = answer
    } catch {
      // shown by the request module; the previous figures stay
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  onMounted(load)

  const authority = computed(() => (data.value && isAuthorityDashboard(data.value) ? data.value : null))
  const enterprise = computed(() => (data.value && !isAuthorityDashboard(data.value) ? data.value : null))
  /** Links from the cards to the pages behind them, where the role has them. */
  const inboxLink = computed(() => (hasInbox(user.role) ? '/inbox' : null))
  const overdueLink = computed(() => (user.role && OVERDUE_ROLES.includes(user.role) ? '/overdue' : null))
  /** The 整改 card's links: the authority's 整改管理 and 逾期未整改 (the administrator has neither page). */
  const rectificationLinks = computed(() => (user.role === 'authority'
    ? { list: '/authority/rectifications', overdue: '/overdue/rectifications' }
    : { list: null, overdue: null }))

  return { data, loading, load, authority, enterprise, inboxLink, overdueLink, rectificationLinks }
}
