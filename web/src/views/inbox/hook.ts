// State and calls of 待办事项: the user's to-do items a page at a time, read from the server with the kind
// filter and the paging kept in the address (?kind=&page=&page_size=, so the way back from an opened item
// finds the same page), and each item opened where the workflow deals with it. The kinds' counts are the
// menu's badges' (the task store, read every minute); when they no longer match the page's, the page is read
// again.
import { computed, onMounted, ref, watch } from 'vue'
import { useRouter } from 'vue-router'
import { getTasks, isTaskKind, TASK_KINDS, type Task, type TaskCounts } from '@/api/tasks'
import { useTaskStore } from '@/store/tasks'
import { useUserStore } from '@/store/user'
import { taskKindLabel } from '@/utils/dict'
import { formatDateTime } from '@/utils/format'
import { useListPage } from '@/utils/useListPage'
import { taskTarget } from './targets'

function sameCounts(a: TaskCounts, b: TaskCounts): boolean {
  return TASK_KINDS.every((k) => (a[k] ?? 0) === (b[k] ?? 0))
}

function sumOf(counts: TaskCounts): number {
  return TASK_KINDS.reduce((sum, k) => sum + (counts[k] ?? 0), 0)
}

export function useInbox() {
  const router = useRouter()
  const user = useUserStore()
  const tasks = useTaskStore()
  /** The answer's figures beside its page: the kinds' counts, and how many items of the kind shown are overdue. */
  const answerCounts = ref<TaskCounts | null>(null)
  const overdueCount = ref(0)
  /** When the list shown was last known current (ms since the epoch): read, or confirmed by the badges' counts. */
  const currentAt = ref(0)
  // One fetch per load of the list, so this follows the list's own order of answers: an overtaken answer's
  // figures are dropped with its rows.
  let fetchSeq = 0

  const list = useListPage<Task, { kind: string }>({
    filters: { kind: '' },
    fetch: async ({ kind, page, page_size }) => {
      const mine = ++fetchSeq
      const answer = await getTasks({ kind: isTaskKind(kind) ? kind : undefined, page, page_size })
      if (mine === fetchSeq) {
        answerCounts.value = answer.counts
        overdueCount.value = answer.overdue
        currentAt.value = Date.now()
      }
      return answer
    },
  })
  const { form, page, pageSize, items, total, loading, search, onPageChange, onSizeChange, rowNumber } = list

  /** Every kind's count: the badges' (read on opening and with the page's 刷新), or the page's answer until they come. */
  const counts = computed<TaskCounts>(() => (tasks.data ? tasks.counts : answerCounts.value ?? tasks.counts))
  /** Every open item, whatever the filter. */
  const allCount = computed(() => sumOf(counts.value))
  /** The filter's options: the kinds the user has items of, with their counts. */
  const kinds = computed(() => TASK_KINDS
    .filter((k) => (counts.value[k] ?? 0) > 0)
    .map((k) => ({ value: k, label: taskKindLabel(k), count: counts.value[k] })))
  /** The kind shown ('' = every kind). */
  const kindLabel = computed(() => (form.kind ? taskKindLabel(form.kind) : ''))
  /** When the list shown was last known current (HH:MM). */
  const readAt = computed(() =>
    (currentAt.value ? formatDateTime(new Date(currentAt.value).toISOString()).slice(11, 16) : ''))

  // An empty page after a read: the items on it have been dealt with. A kind whose last item has gone goes
  // back to all; a page past the end, back to the last page that has items.
  watch(items, (rows) => {
    if (rows.length > 0) return
    if (list.appliedFilters().kind && total.value === 0) {
      form.kind = ''
      search()
    } else if (page.value > 1) {
      onPageChange(Math.max(1, Math.ceil(total.value / pageSize.value)))
    }
  })

  // The badges' poll (and their read after every write): a change in the counts of what the page shows (one
  // kind, or all) means the page may have changed too, so it is read again; the same counts confirm it.
  watch(() => tasks.loadedAt, () => {
    if (!tasks.data || !answerCounts.value || loading.value) return
    const kind = list.appliedFilters().kind
    const same = isTaskKind(kind) ? tasks.counts[kind] === total.value : sameCounts(tasks.counts, answerCounts.value)
    if (same) currentAt.value = Math.max(currentAt.value, tasks.loadedAt)
    else void list.load()
  })

  // Opening the page reads the badges afresh too (the list is read by the list's address), unless a read is
  // already under way (just signed in, or the frame's read on navigation).
  onMounted(() => {
    if (!tasks.loading) void tasks.refresh({ quiet: true })
  })

  /** 刷新: the page and the badges (quietly: a failure is the list's to show, once). */
  async function load() {
    await Promise.all([list.load(), tasks.refresh({ quiet: true })])
  }

  function open(task: Task) {
    void router.push(taskTarget(task, user.role))
  }

  function openSummary(task: Task) {
    void router.push(`/declarations/${task.declaration_id}/summary`)
  }

  return {
    form, page, pageSize, items, total, loading, kinds, kindLabel, allCount, overdueCount, readAt,
    search, load, onPageChange, onSizeChange, rowNumber, open, openSummary,
  }
}
