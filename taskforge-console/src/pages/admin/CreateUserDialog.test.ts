import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { i18n } from '@/i18n'
import CreateUserDialog from './CreateUserDialog.vue'
import type { Tenant } from './types'

const tenant = (id: string, name: string): Tenant => ({
  id,
  name,
  description: null,
  operatorCode: false,
  maxWaiting: null,
  maxRunning: null,
  maxPayloadBytes: null,
  createdAt: '2026-11-24T00:00:00Z',
  updatedAt: '2026-11-24T00:00:00Z',
})

describe('the create-user dialog', { timeout: 30_000 }, () => {
  it('gets its first project when the projects arrive after it opened', async () => {
    i18n.global.locale.value = 'en'
    const tenants = ref<Tenant[]>([])
    const Root = defineComponent(() => () =>
      h(NMessageProvider, null, () =>
        h(NDialogProvider, null, () => h(CreateUserDialog, { show: true, tenants: tenants.value, currentTenant: 'team' })),
      ),
    )
    const wrapper = mount(Root, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(document.body.querySelector('[data-testid=membership-role-0]')).toBeNull()

    tenants.value = [tenant('default', 'Default'), tenant('team', 'Team')]
    await nextTick()
    await flushPromises()

    expect(document.body.querySelector('[data-testid=membership-role-0]')).not.toBeNull()
    expect(document.body.textContent).toContain('Team')
    wrapper.unmount()
  })
})
