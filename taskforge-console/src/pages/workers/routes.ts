import { HardwareChipOutline } from '@vicons/ionicons5'
import type { AreaRoutes } from '@/router/types'

export const routes: AreaRoutes['routes'] = [
  { path: 'workers', name: 'workers', component: () => import('./WorkersPage.vue'), meta: { title: 'workers.title' } },
]

export const nav: AreaRoutes['nav'] = [{ path: '/workers', label: 'workers.title', icon: HardwareChipOutline, order: 50 }]
