// Formatting for the operations pages (queues, workers, monitor): ages, rates, shares and the
// windows the monitor offers. Sizes and durations come from @/components/format.

/** "12 s", "3 min 5 s", "2 h 4 min", "3 d 2 h": whole units, the two largest that matter. */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—'
  const s = Math.max(0, Math.floor(seconds))
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`
  const h = Math.floor(m / 60)
  if (h < 24) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`
  const d = Math.floor(h / 24)
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`
}

/** Seconds from {@code iso} to {@code now}; never negative (the browser's clock may run behind). */
export function ageSeconds(iso: string | null | undefined, now: number): number | null {
  if (!iso) return null
  const at = Date.parse(iso)
  return Number.isNaN(at) ? null : Math.max(0, (now - at) / 1000)
}

/** A rate: "0", "0.4", "12", "1,250" (per minute or per second; the caller adds the unit). */
export function formatRate(value: number | null | undefined, locale?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  if (value === 0) return '0'
  const digits = Math.abs(value) < 10 ? 1 : 0
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)
}

/** used / total as a fraction 0..1, or null when the total is unknown or zero. */
export function share(used: number | null | undefined, total: number | null | undefined): number | null {
  if (used === null || used === undefined || !total || !Number.isFinite(used) || !Number.isFinite(total)) return null
  return Math.min(1, Math.max(0, used / total))
}

/** A load fraction as a percentage with one decimal, for charts (null stays null: a gap). */
export function toPercent(fraction: number | null | undefined): number | null {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction) || fraction < 0) return null
  return Math.round(fraction * 1000) / 10
}

/** The windows the monitor offers, as the server's `window` parameter takes them. */
export const WINDOWS = ['15m', '1h', '6h', '24h'] as const
export type MonitorWindow = (typeof WINDOWS)[number]

/** Milliseconds in a window such as "15m", "1h", "7d"; null when it is not one. */
export function windowMs(window: string): number | null {
  const m = /^([1-9]\d*)([mhd])$/.exec(window)
  if (!m) return null
  const unit = m[2] === 'm' ? 60_000 : m[2] === 'h' ? 3_600_000 : 86_400_000
  return Number(m[1]) * unit
}

/** Whether a worker's last heartbeat is later than three of its 10 s beats: it may be stuck. */
export function heartbeatLate(ageSecondsValue: number | null, intervalSeconds = 10): boolean {
  return ageSecondsValue !== null && ageSecondsValue > intervalSeconds * 3
}

/** "HH:MM" or "HH:MM:SS" of an epoch time in the viewer's zone, for chart axes. */
export function clockLabel(at: number, withSeconds: boolean, locale?: string): string {
  return new Date(at).toLocaleTimeString(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
    hour12: false,
  })
}

/** A short duration for chart axes, where labels must stay narrow: "500 ms", "1.5 s", "2 min", "1.5 h". */
export function formatAxisMillis(ms: number): string {
  if (!Number.isFinite(ms)) return ''
  const trim = (v: number) => String(Math.round(v * 10) / 10)
  if (Math.abs(ms) < 1000) return `${trim(ms)} ms`
  if (Math.abs(ms) < 60_000) return `${trim(ms / 1000)} s`
  if (Math.abs(ms) < 3_600_000) return `${trim(ms / 60_000)} min`
  return `${trim(ms / 3_600_000)} h`
}
