// Server problems shown where they belong: a field error next to the field it names, anything
// else (a 409, a 403, an unreachable server) as one message above the form's buttons.
import { reactive, ref } from 'vue'
import { ApiError } from '@/api/http'

export interface FormErrors {
  /** Message by field name, as the server named it ("name", "tenants.default"). */
  fields: Record<string, string>
  general: { value: string | null }
  clear(): void
  /**
   * Takes a failure apart; fields the form does not show go to the general message. A problem
   * without field errors whose type names a field in {@code byType} (a taken name is a 409
   * "user-exists") goes next to that field.
   */
  take(e: unknown, shown: (field: string) => boolean, byType?: Record<string, string>): void
  field(name: string): { feedback?: string; 'validation-status'?: 'error' }
}

export function describeError(e: unknown): string {
  if (e instanceof ApiError) return e.detail ?? e.title
  return e instanceof Error ? e.message : String(e)
}

export function useFormErrors(): FormErrors {
  const fields = reactive<Record<string, string>>({})
  const general = ref<string | null>(null)
  const clear = () => {
    for (const k of Object.keys(fields)) delete fields[k]
    general.value = null
  }
  return {
    fields,
    general,
    clear,
    take(e, shown, byType = {}) {
      clear()
      const typed = e instanceof ApiError && e.type ? byType[e.type.slice(e.type.lastIndexOf(':') + 1)] : undefined
      if (typed && e instanceof ApiError && e.errors.length === 0) {
        fields[typed] = e.detail ?? e.title
        return
      }
      const hidden: string[] = []
      if (e instanceof ApiError && e.errors.length > 0) {
        for (const fe of e.errors) {
          if (shown(fe.field)) fields[fe.field] = fe.message
          else hidden.push(`${fe.field}: ${fe.message}`)
        }
        if (hidden.length > 0) general.value = hidden.join('; ')
        return
      }
      general.value = describeError(e)
    },
    field(name) {
      const m = fields[name]
      return m ? { feedback: m, 'validation-status': 'error' } : {}
    },
  }
}
