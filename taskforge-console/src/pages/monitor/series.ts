// Time series the monitor keeps in memory while the console is open: the server answers only
// "now" for system numbers and queue counts, so the history is what the browser sampled.

/** One sample: epoch milliseconds and a value (null: the server could not tell). */
export type Point = [number, number | null]

export interface SeriesLimits {
  /** Samples older than this, relative to the newest, are dropped. */
  maxAgeMs: number
  /** At most this many samples are kept (the oldest go first). */
  maxPoints: number
}

/**
 * The series with {@code point} appended, trimmed to the limits. A sample older than the newest
 * one is ignored: answers of overlapping polls may arrive out of order. Returns a new array so
 * Vue notices the change.
 */
export function appendPoint(series: readonly Point[], point: Point, limits: SeriesLimits): Point[] {
  const last = series[series.length - 1]
  if (last && point[0] < last[0]) return series.slice()
  const out = last && point[0] === last[0] ? series.slice(0, -1) : series.slice()
  out.push(point)
  const oldest = point[0] - limits.maxAgeMs
  let drop = 0
  while (drop < out.length && out[drop][0] < oldest) drop++
  drop = Math.max(drop, out.length - limits.maxPoints)
  return drop > 0 ? out.slice(drop) : out
}

/** The samples at or after {@code since}. */
export function pointsSince(series: readonly Point[], since: number): Point[] {
  let lo = 0
  let hi = series.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (series[mid][0] < since) lo = mid + 1
    else hi = mid
  }
  return series.slice(lo)
}

/**
 * A keyed set of series (one per queue, say) sampled together: a key missing from a sample gets
 * a null there, so a queue that disappears shows a gap rather than a line held at its last value.
 */
export function appendSample(
  set: Readonly<Record<string, readonly Point[]>>,
  at: number,
  values: Readonly<Record<string, number | null>>,
  limits: SeriesLimits,
): Record<string, Point[]> {
  const out: Record<string, Point[]> = {}
  for (const key of new Set([...Object.keys(set), ...Object.keys(values)])) {
    const next = appendPoint(set[key] ?? [], [at, values[key] ?? null], limits)
    // A key whose every kept sample is null has gone for longer than the window: forget it.
    if (next.some((p) => p[1] !== null)) out[key] = next
  }
  return out
}

/**
 * Events per minute over the last {@code windowMs} before {@code now}, from the event times. While
 * fewer than {@code windowMs} have been watched (since {@code watchingSince}), the rate is over the
 * time watched, but never less than one minute so a single early event is not read as a burst.
 */
export function ratePerMinute(times: readonly number[], now: number, windowMs: number, watchingSince: number): number {
  const from = Math.max(now - windowMs, watchingSince)
  const span = Math.max(now - from, 60_000)
  let n = 0
  for (const t of times) if (t >= from && t <= now) n++
  return (n * 60_000) / span
}

/** The event times still inside the window (older ones would only grow the array). */
export function pruneTimes(times: readonly number[], now: number, windowMs: number): number[] {
  return times.filter((t) => t >= now - windowMs)
}
