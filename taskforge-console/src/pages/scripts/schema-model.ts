// The parameter schema as the visual editor edits it: a list of properties with the keywords the
// editor has controls for. Keywords it has none for are kept as they are (`extra`), so switching
// between the visual editor and the raw JSON never loses anything; a schema the list cannot
// express (a property that is a reference, say) is edited in the raw tab only.
import type { Json } from '@/api/types'
import { isObject, type JsonSchema } from '../run/schema'

export type PropType = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'array'
export type ItemType = 'string' | 'number' | 'integer' | 'boolean'
export const PROP_TYPES: readonly PropType[] = ['string', 'number', 'integer', 'boolean', 'enum', 'array']
export const ITEM_TYPES: readonly ItemType[] = ['string', 'number', 'integer', 'boolean']

export interface PropModel {
  name: string
  type: PropType
  required: boolean
  description: string
  /** undefined: no default. */
  default: Json | undefined
  /** minimum/maximum for numbers, minLength/maxLength for strings, minItems/maxItems for arrays. */
  min: number | null
  max: number | null
  /** Strings only. */
  pattern: string
  /** Enum only: the allowed values, as strings. */
  enumValues: string[]
  /** Arrays only. */
  itemType: ItemType
  /** Keywords of the property the editor has no control for, kept as they are. */
  extra: JsonSchema
}

export interface SchemaModel {
  props: PropModel[]
  /** Root keywords other than type, properties and required ($defs, additionalProperties…). */
  extra: JsonSchema
}

export type ModelResult = { model: SchemaModel } | { unsupported: string }

