// The administration resources as the server answers them (MemberController, ApiKeyController,
// UserController, TenantController, AuditController). Kept here, not in the shared api/types.ts,
// because only these pages use them.
import type { Role } from '@/api/types'

export interface Member {
  userId: string
  name: string
  displayName: string | null
  role: Role
  since: string
}

export interface ApiKey {
  id: string
  name: string
  /** The key's first characters, enough to recognise it. */
  prefix: string
  role: Role
  /** The id of the user who created it. */
  createdBy: string
  createdAt: string
  expiresAt: string | null
  /** To the minute: the server writes it at most once a minute. */
  lastUsedAt: string | null
  revokedAt: string | null
}

export interface ApiKeyCreate {
  name: string
  role: Role
  /** Absent: the key never expires. */
  expiresInDays?: number
}

/** The answer to a create: {@code key} is shown this once and cannot be read again. */
export interface CreatedApiKey {
  key: string
  apiKey: ApiKey
}

export interface User {
  id: string
  name: string
  displayName: string | null
  superadmin: boolean
  disabled: boolean
  /** Tenant id to role. */
  tenants: Record<string, Role>
  createdAt: string
  updatedAt: string
}

export interface UserCreate {
  name: string
  password: string
  displayName?: string
  superadmin?: boolean
  tenants?: Record<string, Role>
}

export interface UserPatch {
  displayName?: string
  password?: string
  superadmin?: boolean
  disabled?: boolean
}

export interface Tenant {
  id: string
  name: string
  description: string | null
  /** Whether OPERATORs may write scripts and submit shell tasks. */
  operatorCode: boolean
  maxWaiting: number | null
  maxRunning: number | null
  maxPayloadBytes: number | null
  createdAt: string
  updatedAt: string
}

export const TENANT_LIMITS = ['maxWaiting', 'maxRunning', 'maxPayloadBytes'] as const
export type TenantLimit = (typeof TENANT_LIMITS)[number]

export interface TenantFields {
  name?: string
  description?: string
  operatorCode?: boolean
  maxWaiting?: number
  maxRunning?: number
  maxPayloadBytes?: number
}

export interface TenantCreate extends TenantFields {
  id: string
  name: string
}

export type AuditOutcome = 'SUCCEEDED' | 'DENIED' | 'FAILED'
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['SUCCEEDED', 'DENIED', 'FAILED']

export type ActorKind = 'USER' | 'API_KEY' | 'SYSTEM' | 'ANONYMOUS'

export interface AuditEvent {
  id: string
  at: string
  /** Null for an event of no tenant (a sign-in with an unknown name), seen with allTenants. */
  tenantId: string | null
  actor: string | null
  actorKind: ActorKind
  action: string
  targetType: string | null
  targetId: string | null
  clientAddress: string | null
  outcome: AuditOutcome
  status: number | null
  detail: string | null
}

export interface AuditPage {
  items: AuditEvent[]
  nextCursor: string | null
}
