// Whether the screen is a phone's (narrower than 768 px), kept up to date: dialogs go full-screen there and
// descriptions drop to one column.
import { onScopeDispose, ref, type Ref } from 'vue'

const QUERY = '(max-width: 767px)'

export function useNarrowScreen(): Ref<boolean> {
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(QUERY) : null
  const narrow = ref(media?.matches ?? false)
  if (media) {
    const update = (event: MediaQueryListEvent) => { narrow.value = event.matches }
    media.addEventListener('change', update)
    onScopeDispose(() => media.removeEventListener('change', update))
  }
  return narrow
}
