import { describe, expect, it } from 'vitest'
import { mayWriteScripts } from './access'
import type { Me } from '@/api/types'

const me = (extra: object = {}): Me => ({
  user: { id: 'u', name: 'u', displayName: null, superadmin: false },
  apiKey: null,
  tenant: 't',
  role: 'OPERATOR',
  tenants: [{ id: 't', name: 'T', role: 'OPERATOR', ...extra }],
})

describe('mayWriteScripts', () => {
  it('lets ADMINs and superadmins write, and not VIEWERs', () => {
    expect(mayWriteScripts({ isSuperadmin: false, role: 'ADMIN', me: null, tenant: 't' })).toBe(true)
    expect(mayWriteScripts({ isSuperadmin: true, role: null, me: null, tenant: 't' })).toBe(true)
    expect(mayWriteScripts({ isSuperadmin: false, role: 'VIEWER', me: null, tenant: 't' })).toBe(false)
    expect(mayWriteScripts({ isSuperadmin: false, role: null, me: null, tenant: null })).toBe(false)
  })

  it("lets OPERATORs try unless the tenant's operatorCode is known to be off", () => {
    expect(mayWriteScripts({ isSuperadmin: false, role: 'OPERATOR', me: me(), tenant: 't' })).toBe(true)
    expect(mayWriteScripts({ isSuperadmin: false, role: 'OPERATOR', me: me({ operatorCode: true }), tenant: 't' })).toBe(true)
    expect(mayWriteScripts({ isSuperadmin: false, role: 'OPERATOR', me: me({ operatorCode: false }), tenant: 't' })).toBe(false)
  })
})
