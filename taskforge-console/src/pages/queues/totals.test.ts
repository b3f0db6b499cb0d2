import { describe, expect, it } from 'vitest'
import type { Queue, TaskStats } from '@/api/types'
import { queueTotals } from './totals'

const q = (over: Partial<Queue>): Queue => ({
  name: 'q',
  scheduled: 0,
  queued: 0,
  running: 0,
  retrying: 0,
  failed: 0,
  paused: false,
  concurrencyLimit: null,
  ratePerSecond: null,
  oldestQueuedAgeSeconds: null,
  ...over,
})

describe('queueTotals', () => {
  it('sums the queues and keeps the oldest wait', () => {
    const t = queueTotals([q({ queued: 3, retrying: 1, running: 2, failed: 1, oldestQueuedAgeSeconds: 12 }), q({ queued: 1, scheduled: 9, oldestQueuedAgeSeconds: 40 })], null)
    expect(t).toEqual({ waiting: 5, running: 2, failed: 1, oldestSeconds: 40, perMinute: null })
  })
  it('averages finished tasks over the minutes of the window', () => {
    const stats = {
      totals: { succeeded: 25, failed: 5 },
      throughputPerMinute: Array.from({ length: 15 }, () => ({ minute: '', succeeded: 0, failed: 0 })),
    } as unknown as TaskStats
    expect(queueTotals([], stats).perMinute).toBe(2)
    expect(queueTotals([], stats).oldestSeconds).toBeNull()
  })
})
