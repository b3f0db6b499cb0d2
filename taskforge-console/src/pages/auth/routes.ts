import type { AreaRoutes } from '@/router/types'

export const publicRoutes: AreaRoutes['publicRoutes'] = [
  { path: '/login', name: 'login', component: () => import('./LoginPage.vue'), meta: { title: 'auth.signIn' } },
]
