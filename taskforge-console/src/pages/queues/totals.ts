// The numbers above the queue list: sums over the queues, and the project's finished tasks per
// minute from the server's throughput history.
import type { Queue, TaskStats } from '@/api/types'

export interface QueueTotals {
  /** Ready to run or waiting for a retry. */
  waiting: number
  running: number
  failed: number
  /** The longest any ready task has waited, over all queues. */
  oldestSeconds: number | null
  /** Finished per minute over the stats window; null while unknown. */
  perMinute: number | null
}

export function queueTotals(queues: readonly Queue[], stats: TaskStats | null): QueueTotals {
  let waiting = 0
  let running = 0
  let failed = 0
  let oldest: number | null = null
  for (const q of queues) {
    waiting += q.queued + q.retrying
    running += q.running
    failed += q.failed
    if (q.oldestQueuedAgeSeconds !== null && (oldest === null || q.oldestQueuedAgeSeconds > oldest)) oldest = q.oldestQueuedAgeSeconds
  }
  let perMinute: number | null = null
  if (stats) {
    const minutes = stats.throughputPerMinute.length
    perMinute = minutes > 0 ? (stats.totals.succeeded + stats.totals.failed) / minutes : 0
  }
  return { waiting, running, failed, oldestSeconds: oldest, perMinute }
}
