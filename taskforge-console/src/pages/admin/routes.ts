// The administration pages. Their sidebar entries come last (order 900+) and carry the section
// they belong to, so the sidebar shows them together after everyday pages, and only to roles
// that may open them: a VIEWER or OPERATOR sees none, a tenant ADMIN the tenant's pages, a
// superadmin also users and projects.
import { BusinessOutline, KeyOutline, PeopleOutline, PersonOutline, ReaderOutline } from '@vicons/ionicons5'
import type { AreaRoutes, NavItem } from '@/router/types'

/** A sidebar entry with the section heading it is grouped under (an i18n key). */
export type SectionNavItem = NavItem & { section: string }

const SECTION = 'admin.nav.section'

export const routes: AreaRoutes['routes'] = [
  {
    path: 'admin/members',
    name: 'admin-members',
    component: () => import('./MembersPage.vue'),
    meta: { title: 'admin.nav.members', minRole: 'ADMIN' },
  },
  {
    path: 'admin/keys',
    name: 'admin-keys',
    component: () => import('./ApiKeysPage.vue'),
    meta: { title: 'admin.nav.keys', minRole: 'ADMIN' },
  },
  {
    path: 'admin/users',
    name: 'admin-users',
    component: () => import('./UsersPage.vue'),
    meta: { title: 'admin.nav.users', superadmin: true },
  },
  {
    path: 'admin/tenants',
    name: 'admin-tenants',
    component: () => import('./TenantsPage.vue'),
    meta: { title: 'admin.nav.tenants', superadmin: true },
  },
  {
    path: 'admin/audit',
    name: 'admin-audit',
    component: () => import('./AuditPage.vue'),
    meta: { title: 'admin.nav.audit', minRole: 'ADMIN' },
  },
]

const entries: SectionNavItem[] = [
  { path: '/admin/members', label: 'admin.nav.members', icon: PeopleOutline, order: 900, minRole: 'ADMIN', section: SECTION },
  { path: '/admin/keys', label: 'admin.nav.keys', icon: KeyOutline, order: 901, minRole: 'ADMIN', section: SECTION },
  { path: '/admin/audit', label: 'admin.nav.audit', icon: ReaderOutline, order: 902, minRole: 'ADMIN', section: SECTION },
  { path: '/admin/users', label: 'admin.nav.users', icon: PersonOutline, order: 903, superadmin: true, section: SECTION },
  { path: '/admin/tenants', label: 'admin.nav.tenants', icon: BusinessOutline, order: 904, superadmin: true, section: SECTION },
]

export const nav: AreaRoutes['nav'] = entries
