// Who may write scripts: ADMINs, and OPERATORs of a tenant whose operatorCode setting is on. The
// console cannot always know that setting (only superadmins read tenants), so an OPERATOR is let
// try unless `me` says the setting is off, and the server's 403 is shown if it refuses.
import type { Me, Role } from '@/api/types'

export interface WriteAccessInput {
  isSuperadmin: boolean
  role: Role | null
  me: Me | null
  tenant: string | null
}

export function mayWriteScripts(s: WriteAccessInput): boolean {
  if (s.isSuperadmin || s.role === 'ADMIN') return true
  if (s.role !== 'OPERATOR') return false
  const access = s.me?.tenants.find((t) => t.id === s.tenant) as { operatorCode?: unknown } | undefined
  return access?.operatorCode !== false
}
