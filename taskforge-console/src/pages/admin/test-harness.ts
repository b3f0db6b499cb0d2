// Mounts an administration page for a component test: a signed-in session (superadmin or a
// tenant ADMIN of "default"), a memory router at the page's path, English messages, and the
// message and dialog providers the pages use. The pages' API module is mocked by each test.
import { defineComponent, h, type Component } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { i18n } from '@/i18n'
import { useSession } from '@/stores/session'

export const ME = { id: 'u-me', name: 'ann' }

export async function mountPage(page: Component, options: { superadmin: boolean; path: string }): Promise<VueWrapper> {
  i18n.global.locale.value = 'en'
  const pinia = createPinia()
  setActivePinia(pinia)
  useSession().me = {
    user: { id: ME.id, name: ME.name, displayName: null, superadmin: options.superadmin },
    apiKey: null,
    tenant: 'default',
    role: 'ADMIN',
    tenants: [{ id: 'default', name: 'Default', role: 'ADMIN' }],
  }
  const route = options.path.split('?')[0]
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: route, component: page }] })
  await router.push(options.path)
  const Root = defineComponent(() => () => h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(page))))
  const wrapper = mount(Root, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
