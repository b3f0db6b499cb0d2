// Turns a script's parameter schema into form fields, their starting values and, on submit, the
// params object the server receives. What is left empty is not sent, so a required field left
// empty is reported as missing rather than sent as "".
import type { Json } from '@/api/types'
import { isObject, resolve, typesOf, type JsonSchema } from './schema'
import type { Issue } from './validate'

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'array' | 'json'
/** The kinds of array items the form edits one by one; other arrays are edited as JSON. */
export type ItemKind = 'string' | 'number' | 'integer' | 'enum'

export interface FieldSpec {
  name: string
  /** The schema's title, else the property name. */
  label: string
  kind: FieldKind
  required: boolean
  description: string | null
  default: Json | undefined
  /** The allowed values of an enum field, or of an enum array's items. */
  options: Json[]
  /** For arrays: how each item is edited. */
  itemKind: ItemKind | null
  /** The property's schema, references resolved. */
  schema: JsonSchema
}

/** What a field holds while it is edited. */
export type FormValue =
  | string // string and json fields ('' is empty)
  | number // number and integer fields, the index of an enum field's option
  | boolean
  | null // empty
  | string[] // arrays of strings or numbers, as typed
  | number[] // arrays of enum items: indexes of the chosen options

export type FormValues = Record<string, FormValue>

function firstType(s: JsonSchema): string | null {
  return typesOf(s)?.find((t) => t !== 'null') ?? null
}

function itemKindOf(root: JsonSchema, s: JsonSchema): ItemKind | null {
  if (s.prefixItems !== undefined) return null
  const items = resolve(root, s.items)
  if (Array.isArray(items.enum)) return 'enum'
  const t = firstType(items)
  return t === 'string' || t === 'number' || t === 'integer' ? t : null
}

function kindOf(root: JsonSchema, s: JsonSchema): { kind: FieldKind; itemKind: ItemKind | null } {
  if (Array.isArray(s.enum)) return { kind: 'enum', itemKind: null }
  const t = firstType(s)
  if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') return { kind: t, itemKind: null }
  if (t === 'array') {
    const itemKind = itemKindOf(root, s)
    return itemKind ? { kind: 'array', itemKind } : { kind: 'json', itemKind: null }
  }
  return { kind: 'json', itemKind: null }
}

/** The fields of the form, in the schema's property order. */
export function fieldsOf(schema: Json | undefined): FieldSpec[] {
  const root: JsonSchema = isObject(schema) ? schema : {}
  const top = resolve(root, root)
  const props = isObject(top.properties) ? top.properties : {}
  const required = new Set(Array.isArray(top.required) ? top.required.filter((r): r is string => typeof r === 'string') : [])
  return Object.entries(props).map(([name, raw]) => {
    const s = resolve(root, raw)
    const { kind, itemKind } = kindOf(root, s)
    const options = kind === 'enum' ? (s.enum as Json[]) : itemKind === 'enum' ? (resolve(root, s.items).enum as Json[]) : []
    return {
      name,
      label: typeof s.title === 'string' && s.title ? s.title : name,
      kind,
      required: required.has(name),
      description: typeof s.description === 'string' ? s.description : null,
      default: 'default' in s ? s.default : undefined,
      options,
      itemKind,
      schema: s,
    }
  })
}

function optionIndex(options: Json[], value: Json | undefined): number {
  return options.findIndex((o) => JSON.stringify(o) === JSON.stringify(value))
}

/** The value a field shows for a params value (a default or a preset's); empty when it does not fit. */
export function formValueOf(field: FieldSpec, value: Json | undefined): FormValue {
  if (value === undefined || value === null) {
    if (field.kind === 'array') return []
    if (field.kind === 'string' || field.kind === 'json') return ''
    // A required yes/no is a switch, and a switch is never "not set".
    return field.kind === 'boolean' && field.required ? false : null
  }
  switch (field.kind) {
    case 'string':
      return typeof value === 'string' ? value : String(value)
    case 'number':
    case 'integer':
      return typeof value === 'number' ? value : null
    case 'boolean':
      return typeof value === 'boolean' ? value : null
    case 'enum': {
      const i = optionIndex(field.options, value)
      return i >= 0 ? i : null
    }
    case 'array':
      if (!Array.isArray(value)) return []
      if (field.itemKind === 'enum') return value.map((v) => optionIndex(field.options, v)).filter((i) => i >= 0)
      return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    case 'json':
      return JSON.stringify(value, null, 2)
  }
}

/** Starting values: each field's default, else empty. */
export function initialValues(fields: FieldSpec[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, formValueOf(f, f.default)]))
}

