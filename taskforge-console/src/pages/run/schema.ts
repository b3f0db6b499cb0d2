// The part of JSON Schema (draft 2020-12) the run form understands, and the helpers both the form
// builder and the validator share.
import type { Json } from '@/api/types'

/** A schema object as stored on a script: free-form JSON. */
export type JsonSchema = { [key: string]: Json }

export function isObject(v: unknown): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * The schema {@code s} stands for, following a local {@code $ref} ("#/$defs/name" and the like)
 * inside {@code root}: the server allows no other references. Bounded, so a reference cycle
 * cannot loop.
 */
export function resolve(root: JsonSchema, s: Json | undefined): JsonSchema {
  let current: Json | undefined = s
  for (let hops = 0; hops < 16 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    const ref: string = current.$ref
    if (!ref.startsWith('#')) break
    let target: Json | undefined = root
    for (const raw of ref.slice(1).split('/').filter((p) => p !== '')) {
      const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
      target = isObject(target) ? target[part] : Array.isArray(target) ? target[Number(part)] : undefined
    }
    if (!isObject(target)) break
    // Keywords next to $ref apply too (2020-12): the local ones win over the referenced ones.
    const { $ref: _ignored, ...siblings } = current
    current = { ...target, ...siblings }
  }
  return isObject(current) ? current : {}
}

/** The JSON type names a schema allows ("integer" counts as one), or null when it does not say. */
export function typesOf(s: JsonSchema): string[] | null {
  const t = s.type
  if (typeof t === 'string') return [t]
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string')
  return null
}

/** The JSON type of a value, with whole numbers as "integer" (2020-12 counts 1.0 as one). */
export function jsonTypeOf(v: Json | undefined): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number'
  return typeof v
}

/** Equality of JSON values, objects compared by their members regardless of order. */
export function jsonEquals(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEquals(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k) => k in b && jsonEquals(a[k], b[k]))
  }
  return false
}
