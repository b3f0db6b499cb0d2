import { PulseOutline } from '@vicons/ionicons5'
import type { AreaRoutes } from '@/router/types'

export const routes: AreaRoutes['routes'] = [
  { path: 'monitor', name: 'monitor', component: () => import('./MonitorPage.vue'), meta: { title: 'monitor.title' } },
]

export const nav: AreaRoutes['nav'] = [{ path: '/monitor', label: 'monitor.title', icon: PulseOutline, order: 60 }]
