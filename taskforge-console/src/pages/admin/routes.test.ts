import { describe, expect, it } from 'vitest'
import { roleIncludes } from '@/stores/session'
import type { Role } from '@/api/types'
import { nav, routes, type SectionNavItem } from './routes'

// The layout's rule for showing an entry (MainLayout.vue), for a caller with this role.
function visible(item: { minRole?: Role; superadmin?: boolean }, role: Role | null, superadmin: boolean) {
  const can = (r: Role) => superadmin || roleIncludes(role, r)
  return (!item.superadmin || superadmin) && (!item.minRole || can(item.minRole))
}

describe('the administration pages', () => {
  it('are never shown to a viewer or an operator', () => {
    for (const role of ['VIEWER', 'OPERATOR'] as const) {
      expect(nav!.filter((n) => visible(n, role, false))).toEqual([])
      expect(routes!.filter((r) => visible(r.meta ?? {}, role, false))).toEqual([])
    }
  })

  it('show a tenant admin the tenant pages, and users and projects only to superadmins', () => {
    const admin = nav!.filter((n) => visible(n, 'ADMIN', false)).map((n) => n.path)
    expect(admin).toEqual(['/admin/members', '/admin/keys', '/admin/audit'])
    const superadmin = nav!.filter((n) => visible(n, null, true)).map((n) => n.path)
    expect(superadmin).toEqual(['/admin/members', '/admin/keys', '/admin/audit', '/admin/users', '/admin/tenants'])
  })

  it('sit together in one section after the everyday pages', () => {
    const entries = nav as SectionNavItem[]
    expect(new Set(entries.map((n) => n.section))).toEqual(new Set(['admin.nav.section']))
    expect(Math.min(...entries.map((n) => n.order))).toBeGreaterThanOrEqual(900)
  })

  it('guard every route the way its sidebar entry is shown', () => {
    for (const n of nav!) {
      const route = routes!.find((r) => '/' + r.path === n.path)
      expect(route?.meta?.minRole).toBe(n.minRole)
      expect(route?.meta?.superadmin ?? false).toBe(n.superadmin ?? false)
    }
  })
})
