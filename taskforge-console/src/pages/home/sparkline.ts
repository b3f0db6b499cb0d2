/** One minute of the throughput sparkline. */
export interface SparkPoint {
  at: string
  n: number
  failed: number
}

/**
 * SVG paths of a sparkline in a WIDTH x HEIGHT box: the total as a line and a filled area under
 * it, the failed count as a second line, on one scale from 0 to the peak (a flat line at the
 * bottom when nothing ran). `x(i)` is the horizontal position of point i.
 */
export function sparkPaths(points: SparkPoint[], width: number, height: number) {
  const peak = points.reduce((max, p) => Math.max(max, p.n, p.failed), 0)
  const pad = 2
  const x = (i: number) => (points.length <= 1 ? width / 2 : (i / (points.length - 1)) * width)
  const y = (v: number) => (peak === 0 ? height - pad : height - pad - (v / peak) * (height - 2 * pad))
  const line = (value: (p: SparkPoint) => number) =>
    points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(2)},${y(value(p)).toFixed(2)}`).join(' ')
  const total = line((p) => p.n)
  const area = points.length === 0 ? '' : `${total} L${x(points.length - 1).toFixed(2)},${height} L${x(0).toFixed(2)},${height} Z`
  return { total, failed: line((p) => p.failed), area, x }
}
