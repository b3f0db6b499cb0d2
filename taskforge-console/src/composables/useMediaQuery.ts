import { onScopeDispose, readonly, ref, type Ref } from 'vue'

/**
 * Whether a media query matches, kept current. Known at setup, before the first render, so a
 * phone never draws (and pays for) the desktop layout first.
 */
export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const media = matchMedia(query)
  const matches = ref(media.matches)
  const update = () => (matches.value = media.matches)
  media.addEventListener('change', update)
  onScopeDispose(() => media.removeEventListener('change', update))
  return readonly(matches)
}
