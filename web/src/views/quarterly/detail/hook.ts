// State and calls of 季度评价查看: one quarter with its three months and the history of its registrations.
import { ref } from 'vue'
import type { Id } from '@/api/auth'
import { getQuarterly, type QuarterlyDetail } from '@/api/quarterly'

export function useQuarterlyDetail() {
  const detail = ref<QuarterlyDetail | null>(null)
  const loading = ref(false)

  async function open(id: Id): Promise<boolean> {
    detail.value = null
    loading.value = true
    try {
      detail.value = await getQuarterly(id)
      return true
    } catch {
      return false // shown by the request module
    } finally {
      loading.value = false
    }
  }

  return { detail, loading, open }
}
