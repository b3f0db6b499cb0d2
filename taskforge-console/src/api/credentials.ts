// The signed-in session's tokens and the chosen tenant, kept in localStorage so a reload or a
// second tab stays signed in. Only the http client and the session store use this module.
import type { TokenPair } from './types'

const TOKENS_KEY = 'taskforge.tokens'
const TENANT_KEY = 'taskforge.tenant'

export interface StoredTokens {
  accessToken: string
  refreshToken: string
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number
}

type Listener = (tokens: StoredTokens | null) => void
const listeners = new Set<Listener>()

function read(): StoredTokens | null {
  try {
    const raw = localStorage.getItem(TOKENS_KEY)
    if (!raw) return null
    const t = JSON.parse(raw) as StoredTokens
    return typeof t.accessToken === 'string' && typeof t.refreshToken === 'string' ? t : null
  } catch {
    return null
  }
}

/** The current tokens, read from storage each time: another tab may have refreshed them. */
export function currentTokens(): StoredTokens | null {
  return read()
}

export function storeTokens(pair: TokenPair | null): StoredTokens | null {
  if (pair === null) {
    localStorage.removeItem(TOKENS_KEY)
    listeners.forEach((l) => l(null))
    return null
  }
  const parsed = Date.parse(pair.expiresAt)
  const tokens: StoredTokens = {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: Number.isFinite(parsed) ? parsed : Date.now() + pair.expiresIn * 1000,
  }
  localStorage.setItem(TOKENS_KEY, JSON.stringify(tokens))
  listeners.forEach((l) => l(tokens))
  return tokens
}

// Another tab signed in, refreshed or signed out: tell this tab's listeners too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === TOKENS_KEY || e.key === null) {
      const tokens = read()
      listeners.forEach((l) => l(tokens))
    }
  })
}

/** Called whenever the tokens change, in this tab or another (sign-in, refresh, sign-out). */
export function onTokensChange(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function currentTenant(): string | null {
  return localStorage.getItem(TENANT_KEY)
}

export function storeTenant(tenant: string | null): void {
  if (tenant) localStorage.setItem(TENANT_KEY, tenant)
  else localStorage.removeItem(TENANT_KEY)
}
