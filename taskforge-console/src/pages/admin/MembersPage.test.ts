import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ME, mountPage } from './test-harness'
import type { Member } from './types'

const api = {
  listMembers: vi.fn(),
  listUsers: vi.fn(),
  putMember: vi.fn(),
  removeMember: vi.fn(),
}
vi.mock('./api', () => ({
  listMembers: () => api.listMembers(),
  listUsers: () => api.listUsers(),
  putMember: (name: string, role: string) => api.putMember(name, role),
  removeMember: (name: string) => api.removeMember(name),
}))

const MembersPage = (await import('./MembersPage.vue')).default

const roleLocked = (wrapper: Awaited<ReturnType<typeof mountPage>>, name: string) =>
  wrapper.get(`[data-testid=member-role-${name}]`).find('.n-base-selection--disabled').exists()

const member = (userId: string, name: string, role: Member['role']): Member => ({ userId, name, displayName: null, role, since: '2026-11-23T10:00:00Z' })

describe('the members page', { timeout: 30_000 }, () => {
  beforeEach(() => {
    for (const f of Object.values(api)) f.mockReset()
    api.listMembers.mockResolvedValue({ items: [member(ME.id, ME.name, 'ADMIN'), member('u-bob', 'bob', 'VIEWER')] })
    api.listUsers.mockResolvedValue({ items: [] })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('keeps a tenant admin from lowering or removing themselves, but not others', async () => {
    const wrapper = await mountPage(MembersPage, { superadmin: false, path: '/admin/members' })
    expect(wrapper.get(`[data-testid=member-remove-${ME.name}]`).attributes('disabled')).toBeDefined()
    expect(roleLocked(wrapper, ME.name)).toBe(true)
    expect(wrapper.get('[data-testid=member-remove-bob]').attributes('disabled')).toBeUndefined()
    expect(roleLocked(wrapper, 'bob')).toBe(false)
    // Only superadmins may list users, so a tenant admin's page does not ask.
    expect(api.listUsers).not.toHaveBeenCalled()
  })

  it('lets a superadmin change their own role, and offers them the users to add', async () => {
    const wrapper = await mountPage(MembersPage, { superadmin: true, path: '/admin/members' })
    expect(roleLocked(wrapper, ME.name)).toBe(false)
    expect(wrapper.get(`[data-testid=member-remove-${ME.name}]`).attributes('disabled')).toBeDefined()
    expect(api.listUsers).toHaveBeenCalled()
  })

  it('asks before removing a member, saying what happens, and removes only when confirmed', async () => {
    api.removeMember.mockResolvedValue(undefined)
    const wrapper = await mountPage(MembersPage, { superadmin: false, path: '/admin/members' })
    await wrapper.get('[data-testid=member-remove-bob]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('bob loses access to this project at once')
    expect(api.removeMember).not.toHaveBeenCalled()
    const confirm = [...document.body.querySelectorAll('.n-dialog button')].find((b) => b.textContent?.trim() === 'Remove') as HTMLButtonElement
    confirm.click()
    await flushPromises()
    expect(api.removeMember).toHaveBeenCalledWith('bob')
    expect(api.listMembers).toHaveBeenCalledTimes(2)
  })
})
