// A list read a page at a time by cursor: the first page through useLoader (so PageState, reload
// and polling work as on any page) and later pages appended on demand by more().
import { computed, ref, shallowRef, type ComputedRef, type Ref } from 'vue'
import type { Page } from '@/api/types'
import { useLoader, type Loader } from './useLoader'

export interface CursorList<T> {
  /** The first page; its data is the whole page (items, total). */
  first: Loader<Page<T>>
  /** The first page's items, then those loaded by more(). */
  rows: ComputedRef<T[]>
  /** Where the next page starts; null when there is none. */
  cursor: Ref<string | null>
  loadingMore: Ref<boolean>
  more(): Promise<void>
  /** Drops the later pages and loads the first again: for a new filter. */
  restart(): Promise<void>
}

export interface CursorListOptions {
  pollMs?: number
  immediate?: boolean
  /**
   * A reload (polling) refreshes only the first page: the rows loaded by more() stay, less those
   * the first page now holds. Without it a reload starts the list over.
   */
  keepMore?: boolean
  /** Where a failed more() goes; without it the error is thrown to the caller. */
  onMoreError?: (e: unknown) => void
}

export function useCursorList<T extends { id: string | number }>(
  fetchPage: (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>,
  options: CursorListOptions = {},
): CursorList<T> {
  const extra = shallowRef<T[]>([])
  const cursor = ref<string | null>(null)
  const loadingMore = ref(false)

  const first = useLoader(
    async (signal) => {
      const page = await fetchPage(null, signal)
      if (!options.keepMore) extra.value = []
      if (!extra.value.length) cursor.value = page.nextCursor ?? null
      return page
    },
    { pollMs: options.pollMs, immediate: options.immediate },
  )

  const rows = computed(() => {
    const head = first.data.value?.items ?? []
    if (!options.keepMore) return [...head, ...extra.value]
    const seen = new Set(head.map((r) => r.id))
    return [...head, ...extra.value.filter((r) => !seen.has(r.id))]
  })

  async function more() {
    if (!cursor.value) return
    loadingMore.value = true
    try {
      const page = await fetchPage(cursor.value)
      extra.value = [...extra.value, ...page.items]
      cursor.value = page.nextCursor ?? null
    } catch (e) {
      if (!options.onMoreError) throw e
      options.onMoreError(e)
    } finally {
      loadingMore.value = false
    }
  }

  function restart() {
    extra.value = []
    return first.reload()
  }

  return { first, rows, cursor, loadingMore, more, restart }
}
