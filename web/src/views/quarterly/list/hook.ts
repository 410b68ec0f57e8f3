// State and calls of the 季度评价 lists: 季度评价监督信息登记 (监督机构: 监督信息登记 per pending quarter) and
// 季度评价查看 of the other roles (read-only). Query form, 导出, and per row 查看 (a drawer); `?open=ID` (from
// the to-do inbox) opens the quarter's 监督信息登记 (监督机构) or its 查看.
import { ref } from 'vue'
import type { Id } from '@/api/auth'
import { useUserStore } from '@/store/user'
import { statusLabel } from '@/utils/dict'
import { useOpenFromQuery } from '@/utils/useOpenFromQuery'
import { can, useQuarterlyList } from '../shared/list'

export function useQuarterlyPage() {
  const list = useQuarterlyList()
  /** The quick filter: the quarters still awaiting registration. */
  const shortcuts = [{ value: 'pending', label: statusLabel('quarterly_registration', 'pending') }]

  const detailOpen = ref(false)
  const detailId = ref<Id | null>(null)
  const registerOpen = ref(false)
  const registerId = ref<Id | null>(null)

  function openDetail(row: { id: Id }) {
    detailId.value = row.id
    detailOpen.value = true
  }

  function openRegister(id: Id) {
    registerId.value = id
    registerOpen.value = true
  }

  const user = useUserStore()
  useOpenFromQuery((id) => (user.role === 'authority' ? openRegister(id) : openDetail({ id })))

  return {
    ...list, shortcuts, can,
    detailOpen, detailId, registerOpen, registerId, openDetail, openRegister,
  }
}
