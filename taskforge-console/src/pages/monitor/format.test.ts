import { describe, expect, it } from 'vitest'
import { ageSeconds, clockLabel, formatAge, formatAxisMillis, formatRate, heartbeatLate, share, toPercent, windowMs } from './format'

describe('formatAge', () => {
  it('shows the two largest units that matter', () => {
    expect(formatAge(0)).toBe('0 s')
    expect(formatAge(12.9)).toBe('12 s')
    expect(formatAge(60)).toBe('1 min')
    expect(formatAge(185)).toBe('3 min 5 s')
    expect(formatAge(7200)).toBe('2 h')
    expect(formatAge(7440)).toBe('2 h 4 min')
    expect(formatAge(3 * 86_400 + 7200 + 59)).toBe('3 d 2 h')
  })
  it('shows a dash for unknown values and clamps negatives', () => {
    expect(formatAge(null)).toBe('—')
    expect(formatAge(Number.NaN)).toBe('—')
    expect(formatAge(-5)).toBe('0 s')
  })
})

describe('ageSeconds', () => {
  it('measures from the time to now, never below zero', () => {
    const now = Date.parse('2026-11-23T10:00:30Z')
    expect(ageSeconds('2026-11-23T10:00:00Z', now)).toBe(30)
    expect(ageSeconds('2026-11-23T10:01:00Z', now)).toBe(0)
    expect(ageSeconds(null, now)).toBeNull()
    expect(ageSeconds('not a date', now)).toBeNull()
  })
})

describe('formatRate', () => {
  it('keeps one decimal below ten and none above', () => {
    expect(formatRate(0, 'en')).toBe('0')
    expect(formatRate(0.44, 'en')).toBe('0.4')
    expect(formatRate(3, 'en')).toBe('3')
    expect(formatRate(12.6, 'en')).toBe('13')
    expect(formatRate(1250, 'en')).toBe('1,250')
    expect(formatRate(undefined)).toBe('—')
  })
})

describe('share and toPercent', () => {
  it('is a clamped fraction, null when the total is unknown', () => {
    expect(share(25, 100)).toBe(0.25)
    expect(share(150, 100)).toBe(1)
    expect(share(5, 0)).toBeNull()
    expect(share(5, null)).toBeNull()
  })
  it('turns a load into a percentage with one decimal', () => {
    expect(toPercent(0.12345)).toBe(12.3)
    expect(toPercent(null)).toBeNull()
    // The JVM answers a negative load when it cannot tell.
    expect(toPercent(-1)).toBeNull()
  })
})

describe('windowMs', () => {
  it('reads minutes, hours and days', () => {
    expect(windowMs('15m')).toBe(900_000)
    expect(windowMs('1h')).toBe(3_600_000)
    expect(windowMs('7d')).toBe(604_800_000)
    expect(windowMs('0h')).toBeNull()
    expect(windowMs('1w')).toBeNull()
  })
})

describe('heartbeatLate', () => {
  it('is late after three missed beats', () => {
    expect(heartbeatLate(29)).toBe(false)
    expect(heartbeatLate(31)).toBe(true)
    expect(heartbeatLate(null)).toBe(false)
  })
})

describe('clockLabel', () => {
  it('is a 24-hour clock', () => {
    const at = new Date(2026, 10, 23, 14, 5, 9).getTime()
    expect(clockLabel(at, false, 'en-GB')).toBe('14:05')
    expect(clockLabel(at, true, 'en-GB')).toBe('14:05:09')
  })
})

describe('formatAxisMillis', () => {
  it('keeps axis labels short', () => {
    expect(formatAxisMillis(0)).toBe('0 ms')
    expect(formatAxisMillis(500)).toBe('500 ms')
    expect(formatAxisMillis(1500)).toBe('1.5 s')
    expect(formatAxisMillis(150_000)).toBe('2.5 min')
    expect(formatAxisMillis(5_400_000)).toBe('1.5 h')
  })
})
