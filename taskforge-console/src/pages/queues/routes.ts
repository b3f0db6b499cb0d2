import { LayersOutline } from '@vicons/ionicons5'
import type { AreaRoutes } from '@/router/types'

export const routes: AreaRoutes['routes'] = [
  { path: 'queues', name: 'queues', component: () => import('./QueuesPage.vue'), meta: { title: 'queues.title' } },
  { path: 'queues/:name', name: 'queue', component: () => import('./QueueDetailPage.vue'), meta: { title: 'queues.title' } },
]

export const nav: AreaRoutes['nav'] = [{ path: '/queues', label: 'queues.title', icon: LayersOutline, order: 40 }]
