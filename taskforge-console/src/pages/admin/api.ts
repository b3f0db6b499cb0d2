// The calls the administration pages make, one function each, so pages read as what they do.
import { del, get, patch, post, put } from '@/api/http'
import type { Items, Role } from '@/api/types'
import type {
  ApiKey,
  ApiKeyCreate,
  AuditPage,
  CreatedApiKey,
  Member,
  Tenant,
  TenantCreate,
  TenantFields,
  User,
  UserCreate,
  UserPatch,
} from './types'
import { auditQuery, type AuditFilters } from './audit-query'

const seg = encodeURIComponent

export const listMembers = (signal?: AbortSignal) => get<Items<Member>>('/members', undefined, signal)
export const putMember = (name: string, role: Role) => put<Member>(`/members/${seg(name)}`, { role })
export const removeMember = (name: string) => del(`/members/${seg(name)}`)

export const listApiKeys = (signal?: AbortSignal) => get<Items<ApiKey>>('/api-keys', undefined, signal)
export const createApiKey = (body: ApiKeyCreate) => post<CreatedApiKey>('/api-keys', body)
export const revokeApiKey = (id: string) => del(`/api-keys/${seg(id)}`)

export const listUsers = (signal?: AbortSignal) => get<Items<User>>('/users', undefined, signal)
export const createUser = (body: UserCreate) => post<User>('/users', body)
export const updateUser = (id: string, body: UserPatch) => patch<User>(`/users/${seg(id)}`, body)
export const deleteUser = (id: string) => del(`/users/${seg(id)}`)

export const listTenants = (signal?: AbortSignal) => get<Items<Tenant>>('/tenants', undefined, signal)
export const createTenant = (body: TenantCreate) => post<Tenant>('/tenants', body)
export const updateTenant = (id: string, body: TenantFields) => patch<Tenant>(`/tenants/${seg(id)}`, body)
export const deleteTenant = (id: string) => del(`/tenants/${seg(id)}`)

export const listAudit = (filters: AuditFilters, cursor: string | null, signal?: AbortSignal) =>
  get<AuditPage>('/audit', auditQuery(filters, cursor), signal)
