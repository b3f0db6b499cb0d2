// The audit page's filters, as the query of GET /audit and as the page's own URL query (so a
// filtered view can be reloaded, bookmarked and shared).
import type { LocationQuery } from 'vue-router'
import type { Query } from '@/api/http'
import { AUDIT_OUTCOMES, type AuditOutcome } from './types'

export interface AuditFilters {
  actor: string
  action: string
  targetType: string
  targetId: string
  outcome: AuditOutcome | null
  /** Epoch milliseconds, inclusive. */
  from: number | null
  /** Epoch milliseconds, exclusive. */
  to: number | null
  /** Every tenant's events (superadmins only). */
  allTenants: boolean
}

export const AUDIT_PAGE_SIZE = 50

const TEXT_FIELDS = ['actor', 'action', 'targetType', 'targetId'] as const

export function emptyFilters(): AuditFilters {
  return { actor: '', action: '', targetType: '', targetId: '', outcome: null, from: null, to: null, allTenants: false }
}

function iso(ms: number | null): string | undefined {
  return ms === null ? undefined : new Date(ms).toISOString()
}

/** The parameters of GET /audit; empty filters are left out. */
export function auditQuery(f: AuditFilters, cursor: string | null, limit = AUDIT_PAGE_SIZE): Query {
  const q: Query = { limit }
  for (const field of TEXT_FIELDS) {
    const v = f[field].trim()
    if (v) q[field] = v
  }
  if (f.outcome) q.outcome = f.outcome
  if (f.from !== null) q.from = iso(f.from)
  if (f.to !== null) q.to = iso(f.to)
  if (f.allTenants) q.allTenants = true
  if (cursor) q.cursor = cursor
  return q
}

function one(q: LocationQuery, name: string): string {
  const v = q[name]
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s : ''
}

function time(q: LocationQuery, name: string): number | null {
  const s = one(q, name)
  if (!s) return null
  const ms = Date.parse(s)
  return Number.isNaN(ms) ? null : ms
}

/** Filters from the page's URL; what cannot be read is left empty rather than refused. */
export function filtersFromRoute(q: LocationQuery): AuditFilters {
  const f = emptyFilters()
  for (const field of TEXT_FIELDS) f[field] = one(q, field)
  const outcome = one(q, 'outcome').toUpperCase()
  f.outcome = (AUDIT_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as AuditOutcome) : null
  f.from = time(q, 'from')
  f.to = time(q, 'to')
  f.allTenants = one(q, 'allTenants') === 'true'
  return f
}

/** The page's URL query for these filters (no cursor: a shared link starts at the newest). */
export function filtersToRoute(f: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(auditQuery(f, null))) {
    if (k !== 'limit' && v !== undefined && v !== null) out[k] = String(v)
  }
  return out
}
