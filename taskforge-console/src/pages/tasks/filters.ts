// The task list's filters and order, kept in the page's URL query so a filtered view can be
// bookmarked, shared and restored by the back button; and their translation to GET /tasks.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { Query } from '@/api/http'
import { PRIORITIES, TASK_STATUSES, type Priority, type Task, type TaskStatus } from '@/api/types'

export const TASK_SORTS = ['-createdAt', 'createdAt', '-priority', 'priority', 'updatedAt'] as const
export type TaskSort = (typeof TASK_SORTS)[number]
export const DEFAULT_SORT: TaskSort = '-createdAt'

export interface TaskFilters {
  status: TaskStatus[]
  priority: Priority[]
  /** Tasks carrying all of these. */
  tag: string[]
  queue: string
  type: string
  /** Text in the title or description. */
  q: string
  /** ISO-8601 instants: created at or after / before. */
  createdAfter: string | null
  createdBefore: string | null
  sort: TaskSort
}

export function emptyFilters(): TaskFilters {
  return { status: [], priority: [], tag: [], queue: '', type: '', q: '', createdAfter: null, createdBefore: null, sort: DEFAULT_SORT }
}

/** Every value of a query parameter, repeated or comma-separated. */
function values(raw: LocationQuery[string] | undefined, comma: boolean, normalise: (v: string) => string = (v) => v): string[] {
  const list = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).filter((v): v is string => typeof v === 'string')
  const split = comma ? list.flatMap((v) => v.split(',')) : list
  return [...new Set(split.map((v) => normalise(v.trim())).filter((v) => v !== ''))]
}

const upper = (v: string) => v.toUpperCase()

function single(raw: LocationQuery[string] | undefined): string {
  return values(raw, false)[0] ?? ''
}

function instant(raw: LocationQuery[string] | undefined): string | null {
  const v = single(raw)
  const ms = Date.parse(v)
  return v && !Number.isNaN(ms) ? new Date(ms).toISOString() : null
}

/**
 * Reads filters from a URL query. Values that cannot be right (an unknown status, a date that does
 * not parse) are dropped rather than sent on to fail: a hand-edited or old link still opens.
 */
export function filtersFromQuery(query: LocationQuery): TaskFilters {
  const sort = single(query.sort)
  return {
    status: values(query.status, true, upper).filter((s): s is TaskStatus => (TASK_STATUSES as readonly string[]).includes(s)),
    priority: values(query.priority, true, upper).filter((s): s is Priority => (PRIORITIES as readonly string[]).includes(s)),
    // Tag names cannot hold commas, but they may hold spaces: only repetition separates them.
    tag: values(query.tag, false),
    queue: single(query.queue),
    type: single(query.type),
    q: single(query.q),
    createdAfter: instant(query.from),
    createdBefore: instant(query.to),
    sort: (TASK_SORTS as readonly string[]).includes(sort) ? (sort as TaskSort) : DEFAULT_SORT,
  }
}

/** The URL query for {@code f}: empty filters and the default order are left out. */
export function filtersToQuery(f: TaskFilters): LocationQueryRaw {
  const q: LocationQueryRaw = {}
  if (f.status.length) q.status = f.status.join(',')
  if (f.priority.length) q.priority = f.priority.join(',')
  if (f.tag.length) q.tag = [...f.tag]
  if (f.queue.trim()) q.queue = f.queue.trim()
  if (f.type.trim()) q.type = f.type.trim()
  if (f.q.trim()) q.q = f.q.trim()
  if (f.createdAfter) q.from = f.createdAfter
  if (f.createdBefore) q.to = f.createdBefore
  if (f.sort !== DEFAULT_SORT) q.sort = f.sort
  return q
}

/** The parameters of GET /tasks for {@code f} (without paging). */
export function filtersToApi(f: TaskFilters): Query {
  return {
    status: f.status.length ? f.status.join(',') : undefined,
    priority: f.priority.length ? f.priority.join(',') : undefined,
    tag: f.tag,
    queue: f.queue.trim() || undefined,
    type: f.type.trim() || undefined,
    q: f.q.trim() || undefined,
    createdAfter: f.createdAfter ?? undefined,
    createdBefore: f.createdBefore ?? undefined,
    sort: f.sort,
  }
}

/** How many filters narrow the list (the order is not one). */
export function activeFilterCount(f: TaskFilters): number {
  return [f.status.length, f.priority.length, f.tag.length, f.queue.trim(), f.type.trim(), f.q.trim(), f.createdAfter || f.createdBefore].filter(Boolean)
    .length
}

/**
 * Whether {@code task} belongs in the list {@code f} describes, judged in the browser: a live
 * change to a task not on the page only triggers a reload when it could appear there.
 */
export function matchesFilters(task: Task, f: TaskFilters): boolean {
  if (f.status.length && !f.status.includes(task.status)) return false
  if (f.priority.length && !f.priority.includes(task.priority)) return false
  if (f.tag.some((t) => !task.tags.includes(t))) return false
  if (f.queue.trim() && task.queue !== f.queue.trim()) return false
  if (f.type.trim() && task.type !== f.type.trim()) return false
  const text = f.q.trim().toLowerCase()
  if (text && !`${task.title ?? ''}\n${task.description ?? ''}`.toLowerCase().includes(text)) return false
  const created = Date.parse(task.createdAt)
  if (f.createdAfter && created < Date.parse(f.createdAfter)) return false
  if (f.createdBefore && created >= Date.parse(f.createdBefore)) return false
  return true
}
