// State and calls of the role lists of 月度评价 — 月度复核 (监理机构: 复核, 提交), 月度评价 (项目部),
// 月度评价查看 (监理企业, 监督机构) — with the query form, 导出, and per row 查看 and 打印. Row buttons
// follow the record's `actions`.
import { ElMessage } from 'element-plus'
import { submitReview, type MonthlyRecord } from '@/api/monthly'
import { confirmAction, explainActionError } from '@/utils/actions'
import { REVIEW_SUBMIT_QUESTION, can, printMonth, useMonthNavigation, useMonthlyList } from '../shared/list'

export function useMonthlyRoleList() {
  const list = useMonthlyList()
  const navigation = useMonthNavigation()

  /** 提交 of a review (已复核待提交 → 已复核待季度评价监督信息登记), confirmed. */
  async function submitReviewOf(row: MonthlyRecord) {
    if (!(await confirmAction(`${row.declaration.project_name} ${row.period}：${REVIEW_SUBMIT_QUESTION}`, '提交'))) return
    try {
      const answer = await submitReview(row.id, row.version)
      ElMessage.success(`已提交，状态为“${answer.status_label}”`)
      void list.load()
    } catch (error) {
      if (explainActionError(error)) void list.load()
    }
  }

  return { ...list, ...navigation, can, print: printMonth, submitReview: submitReviewOf }
}
