// The tenant form's limits and the bodies the server wants: on create an empty limit is simply
// left out; on change an emptied (or 0) limit is sent as 0, which the server reads as "remove".
import type { Tenant, TenantCreate, TenantFields } from './types'

export interface TenantForm {
  id: string
  name: string
  description: string
  operatorCode: boolean
  maxWaiting: number | null
  maxRunning: number | null
  maxPayloadBytes: number | null
}

export function emptyTenantForm(): TenantForm {
  return { id: '', name: '', description: '', operatorCode: false, maxWaiting: null, maxRunning: null, maxPayloadBytes: null }
}

export function tenantForm(t: Tenant): TenantForm {
  return {
    id: t.id,
    name: t.name,
    description: t.description ?? '',
    operatorCode: t.operatorCode,
    maxWaiting: t.maxWaiting,
    maxRunning: t.maxRunning,
    maxPayloadBytes: t.maxPayloadBytes,
  }
}

function limit(v: number | null): number | undefined {
  return v === null || v === 0 ? undefined : v
}

export function createBody(f: TenantForm): TenantCreate {
  const body: TenantCreate = { id: f.id.trim(), name: f.name.trim(), operatorCode: f.operatorCode }
  if (f.description.trim()) body.description = f.description.trim()
  for (const k of ['maxWaiting', 'maxRunning', 'maxPayloadBytes'] as const) {
    const v = limit(f[k])
    if (v !== undefined) body[k] = v
  }
  return body
}

export function updateBody(f: TenantForm): TenantFields {
  return {
    name: f.name.trim(),
    // An empty description clears it; the server keeps a field only when it is absent.
    description: f.description.trim(),
    operatorCode: f.operatorCode,
    maxWaiting: f.maxWaiting ?? 0,
    maxRunning: f.maxRunning ?? 0,
    maxPayloadBytes: f.maxPayloadBytes ?? 0,
  }
}
