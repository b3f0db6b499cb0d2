// ECharts options for the monitor, built from API answers and sampled series. Pure functions, so
// the shapes are tested without a canvas. Colours come from the chart theme (light or dark);
// the background stays transparent so cards show through.
import type { EChartsCoreOption } from 'echarts/core'
import type { ApiStats, TaskStats } from '@/api/types'
import type { Point } from './series'
import { clockLabel, formatAxisMillis } from './format'

export interface LineSpec {
  name: string
  points: Point[]
  /** Fill under the line. */
  area?: boolean
  /** Stack with the other stacked lines of the chart. */
  stack?: boolean
}

export interface TimeChartSpec {
  lines: LineSpec[]
  /** The visible time range, epoch ms. */
  from: number
  to: number
  /** Formats values on the axis and in the tooltip. */
  format: (v: number) => string
  /** A fixed top of the value axis (100 for percentages). */
  max?: number
  locale?: string
  /** Message for the tooltip when a value is unknown. */
  noValue?: string
}

const base = { backgroundColor: 'transparent', animation: false }
const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true }

/** Lines over time: the live series the monitor samples. */
export function timeChartOption(spec: TimeChartSpec): EChartsCoreOption {
  const short = spec.to - spec.from <= 3_600_000
  return {
    ...base,
    grid,
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? spec.format(v) : (spec.noValue ?? '—')),
    },
    xAxis: {
      type: 'time',
      min: spec.from,
      max: spec.to,
      axisLabel: { hideOverlap: true, formatter: (v: number) => clockLabel(v, short && spec.to - spec.from <= 900_000, spec.locale) },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: spec.max,
      axisLabel: { formatter: (v: number) => spec.format(v) },
    },
    series: spec.lines.map((l) => ({
      name: l.name,
      type: 'line',
      data: l.points,
      showSymbol: false,
      connectNulls: false,
      sampling: 'lttb',
      stack: l.stack ? 'total' : undefined,
      areaStyle: l.area ? { opacity: 0.18 } : undefined,
      lineStyle: { width: 1.5 },
      emphasis: { focus: 'series' },
    })),
  }
}

export interface ThroughputLabels {
  succeeded: string
  failed: string
  locale?: string
}

/** Finished tasks per minute, succeeded and failed stacked. */
export function throughputOption(stats: TaskStats, labels: ThroughputLabels): EChartsCoreOption {
  const from = Date.parse(stats.since)
  const to = Date.parse(stats.until)
  const short = to - from <= 3_600_000
  const bars = (key: 'succeeded' | 'failed') => stats.throughputPerMinute.map((m) => [Date.parse(m.minute), m[key]])
  return {
    ...base,
    grid,
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'time',
      min: from,
      max: to,
      axisLabel: { hideOverlap: true, formatter: (v: number) => clockLabel(v, false, labels.locale) },
      splitLine: { show: false },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.succeeded, type: 'bar', stack: 'done', data: bars('succeeded'), color: '#18a058', barMaxWidth: short ? 12 : undefined },
      { name: labels.failed, type: 'bar', stack: 'done', data: bars('failed'), color: '#d03050', barMaxWidth: short ? 12 : undefined },
    ],
  }
}

/** Run-time percentiles (p50, p95, p99) by task type, the slowest types first. */
export function durationsOption(stats: TaskStats, format: (ms: number) => string, top = 12): EChartsCoreOption {
  const types = [...stats.durationsByType].sort((a, b) => b.p95Millis - a.p95Millis).slice(0, top).reverse()
  return percentileBars(types, (t) => `${t.type} (${t.count})`, 140, format)
}

type Percentiles = { p50Millis: number; p95Millis: number; p99Millis: number }

/** Horizontal bars of p50, p95 and p99 for each row (bottom to top), labelled on the left. */
function percentileBars<R extends Percentiles>(rows: R[], label: (r: R) => string, labelWidth: number, format: (ms: number) => string): EChartsCoreOption {
  const series = (['p50Millis', 'p95Millis', 'p99Millis'] as const).map((key) => ({
    name: key.slice(0, 3),
    type: 'bar',
    data: rows.map((r) => r[key]),
    barMaxWidth: 14,
  }))
  return {
    ...base,
    grid,
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : '—') },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAxisMillis(v), hideOverlap: true } },
    yAxis: { type: 'category', data: rows.map(label), axisLabel: { width: labelWidth, overflow: 'truncate', interval: 0 } },
    series,
  }
}

/**
 * The endpoints whose latency means something: an event stream stays open for minutes by design,
 * so its "latency" is how long a client watched, not how fast the server answered.
 */
export function latencyEndpoints(apis: ApiStats): ApiStats['items'] {
  return apis.items.filter((e) => !/\/stream$/.test(e.route))
}

/** Height in pixels for a horizontal bar chart of {@code rows} categories: every label shows. */
export function barChartHeight(rows: number): number {
  return Math.max(220, 70 + rows * 26)
}

/** The endpoints called most, with their latency percentiles. */
export function apiLatencyOption(apis: ApiStats, format: (ms: number) => string, top = 10): EChartsCoreOption {
  const endpoints = latencyEndpoints(apis).sort((a, b) => b.count - a.count).slice(0, top).reverse()
  return percentileBars(endpoints, (e) => `${e.method} ${e.route.replace(/^\/api\/v1/, '')} (${e.count})`, 180, format)
}
