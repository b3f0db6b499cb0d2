// Loads data for a page: loading / error / data for PageState, reload(), and optional polling
// that pauses while the tab is hidden. A newer load aborts the one in flight.
import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'

export interface Loader<T> {
  data: ShallowRef<T | undefined>
  loading: Ref<boolean>
  error: ShallowRef<unknown>
  /** Loads again; `quiet` keeps the current data on screen without a spinner (polling). */
  reload(quiet?: boolean): Promise<void>
}

export function useLoader<T>(load: (signal: AbortSignal) => Promise<T>, options: { pollMs?: number; immediate?: boolean } = {}): Loader<T> {
  const data = shallowRef<T>()
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let controller: AbortController | null = null

  async function reload(quiet = false) {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    if (!quiet) loading.value = true
    try {
      const value = await load(mine.signal)
      if (controller !== mine) return
      data.value = value
      error.value = null
    } catch (e) {
      if (controller !== mine || (e instanceof DOMException && e.name === 'AbortError')) return
      error.value = e
    } finally {
      if (controller === mine) loading.value = false
    }
  }

  let timer: ReturnType<typeof setInterval> | undefined
  if (options.pollMs) {
    timer = setInterval(() => {
      if (typeof document === 'undefined' || document.visibilityState === 'visible') void reload(true)
    }, options.pollMs)
  }
  onScopeDispose(() => {
    if (timer !== undefined) clearInterval(timer)
    controller?.abort()
  })
  if (options.immediate !== false) void reload()
  return { data, loading, error, reload }
}
