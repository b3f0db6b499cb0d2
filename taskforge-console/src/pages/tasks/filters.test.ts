import { describe, expect, it } from 'vitest'
import type { Task } from '@/api/types'
import { activeFilterCount, emptyFilters, filtersFromQuery, filtersToApi, filtersToQuery, matchesFilters, type TaskFilters } from './filters'

function task(over: Partial<Task> = {}): Task {
  return {
    id: 't1',
    type: 'shell',
    title: 'Nightly export',
    description: null,
    queue: 'default',
    priority: 'NORMAL',
    status: 'QUEUED',
    tags: ['etl', 'team/data'],
    payload: null,
    result: null,
    error: null,
    attempt: 0,
    maxAttempts: 3,
    timeoutSeconds: 300,
    progress: null,
    runAt: null,
    createdAt: '2026-05-01T10:00:00.000Z',
    updatedAt: '2026-05-01T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    workerId: null,
    uniqueKey: null,
    pipelineRunId: null,
    node: null,
    ...over,
  }
}

describe('filters and the URL query', () => {
  it('an empty query gives empty filters and the default order', () => {
    expect(filtersFromQuery({})).toEqual(emptyFilters())
    expect(filtersToQuery(emptyFilters())).toEqual({})
  })

  it('survives a round trip through the query', () => {
    const f: TaskFilters = {
      status: ['QUEUED', 'RUNNING'],
      priority: ['URGENT'],
      tag: ['etl', 'team data'],
      queue: 'reports',
      type: 'shell',
      q: 'export',
      createdAfter: '2026-05-01T00:00:00.000Z',
      createdBefore: '2026-05-02T00:00:00.000Z',
      sort: 'priority',
    }
    const query = filtersToQuery(f)
    expect(query).toEqual({
      status: 'QUEUED,RUNNING',
      priority: 'URGENT',
      tag: ['etl', 'team data'],
      queue: 'reports',
      type: 'shell',
      q: 'export',
      from: '2026-05-01T00:00:00.000Z',
      to: '2026-05-02T00:00:00.000Z',
      sort: 'priority',
    })
    expect(filtersFromQuery(query as Record<string, string | string[]>)).toEqual(f)
  })

  it('reads repeated and comma-separated statuses, in any case, without duplicates', () => {
    expect(filtersFromQuery({ status: ['queued,RUNNING', 'failed', 'QUEUED'] }).status).toEqual(['QUEUED', 'RUNNING', 'FAILED'])
  })

  it('drops values that cannot be right instead of failing the page', () => {
    const f = filtersFromQuery({ status: 'QUEUED,BOGUS', priority: 'MEGA', from: 'yesterday', sort: 'title' })
    expect(f.status).toEqual(['QUEUED'])
    expect(f.priority).toEqual([])
    expect(f.createdAfter).toBeNull()
    expect(f.sort).toBe('-createdAt')
  })

  it('keeps a tag with a space whole (tags are only split by repetition)', () => {
    expect(filtersFromQuery({ tag: 'team data' }).tag).toEqual(['team data'])
    expect(filtersFromQuery({ tag: ['a', 'b', 'a'] }).tag).toEqual(['a', 'b'])
  })

  it('trims text and leaves blank text out', () => {
    const f = { ...emptyFilters(), q: '  ', queue: ' reports ' }
    expect(filtersToQuery(f)).toEqual({ queue: 'reports' })
  })
})

describe('filtersToApi', () => {
  it('names the parameters GET /tasks reads', () => {
    const f = { ...emptyFilters(), status: ['FAILED', 'CANCELLED'], tag: ['etl'], createdAfter: '2026-05-01T00:00:00.000Z' } as TaskFilters
    expect(filtersToApi(f)).toEqual({
      status: 'FAILED,CANCELLED',
      priority: undefined,
      tag: ['etl'],
      queue: undefined,
      type: undefined,
      q: undefined,
      createdAfter: '2026-05-01T00:00:00.000Z',
      createdBefore: undefined,
      sort: '-createdAt',
    })
  })

  it('counts the active filters, not the order', () => {
    expect(activeFilterCount({ ...emptyFilters(), sort: 'priority' })).toBe(0)
    expect(activeFilterCount({ ...emptyFilters(), tag: ['a', 'b'], q: 'x', createdBefore: '2026-01-01T00:00:00.000Z' })).toBe(3)
  })
})

describe('matchesFilters', () => {
  it('matches when nothing filters', () => {
    expect(matchesFilters(task(), emptyFilters())).toBe(true)
  })

  it('needs every tag, one of the statuses, the queue and the text', () => {
    const f = { ...emptyFilters(), tag: ['etl', 'team/data'], status: ['QUEUED', 'RUNNING'], queue: 'default', q: 'EXPORT' } as TaskFilters
    expect(matchesFilters(task(), f)).toBe(true)
    expect(matchesFilters(task({ tags: ['etl'] }), f)).toBe(false)
    expect(matchesFilters(task({ status: 'FAILED' }), f)).toBe(false)
    expect(matchesFilters(task({ queue: 'other' }), f)).toBe(false)
    expect(matchesFilters(task({ title: 'something else' }), f)).toBe(false)
  })

  it('treats the date range as [after, before)', () => {
    const f = { ...emptyFilters(), createdAfter: '2026-05-01T10:00:00.000Z', createdBefore: '2026-05-01T11:00:00.000Z' }
    expect(matchesFilters(task(), f)).toBe(true)
    expect(matchesFilters(task({ createdAt: '2026-05-01T11:00:00.000Z' }), f)).toBe(false)
    expect(matchesFilters(task({ createdAt: '2026-05-01T09:59:59.999Z' }), f)).toBe(false)
  })
})