/** Values taken from saved params (a preset), fields they do not name keep their default. */
export function valuesFromParams(fields: FieldSpec[], params: Record<string, Json>): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, formValueOf(f, f.name in params ? params[f.name] : f.default)]))
}

function parseNumber(text: string, integer: boolean): number | null {
  const trimmed = text.trim()
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null
  const n = Number(trimmed)
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return null
  return n
}

/**
 * The params object of the form's values, leaving out empty fields, with an issue for each value
 * that cannot be read (JSON that does not parse, an array item that is not a number).
 */
export function toParams(fields: FieldSpec[], values: FormValues, field = 'params'): { params: Record<string, Json>; issues: Issue[] } {
  const params: Record<string, Json> = {}
  const issues: Issue[] = []
  for (const f of fields) {
    const v = values[f.name]
    const at = `${field}.${f.name}`
    switch (f.kind) {
      case 'string':
        if (typeof v === 'string' && v !== '') params[f.name] = v
        break
      case 'number':
      case 'integer':
      case 'boolean':
        if (v !== null && v !== undefined && typeof v !== 'object' && typeof v !== 'string') params[f.name] = v
        break
      case 'enum':
        if (typeof v === 'number' && v >= 0 && v < f.options.length) params[f.name] = f.options[v]
        break
      case 'array': {
        const list = Array.isArray(v) ? v : []
        if (f.itemKind === 'enum') {
          params[f.name] = (list as number[]).filter((i) => i >= 0 && i < f.options.length).map((i) => f.options[i])
        } else if (f.itemKind === 'number' || f.itemKind === 'integer') {
          const out: number[] = []
          ;(list as string[]).forEach((text, i) => {
            const n = parseNumber(String(text), f.itemKind === 'integer')
            if (n === null) issues.push({ field: `${at}[${i}]`, kind: 'type', args: { expected: f.itemKind as string, actual: 'string' } })
            else out.push(n)
          })
          params[f.name] = out
        } else {
          params[f.name] = (list as string[]).map(String)
        }
        // An optional array left empty is not sent: "no items" and "not given" read the same on a form.
        if (!f.required && (params[f.name] as Json[]).length === 0 && issues.every((x) => !x.field.startsWith(at))) delete params[f.name]
        break
      }
      case 'json':
        if (typeof v === 'string' && v.trim() !== '') {
          try {
            params[f.name] = JSON.parse(v) as Json
          } catch (e) {
            issues.push({ field: at, kind: 'json', args: { reason: e instanceof Error ? e.message : String(e) } })
          }
        }
        break
    }
  }
  return { params, issues }
}

/** What to tell the user about a field's limits: i18n keys under run.hint with their arguments. */
export function hintsOf(f: FieldSpec): { key: string; args: Record<string, string | number> }[] {
  const s = f.schema
  const out: { key: string; args: Record<string, string | number> }[] = []
  const num = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : null)
  if (f.kind === 'number' || f.kind === 'integer') {
    const min = num('minimum')
    const max = num('maximum')
    if (min !== null && max !== null) out.push({ key: 'between', args: { min, max } })
    else if (min !== null) out.push({ key: 'atLeast', args: { min } })
    else if (max !== null) out.push({ key: 'atMost', args: { max } })
    if (num('exclusiveMinimum') !== null) out.push({ key: 'above', args: { min: num('exclusiveMinimum')! } })
    if (num('exclusiveMaximum') !== null) out.push({ key: 'below', args: { max: num('exclusiveMaximum')! } })
    if (f.kind === 'integer') out.push({ key: 'integer', args: {} })
  }
  if (f.kind === 'string') {
    const min = num('minLength')
    const max = num('maxLength')
    if (min !== null && max !== null) out.push({ key: 'lengthBetween', args: { min, max } })
    else if (min !== null) out.push({ key: 'minLength', args: { min } })
    else if (max !== null) out.push({ key: 'maxLength', args: { max } })
    if (typeof s.pattern === 'string') out.push({ key: 'pattern', args: { pattern: s.pattern } })
    if (typeof s.format === 'string') out.push({ key: 'format', args: { format: s.format } })
  }
  if (f.kind === 'array') {
    const min = num('minItems')
    const max = num('maxItems')
    if (min !== null && max !== null) out.push({ key: 'itemsBetween', args: { min, max } })
    else if (min !== null) out.push({ key: 'minItems', args: { min } })
    else if (max !== null) out.push({ key: 'maxItems', args: { max } })
  }
  return out
}

/** The label of an enum option as the select shows it. */
export function optionLabel(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}
