import { SpeedometerOutline } from '@vicons/ionicons5'
import type { AreaRoutes } from '@/router/types'

export const routes: AreaRoutes['routes'] = [
  { path: '', name: 'dashboard', component: () => import('./DashboardPage.vue'), meta: { title: 'nav.dashboard' } },
]

export const nav: AreaRoutes['nav'] = [{ path: '/', label: 'nav.dashboard', icon: SpeedometerOutline, order: 0 }]
