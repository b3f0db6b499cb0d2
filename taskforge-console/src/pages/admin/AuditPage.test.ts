import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountPage } from './test-harness'
import type { AuditEvent, AuditPage as Page } from './types'
import type { AuditFilters } from './audit-query'

const listAudit = vi.fn<(f: AuditFilters, cursor: string | null) => Promise<Page>>()
vi.mock('./api', () => ({ listAudit: (f: AuditFilters, c: string | null) => listAudit(f, c) }))

const AuditPage = (await import('./AuditPage.vue')).default

function event(id: string, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    at: '2026-11-23T19:04:05.123Z',
    tenantId: 'default',
    actor: 'ann',
    actorKind: 'USER',
    action: 'task.cancel',
    targetType: 'task',
    targetId: `t-${id}`,
    clientAddress: '10.0.0.7',
    outcome: 'DENIED',
    status: 409,
    detail: 'TaskStateConflictException',
    ...over,
  }
}

async function render(superadmin: boolean, path = '/admin/audit') {
  return { wrapper: await mountPage(AuditPage, { superadmin, path }) }
}

// Mounting Naive UI in jsdom is slow the first time on a busy machine.
describe('the audit page', { timeout: 30_000 }, () => {
  beforeEach(() => {
    listAudit.mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('loads the next page by cursor and appends it, until there is none', async () => {
    listAudit.mockResolvedValueOnce({ items: [event('a'), event('b')], nextCursor: 'c1' })
    listAudit.mockResolvedValueOnce({ items: [event('c')], nextCursor: null })
    const { wrapper } = await render(false)
    expect(wrapper.text()).toContain('t-b')
    expect(wrapper.text()).toContain('Denied · 409')

    await wrapper.get('[data-testid=audit-load-more]').trigger('click')
    await flushPromises()
    expect(listAudit).toHaveBeenLastCalledWith(expect.objectContaining({ allTenants: false }), 'c1')
    expect(wrapper.text()).toContain('t-a')
    expect(wrapper.text()).toContain('t-c')
    expect(wrapper.text()).toContain('3 events shown')
    expect(wrapper.find('[data-testid=audit-load-more]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=audit-end]').exists()).toBe(true)
  })

  it('opens an entry\'s details from a keyboard-reachable button', async () => {
    listAudit.mockResolvedValue({ items: [event('a', { detail: 'created /api/v1/tasks/x' })], nextCursor: null })
    const { wrapper } = await render(false)
    const open = wrapper.get('[data-testid=audit-open-a]')
    expect(open.element.tagName).toBe('BUTTON')
    expect(open.attributes('aria-label')).toBe('Show the details of this event')
    await open.trigger('click')
    await flushPromises()
    expect(document.body.querySelector('[data-testid=audit-detail-a]')?.textContent).toContain('10.0.0.7')
  })

  it('reads its filters from the URL', async () => {
    listAudit.mockResolvedValue({ items: [], nextCursor: null })
    await render(false, '/admin/audit?action=task.cancel&outcome=DENIED')
    expect(listAudit).toHaveBeenCalledWith(expect.objectContaining({ action: 'task.cancel', outcome: 'DENIED' }), null)
  })

  it('offers every project only to a superadmin, and then names each entry\'s project', async () => {
    listAudit.mockResolvedValue({ items: [event('a', { tenantId: null })], nextCursor: null })
    const admin = await render(false, '/admin/audit?allTenants=true')
    expect(admin.wrapper.find('[data-testid=audit-all-tenants]').exists()).toBe(false)
    expect(listAudit).toHaveBeenLastCalledWith(expect.objectContaining({ allTenants: false }), null)
    admin.wrapper.unmount()

    const superadmin = await render(true, '/admin/audit?allTenants=true')
    expect(superadmin.wrapper.find('[data-testid=audit-all-tenants]').exists()).toBe(true)
    expect(listAudit).toHaveBeenLastCalledWith(expect.objectContaining({ allTenants: true }), null)
    expect(superadmin.wrapper.text()).toContain('(none)')
  })

  it('shows the server\'s complaint about a filter under that filter', async () => {
    const { ApiError } = await import('@/api/http')
    listAudit.mockRejectedValue(new ApiError(400, 'Bad Request', { errors: [{ field: 'from', message: 'must be an ISO-8601 timestamp' }] }))
    const { wrapper } = await render(false)
    expect(wrapper.text()).toContain('must be an ISO-8601 timestamp')
  })
})
