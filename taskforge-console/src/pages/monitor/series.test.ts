import { describe, expect, it } from 'vitest'
import { appendPoint, appendSample, pointsSince, pruneTimes, ratePerMinute, type Point } from './series'

const limits = { maxAgeMs: 10_000, maxPoints: 5 }

describe('appendPoint', () => {
  it('appends without changing the given array', () => {
    const before: Point[] = [[1000, 1]]
    const after = appendPoint(before, [2000, 2], limits)
    expect(after).toEqual([
      [1000, 1],
      [2000, 2],
    ])
    expect(before).toEqual([[1000, 1]])
  })

  it('drops samples older than the window, measured from the newest', () => {
    let s: Point[] = []
    for (const t of [0, 4000, 8000, 12_000, 16_000]) s = appendPoint(s, [t, t], limits)
    expect(s.map((p) => p[0])).toEqual([8000, 12_000, 16_000])
  })

  it('keeps at most maxPoints samples', () => {
    let s: Point[] = []
    for (let t = 0; t < 8; t++) s = appendPoint(s, [t, t], limits)
    expect(s.map((p) => p[0])).toEqual([3, 4, 5, 6, 7])
  })

  it('ignores a sample older than the newest and replaces one at the same time', () => {
    let s: Point[] = [[5000, 1]]
    s = appendPoint(s, [4000, 9], limits)
    expect(s).toEqual([[5000, 1]])
    s = appendPoint(s, [5000, 2], limits)
    expect(s).toEqual([[5000, 2]])
  })

  it('keeps nulls as gaps', () => {
    const s = appendPoint([[0, 1]], [1000, null], limits)
    expect(s[1]).toEqual([1000, null])
  })
})

describe('pointsSince', () => {
  const s: Point[] = [
    [10, 1],
    [20, 2],
    [30, 3],
    [40, 4],
  ]
  it('finds the first sample at or after the time', () => {
    expect(pointsSince(s, 20).map((p) => p[0])).toEqual([20, 30, 40])
    expect(pointsSince(s, 21).map((p) => p[0])).toEqual([30, 40])
    expect(pointsSince(s, 0)).toHaveLength(4)
    expect(pointsSince(s, 41)).toEqual([])
  })
})

describe('appendSample', () => {
  it('adds a null where a key is missing and forgets a key that is null throughout', () => {
    let set: Record<string, Point[]> = {}
    set = appendSample(set, 0, { a: 1, b: 2 }, limits)
    set = appendSample(set, 4000, { a: 3 }, limits)
    expect(set.b).toEqual([
      [0, 2],
      [4000, null],
    ])
    set = appendSample(set, 8000, { a: 4 }, limits)
    set = appendSample(set, 12_000, { a: 5 }, limits)
    // b's only real sample (at 0) left the 10 s window: only nulls remain, so it is gone.
    expect(Object.keys(set)).toEqual(['a'])
    expect(set.a.map((p) => p[1])).toEqual([3, 4, 5])
  })
})

describe('ratePerMinute', () => {
  it('counts events per minute over the window', () => {
    const now = 600_000
    const times = [now - 250_000, now - 200_000, now - 30_000, now - 10_000, now - 400_000]
    // Five minutes watched, four events inside them.
    expect(ratePerMinute(times, now, 300_000, 0)).toBeCloseTo(0.8)
  })

  it('uses the time watched when shorter than the window, but at least a minute', () => {
    const now = 1_000_000
    expect(ratePerMinute([now - 1000], now, 300_000, now - 5000)).toBe(1)
    expect(ratePerMinute([now - 1000, now - 60_000], now, 300_000, now - 120_000)).toBe(1)
  })

  it('is zero without events', () => {
    expect(ratePerMinute([], 10, 300_000, 0)).toBe(0)
  })
})

describe('pruneTimes', () => {
  it('keeps the times inside the window', () => {
    expect(pruneTimes([1, 50, 100], 100, 50)).toEqual([50, 100])
  })
})
