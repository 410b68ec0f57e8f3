// State and calls of 企业中止评价 and 企业终止评价 (施工企业): its accepted declarations with the latest
// 中止/恢复 request or the 终止 request; per row the requests the server allows now (中止 / 恢复 / 终止, in a
// dialog), 撤回 of a suspension or resumption awaiting review (confirmed), 查看 (a drawer), 综合信息, and
// 导出 of the enterprise's requests.
import { ref } from 'vue'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import type { Id } from '@/api/auth'
import {
  DECLARATION_SORTS, listDeclarations, type Declaration, type DeclarationSort,
} from '@/api/declarations'
import { getSuspension, withdrawSuspension } from '@/api/suspensions'
import { useUserStore } from '@/store/user'
import { confirmAction, explainActionError } from '@/utils/actions'
import { statusTag } from '@/utils/dict'
import { useListPage, type ListColumn } from '@/utils/useListPage'
import { COLUMNS as DECLARATION_COLUMNS } from '@/views/declarations/shared/list'
import type { DetailTarget } from '../detail/hook'
import { KINDS, WITHDRAW_QUESTION, WORKFLOWS, type RequestKind, type RequestWorkflowKey } from '../shared/workflows'

const SHOWN = ['registration_no', 'name', 'district', 'supervision']

interface EnterpriseView {
  /** The request's column (a tag: the server's status label, or 无). */
  column: ListColumn<Declaration>
  /** The requests this page offers. */
  kinds: RequestKind[]
  /** The request 查看 opens; null: nothing to show. */
  latest: (row: Declaration) => { id: Id } | null
}

const VIEWS: Record<RequestWorkflowKey, EnterpriseView> = {
  suspension: {
    column: {
      prop: 'suspension', label: '中止/恢复', width: 230, align: 'center',
      text: (r) => r.suspension?.status_label ?? '无',
      tag: (r) => statusTag('suspension', r.suspension?.status),
    },
    kinds: ['suspend', 'resume'],
    latest: (r) => r.suspension,
  },
  termination: {
    column: {
      prop: 'termination', label: '终止', width: 210, align: 'center',
      text: (r) => r.termination?.status_label ?? '无',
      tag: (r) => statusTag('termination', r.termination?.status),
    },
    kinds: ['terminate'],
    latest: (r) => r.termination,
  },
}

export function useEnterpriseRequests(key: RequestWorkflowKey) {
  const router = useRouter()
  const view = VIEWS[key]
  /** 报监编号, 工程名称, 所在区, 监理单位 as in the declaration lists, 管理状态 and the request (tags). */
  const columns: ListColumn<Declaration>[] = [
    ...DECLARATION_COLUMNS.filter((c) => SHOWN.includes(c.prop)),
    { prop: 'management_status', label: '管理状态', width: 100, align: 'center' },
    view.column,
  ]
  const list = useListPage<Declaration, { q: string; district: string }>({
    filters: { q: '', district: '' },
    sortProps: { registration_no: 'registration_no' },
    sorts: DECLARATION_SORTS,
    // The projects under quality-standardisation management: accepted declarations.
    fetch: ({ sort, ...query }) => listDeclarations({ ...query, status: 'accepted', sort: sort as DeclarationSort | '' }),
  })

  const user = useUserStore()

  /** The row's request buttons: what the server says the contractor may request now (a clerk: if given 申请). */
  function requestsFor(row: Declaration): { kind: RequestKind; label: string }[] {
    if (!user.clerkMay('apply')) return []
    return view.kinds.filter((k) => row.request_actions.includes(k)).map((kind) => ({ kind, label: KINDS[kind].label }))
  }

  /** 撤回 is offered while the latest suspension or resumption awaits review (the request then says). */
  function canWithdraw(row: Declaration): boolean {
    return key === 'suspension' && row.suspension?.status === 'pending_review' && user.clerkMay('apply')
  }

  const applyOpen = ref(false)
  const applyKind = ref<RequestKind>(view.kinds[0])
  const applyDeclaration = ref<Declaration | null>(null)
  const detailOpen = ref(false)
  const detailTarget = ref<DetailTarget | null>(null)

  function openApply(row: Declaration, kind: RequestKind) {
    applyKind.value = kind
    applyDeclaration.value = row
    applyOpen.value = true
  }

  function openDetail(row: Declaration) {
    const latest = view.latest(row)
    detailTarget.value = { declarationId: row.id, recordId: latest?.id ?? null }
    detailOpen.value = true
  }

  /** 撤回, confirmed, with the request's current version (and only if it still allows it). */
  async function withdraw(row: Declaration) {
    if (!row.suspension) return
    try {
      const request = await getSuspension(row.suspension.id)
      if (!request.actions.includes('withdraw')) {
        ElMessage.warning(`该申请当前为“${request.status_label}”，不能撤回`)
        void list.load()
        return
      }
      const question = `${row.project.name}：确定撤回${request.kind_label}申请（${request.date}）吗？${WITHDRAW_QUESTION}`
      if (!(await confirmAction(question, '撤回'))) return
      const answer = await withdrawSuspension(request.id, request.version)
      ElMessage.success(`已撤回，状态为“${answer.status_label}”`)
      void list.load()
    } catch (error) {
      if (explainActionError(error)) void list.load()
    }
  }

  async function exportList() {
    const { q, district } = list.appliedFilters()
    try {
      await WORKFLOWS[key].exportList({ q, district })
    } catch {
      // shown by the request module
    }
  }

  return {
    ...list, columns, requestsFor, canWithdraw, withdraw, exportList,
    applyOpen, applyKind, applyDeclaration, detailOpen, detailTarget, openApply, openDetail,
    hasRequest: (row: Declaration) => view.latest(row) !== null,
    openSummary: (row: Declaration) => router.push(`/declarations/${row.id}/summary`),
  }
}
