import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openStream } from './http'
import { storeTenant, storeTokens } from './credentials'

/** A stand-in EventSource: records each connection and lets the test play the server. */
class FakeEventSource {
  static all: FakeEventSource[] = []
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  closed = false
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>()
  constructor(readonly url: string) {
    FakeEventSource.all.push(this)
  }
  addEventListener(name: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn])
  }
  close() {
    this.closed = true
  }
  emit(name: string, data: string, id = '') {
    for (const fn of this.listeners.get(name) ?? []) fn(new MessageEvent(name, { data, lastEventId: id }))
  }
  params() {
    return new URL(this.url, 'http://console').searchParams
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('event streams', () => {
  beforeEach(() => {
    localStorage.clear()
    FakeEventSource.all = []
    vi.stubGlobal('EventSource', FakeEventSource)
    storeTokens({ accessToken: 'access-1', refreshToken: 'r', tokenType: 'Bearer', expiresIn: 900, expiresAt: new Date(Date.now() + 900_000).toISOString() })
    storeTenant('acme')
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('sends the token and tenant as parameters and hands over parsed events', async () => {
    const seen: unknown[] = []
    const stream = openStream('/events/stream', { queue: 'q1' }, { events: { task: (t) => seen.push(t) } })
    await flush()

    const es = FakeEventSource.all[0]
    expect(es.url.startsWith('/api/v1/events/stream?')).toBe(true)
    expect(es.params().get('queue')).toBe('q1')
    expect(es.params().get('access_token')).toBe('access-1')
    expect(es.params().get('tenant')).toBe('acme')
    es.emit('task', '{"id":"t1","status":"RUNNING"}', '7')
    expect(seen).toEqual([{ id: 't1', status: 'RUNNING' }])
    stream.close()
    expect(es.closed).toBe(true)
  })

  it('reconnects after a drop, resuming after the last event it saw', async () => {
    vi.useFakeTimers()
    const errors = vi.fn()
    openStream('/tasks/t1/logs/stream', {}, { events: { log: () => {} }, error: errors })
    await vi.advanceTimersByTimeAsync(0)
    const first = FakeEventSource.all[0]
    first.emit('log', '{"seq":41}', '41')
    first.onerror?.()

    expect(first.closed).toBe(true)
    expect(errors).toHaveBeenCalledOnce()
    await vi.advanceTimersByTimeAsync(2000)
    expect(FakeEventSource.all).toHaveLength(2)
    expect(FakeEventSource.all[1].params().get('after')).toBe('41')
  })

  it('closes for good after the end event of a finished task', async () => {
    vi.useFakeTimers()
    const ended = vi.fn()
    openStream('/tasks/t1/logs/stream', {}, { events: { end: ended } })
    await vi.advanceTimersByTimeAsync(0)
    const es = FakeEventSource.all[0]
    es.emit('end', '{}')
    es.onerror?.()
    await vi.advanceTimersByTimeAsync(30_000)

    expect(ended).toHaveBeenCalledOnce()
    expect(es.closed).toBe(true)
    expect(FakeEventSource.all).toHaveLength(1)
  })
})
