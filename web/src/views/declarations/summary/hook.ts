// State and calls of 综合信息: one declaration's summary (registry data, participants, states, the
// audit trail, and the later workflows' sections when the server sends them).
import { computed, defineAsyncComponent, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { getDeclarationSummary, printDeclaration, type DeclarationSummary } from '@/api/declarations'
import { homePathFor } from '@/config/menu'
import { useUserStore } from '@/store/user'
import { ApiError } from '@/utils/request'
import { SUMMARY_SECTIONS } from './sections'

export function useSummary() {
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()
  const summary = ref<DeclarationSummary | null>(null)
  const loading = ref(false)
  /** Why nothing is shown (not found, no access); '' while fine. */
  const failure = ref('')

  const sections = computed(() => {
    const present = summary.value?.sections ?? {}
    return SUMMARY_SECTIONS.filter((s) => present[s.key] !== undefined && present[s.key] !== null).map((s) => ({
      ...s, view: defineAsyncComponent(s.component), data: present[s.key],
    }))
  })

  async function load() {
    const id = route.params.id
    if (typeof id !== 'string' || !id) return
    loading.value = true
    failure.value = ''
    try {
      summary.value = await getDeclarationSummary(id)
    } catch (error) {
      summary.value = null
      failure.value = error instanceof ApiError && error.status === 404 ? '申报不存在或不在您的数据范围内' : '综合信息加载失败'
    } finally {
      loading.value = false
    }
  }

  watch(() => route.params.id, () => void load(), { immediate: true })

  /** Back to where the user came from (the list keeps its query in the address), else the home list. */
  function back() {
    if (window.history.state?.back) router.back()
    else void router.push(homePathFor(user.role))
  }

  async function print() {
    const d = summary.value?.declaration
    if (!d) return
    try {
      await printDeclaration(d.id, d.project.registration_no)
    } catch {
      // shown by the request module
    }
  }

  return { summary, loading, failure, sections, load, back, print }
}
