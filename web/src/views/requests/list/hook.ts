// State and calls of the 中止/恢复 and 终止 role lists: 中止复核 / 终止复核 (监理机构: 复核中止 / 复核恢复 /
// 复核终止), 中止评价监督信息登记 / 终止评价监督信息登记 (监督机构: 中止备案 / 恢复备案 / 终止备案), and
// 中止评价查看 / 终止评价查看 (监理企业, read-only). Query form (kept in the address), a quick filter to
// what awaits the user, 导出, and per row 查看 (a drawer) and the steps the request allows. From the to-do
// inbox, `?open=ID&step=review|register` opens that step (another or no step: the request's 查看).
import { computed, ref } from 'vue'
import { useUserStore } from '@/store/user'
import type { Role } from '@/utils/dict'
import { useListPage } from '@/utils/useListPage'
import { useOpenFromQuery } from '@/utils/useOpenFromQuery'
import type { DetailTarget } from '../detail/hook'
import {
  WORKFLOWS, kindOf, stepLabel, stepsOf,
  type RecordStep, type RequestFilters, type RequestRecord, type RequestWorkflowKey,
} from '../shared/workflows'

/** What awaits each acting role (the quick filter; the 状态 select offers every status). */
const AWAITING: Partial<Record<Role, { value: string; label: string }>> = {
  site_supervisor: { value: 'pending_review', label: '待复核' },
  authority: { value: 'pending_registration', label: '待信息登记' },
}

export function useRequestRoleList(key: RequestWorkflowKey) {
  const workflow = WORKFLOWS[key]
  const user = useUserStore()
  const list = useListPage<RequestRecord, RequestFilters>({
    filters: { q: '', district: '', status: '', kind: '' },
    sortProps: workflow.sortProps,
    sorts: workflow.sorts,
    fetch: (query) => workflow.list(query),
  })
  const shortcuts = computed(() => {
    const awaiting = user.role ? AWAITING[user.role] : undefined
    return awaiting ? [awaiting] : []
  })

  async function exportList() {
    try {
      await workflow.exportList(list.appliedFilters())
    } catch {
      // shown by the request module
    }
  }

  /** The row's 复核 / 备案 buttons, named by the request's kind (复核中止, 恢复备案 …). */
  function stepsFor(row: RequestRecord): { step: RecordStep; label: string }[] {
    return stepsOf(row).map((step) => ({ step, label: stepLabel(kindOf(row), step) }))
  }

  const stepOpen = ref(false)
  const stepTarget = ref<{ id: RequestRecord['id']; step: RecordStep } | null>(null)
  const detailOpen = ref(false)
  const detailTarget = ref<DetailTarget | null>(null)

  function openStep(target: { id: RequestRecord['id']; step: RecordStep }) {
    stepTarget.value = target
    stepOpen.value = true
  }

  function openDetail(row: RequestRecord) {
    detailTarget.value = { declarationId: row.declaration.id, recordId: row.id }
    detailOpen.value = true
  }

  useOpenFromQuery((id, step) => {
    if (step === 'review' || step === 'register') openStep({ id, step })
  })

  return {
    ...list, workflow, shortcuts, exportList, stepsFor,
    stepOpen, stepTarget, detailOpen, detailTarget, openStep, openDetail,
  }
}
