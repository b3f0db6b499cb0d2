import { CodeSlashOutline } from '@vicons/ionicons5'
import type { AreaRoutes } from '@/router/types'

export const routes: AreaRoutes['routes'] = [
  { path: 'scripts', name: 'scripts', component: () => import('./ScriptListPage.vue'), meta: { title: 'scripts.title' } },
  // OPERATORs may write scripts where their tenant allows it; the server decides.
  { path: 'scripts/new', name: 'script-new', component: () => import('./ScriptEditorPage.vue'), meta: { title: 'scripts.newTitle', minRole: 'OPERATOR' } },
  {
    path: 'scripts/:scriptRef',
    name: 'script',
    component: () => import('./ScriptEditorPage.vue'),
    props: true,
    meta: { title: 'scripts.title' },
  },
]

export const nav: AreaRoutes['nav'] = [{ path: '/scripts', label: 'scripts.nav', icon: CodeSlashOutline, order: 40 }]
