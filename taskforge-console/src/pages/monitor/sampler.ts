// Samples the server every 5 s while a monitor view is open and keeps the history in memory for
// the whole visit: leaving the page and coming back keeps the lines drawn so far. Polling stops
// when no view uses it and while the tab is hidden; a pause shows as a gap, not a straight line.
import { onScopeDispose, shallowRef } from 'vue'
import { get } from '@/api/http'
import { useSession } from '@/stores/session'
import type { Items, Queue, SystemSnapshot } from '@/api/types'
import { appendPoint, appendSample, type Point, type SeriesLimits } from './series'
import { toPercent } from './format'

export const SAMPLE_MS = 5_000
/** A day at one sample per 5 s: the longest window the monitor offers. */
export const LIMITS: SeriesLimits = { maxAgeMs: 24 * 3_600_000, maxPoints: (24 * 3_600_000) / SAMPLE_MS }

/** The system series by name; values are percentages or bytes. */
export interface SystemSeries {
  cpuProcess: Point[]
  cpuSystem: Point[]
  heapUsed: Point[]
  heapCommitted: Point[]
  nonHeapUsed: Point[]
  memoryUsed: Point[]
  diskUsed: Point[]
}

const emptySystem = (): SystemSeries => ({
  cpuProcess: [],
  cpuSystem: [],
  heapUsed: [],
  heapCommitted: [],
  nonHeapUsed: [],
  memoryUsed: [],
  diskUsed: [],
})

/** Tasks waiting to run in a queue: ready plus waiting for a retry. */
export function queueDepth(q: Queue): number {
  return q.queued + q.retrying
}

const system = shallowRef<SystemSeries>(emptySystem())
const latest = shallowRef<SystemSnapshot | null>(null)
const queues = shallowRef<Record<string, Point[]>>({})
const latestQueues = shallowRef<Queue[] | null>(null)
const systemError = shallowRef<unknown>(null)
const queuesError = shallowRef<unknown>(null)
/** Queue counts are per project: their history restarts when the project changes. */
let queuesTenant: string | null = null
let lastSampleAt = 0
let users = 0
let timer: ReturnType<typeof setInterval> | undefined
let inFlight = false
let tenantOf: () => string | null = () => null

function addSystem(s: SystemSnapshot, at: number) {
  const m = s.memory
  const hostUsed = m.systemTotal !== null && m.systemFree !== null ? m.systemTotal - m.systemFree : null
  const values: Record<keyof SystemSeries, number | null> = {
    cpuProcess: toPercent(s.cpu.processLoad),
    cpuSystem: toPercent(s.cpu.systemLoad),
    heapUsed: m.heapUsed,
    heapCommitted: m.heapCommitted,
    nonHeapUsed: m.nonHeapUsed,
    memoryUsed: hostUsed,
    diskUsed: s.disk.total > 0 ? s.disk.total - s.disk.free : null,
  }
  const next = { ...system.value }
  for (const key of Object.keys(values) as (keyof SystemSeries)[]) next[key] = appendPoint(next[key], [at, values[key]], LIMITS)
  system.value = next
}

/** Breaks every line at {@code at}: sampling stopped for a while and nothing is known about it. */
function addGap(at: number) {
  const next = { ...system.value }
  for (const key of Object.keys(next) as (keyof SystemSeries)[]) {
    if (next[key].length) next[key] = appendPoint(next[key], [at, null], LIMITS)
  }
  system.value = next
  const gaps: Record<string, null> = {}
  for (const name of Object.keys(queues.value)) gaps[name] = null
  queues.value = appendSample(queues.value, at, gaps, LIMITS)
}

async function sample() {
  if (inFlight) return
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return
  inFlight = true
  const at = Date.now()
  if (lastSampleAt && at - lastSampleAt > SAMPLE_MS * 3) addGap(lastSampleAt + SAMPLE_MS)
  lastSampleAt = at
  const tenant = tenantOf()
  if (tenant !== queuesTenant) {
    queues.value = {}
    latestQueues.value = null
    queuesTenant = tenant
  }
  // A request that hangs must not stop sampling for good: give up on it after two periods.
  const [sys, qs] = await Promise.allSettled([
    get<SystemSnapshot>('/monitor/system', undefined, AbortSignal.timeout(SAMPLE_MS * 2)),
    get<Items<Queue>>('/queues', undefined, AbortSignal.timeout(SAMPLE_MS * 2)),
  ])
  inFlight = false
  if (sys.status === 'fulfilled') {
    latest.value = sys.value
    systemError.value = null
    addSystem(sys.value, at)
  } else {
    systemError.value = sys.reason
  }
  if (qs.status === 'fulfilled' && tenantOf() === queuesTenant) {
    latestQueues.value = qs.value.items
    queuesError.value = null
    queues.value = appendSample(queues.value, at, Object.fromEntries(qs.value.items.map((q) => [q.name, queueDepth(q)])), LIMITS)
  } else if (qs.status === 'rejected') {
    queuesError.value = qs.reason
  }
}

/** The sampled history; sampling runs while at least one caller's scope is alive. */
export function useSampler() {
  const session = useSession()
  tenantOf = () => session.tenant
  if (users++ === 0) {
    void sample()
    timer = setInterval(() => void sample(), SAMPLE_MS)
  }
  onScopeDispose(() => {
    if (--users === 0 && timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  })
  return { system, latest, queues, latestQueues, systemError, queuesError, sampleNow: sample }
}
