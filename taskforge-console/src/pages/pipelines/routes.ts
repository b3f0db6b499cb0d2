import { GitNetworkOutline } from '@vicons/ionicons5'
import type { AreaRoutes } from '@/router/types'

export const routes: AreaRoutes['routes'] = [
  { path: 'pipelines', name: 'pipelines', component: () => import('./PipelineListPage.vue'), meta: { title: 'nav.pipelines' } },
  {
    path: 'pipelines/new',
    name: 'pipeline-new',
    component: () => import('./PipelineEditorPage.vue'),
    meta: { title: 'pipelines.editor.newTitle', minRole: 'ADMIN' },
  },
  { path: 'pipelines/:ref', name: 'pipeline', component: () => import('./PipelineEditorPage.vue'), meta: { title: 'nav.pipelines' } },
  { path: 'pipelines/:ref/runs', name: 'pipeline-runs-of', component: () => import('./PipelineRunsPage.vue'), meta: { title: 'pipelines.runs' } },
  { path: 'pipeline-runs', name: 'pipeline-runs', component: () => import('./PipelineRunsPage.vue'), meta: { title: 'pipelines.runsPage.all' } },
  { path: 'pipeline-runs/:id', name: 'pipeline-run', component: () => import('./PipelineRunPage.vue'), meta: { title: 'pipelines.runs' } },
]

export const nav: AreaRoutes['nav'] = [{ path: '/pipelines', label: 'nav.pipelines', icon: GitNetworkOutline, order: 40 }]
