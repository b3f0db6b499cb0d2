import { describe, expect, it } from 'vitest'
import { createBody, emptyTenantForm, tenantForm, updateBody } from './tenant-limits'
import type { Tenant } from './types'

const tenant: Tenant = {
  id: 'data-team',
  name: 'Data team',
  description: 'ETL',
  operatorCode: true,
  maxWaiting: 1000,
  maxRunning: null,
  maxPayloadBytes: 65536,
  createdAt: '2026-11-23T10:00:00Z',
  updatedAt: '2026-11-23T10:00:00Z',
}

describe('the project form', () => {
  it('leaves empty and zero limits out of a new project', () => {
    const body = createBody({ ...emptyTenantForm(), id: ' ops ', name: ' Ops ', maxWaiting: 0, maxRunning: 5 })
    expect(body).toEqual({ id: 'ops', name: 'Ops', operatorCode: false, maxRunning: 5 })
  })

  it('sends an emptied limit as 0 on a change, which removes it', () => {
    const form = tenantForm(tenant)
    form.maxWaiting = null
    expect(updateBody(form)).toEqual({
      name: 'Data team',
      description: 'ETL',
      operatorCode: true,
      maxWaiting: 0,
      maxRunning: 0,
      maxPayloadBytes: 65536,
    })
  })

  it('sends an emptied description as empty text, since an absent one would be kept', () => {
    const form = tenantForm(tenant)
    form.description = '   '
    expect(updateBody(form).description).toBe('')
  })
})
