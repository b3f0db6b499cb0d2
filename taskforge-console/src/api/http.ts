// The one way the console talks to the server: JSON over /api/v1 with the session's bearer token
// and tenant, one refresh-and-retry on 401, problem+json errors as ApiError, and Server-Sent
// Events that reconnect with a fresh token.
import { currentTenant, currentTokens, storeTokens, type StoredTokens } from './credentials'
import type { FieldError, Problem, TokenPair } from './types'

export const API_BASE = '/api/v1'

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue | QueryValue[]>

export interface RequestOptions {
  body?: unknown
  query?: Query
  signal?: AbortSignal
  /** Extra headers, e.g. Idempotency-Key. */
  headers?: Record<string, string>
  /** False for the calls that sign in: no token is sent and a 401 is simply an error. */
  auth?: boolean
}

/** An answer that was not 2xx (or no answer at all: status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string | undefined
  readonly type: string | undefined
  readonly errors: FieldError[]
  /** Seconds to wait before trying again (429, 503), from the Retry-After header. */
  readonly retryAfter: number | undefined
  readonly problem: Problem | undefined

  constructor(status: number, title: string, init: Partial<Pick<ApiError, 'detail' | 'type' | 'errors' | 'retryAfter' | 'problem'>> = {}) {
    super(init.detail ? `${title}: ${init.detail}` : title)
    this.name = 'ApiError'
    this.status = status
    this.title = title
    this.detail = init.detail
    this.type = init.type
    this.errors = init.errors ?? []
    this.retryAfter = init.retryAfter
    this.problem = init.problem
  }

  /** The message of the error for one form field, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message
  }
}

/** Where the console goes when the session cannot be refreshed (set by the router). */
let signedOutHandler: () => void = () => {}
export function onSignedOut(handler: () => void): void {
  signedOutHandler = handler
}

export function apiUrl(path: string, query?: Query): string {
  const base = path.startsWith('/api/') ? path : API_BASE + (path.startsWith('/') ? path : '/' + path)
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') params.append(name, String(v))
    }
  }
  const qs = params.toString()
  return qs ? `${base}?${qs}` : base
}

// ---- tokens ------------------------------------------------------------------------------------

// A refresh token works once; using it twice revokes every session of the user. So this tab
// refreshes at most once at a time, and tabs take turns through a Web Lock where there is one.
let refreshing: Promise<StoredTokens | null> | null = null

async function exchange(refreshToken: string): Promise<StoredTokens | null> {
  const r = await fetch(apiUrl('/auth/refresh'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ refreshToken }),
  })
  if (!r.ok) return null
  return storeTokens((await r.json()) as TokenPair)
}

/**
 * New tokens in place of {@code stale} (the access token that was refused or has expired).
 * Null when the session is over. When another tab refreshed meanwhile, its tokens are used.
 */
export function refreshTokens(stale: string | undefined): Promise<StoredTokens | null> {
  if (refreshing) return refreshing
  const run = async (): Promise<StoredTokens | null> => {
    const now = currentTokens()
    if (!now) return null
    if (stale !== undefined && now.accessToken !== stale) return now
    try {
      return await exchange(now.refreshToken)
    } catch {
      // The server could not be reached: keep the tokens, the next call tries again.
      return now
    }
  }
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  refreshing = (locks ? locks.request('taskforge-token-refresh', run) : run()).finally(() => {
    refreshing = null
  })
  return refreshing
}

/** An access token that is not about to expire, refreshing first when it is. */
export async function freshAccessToken(): Promise<string | null> {
  const tokens = currentTokens()
  if (!tokens) return null
  if (tokens.expiresAt - Date.now() > 30_000) return tokens.accessToken
  return (await refreshTokens(tokens.accessToken))?.accessToken ?? null
}

function endSession(): void {
  storeTokens(null)
  signedOutHandler()
}

// ---- requests ----------------------------------------------------------------------------------

async function toError(r: Response): Promise<ApiError> {
  const retry = r.headers.get('Retry-After')
  const retryAfter = retry !== null && /^\d+$/.test(retry.trim()) ? Number(retry.trim()) : undefined
  const text = await r.text().catch(() => '')
  let problem: Problem | undefined
  try {
    const parsed = text ? JSON.parse(text) : undefined
    if (parsed && typeof parsed === 'object') problem = parsed as Problem
  } catch {
    // not JSON: the status line speaks for it
  }
  return new ApiError(r.status, problem?.title ?? (r.statusText || `HTTP ${r.status}`), {
    detail: problem?.detail,
    type: problem?.type,
    errors: Array.isArray(problem?.errors) ? problem.errors : [],
    retryAfter,
    problem,
  })
}

