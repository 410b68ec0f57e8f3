// State and calls of 查看 (a drawer, every role): one request, and for 中止/恢复 the project's whole history
// (its registered suspension periods and every request). Opened from a request (the role lists) or from
// a project (the contractor's list: its latest request is shown first).
import { ref, type Ref } from 'vue'
import type { Id } from '@/api/auth'
import { listDeclarationSuspensions, type DeclarationSuspensions } from '@/api/suspensions'
import { WORKFLOWS, type RequestRecord, type RequestWorkflowKey } from '../shared/workflows'

export interface DetailTarget {
  declarationId: Id
  /** The request to show; for 中止/恢复 null means the project's latest. */
  recordId: Id | null
}

export function useRequestDetail(workflowKey: () => RequestWorkflowKey) {
  const record = ref<RequestRecord | null>(null) as Ref<RequestRecord | null>
  const history = ref<DeclarationSuspensions | null>(null)
  const loading = ref(false)

  async function open(target: DetailTarget): Promise<boolean> {
    record.value = null
    history.value = null
    loading.value = true
    try {
      const workflow = WORKFLOWS[workflowKey()]
      if (workflow.key === 'suspension') {
        const h = await listDeclarationSuspensions(target.declarationId)
        history.value = h
        const shown = target.recordId === null ? h.items[0] : h.items.find((r) => String(r.id) === String(target.recordId))
        record.value = shown ?? (target.recordId === null ? null : await workflow.get(target.recordId))
      } else if (target.recordId !== null) {
        record.value = await workflow.get(target.recordId)
      }
      return true
    } catch {
      return false // shown by the request module
    } finally {
      loading.value = false
    }
  }

  return { record, history, loading, open }
}
