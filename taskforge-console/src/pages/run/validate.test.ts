import { describe, expect, it } from 'vitest'
import { validate } from './validate'
import type { JsonSchema } from './schema'

const schema: JsonSchema = {
  type: 'object',
  required: ['name', 'count'],
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$' },
    count: { type: 'integer', minimum: 1, maximum: 10 },
    ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    step: { type: 'number', multipleOf: 0.5 },
    verbose: { type: 'boolean' },
    mode: { enum: ['fast', 'slow', 3] },
    hosts: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 3, uniqueItems: true },
    day: { type: 'string', format: 'date' },
    at: { type: 'string', format: 'date-time' },
    nested: { $ref: '#/$defs/port' },
  },
  $defs: { port: { type: 'integer', minimum: 1, maximum: 65535 } },
}

const kinds = (params: object) => Object.fromEntries(validate(schema, params as never).map((i) => [i.field, i.kind]))

describe('validate', () => {
  it('accepts params that fit', () => {
    expect(validate(schema, { name: 'abc', count: 3, ratio: 0.5, step: 1.5, verbose: true, mode: 3, hosts: ['a', 'b'], day: '2026-02-28', at: '2026-02-28T10:00:00Z', nested: 80 })).toEqual([])
  })

  it('names each missing required property by its own path', () => {
    expect(validate(schema, {})).toEqual([
      { field: 'params.name', kind: 'required', args: { name: 'name' } },
      { field: 'params.count', kind: 'required', args: { name: 'count' } },
    ])
  })

  it('checks types, counting 3.0 as an integer and an integer as a number', () => {
    expect(kinds({ name: 5, count: 2.5, verbose: 'yes' })).toEqual({ 'params.name': 'type', 'params.count': 'type', 'params.verbose': 'type' })
    expect(kinds({ name: 'ab', count: 3.0, ratio: 0.25, step: 2 })).toEqual({})
    const [issue] = validate(schema, { name: 'ab', count: 'x' })
    expect(issue.args).toEqual({ expected: 'integer', actual: 'string' })
  })

  it('checks minimum and maximum, inclusive and exclusive', () => {
    expect(kinds({ name: 'ab', count: 0 })).toEqual({ 'params.count': 'minimum' })
    expect(kinds({ name: 'ab', count: 11 })).toEqual({ 'params.count': 'maximum' })
    expect(kinds({ name: 'ab', count: 1, ratio: 0 })).toEqual({ 'params.ratio': 'exclusiveMinimum' })
    expect(kinds({ name: 'ab', count: 10, ratio: 1 })).toEqual({ 'params.ratio': 'exclusiveMaximum' })
    expect(validate(schema, { name: 'ab', count: 11 })[0].args).toEqual({ limit: 10 })
  })

  it('checks multipleOf', () => {
    expect(kinds({ name: 'ab', count: 1, step: 0.7 })).toEqual({ 'params.step': 'multipleOf' })
  })

  it('checks string length in code points, and the pattern unanchored as the server does', () => {
    expect(kinds({ name: 'a', count: 1 })).toEqual({ 'params.name': 'minLength' })
    expect(kinds({ name: 'abcdef', count: 1 })).toEqual({ 'params.name': 'maxLength' })
    expect(kinds({ name: 'AB1', count: 1 })).toEqual({ 'params.name': 'pattern' })
    // two astral characters are two characters, though four UTF-16 units
    expect(validate({ properties: { s: { type: 'string', maxLength: 2 } } }, { s: '😀😀' })).toEqual([])
    expect(validate({ properties: { s: { type: 'string', pattern: 'b' } } }, { s: 'abc' })).toEqual([])
  })

  it('keeps the first issue of a field only', () => {
    const issues = validate(schema, { name: 'ABCDEFG', count: 1 })
    expect(issues).toHaveLength(1)
    expect(issues[0].kind).toBe('maxLength')
  })

  it('checks enum values of any JSON type', () => {
    expect(kinds({ name: 'ab', count: 1, mode: 'medium' })).toEqual({ 'params.mode': 'enum' })
    expect(kinds({ name: 'ab', count: 1, mode: '3' })).toEqual({ 'params.mode': 'enum' })
    expect(validate(schema, { name: 'ab', count: 1, mode: 'x' })[0].args).toEqual({ values: 'fast, slow, 3' })
  })

  it('checks arrays: size, uniqueness, and each item with its index', () => {
    expect(kinds({ name: 'ab', count: 1, hosts: [] })).toEqual({ 'params.hosts': 'minItems' })
    expect(kinds({ name: 'ab', count: 1, hosts: ['a', 'b', 'c', 'd'] })).toEqual({ 'params.hosts': 'maxItems' })
    expect(kinds({ name: 'ab', count: 1, hosts: ['a', 'a'] })).toEqual({ 'params.hosts': 'uniqueItems' })
    expect(kinds({ name: 'ab', count: 1, hosts: ['a', ''] })).toEqual({ 'params.hosts[1]': 'minLength' })
    expect(kinds({ name: 'ab', count: 1, hosts: ['a', 2] })).toEqual({ 'params.hosts[1]': 'type' })
  })

  it('asserts formats as the server does', () => {
    expect(kinds({ name: 'ab', count: 1, day: '31.01.2026' })).toEqual({ 'params.day': 'format' })
    expect(kinds({ name: 'ab', count: 1, day: '2026-02-30' })).toEqual({ 'params.day': 'format' })
    expect(kinds({ name: 'ab', count: 1, at: '2026-02-28 10:00' })).toEqual({ 'params.at': 'format' })
  })

  it('follows local references', () => {
    expect(kinds({ name: 'ab', count: 1, nested: 70000 })).toEqual({ 'params.nested': 'maximum' })
  })

  it('refuses properties the schema closes off', () => {
    const closed: JsonSchema = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }
    expect(validate(closed, { a: 'x', b: 1 })).toEqual([{ field: 'params.b', kind: 'additionalProperties', args: {} }])
  })

  it('checks nested objects with nested names', () => {
    const s: JsonSchema = { properties: { db: { type: 'object', required: ['host'], properties: { port: { type: 'integer' } } } } }
    expect(validate(s, { db: { port: 'x' } }).map((i) => [i.field, i.kind])).toEqual([
      ['params.db.host', 'required'],
      ['params.db.port', 'type'],
    ])
  })

  it('refuses params that are not an object when the schema says object', () => {
    expect(validate({ type: 'object' }, [])).toEqual([{ field: 'params', kind: 'type', args: { expected: 'object', actual: 'array' } }])
  })
})
