// What the create dialog offers and how server field errors find their form field.
import { ApiError } from '@/api/http'

/** The built-in task handlers (API.md); an application may add its own, so the field stays free text. */
export const BUILTIN_TYPES = ['shell', 'http', 'sleep', 'noop', 'script'] as const

/** Example payloads, so a new user sees what each built-in handler reads. */
export const EXAMPLE_PAYLOADS: Record<string, string> = {
  shell: '{\n  "command": "echo hello"\n}',
  http: '{\n  "method": "GET",\n  "url": "http://127.0.0.1:8080/actuator/health"\n}',
  sleep: '{\n  "seconds": 5\n}',
  noop: '',
  script: '',
}

/**
 * The server's error for {@code field}, including errors it names by a part of the field
 * ({@code tags[2]}, {@code payload.command}).
 */
export function fieldMessage(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  const hit = error.errors.filter((e) => e.field === field || e.field.startsWith(field + '[') || e.field.startsWith(field + '.'))
  return hit.length ? hit.map((e) => e.message).join('; ') : undefined
}

/** The server's complaint when no field of the form carries it (403, 409, 413, 429…). */
export function formMessage(error: unknown, fields: readonly string[]): string | undefined {
  if (!error) return undefined
  if (error instanceof ApiError) {
    const unplaced = error.errors.filter((e) => !fields.some((f) => e.field === f || e.field.startsWith(f + '[') || e.field.startsWith(f + '.')))
    if (error.errors.length && unplaced.length === 0) return undefined
    const details = unplaced.map((e) => `${e.field}: ${e.message}`)
    return [error.detail || error.title, ...details].filter(Boolean).join(' — ')
  }
  return error instanceof Error ? error.message : String(error)
}
