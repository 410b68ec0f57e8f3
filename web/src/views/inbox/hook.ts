// State and calls of 待办事项: the user's to-do items (the store the menu's badges read), read afresh on
// opening, filtered by kind in the page, and each opened where the workflow deals with it.
import { computed, onMounted, ref } from 'vue'
import { useRouter } from 'vue-router'
import { TASK_KINDS, type Task, type TaskKind } from '@/api/tasks'
import { useTaskStore } from '@/store/tasks'
import { useUserStore } from '@/store/user'
import { TASK_KIND_LABELS } from '@/utils/dict'
import { formatDateTime } from '@/utils/format'
import { taskTarget } from './targets'

export function useInbox() {
  const router = useRouter()
  const user = useUserStore()
  const tasks = useTaskStore()
  /** '' = every kind. */
  const kind = ref<TaskKind | ''>('')

  const items = computed(() => (kind.value ? tasks.items.filter((t) => t.kind === kind.value) : tasks.items))
  const overdueCount = computed(() => tasks.items.filter((t) => t.overdue).length)
  /** The filter's options: the kinds the user has items of, with their counts. */
  const kinds = computed(() => TASK_KINDS
    .filter((k) => tasks.counts[k] > 0)
    .map((k) => ({ value: k, label: TASK_KIND_LABELS[k] ?? k, count: tasks.counts[k] })))
  /** When the list shown was read (HH:MM). */
  const readAt = computed(() => (tasks.loadedAt ? formatDateTime(new Date(tasks.loadedAt).toISOString()).slice(11, 16) : ''))

  async function load() {
    await tasks.refresh()
    // A kind whose last item has gone: back to all.
    if (kind.value && !tasks.counts[kind.value]) kind.value = ''
  }

  // Opening the page reads the items afresh, unless a read is already under way (just signed in, or the
  // frame's read on navigation).
  onMounted(() => {
    if (!tasks.loading) void load()
  })

  function open(task: Task) {
    void router.push(taskTarget(task, user.role))
  }

  function openSummary(task: Task) {
    void router.push(`/declarations/${task.declaration_id}/summary`)
  }

  return { tasks, kind, kinds, items, overdueCount, readAt, load, open, openSummary }
}
