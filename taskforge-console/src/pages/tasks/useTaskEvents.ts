// Task changes of the tenant, live from /events/stream, while the calling component lives.
import { onScopeDispose, ref, watch, type Ref } from 'vue'
import { openStream, type Query, type StreamHandle } from '@/api/http'
import type { Task } from '@/api/types'

export type StreamState = 'connecting' | 'live' | 'reconnecting'

/**
 * Calls {@code onTask} with each changed task. {@code filter} narrows the stream on the server
 * (queue, type, tag); a change of it reopens the stream.
 */
export function useTaskEvents(filter: Ref<Query>, onTask: (task: Task) => void): { state: Ref<StreamState> } {
  const state = ref<StreamState>('connecting')
  let handle: StreamHandle | null = null
  const open = () => {
    handle?.close()
    state.value = 'connecting'
    handle = openStream('/events/stream', filter.value, {
      events: { task: (data: Task) => onTask(data) },
      open: () => (state.value = 'live'),
      error: () => (state.value = 'reconnecting'),
    })
  }
  watch(() => JSON.stringify(filter.value), open, { immediate: true })
  onScopeDispose(() => handle?.close())
  return { state }
}
