import { describe, expect, it } from 'vitest'
import type { ApiStats, TaskStats } from '@/api/types'
import { apiLatencyOption, barChartHeight, durationsOption, latencyEndpoints, throughputOption, timeChartOption } from './chartOptions'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- options are loose ECharts objects
type Loose = any

const stats = {
  since: '2026-11-23T10:00:00Z',
  until: '2026-11-23T10:02:00Z',
  totals: { succeeded: 3, failed: 1 },
  throughputPerMinute: [
    { minute: '2026-11-23T10:00:00Z', succeeded: 2, failed: 0 },
    { minute: '2026-11-23T10:01:00Z', succeeded: 1, failed: 1 },
  ],
  durationsByType: [
    { type: 'fast', count: 5, p50Millis: 1, p95Millis: 2, p99Millis: 3, maxMillis: 4 },
    { type: 'slow', count: 2, p50Millis: 100, p95Millis: 900, p99Millis: 990, maxMillis: 1000 },
  ],
} as unknown as TaskStats

const endpoint = (route: string, count: number, p95: number) => ({
  method: 'GET',
  route,
  count,
  clientErrors: 0,
  serverErrors: 0,
  p50Millis: p95 / 2,
  p95Millis: p95,
  p99Millis: p95,
  maxMillis: p95,
})

describe('timeChartOption', () => {
  it('draws one line per series over the given range, keeping gaps', () => {
    const o = timeChartOption({
      from: 1000,
      to: 5000,
      format: String,
      lines: [
        { name: 'a', points: [[1000, 1], [2000, null], [3000, 2]], area: true },
        { name: 'b', points: [] },
      ],
    }) as Loose
    expect(o.series).toHaveLength(2)
    expect(o.series[0].data[1]).toEqual([2000, null])
    expect(o.series[0].connectNulls).toBe(false)
    expect(o.series[0].areaStyle).toBeDefined()
    expect(o.series[1].areaStyle).toBeUndefined()
    expect([o.xAxis.min, o.xAxis.max]).toEqual([1000, 5000])
    expect(o.backgroundColor).toBe('transparent')
  })
})

describe('throughputOption', () => {
  it('stacks succeeded and failed per minute', () => {
    const o = throughputOption(stats, { succeeded: 'ok', failed: 'ko' }) as Loose
    expect(o.series.map((s: Loose) => s.name)).toEqual(['ok', 'ko'])
    expect(o.series[0].stack).toBe(o.series[1].stack)
    expect(o.series[1].data).toEqual([
      [Date.parse('2026-11-23T10:00:00Z'), 0],
      [Date.parse('2026-11-23T10:01:00Z'), 1],
    ])
  })
})

describe('durationsOption', () => {
  it('puts the slowest type on top (last category of a horizontal bar chart)', () => {
    const o = durationsOption(stats, String) as Loose
    expect(o.yAxis.data).toEqual(['fast (5)', 'slow (2)'])
    expect(o.series.map((s: Loose) => s.name)).toEqual(['p50', 'p95', 'p99'])
    expect(o.series[1].data).toEqual([2, 900])
  })
})

describe('API latency', () => {
  const apis: ApiStats = {
    since: '2026-11-23T10:00:00Z',
    items: [endpoint('/api/v1/tasks', 50, 20), endpoint('/api/v1/events/stream', 90, 30_000), endpoint('/api/v1/queues', 10, 5)],
  }
  it('leaves out event streams, whose duration is not latency', () => {
    expect(latencyEndpoints(apis).map((e) => e.route)).toEqual(['/api/v1/tasks', '/api/v1/queues'])
  })
  it('shows the most called endpoints, most called on top', () => {
    const o = apiLatencyOption(apis, String, 1) as Loose
    expect(o.yAxis.data).toEqual(['GET /tasks (50)'])
  })
  it('grows the chart with the number of rows', () => {
    expect(barChartHeight(0)).toBe(220)
    expect(barChartHeight(10)).toBe(330)
  })
})
