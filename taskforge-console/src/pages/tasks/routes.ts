import { ListOutline, PricetagsOutline } from '@vicons/ionicons5'
import type { AreaRoutes } from '@/router/types'

export const routes: AreaRoutes['routes'] = [
  { path: 'tasks', name: 'tasks', component: () => import('./TaskListPage.vue'), meta: { title: 'tasks.nav.tasks' } },
  { path: 'tasks/:id', name: 'task', component: () => import('./TaskDetailPage.vue'), meta: { title: 'tasks.detail.title' } },
  { path: 'tags', name: 'tags', component: () => import('./TagsPage.vue'), meta: { title: 'tasks.nav.tags' } },
]

export const nav: AreaRoutes['nav'] = [
  { path: '/tasks', label: 'tasks.nav.tasks', icon: ListOutline, order: 10 },
  { path: '/tags', label: 'tasks.nav.tags', icon: PricetagsOutline, order: 15 },
]
