import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import RoleGate from './RoleGate.vue'
import { vCan } from '@/directives/can'
import { useSession } from '@/stores/session'
import type { Me, Role } from '@/api/types'

function signedInAs(pinia: Pinia, role: Role, superadmin = false) {
  const session = useSession(pinia)
  const me: Me = {
    user: { id: 'u1', name: 'ann', displayName: null, superadmin },
    apiKey: null,
    tenant: 't1',
    role,
    tenants: [
      { id: 't1', name: 'One', role },
      { id: 't2', name: 'Two', role: 'ADMIN' },
    ],
  }
  session.me = me
  session.setTenant('t1')
  return session
}

const Gated = defineComponent({
  props: { role: { type: String, required: true }, mode: { type: String, default: 'hide' } },
  setup(props) {
    return () =>
      h(RoleGate, { role: props.role as Role, mode: props.mode as 'hide' | 'disable' }, {
        default: ({ allowed }: { allowed: boolean }) => h('button', { disabled: !allowed }, 'Cancel task'),
        denied: () => h('span', 'read only'),
      })
  },
})

describe('role gates', () => {
  let pinia: Pinia
  beforeEach(() => {
    localStorage.clear()
    pinia = createPinia()
    setActivePinia(pinia)
  })

  it('shows an action to a role that includes the one required', () => {
    signedInAs(pinia, 'ADMIN')
    const w = mount(Gated, { props: { role: 'OPERATOR' }, global: { plugins: [pinia] } })
    expect(w.find('button').exists()).toBe(true)
  })

  it('hides it from a smaller role, showing the denied slot', () => {
    signedInAs(pinia, 'VIEWER')
    const w = mount(Gated, { props: { role: 'OPERATOR' }, global: { plugins: [pinia] } })
    expect(w.find('button').exists()).toBe(false)
    expect(w.text()).toBe('read only')
  })

  it('in disable mode keeps it visible but disabled', () => {
    signedInAs(pinia, 'VIEWER')
    const w = mount(Gated, { props: { role: 'ADMIN', mode: 'disable' }, global: { plugins: [pinia] } })
    expect(w.find('button').attributes('disabled')).toBeDefined()
  })

  it('follows the role of the current tenant', () => {
    const session = signedInAs(pinia, 'VIEWER')
    expect(session.can('ADMIN')).toBe(false)
    session.setTenant('t2')
    expect(session.can('ADMIN')).toBe(true)
  })

  it('lets a superadmin through every role check', () => {
    const session = signedInAs(pinia, 'VIEWER', true)
    expect(session.can('ADMIN')).toBe(true)
  })

  it('v-can hides or disables by role', () => {
    signedInAs(pinia, 'OPERATOR')
    const w = mount(
      {
        directives: { can: vCan },
        template: `<div>
          <button id="run" v-can="'OPERATOR'">run</button>
          <button id="edit" v-can="'ADMIN'">edit</button>
          <button id="del" v-can:disable="'ADMIN'">delete</button>
          <button id="tenants" v-can="'superadmin'">tenants</button>
        </div>`,
      },
      { global: { plugins: [pinia] } },
    )
    expect((w.find('#run').element as HTMLElement).style.display).toBe('')
    expect((w.find('#edit').element as HTMLElement).style.display).toBe('none')
    expect(w.find('#del').attributes('disabled')).toBeDefined()
    expect(w.find('#del').attributes('aria-disabled')).toBe('true')
    expect((w.find('#tenants').element as HTMLElement).style.display).toBe('none')
  })
})
