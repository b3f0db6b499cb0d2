import { describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import type { Page } from '@/api/types'
import { useCursorList, type CursorListOptions } from './useCursorList'

type Row = { id: string }
const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id }))

/** A server whose answers are given in order, one per request. */
function server(...pages: Page<Row>[]) {
  const calls: (string | null)[] = []
  const fetchPage = vi.fn(async (cursor: string | null) => {
    calls.push(cursor)
    const page = pages.shift()
    if (!page) throw new Error('no more answers')
    return page
  })
  return { fetchPage, calls }
}

async function settle() {
  for (let i = 0; i < 5; i++) await nextTick()
}

function list(fetchPage: (c: string | null) => Promise<Page<Row>>, options: CursorListOptions = {}) {
  const scope = effectScope()
  const l = scope.run(() => useCursorList<Row>(fetchPage, options))!
  return { l, stop: () => scope.stop() }
}

describe('useCursorList', () => {
  it('appends the next page at the cursor and stops when there is none', async () => {
    const s = server({ items: rows('a', 'b'), nextCursor: 'c1' }, { items: rows('c'), nextCursor: null })
    const { l, stop } = list(s.fetchPage)
    await settle()
    expect(l.rows.value.map((r) => r.id)).toEqual(['a', 'b'])
    expect(l.cursor.value).toBe('c1')
    await l.more()
    expect(l.rows.value.map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(l.cursor.value).toBeNull()
    await l.more()
    expect(s.calls).toEqual([null, 'c1'])
    stop()
  })

  it('starts over on a reload unless told to keep the later pages', async () => {
    const s = server({ items: rows('a'), nextCursor: 'c1' }, { items: rows('b'), nextCursor: 'c2' }, { items: rows('z', 'a'), nextCursor: 'c9' })
    const { l, stop } = list(s.fetchPage)
    await settle()
    await l.more()
    await l.first.reload(true)
    expect(l.rows.value.map((r) => r.id)).toEqual(['z', 'a'])
    expect(l.cursor.value).toBe('c9')
    stop()
  })

  it('with keepMore, a reload refreshes the first page and keeps the later rows it does not repeat', async () => {
    const s = server({ items: rows('a', 'b'), nextCursor: 'c1' }, { items: rows('c', 'd'), nextCursor: 'c2' }, { items: rows('n', 'a'), nextCursor: 'c9' })
    const { l, stop } = list(s.fetchPage, { keepMore: true })
    await settle()
    await l.more()
    await l.first.reload(true)
    expect(l.rows.value.map((r) => r.id)).toEqual(['n', 'a', 'c', 'd'])
    // The cursor still points past the later pages, not past the new first one.
    expect(l.cursor.value).toBe('c2')
    stop()
  })

  it('restart drops the later pages even with keepMore', async () => {
    const s = server({ items: rows('a'), nextCursor: 'c1' }, { items: rows('b'), nextCursor: 'c2' }, { items: rows('x'), nextCursor: null })
    const { l, stop } = list(s.fetchPage, { keepMore: true })
    await settle()
    await l.more()
    await l.restart()
    expect(l.rows.value.map((r) => r.id)).toEqual(['x'])
    expect(l.cursor.value).toBeNull()
    stop()
  })

  it('hands a failed page to onMoreError, or throws without it, and ends loadingMore either way', async () => {
    const failing = () => server({ items: rows('a'), nextCursor: 'c1' })
    const errors: unknown[] = []
    const handled = list(failing().fetchPage, { onMoreError: (e) => errors.push(e) })
    await settle()
    await handled.l.more()
    expect(errors).toHaveLength(1)
    expect(handled.l.loadingMore.value).toBe(false)
    expect(handled.l.rows.value.map((r) => r.id)).toEqual(['a'])
    handled.stop()

    const thrown = list(failing().fetchPage)
    await settle()
    await expect(thrown.l.more()).rejects.toThrow('no more answers')
    expect(thrown.l.loadingMore.value).toBe(false)
    expect(thrown.l.cursor.value).toBe('c1')
    thrown.stop()
  })
})
