// A list page whose record dialog can be opened from elsewhere (the to-do inbox): `?open=ID` (and, where
// the dialog has several steps, `&step=…`) opens it once, then leaves the address without them, so that a
// reload or 返回 does not open it again.
import { onMounted, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'

function first(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : ''
}

/** The query keys this composable reads (the list pages ignore them). */
export const OPEN_QUERY_KEYS = ['open', 'step'] as const

export function useOpenFromQuery(open: (id: string, step: string) => void) {
  const route = useRoute()
  const router = useRouter()
  const ownPath = route.path

  function take() {
    if (route.path !== ownPath) return
    const id = first(route.query.open)
    if (!id) return
    const step = first(route.query.step)
    const rest = { ...route.query }
    for (const key of OPEN_QUERY_KEYS) delete rest[key]
    void router.replace({ path: ownPath, query: rest })
    open(id, step)
  }

  // Once mounted: the dialogs load their record when their `visible` turns true, which they must see happen.
  onMounted(take)
  watch(() => route.query.open, take)
}
