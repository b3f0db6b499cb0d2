import { PlayOutline } from '@vicons/ionicons5'
import type { AreaRoutes } from '@/router/types'

export const routes: AreaRoutes['routes'] = [
  { path: 'run', name: 'run', component: () => import('./RunPage.vue'), meta: { title: 'run.title', minRole: 'OPERATOR' } },
  { path: 'run/:scriptRef', name: 'run-script', component: () => import('./RunPage.vue'), props: true, meta: { title: 'run.title', minRole: 'OPERATOR' } },
]

export const nav: AreaRoutes['nav'] = [{ path: '/run', label: 'nav.run', icon: PlayOutline, order: 45, minRole: 'OPERATOR' }]
