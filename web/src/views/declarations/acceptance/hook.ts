// State and calls of 监督机构受理: the district's declarations (by default those 已复核待受理), 受理 per
// row (or from the to-do inbox, `?open=ID`), 综合信息, 打印 and 导出.
import { ref } from 'vue'
import { useRouter } from 'vue-router'
import type { Id } from '@/api/auth'
import type { Declaration } from '@/api/declarations'
import { useOpenFromQuery } from '@/utils/useOpenFromQuery'
import { can, useDeclarationList } from '../shared/list'

export function useAcceptance() {
  const router = useRouter()
  const list = useDeclarationList({ status: 'reviewed' })
  const acceptOpen = ref(false)
  const acceptId = ref<Id | null>(null)

  function openAccept(row: { id: Id }) {
    acceptId.value = row.id
    acceptOpen.value = true
  }

  useOpenFromQuery((id) => openAccept({ id }))

  function openSummary(row: Declaration) {
    void router.push(`/declarations/${row.id}/summary`)
  }

  return { ...list, can, acceptOpen, acceptId, openAccept, openSummary }
}
