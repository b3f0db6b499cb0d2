// v-can="'OPERATOR'" hides an element from callers whose role in the current tenant is smaller;
// v-can:disable="'OPERATOR'" keeps it visible but disabled. v-can="'superadmin'" for superadmins.
// Pages remount when the tenant changes, so the check at mount and update is enough.
import type { Directive, DirectiveBinding } from 'vue'
import { useSession } from '@/stores/session'
import type { Role } from '@/api/types'

export type CanValue = Role | 'superadmin'

export function permits(value: CanValue, session: { can(role: Role): boolean; isSuperadmin: boolean }): boolean {
  return value === 'superadmin' ? session.isSuperadmin : session.can(value)
}

function apply(el: HTMLElement, binding: DirectiveBinding<CanValue>) {
  const ok = permits(binding.value, useSession())
  if (binding.arg === 'disable') {
    const target = (el.matches('button, input, select, textarea') ? el : el.querySelector('button, input, select, textarea')) ?? el
    if (ok) {
      target.removeAttribute('disabled')
      el.removeAttribute('aria-disabled')
      el.classList.remove('tf-forbidden')
    } else {
      target.setAttribute('disabled', '')
      el.setAttribute('aria-disabled', 'true')
      el.classList.add('tf-forbidden')
    }
  } else {
    el.style.display = ok ? '' : 'none'
  }
}

export const vCan: Directive<HTMLElement, CanValue> = {
  mounted: apply,
  updated: apply,
}
