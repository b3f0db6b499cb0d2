import { describe, expect, it } from 'vitest'
import { keyStatus, sortKeys } from './key-status'
import type { ApiKey } from './types'

const now = Date.parse('2026-11-23T12:00:00Z')
const key = (over: Partial<ApiKey>): ApiKey => ({
  id: 'k',
  name: 'k',
  prefix: 'tfk_abc',
  role: 'OPERATOR',
  createdBy: 'u',
  createdAt: '2026-11-01T00:00:00Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  ...over,
})

describe('an API key', () => {
  it('works until it is revoked or its expiry has passed', () => {
    expect(keyStatus(key({}), now)).toBe('active')
    expect(keyStatus(key({ expiresAt: '2026-11-24T00:00:00Z' }), now)).toBe('active')
    expect(keyStatus(key({ expiresAt: '2026-11-23T12:00:00Z' }), now)).toBe('expired')
    expect(keyStatus(key({ expiresAt: '2026-11-22T00:00:00Z', revokedAt: '2026-11-21T00:00:00Z' }), now)).toBe('revoked')
  })

  it('is listed with working keys first, newest first within each kind', () => {
    const sorted = sortKeys(
      [
        key({ id: 'revoked', revokedAt: '2026-11-02T00:00:00Z', createdAt: '2026-11-20T00:00:00Z' }),
        key({ id: 'old', createdAt: '2026-10-01T00:00:00Z' }),
        key({ id: 'expired', expiresAt: '2026-11-10T00:00:00Z', createdAt: '2026-11-22T00:00:00Z' }),
        key({ id: 'new', createdAt: '2026-11-22T00:00:00Z' }),
      ],
      now,
    )
    expect(sorted.map((k) => k.id)).toEqual(['new', 'old', 'expired', 'revoked'])
  })
})
