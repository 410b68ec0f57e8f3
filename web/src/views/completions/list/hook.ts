// State and calls of the 竣工评价 role lists: 竣工复核 (监理机构: 复核 → the request's page, 提交 confirmed),
// 竣工评价监督信息登记 (监督机构: 登记 in a dialog), 竣工评价 (项目部) and 竣工评价查看 (监理企业), read-only.
// Query form, a quick filter to what awaits the user, 导出, and per row 查看 and 打印.
import { computed, ref } from 'vue'
import { ElMessage } from 'element-plus'
import type { Id } from '@/api/auth'
import { submitCompletionReview, type CompletionRecord, type CompletionStatus } from '@/api/completions'
import { useUserStore } from '@/store/user'
import { confirmAction, explainActionError } from '@/utils/actions'
import { statusLabel, type Role } from '@/utils/dict'
import {
  can, printCompletionOf, reviewSubmitQuestion, useCompletionList, useCompletionNavigation,
} from '../shared/list'

/** What awaits each acting role (the quick filter). */
const AWAITING: Partial<Record<Role, CompletionStatus>> = {
  site_supervisor: 'pending_review',
  authority: 'pending_registration',
}

export function useCompletionRoleList() {
  const user = useUserStore()
  const list = useCompletionList()
  const navigation = useCompletionNavigation()
  const shortcuts = computed(() => {
    const status = user.role ? AWAITING[user.role] : undefined
    return status ? [{ value: status, label: statusLabel('completion', status) }] : []
  })

  const registerOpen = ref(false)
  const registerId = ref<Id | null>(null)

  function openRegister(row: CompletionRecord) {
    registerId.value = row.id
    registerOpen.value = true
  }

  /** 提交 of the saved review, confirmed with where it goes. */
  async function submitReview(row: CompletionRecord) {
    const question = `${row.declaration.project_name}：${reviewSubmitQuestion(row.review)}`
    if (!(await confirmAction(question, '提交'))) return
    try {
      const answer = await submitCompletionReview(row.id, row.version)
      ElMessage.success(`已提交，状态为“${answer.status_label}”`)
      void list.load()
    } catch (error) {
      if (explainActionError(error)) void list.load()
    }
  }

  return {
    ...list, shortcuts, can, registerOpen, registerId, openRegister, submitReview,
    openDetail: (row: CompletionRecord) => navigation.openDetail(row.id),
    print: (row: CompletionRecord) => printCompletionOf(row.id, row.declaration.registration_no),
  }
}
