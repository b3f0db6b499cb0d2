// Fire times of a timing not saved yet, computed the way the server reads it (docs/schedules.md):
// cron with 5 fields, or 6 with seconds first, in a time zone; or an interval aligned to the
// Unix epoch. The server's own times (nextFireTimes) replace these once the schedule is saved.
import { Cron } from 'croner'

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; error?: string }

/** Whether the browser knows the IANA zone. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The zones to offer, the browser's list where it has one. */
export function zoneNames(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] }
  const zones = intl.supportedValuesOf?.('timeZone') ?? []
  return zones.includes('UTC') ? zones : ['UTC', ...zones]
}

/** The next {@code count} fires of a cron expression read in {@code zone}, after {@code from}. */
export function cronFires(expression: string, zone: string, count: number, from: Date = new Date()): Parsed<Date[]> {
  const text = expression.trim()
  const fields = text.split(/\s+/).filter(Boolean)
  if (fields.length !== 5 && fields.length !== 6) return { ok: false, code: 'cronFields' }
  const tz = zone.trim() || 'UTC'
  if (!isKnownZone(tz)) return { ok: false, code: 'zone' }
  try {
    // Both fields restricted means either matches, as in crontab; Quartz-style steps like 0/5 are fine.
    const cron = new Cron(text, { timezone: tz, mode: '5-or-6-parts', sloppyRanges: true, domAndDow: false })
    return { ok: true, value: cron.nextRuns(count, from) }
  } catch (e) {
    return { ok: false, code: 'cron', error: e instanceof Error ? e.message : String(e) }
  }
}

/** The next {@code count} slots of an interval: multiples of it since the epoch, after {@code from}. */
export function intervalFires(seconds: number, count: number, from: Date = new Date()): Parsed<Date[]> {
  if (!Number.isInteger(seconds) || seconds < 1) return { ok: false, code: 'interval' }
  const step = seconds * 1000
  const first = (Math.floor(from.getTime() / step) + 1) * step
  return { ok: true, value: Array.from({ length: count }, (_, i) => new Date(first + i * step)) }
}

/** "1 h 30 min", "45 s": an interval for people. */
export function describeSeconds(seconds: number): string {
  const parts: string[] = []
  let rest = seconds
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`)
      rest %= size
    }
  }
  if (rest || !parts.length) parts.push(`${rest} s`)
  return parts.join(' ')
}

/** A date and time as read in {@code zone}, with the zone's name. */
export function formatInZone(at: Date | string, zone: string | null, locale?: string): string {
  const d = typeof at === 'string' ? new Date(at) : at
  const timeZone = zone && isKnownZone(zone) ? zone : 'UTC'
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'medium' }).format(d) + ` (${timeZone})`
}
