// Whether the viewport is narrower than {@code px}: tables pin columns only where there is room.
import { onScopeDispose, ref, type Ref } from 'vue'

export function useNarrow(px: number): Ref<boolean> {
  const media = typeof matchMedia === 'function' ? matchMedia(`(max-width: ${px}px)`) : null
  const narrow = ref(media?.matches ?? false)
  const onChange = () => (narrow.value = media?.matches ?? false)
  media?.addEventListener('change', onChange)
  onScopeDispose(() => media?.removeEventListener('change', onChange))
  return narrow
}
