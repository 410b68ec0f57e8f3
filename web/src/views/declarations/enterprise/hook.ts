// State and calls of 企业申报: the 总包企业 tab (施工企业: 申报, 修改, 提交, 删除) or the 监理企业 tab
// (监理企业: 申报复核), both with 综合信息, 打印 and 导出. Row buttons follow the record's `actions`;
// `?open=ID` (from the to-do inbox) opens the declaration's form (施工企业) or its 申报复核 (监理企业).
import { computed, ref } from 'vue'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import type { Id } from '@/api/auth'
import { deleteDeclaration, submitDeclaration, type Declaration } from '@/api/declarations'
import { useUserStore } from '@/store/user'
import { confirmAction, explainActionError } from '@/utils/actions'
import { useOpenFromQuery } from '@/utils/useOpenFromQuery'
import { can, useDeclarationList } from '../shared/list'

export const TABS = [
  { name: 'contractor', label: '总包企业' },
  { name: 'supervisor', label: '监理企业' },
] as const

export function useEnterpriseDeclarations() {
  const user = useUserStore()
  const router = useRouter()
  const list = useDeclarationList()
  /** Each enterprise sees its own side's tab. */
  const tabs = computed(() => TABS.filter((t) => t.name === user.role))
  const activeTab = computed(() => tabs.value[0]?.name ?? 'contractor')
  const isContractor = computed(() => user.role === 'contractor')
  /** 申报 (a new declaration): the contractor's, a clerk's only when he was given 申报. */
  const canDeclare = computed(() => isContractor.value && user.clerkMay('declare'))

  const formOpen = ref(false)
  const formId = ref<Id | null>(null)
  const reviewOpen = ref(false)
  const reviewId = ref<Id | null>(null)

  function openCreate() {
    formId.value = null
    formOpen.value = true
  }

  function openEdit(row: { id: Id }) {
    formId.value = row.id
    formOpen.value = true
  }

  function openReview(row: { id: Id }) {
    reviewId.value = row.id
    reviewOpen.value = true
  }

  useOpenFromQuery((id) => (isContractor.value ? openEdit({ id }) : openReview({ id })))

  async function submit(row: Declaration) {
    if (!(await confirmAction(`确定提交“${row.project.name}”的申报吗？提交后由监理企业复核。`, '提交'))) return
    try {
      await submitDeclaration(row.id, row.version)
      ElMessage.success('已提交，状态为“已提交待复核”')
      void list.load()
    } catch (error) {
      if (explainActionError(error)) void list.load()
    }
  }

  async function remove(row: Declaration) {
    if (!(await confirmAction(`确定删除“${row.project.name}”的申报吗？删除后不可恢复。`, '删除'))) return
    try {
      await deleteDeclaration(row.id, row.version)
      ElMessage.success('申报已删除')
      void list.load()
    } catch (error) {
      if (explainActionError(error)) void list.load()
    }
  }

  function openSummary(row: Declaration) {
    void router.push(`/declarations/${row.id}/summary`)
  }

  return {
    ...list, tabs, activeTab, isContractor, canDeclare, can,
    formOpen, formId, reviewOpen, reviewId,
    openCreate, openEdit, openReview, submit, remove, openSummary,
  }
}
