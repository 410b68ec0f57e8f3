// Whether the screen is a phone's (narrower than 768 px), kept up to date: dialogs go full-screen there,
// descriptions drop to one column, tables become cards (utils/cardTable) and the side menu a drawer.
import { onScopeDispose, ref, type Ref } from 'vue'

/** The phone layout's breakpoint; styles/phone.css uses the same width. */
export const NARROW_QUERY = '(max-width: 767px)'

/** Whether the screen is narrow now (for a page's first state, e.g. its query form folded on a phone). */
export function isNarrowScreen(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(NARROW_QUERY).matches
}

export function useNarrowScreen(): Ref<boolean> {
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(NARROW_QUERY) : null
  const narrow = ref(media?.matches ?? false)
  if (media) {
    const update = (event: MediaQueryListEvent) => { narrow.value = event.matches }
    media.addEventListener('change', update)
    onScopeDispose(() => media.removeEventListener('change', update))
  }
  return narrow
}