async function send(method: string, path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (token) headers.Authorization = `Bearer ${token}`
  const tenant = currentTenant()
  if (tenant && options.auth !== false) headers['X-Taskforge-Tenant'] = tenant
  try {
    return await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, 'The server could not be reached', { detail: e instanceof Error ? e.message : String(e) })
  }
}

async function body<T>(r: Response): Promise<T> {
  if (r.status === 204 || r.status === 205) return undefined as T
  const type = r.headers.get('Content-Type') ?? ''
  const text = await r.text()
  if (!text) return undefined as T
  return (type.includes('json') ? JSON.parse(text) : text) as T
}

/**
 * Calls the API: {@code path} is under /api/v1 ("/tasks") or a full "/api/..." path. Resolves
 * with the parsed JSON (undefined for 204); rejects with ApiError.
 */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth !== false
  const token = auth ? await freshAccessToken() : null
  let r = await send(method, path, options, token)
  if (r.status === 401 && auth) {
    const renewed = token ? await refreshTokens(token) : null
    if (!renewed) {
      endSession()
      throw await toError(r)
    }
    r = await send(method, path, options, renewed.accessToken)
    if (r.status === 401) {
      endSession()
      throw await toError(r)
    }
  }
  if (!r.ok) throw await toError(r)
  return body<T>(r)
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => api<T>('GET', path, { query, signal })
export const post = <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
  api<T>('POST', path, { ...options, body })
export const patch = <T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
  api<T>('PATCH', path, { ...options, body })
export const put = <T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
  api<T>('PUT', path, { ...options, body })
export const del = <T = void>(path: string, options: RequestOptions = {}) => api<T>('DELETE', path, options)

// ---- Server-Sent Events --------------------------------------------------------------------------

export interface StreamHandlers {
  /**
   * By event name ('task', 'log', 'status', 'end', or 'message' for unnamed ones): the parsed JSON
   * data. An 'end' event closes the stream after its handler ran.
   */
  events: Record<string, (data: any, lastEventId: string) => void>
  /** The stream is connected (again). */
  open?: () => void
  /** The connection dropped; it is retried unless closed. */
  error?: () => void
}

export interface StreamHandle {
  close(): void
}

const MAX_BACKOFF_MS = 15_000

/**
 * Opens an event stream. A browser EventSource cannot send headers, so the token and tenant go
 * as {@code access_token} and {@code tenant} parameters (the server accepts them on streams). It
 * reconnects after a drop with a fresh token, resuming after the last event id ({@code after}).
 */
export function openStream(path: string, query: Query, handlers: StreamHandlers): StreamHandle {
  let source: EventSource | null = null
  let closed = false
  let lastEventId: string | null = null
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const connect = async () => {
    if (closed) return
    const token = await freshAccessToken()
    if (closed) return
    if (!token) {
      endSession()
      return
    }
    const q: Query = { ...query, access_token: token, tenant: currentTenant() ?? undefined }
    if (lastEventId !== null) q.after = lastEventId
    const es = new EventSource(apiUrl(path, q))
    source = es
    es.onopen = () => {
      failures = 0
      handlers.open?.()
    }
    es.onerror = () => {
      if (closed || source !== es) return
      // Reconnect ourselves: the browser would retry with the same, possibly expired, token.
      es.close()
      source = null
      handlers.error?.()
      failures++
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 5))
      timer = setTimeout(() => {
        // An EventSource does not say why it failed. When it fails again, a plain request tells
        // whether the session is the reason: a 401 there refreshes the token (or signs out).
        const check = failures > 1 ? api('GET', '/auth/me').catch(() => undefined) : Promise.resolve()
        void check.finally(() => void connect())
      }, delay)
    }
    for (const name of Object.keys(handlers.events)) {
      es.addEventListener(name, (e) => {
        const m = e as MessageEvent<string>
        if (m.lastEventId) lastEventId = m.lastEventId
        let data: unknown = m.data
        try {
          data = JSON.parse(m.data)
        } catch {
          // plain text data is passed as is
        }
        handlers.events[name](data, m.lastEventId)
      })
    }
    // A finished task's log stream ends with 'end' and the server closes it: do not reconnect.
    es.addEventListener('end', () => handle.close())
  }
  const handle: StreamHandle = {
    close() {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      source?.close()
      source = null
    },
  }
  void connect()
  return handle
}
