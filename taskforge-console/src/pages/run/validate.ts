// Checks run parameters in the browser by the rules the server applies (networknt's
// json-schema-validator, draft 2020-12, formats asserted) so a bad value is refused before the
// request is sent. Field names are the server's: "params.count", "params.hosts[2]", and a missing
// property is named by its own path. One issue per field, the first found, as the server answers.
// Keywords the form does not check (anyOf, oneOf, if/then…) are left to the server, whose 422 the
// form shows the same way.
import type { Json } from '@/api/types'
import { isObject, jsonEquals, jsonTypeOf, resolve, typesOf, type JsonSchema } from './schema'

export type IssueKind =
  | 'required'
  | 'type'
  | 'enum'
  | 'const'
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum'
  | 'multipleOf'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'format'
  | 'minItems'
  | 'maxItems'
  | 'uniqueItems'
  | 'additionalProperties'
  | 'json'

export interface Issue {
  field: string
  kind: IssueKind
  /** What the message needs: the limit, the expected type, the pattern… */
  args: Record<string, string | number>
}

const FORMATS: Record<string, (s: string) => boolean> = {
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && validDate(s),
  'date-time': (s) => {
    const m = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(s)
    return m !== null && validDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) <= 60
  },
  time: (s) => /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s),
  email: (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
  uuid: (s) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s),
}

function validDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** Length in characters as JSON Schema counts them: Unicode code points, not UTF-16 units. */
function length(s: string): number {
  return [...s].length
}

function typeMatches(allowed: string[], value: Json): boolean {
  const actual = jsonTypeOf(value)
  return allowed.some((t) => t === actual || (t === 'number' && actual === 'integer'))
}

function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'u')
  } catch {
    // The server compiled it when the script was stored; a pattern only Java understands is
    // left for the server to check.
    return null
  }
}

/** Every issue of {@code params} against {@code schema}, one per field, under the name {@code field}. */
export function validate(schema: JsonSchema, params: Json, field = 'params'): Issue[] {
  const issues = new Map<string, Issue>()
  const add = (at: string, kind: IssueKind, args: Issue['args'] = {}) => {
    if (!issues.has(at)) issues.set(at, { field: at, kind, args })
  }
  check(schema, schema, params, field, add)
  return [...issues.values()]
}

function check(root: JsonSchema, raw: Json | undefined, value: Json, at: string, add: (at: string, kind: IssueKind, args?: Issue['args']) => void) {
  if (raw === false) {
    add(at, 'additionalProperties')
    return
  }
  const s = resolve(root, raw)
  const types = typesOf(s)
  if (types && !typeMatches(types, value)) {
    add(at, 'type', { expected: types.join(', '), actual: jsonTypeOf(value) })
    return
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => jsonEquals(e, value))) {
    add(at, 'enum', { values: s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join(', ') })
  }
  if ('const' in s && !jsonEquals(s.const, value)) add(at, 'const', { value: JSON.stringify(s.const) })

  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) add(at, 'minimum', { limit: s.minimum })
    if (typeof s.maximum === 'number' && value > s.maximum) add(at, 'maximum', { limit: s.maximum })
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) add(at, 'exclusiveMinimum', { limit: s.exclusiveMinimum })
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) add(at, 'exclusiveMaximum', { limit: s.exclusiveMaximum })
    if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
      const q = value / s.multipleOf
      if (Math.abs(q - Math.round(q)) > 1e-9) add(at, 'multipleOf', { limit: s.multipleOf })
    }
  }

  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && length(value) < s.minLength) add(at, 'minLength', { limit: s.minLength })
    if (typeof s.maxLength === 'number' && length(value) > s.maxLength) add(at, 'maxLength', { limit: s.maxLength })
    if (typeof s.pattern === 'string') {
      const re = compilePattern(s.pattern)
      if (re && !re.test(value)) add(at, 'pattern', { pattern: s.pattern })
    }
    if (typeof s.format === 'string' && FORMATS[s.format] && !FORMATS[s.format](value)) add(at, 'format', { format: s.format })
  }

  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) add(at, 'minItems', { limit: s.minItems })
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) add(at, 'maxItems', { limit: s.maxItems })
    if (s.uniqueItems === true && value.some((v, i) => value.findIndex((w) => jsonEquals(v, w)) !== i)) add(at, 'uniqueItems')
    const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : []
    value.forEach((item, i) => {
      const itemSchema = i < prefix.length ? prefix[i] : s.items
      if (itemSchema !== undefined) check(root, itemSchema, item, `${at}[${i}]`, add)
    })
  }

  if (isObject(value)) {
    const props = isObject(s.properties) ? s.properties : {}
    if (Array.isArray(s.required)) {
      for (const name of s.required) {
        if (typeof name === 'string' && !(name in value)) add(`${at}.${name}`, 'required', { name })
      }
    }
    for (const [name, v] of Object.entries(value)) {
      if (name in props) check(root, props[name], v, `${at}.${name}`, add)
      else if (s.additionalProperties !== undefined) check(root, s.additionalProperties, v, `${at}.${name}`, add)
    }
  }
}
