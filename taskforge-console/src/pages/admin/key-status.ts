// Whether an API key still works, and the order the keys page lists them in.
import type { ApiKey } from './types'

export type KeyStatus = 'active' | 'expired' | 'revoked'

export function keyStatus(k: ApiKey, now: number): KeyStatus {
  if (k.revokedAt) return 'revoked'
  if (k.expiresAt && Date.parse(k.expiresAt) <= now) return 'expired'
  return 'active'
}

const RANK: Record<KeyStatus, number> = { active: 0, expired: 1, revoked: 2 }

/** Working keys first, then expired, then revoked; newest first within each. */
export function sortKeys(keys: readonly ApiKey[], now: number): ApiKey[] {
  return [...keys].sort(
    (a, b) => RANK[keyStatus(a, now)] - RANK[keyStatus(b, now)] || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
  )
}
