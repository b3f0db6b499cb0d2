import { describe, expect, it } from 'vitest'
import { sparkPaths } from './sparkline'

const at = '2026-11-23T10:00:00Z'

describe('sparkPaths', () => {
  it('scales every point to the peak, across the whole width', () => {
    const p = sparkPaths(
      [
        { at, n: 0, failed: 0 },
        { at, n: 10, failed: 5 },
        { at, n: 5, failed: 0 },
      ],
      100,
      54,
    )
    expect(p.total).toBe('M0.00,52.00 L50.00,2.00 L100.00,27.00')
    expect(p.failed).toBe('M0.00,52.00 L50.00,27.00 L100.00,52.00')
    expect(p.area).toBe('M0.00,52.00 L50.00,2.00 L100.00,27.00 L100.00,54 L0.00,54 Z')
  })

  it('draws a flat line at the bottom when nothing ran, and nothing without points', () => {
    expect(sparkPaths([{ at, n: 0, failed: 0 }, { at, n: 0, failed: 0 }], 100, 54).total).toBe('M0.00,52.00 L100.00,52.00')
    expect(sparkPaths([], 100, 54)).toMatchObject({ total: '', failed: '', area: '' })
  })
})
