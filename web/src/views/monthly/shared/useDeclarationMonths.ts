// One declaration's months, as the pages under a route with `:declarationId` load them: the declaration
// first (a 404 or no access says so instead of an empty table), then its months; `take` keeps what the
// page needs of the answer. Reloads when the route's declaration changes.
import { computed, ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import { getDeclaration, type Declaration } from '@/api/declarations'
import { listDeclarationMonths, type DeclarationMonths } from '@/api/monthly'
import { ApiError } from '@/utils/request'

export function useRouteDeclarationMonths(take: (answer: DeclarationMonths) => void) {
  const route = useRoute()
  const declarationId = computed(() => {
    const id = route.params.declarationId
    return typeof id === 'string' ? id : ''
  })
  const declaration = ref<Declaration | null>(null)
  const loading = ref(false)
  /** Why nothing is shown (not found, no access); '' while fine. */
  const failure = ref('')

  async function load() {
    const id = declarationId.value
    if (!id) return
    loading.value = true
    try {
      take(await listDeclarationMonths(id))
    } catch {
      // shown by the request module; the previous rows stay
    } finally {
      loading.value = false
    }
  }

  async function loadAll() {
    const id = declarationId.value
    if (!id) return
    failure.value = ''
    try {
      declaration.value = await getDeclaration(id)
    } catch (error) {
      declaration.value = null
      failure.value = error instanceof ApiError && error.status === 404 ? '申报不存在或不在您的数据范围内' : '申报信息加载失败'
      return
    }
    await load()
  }

  watch(declarationId, () => void loadAll(), { immediate: true })
  return { declarationId, declaration, loading, failure, load }
}
