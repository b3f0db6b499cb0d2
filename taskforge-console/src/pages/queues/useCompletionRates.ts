// Finished tasks per minute for each queue, counted live from the task event stream since the
// page opened (the server keeps throughput per project, not per queue). Any task change also
// calls onChange, so counts on screen follow the stream instead of waiting for the next poll.
import { onScopeDispose, ref, shallowRef } from 'vue'
import { openStream } from '@/api/http'
import type { Task } from '@/api/types'
import { pruneTimes, ratePerMinute } from '@/pages/monitor/series'

/** The rate is over the last five minutes (or the time watched, if shorter). */
export const RATE_WINDOW_MS = 5 * 60_000

export function useCompletionRates(onChange: () => void) {
  const since = Date.now()
  const times = new Map<string, number[]>()
  const rates = shallowRef<Record<string, number>>({})
  const live = ref(false)

  function recompute() {
    const now = Date.now()
    const out: Record<string, number> = {}
    for (const [queue, list] of times) {
      const kept = pruneTimes(list, now, RATE_WINDOW_MS)
      times.set(queue, kept)
      out[queue] = ratePerMinute(kept, now, RATE_WINDOW_MS, since)
    }
    rates.value = out
  }

  const stream = openStream(
    '/events/stream',
    {},
    {
      events: {
        task: (task: Task) => {
          if (task && (task.status === 'SUCCEEDED' || task.status === 'FAILED')) {
            const list = times.get(task.queue) ?? []
            list.push(Date.now())
            times.set(task.queue, list)
            recompute()
          }
          onChange()
        },
      },
      open: () => (live.value = true),
      error: () => (live.value = false),
    },
  )
  // Rates fall as time passes without events: recompute even when nothing arrives.
  const timer = setInterval(recompute, 5_000)
  onScopeDispose(() => {
    clearInterval(timer)
    stream.close()
  })

  /** Finished per minute in {@code queue}; 0 when none finished since the page opened. */
  function rateOf(queue: string): number {
    return rates.value[queue] ?? 0
  }
  return { rateOf, live }
}
