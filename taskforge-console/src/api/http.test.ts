import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, get, onSignedOut } from './http'
import { currentTokens, storeTenant, storeTokens } from './credentials'

interface Call {
  url: string
  method: string
  headers: Record<string, string>
  body: unknown
}

/** A fake server: answers each request with the next scripted response, recording what was sent. */
function serve(...answers: ((call: Call) => Response)[]) {
  const calls: Call[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const call: Call = {
        url,
        method: init.method ?? 'GET',
        headers: { ...(init.headers as Record<string, string>) },
        body: init.body ? JSON.parse(init.body as string) : undefined,
      }
      calls.push(call)
      const answer = answers.shift()
      if (!answer) throw new Error(`unexpected request ${call.method} ${url}`)
      return answer(call)
    }),
  )
  return calls
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
const problem = (status: number, title: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify({ status, title, type: `urn:test:${status}`, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  })
const pair = (access: string, refresh: string) => ({
  accessToken: access,
  refreshToken: refresh,
  tokenType: 'Bearer',
  expiresIn: 900,
  expiresAt: new Date(Date.now() + 900_000).toISOString(),
})

describe('the API client', () => {
  beforeEach(() => {
    localStorage.clear()
    storeTokens(pair('access-1', 'refresh-1'))
    storeTenant('acme')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    onSignedOut(() => {})
  })

  it('sends the bearer token and the tenant, and reads JSON', async () => {
    const calls = serve(json(200, { items: [], nextCursor: null }))

    const page = await get<{ items: unknown[] }>('/tasks', { status: 'QUEUED', tag: ['a', 'b'], q: undefined })

    expect(page.items).toEqual([])
    expect(calls[0].url).toBe('/api/v1/tasks?status=QUEUED&tag=a&tag=b')
    expect(calls[0].headers.Authorization).toBe('Bearer access-1')
    expect(calls[0].headers['X-Taskforge-Tenant']).toBe('acme')
  })

  it('on 401 refreshes once and retries the request with the new token', async () => {
    const calls = serve(
      problem(401, 'Unauthorized'),
      json(200, pair('access-2', 'refresh-2')),
      json(200, { id: 't1' }),
    )

    const task = await api<{ id: string }>('GET', '/tasks/t1')

    expect(task.id).toBe('t1')
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/tasks/t1',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/tasks/t1',
    ])
    expect(calls[1].body).toEqual({ refreshToken: 'refresh-1' })
    expect(calls[2].headers.Authorization).toBe('Bearer access-2')
    expect(currentTokens()?.refreshToken).toBe('refresh-2')
  })

  it('uses a refresh token only once when several requests fail together', async () => {
    const calls = serve(
      problem(401, 'Unauthorized'),
      problem(401, 'Unauthorized'),
      json(200, pair('access-2', 'refresh-2')),
      json(200, { n: 1 }),
      json(200, { n: 2 }),
    )

    const [a, b] = await Promise.all([get<{ n: number }>('/a'), get<{ n: number }>('/b')])

    expect([a.n, b.n].sort()).toEqual([1, 2])
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1)
  })

  it('signs out and sends to the login page when the refresh is refused', async () => {
    const signedOut = vi.fn()
    onSignedOut(signedOut)
    serve(problem(401, 'Unauthorized'), problem(401, 'Unauthorized', { detail: 'sign in again' }))

    await expect(get('/tasks')).rejects.toMatchObject({ status: 401 })

    expect(signedOut).toHaveBeenCalledOnce()
    expect(currentTokens()).toBeNull()
  })

  it('signs out when the retried request is refused again', async () => {
    const signedOut = vi.fn()
    onSignedOut(signedOut)
    serve(problem(401, 'Unauthorized'), json(200, pair('access-2', 'refresh-2')), problem(401, 'Unauthorized'))

    await expect(get('/tasks')).rejects.toBeInstanceOf(ApiError)
    expect(signedOut).toHaveBeenCalledOnce()
  })

  it('turns a problem answer into an ApiError with its fields and Retry-After', async () => {
    serve(
      problem(
        422,
        'Invalid request',
        { detail: 'payload is not valid', errors: [{ field: 'type', message: 'is required' }] },
        { 'Retry-After': '7' },
      ),
    )

    const error = await api('POST', '/tasks', { body: {} }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    const e = error as ApiError
    expect(e.status).toBe(422)
    expect(e.title).toBe('Invalid request')
    expect(e.detail).toBe('payload is not valid')
    expect(e.type).toBe('urn:test:422')
    expect(e.fieldError('type')).toBe('is required')
    expect(e.retryAfter).toBe(7)
  })

  it('does not refresh for a sign-in refused with 401', async () => {
    const calls = serve(problem(401, 'Unauthorized', { detail: 'wrong user name or password' }))

    await expect(api('POST', '/auth/login', { body: { username: 'a', password: 'b' }, auth: false })).rejects.toMatchObject({
      status: 401,
      detail: 'wrong user name or password',
    })
    expect(calls).toHaveLength(1)
    expect(calls[0].headers.Authorization).toBeUndefined()
    expect(currentTokens()?.accessToken).toBe('access-1')
  })

  it('reports an unreachable server as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))

    await expect(get('/tasks')).rejects.toMatchObject({ status: 0 })
  })

  it('refreshes an access token about to expire before sending', async () => {
    storeTokens({ ...pair('old', 'refresh-1'), expiresAt: new Date(Date.now() + 5_000).toISOString() })
    const calls = serve(json(200, pair('access-2', 'refresh-2')), json(200, {}))

    await get('/tasks')

    expect(calls[0].url).toBe('/api/v1/auth/refresh')
    expect(calls[1].headers.Authorization).toBe('Bearer access-2')
  })

  it('answers undefined for 204', async () => {
    serve(() => new Response(null, { status: 204 }))
    await expect(api('DELETE', '/tasks/t1')).resolves.toBeUndefined()
  })
})
