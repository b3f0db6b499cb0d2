/** The /monitor/tasks window that reaches back to the viewer's local midnight ("today"). */
export function windowSinceMidnight(now: Date): string {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  const minutes = Math.ceil((now.getTime() - midnight.getTime()) / 60_000)
  return `${Math.max(1, minutes)}m`
}

/** Endpoints of the API proper (not the console's files or the actuator), busiest first. */
export function apiEndpoints<T extends { route: string; count: number }>(items: T[]): T[] {
  return items.filter((e) => e.route.startsWith('/api/')).sort((a, b) => b.count - a.count)
}