const LIMITS: Record<PropType, [string, string] | null> = {
  string: ['minLength', 'maxLength'],
  number: ['minimum', 'maximum'],
  integer: ['minimum', 'maximum'],
  array: ['minItems', 'maxItems'],
  boolean: null,
  enum: null,
}
const HANDLED = ['type', 'description', 'default', 'enum', 'items', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems']

export function emptyProp(name: string): PropModel {
  return { name, type: 'string', required: false, description: '', default: undefined, min: null, max: null, pattern: '', enumValues: [], itemType: 'string', extra: {} }
}

function propOf(name: string, s: Json, required: boolean): PropModel | string {
  if (!isObject(s)) return `property "${name}" is not a schema object`
  if ('$ref' in s) return `property "${name}" is a reference`
  let type: PropType
  let itemType: ItemType = 'string'
  if (Array.isArray(s.enum)) {
    if (!s.enum.every((v) => typeof v === 'string')) return `property "${name}" has enum values that are not strings`
    if (s.type !== undefined && s.type !== 'string') return `property "${name}" combines enum with type ${JSON.stringify(s.type)}`
    type = 'enum'
  } else if (typeof s.type === 'string' && (PROP_TYPES as readonly string[]).includes(s.type)) {
    type = s.type as PropType
  } else {
    return `property "${name}" has type ${JSON.stringify(s.type ?? null)}`
  }
  if (type === 'array') {
    const items = s.items
    if (!isObject(items) || Object.keys(items).length !== 1 || !(ITEM_TYPES as readonly string[]).includes(items.type as string)) {
      return `the items of "${name}" are not a plain string, number, integer or boolean`
    }
    itemType = items.type as ItemType
  }
  const limits = LIMITS[type]
  const extra: JsonSchema = {}
  for (const [k, v] of Object.entries(s)) {
    const handledHere = HANDLED.includes(k) && (limits?.includes(k) || !['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'].includes(k)) && (k !== 'pattern' || type === 'string')
    if (!handledHere) extra[k] = v
  }
  const num = (k: string | undefined) => (k && typeof s[k] === 'number' ? (s[k] as number) : null)
  return {
    name,
    type,
    required,
    description: typeof s.description === 'string' ? s.description : '',
    default: 'default' in s ? s.default : undefined,
    min: num(limits?.[0]),
    max: num(limits?.[1]),
    pattern: type === 'string' && typeof s.pattern === 'string' ? s.pattern : '',
    enumValues: type === 'enum' ? (s.enum as string[]) : [],
    itemType,
    extra,
  }
}

/** The editable model of a schema, or why the visual editor cannot show it. */
export function modelOf(schema: Json): ModelResult {
  if (!isObject(schema)) return { unsupported: 'the schema is not a JSON object' }
  if (schema.type !== undefined && schema.type !== 'object') return { unsupported: 'the schema does not describe an object' }
  const properties = schema.properties ?? {}
  if (!isObject(properties)) return { unsupported: '"properties" is not an object' }
  const required = Array.isArray(schema.required) ? schema.required : []
  const props: PropModel[] = []
  for (const [name, s] of Object.entries(properties)) {
    const p = propOf(name, s, required.includes(name))
    if (typeof p === 'string') return { unsupported: p }
    props.push(p)
  }
  if (required.some((r) => typeof r !== 'string' || !(r in properties))) return { unsupported: '"required" names a property that is not listed' }
  const { type: _t, properties: _p, required: _r, ...extra } = schema
  return { model: { props, extra } }
}

function propSchema(p: PropModel): JsonSchema {
  const s: JsonSchema = {}
  if (p.type === 'enum') {
    s.type = 'string'
    s.enum = [...p.enumValues]
  } else {
    s.type = p.type
  }
  if (p.type === 'array') s.items = { type: p.itemType }
  if (p.description.trim()) s.description = p.description
  const limits = LIMITS[p.type]
  if (limits && p.min !== null) s[limits[0]] = p.min
  if (limits && p.max !== null) s[limits[1]] = p.max
  if (p.type === 'string' && p.pattern) s.pattern = p.pattern
  if (p.default !== undefined) s.default = p.default
  return { ...s, ...p.extra }
}

/** The JSON Schema of a model, properties in the model's order. */
export function schemaOf(model: SchemaModel): JsonSchema {
  const out: JsonSchema = { type: 'object', properties: Object.fromEntries(model.props.map((p) => [p.name, propSchema(p)])) }
  const required = model.props.filter((p) => p.required).map((p) => p.name)
  if (required.length) out.required = required
  return { ...out, ...model.extra }
}

/** Problems the visual editor reports before the server sees the schema. */
export function modelProblems(model: SchemaModel): { index: number; problem: 'nameMissing' | 'nameDuplicate' | 'minOverMax' | 'enumEmpty' | 'patternInvalid' }[] {
  const out: ReturnType<typeof modelProblems> = []
  model.props.forEach((p, index) => {
    if (!p.name.trim()) out.push({ index, problem: 'nameMissing' })
    else if (model.props.findIndex((q) => q.name === p.name) !== index) out.push({ index, problem: 'nameDuplicate' })
    if (p.min !== null && p.max !== null && p.min > p.max) out.push({ index, problem: 'minOverMax' })
    if (p.type === 'enum' && p.enumValues.length === 0) out.push({ index, problem: 'enumEmpty' })
    if (p.type === 'string' && p.pattern) {
      try {
        new RegExp(p.pattern, 'u')
      } catch {
        out.push({ index, problem: 'patternInvalid' })
      }
    }
  })
  return out
}

/** A default that fits a new type: kept when it still fits, dropped otherwise. */
export function defaultForType(p: PropModel, type: PropType, itemType: ItemType = p.itemType): Json | undefined {
  const d = p.default
  if (d === undefined) return undefined
  switch (type) {
    case 'string':
      return typeof d === 'string' ? d : undefined
    case 'enum':
      return typeof d === 'string' && p.enumValues.includes(d) ? d : undefined
    case 'number':
      return typeof d === 'number' ? d : undefined
    case 'integer':
      return typeof d === 'number' && Number.isInteger(d) ? d : undefined
    case 'boolean':
      return typeof d === 'boolean' ? d : undefined
    case 'array':
      return Array.isArray(d) && d.every((v) => (itemType === 'string' ? typeof v === 'string' : itemType === 'boolean' ? typeof v === 'boolean' : typeof v === 'number' && (itemType === 'number' || Number.isInteger(v)))) ? d : undefined
  }
}
