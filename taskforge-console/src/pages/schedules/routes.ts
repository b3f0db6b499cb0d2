import { AlarmOutline } from '@vicons/ionicons5'
import type { AreaRoutes } from '@/router/types'

export const routes: AreaRoutes['routes'] = [
  { path: 'schedules', name: 'schedules', component: () => import('./ScheduleListPage.vue'), meta: { title: 'nav.schedules' } },
  {
    path: 'schedules/new',
    name: 'schedule-new',
    component: () => import('./ScheduleFormPage.vue'),
    meta: { title: 'schedules.new', minRole: 'ADMIN' },
  },
  { path: 'schedules/:ref', name: 'schedule', component: () => import('./ScheduleDetailPage.vue'), meta: { title: 'nav.schedules' } },
  {
    path: 'schedules/:ref/edit',
    name: 'schedule-edit',
    component: () => import('./ScheduleFormPage.vue'),
    meta: { title: 'schedules.edit', minRole: 'ADMIN' },
  },
]

export const nav: AreaRoutes['nav'] = [{ path: '/schedules', label: 'nav.schedules', icon: AlarmOutline, order: 45 }]
