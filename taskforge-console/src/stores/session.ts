// Who is signed in, in which tenant, and what they may do there.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, post } from '@/api/http'
import { currentTenant, currentTokens, onTokensChange, storeTenant, storeTokens } from '@/api/credentials'
import { ROLES, type Me, type Role, type TenantAccess, type TokenPair } from '@/api/types'

/** Whether {@code held} includes {@code required} (VIEWER < OPERATOR < ADMIN). */
export function roleIncludes(held: Role | null | undefined, required: Role): boolean {
  if (!held) return false
  return ROLES.indexOf(held) >= ROLES.indexOf(required)
}

export const useSession = defineStore('session', () => {
  const signedIn = ref(currentTokens() !== null)
  const me = ref<Me | null>(null)
  const tenant = ref<string | null>(currentTenant())

  onTokensChange((tokens) => {
    signedIn.value = tokens !== null
    if (!tokens) me.value = null
  })

  const tenants = computed<TenantAccess[]>(() => me.value?.tenants ?? [])
  const currentAccess = computed<TenantAccess | undefined>(() => tenants.value.find((t) => t.id === tenant.value))
  const isSuperadmin = computed(() => me.value?.user.superadmin === true)
  /** The role in the current tenant (a superadmin is ADMIN everywhere). */
  const role = computed<Role | null>(() => (isSuperadmin.value ? 'ADMIN' : (currentAccess.value?.role ?? null)))
  const userName = computed(() => me.value?.user.displayName || me.value?.user.name || '')

  function can(required: Role): boolean {
    return isSuperadmin.value || roleIncludes(role.value, required)
  }

  /** Reads /auth/me and settles the tenant: the stored one if still a member, else the server's choice. */
  async function loadMe(): Promise<Me> {
    const answer = await api<Me>('GET', '/auth/me')
    me.value = answer
    const ids = answer.tenants.map((t) => t.id)
    if (!tenant.value || !ids.includes(tenant.value)) {
      const chosen = answer.tenant && ids.includes(answer.tenant) ? answer.tenant : (ids[0] ?? null)
      setTenant(chosen)
    }
    return answer
  }

  /** Me, loaded once per session. */
  async function ensureMe(): Promise<Me | null> {
    if (!signedIn.value) return null
    return me.value ?? loadMe()
  }

  function setTenant(id: string | null) {
    tenant.value = id
    storeTenant(id)
  }

  async function login(username: string, password: string): Promise<void> {
    const pair = await api<TokenPair>('POST', '/auth/login', { body: { username, password }, auth: false })
    storeTokens(pair)
    signedIn.value = true
    await loadMe()
  }

  async function logout(): Promise<void> {
    const tokens = currentTokens()
    try {
      if (tokens) await post('/auth/logout', { refreshToken: tokens.refreshToken })
    } catch {
      // Signing out locally matters more than telling the server; the token expires anyway.
    }
    storeTokens(null)
    me.value = null
  }

  /** Changes the password; the server revokes every token, so this signs in again with the new one. */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await post('/auth/password', { currentPassword, newPassword })
    const name = me.value?.user.name
    storeTokens(null)
    if (name) await login(name, newPassword)
  }

  return {
    signedIn,
    me,
    tenant,
    tenants,
    role,
    isSuperadmin,
    userName,
    can,
    loadMe,
    ensureMe,
    setTenant,
    login,
    logout,
    changePassword,
  }
})
