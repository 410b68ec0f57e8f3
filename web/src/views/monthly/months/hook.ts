// State and calls of one declaration's 月度评价列表 (施工企业): its months newest first, 新增评价 for the
// month the server offers (or why none may be created now), and per row 评价, 查看, 提交, 月度评定打印.
// From the to-do inbox (新增月度评价), `?create=YYYY-MM` asks at once to create that month if it is still due.
import { computed, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import {
  createMonthly, submitMonthly, type MonthlyRecord, type NextMonth,
} from '@/api/monthly'
import { useUserStore } from '@/store/user'
import { confirmAction, explainActionError } from '@/utils/actions'
import { ApiError } from '@/utils/request'
import { can, printMonth, submitQuestion, useMonthNavigation } from '../shared/list'
import { useRouteDeclarationMonths } from '../shared/useDeclarationMonths'

const LIST_PATH = '/enterprise/monthly'

export function useDeclarationMonths() {
  const route = useRoute()
  const router = useRouter()
  const navigation = useMonthNavigation()
  const items = ref<MonthlyRecord[]>([])
  const next = ref<NextMonth | null>(null)
  const creating = ref(false)
  /** 新增评价 is offered to the contractor, to a clerk only when he was given 月度评价. */
  const user = useUserStore()
  const mayCreate = computed(() => user.clerkMay('monthly'))
  // The month the inbox asked for, taken once (and out of the address, so that 返回 does not ask again).
  let askCreate = typeof route.query.create === 'string' ? route.query.create : ''
  if (askCreate) void router.replace({ path: route.path })
  const { declarationId, declaration, loading, failure, load } = useRouteDeclarationMonths((answer) => {
    items.value = answer.items
    next.value = answer.next
    if (askCreate) {
      // Someone may have created it meanwhile: then the list simply shows it.
      if (answer.next.period === askCreate) void create()
      askCreate = ''
    }
  })

  /** 新增评价 of the month the server offers, confirmed; then straight to its 打分表. */
  async function create() {
    const period = next.value?.period
    if (!period || creating.value || !mayCreate.value) return
    const name = declaration.value?.project.name ?? ''
    if (!(await confirmAction(`确定新增 ${period} 月度评价吗？${name ? `（${name}）` : ''}`, '新增评价'))) return
    creating.value = true
    try {
      const month = await createMonthly(declarationId.value, period)
      ElMessage.success(`已新增 ${period} 月度评价，请填写打分表`)
      void navigation.openSelf(month)
    } catch (error) {
      // Someone created it meanwhile, or the month is no longer due: the server says which.
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
        ElMessage.error(Object.values(error.details.fields ?? {})[0] ?? error.message)
        void load()
      }
    } finally {
      creating.value = false
    }
  }

  /** 提交 of a draft month to the supervision (confirmed: the self-sheet is fixed afterwards). */
  async function submit(row: MonthlyRecord) {
    if (!(await confirmAction(submitQuestion(row.period), '提交'))) return
    try {
      const answer = await submitMonthly(row.id, row.version)
      ElMessage.success(`已提交，状态为“${answer.status_label}”`)
    } catch (error) {
      if (!explainActionError(error)) return
    }
    void load()
  }

  function back() {
    if (window.history.state?.back === LIST_PATH || String(window.history.state?.back ?? '').startsWith(`${LIST_PATH}?`)) {
      router.back() // the list keeps its query in the address
    } else {
      void router.push(LIST_PATH)
    }
  }

  return {
    declaration, items, next, loading, creating, mayCreate, failure,
    load, create, submit, back, can, print: printMonth, ...navigation,
  }
}
