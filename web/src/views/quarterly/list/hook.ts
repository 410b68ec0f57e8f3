// State and calls of the 季度评价 lists: 季度评价监督信息登记 (监督机构: 监督信息登记 per pending quarter) and
// 季度评价查看 of the other roles (read-only). Query form, 导出, and per row 查看 (a drawer).
import { ref } from 'vue'
import type { Id } from '@/api/auth'
import type { QuarterlyRecord } from '@/api/quarterly'
import { STATUS } from '@/utils/dict'
import { can, useQuarterlyList } from '../shared/list'

export function useQuarterlyPage() {
  const list = useQuarterlyList()
  /** The quick filter: the quarters still awaiting registration. */
  const shortcuts = [{ value: 'pending', label: STATUS.quarterly_registration.pending.label }]

  const detailOpen = ref(false)
  const detailId = ref<Id | null>(null)
  const registerOpen = ref(false)
  const registerId = ref<Id | null>(null)

  function openDetail(row: QuarterlyRecord) {
    detailId.value = row.id
    detailOpen.value = true
  }

  function openRegister(id: Id) {
    registerId.value = id
    registerOpen.value = true
  }

  return {
    ...list, shortcuts, can,
    detailOpen, detailId, registerOpen, registerId, openDetail, openRegister,
  }
}
