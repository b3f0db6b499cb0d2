// Routes come from every src/pages/<area>/routes.ts (found by glob): an area adds its pages and
// sidebar entries without touching this file. Guards: sign-in, then meta.minRole / meta.superadmin.
import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import MainLayout from '@/layouts/MainLayout.vue'
import { ApiError, onSignedOut } from '@/api/http'
import { useSession } from '@/stores/session'
import { i18n } from '@/i18n'
import type { AreaRoutes, NavItem } from './types'

const areas = import.meta.glob<AreaRoutes>('../pages/*/routes.ts', { eager: true })

const layoutChildren: RouteRecordRaw[] = []
const publicRoutes: RouteRecordRaw[] = []
const navItems: NavItem[] = []
for (const area of Object.values(areas)) {
  layoutChildren.push(...(area.routes ?? []))
  publicRoutes.push(...(area.publicRoutes ?? []).map((r) => ({ ...r, meta: { ...r.meta, public: true } })))
  navItems.push(...(area.nav ?? []))
}
navItems.sort((a, b) => a.order - b.order || a.path.localeCompare(b.path))

/** Every sidebar entry, in order; the layout filters them by role. */
export const nav: readonly NavItem[] = navItems

export const routes: RouteRecordRaw[] = [
  ...publicRoutes,
  {
    path: '/',
    component: MainLayout,
    children: [
      ...layoutChildren,
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/layouts/StatusPage.vue'),
        props: { status: '403' },
        meta: { title: 'state.forbidden' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/layouts/StatusPage.vue'),
        props: { status: '404' },
        meta: { title: 'state.notFound' },
      },
    ],
  },
]

/** Whether the signed-in user may open {@code to}, by the meta of every matched record. */
export function allowed(to: RouteLocationNormalized, can: (role: NonNullable<RouteLocationNormalized['meta']['minRole']>) => boolean, superadmin: boolean): boolean {
  return to.matched.every((r) => (!r.meta.superadmin || superadmin) && (!r.meta.minRole || can(r.meta.minRole)))
}

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

router.beforeEach(async (to) => {
  const session = useSession()
  if (to.meta.public) {
    return to.name === 'login' && session.signedIn ? { path: typeof to.query.redirect === 'string' ? to.query.redirect : '/' } : true
  }
  if (!session.signedIn) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  try {
    await session.ensureMe()
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return { name: 'login', query: { redirect: to.fullPath } }
    // Server unreachable or failing: let the page show its own error state.
    return true
  }
  if (!allowed(to, session.can, session.isSuperadmin)) return { name: 'forbidden' }
  return true
})

router.afterEach((to) => {
  const title = to.meta.title ? i18n.global.t(to.meta.title) : ''
  document.title = title ? `${title} · Taskforge` : 'Taskforge'
})

onSignedOut(() => {
  const current = router.currentRoute.value
  if (current.meta.public) return
  void router.replace({ name: 'login', query: current.fullPath === '/' ? {} : { redirect: current.fullPath } })
})
