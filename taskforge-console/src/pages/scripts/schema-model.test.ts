import { describe, expect, it } from 'vitest'
import { defaultForType, emptyProp, modelOf, modelProblems, schemaOf, type SchemaModel } from './schema-model'
import type { JsonSchema } from '../run/schema'

const schema: JsonSchema = {
  type: 'object',
  properties: {
    who: { type: 'string', description: 'a name', minLength: 1, maxLength: 20, pattern: '^[a-z]+$', default: 'world' },
    times: { type: 'integer', minimum: 1, maximum: 5 },
    ratio: { type: 'number', multipleOf: 0.5 },
    loud: { type: 'boolean', default: false },
    mode: { type: 'string', enum: ['fast', 'slow'] },
    hosts: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
  },
  required: ['who'],
  additionalProperties: false,
}

function model(s: JsonSchema): SchemaModel {
  const r = modelOf(s)
  if (!('model' in r)) throw new Error(r.unsupported)
  return r.model
}

describe('modelOf and schemaOf', () => {
  it('reads each property with its controls', () => {
    const m = model(schema)
    expect(m.props.map((p) => [p.name, p.type, p.required])).toEqual([
      ['who', 'string', true],
      ['times', 'integer', false],
      ['ratio', 'number', false],
      ['loud', 'boolean', false],
      ['mode', 'enum', false],
      ['hosts', 'array', false],
    ])
    expect(m.props[0]).toMatchObject({ description: 'a name', min: 1, max: 20, pattern: '^[a-z]+$', default: 'world' })
    expect(m.props[1]).toMatchObject({ min: 1, max: 5 })
    expect(m.props[4].enumValues).toEqual(['fast', 'slow'])
    expect(m.props[5]).toMatchObject({ itemType: 'string', min: 1, max: null })
  })

  it('keeps keywords it has no control for, so a round trip loses nothing', () => {
    const m = model(schema)
    expect(m.props[2].extra).toEqual({ multipleOf: 0.5 })
    expect(m.props[5].extra).toEqual({ uniqueItems: true })
    expect(m.extra).toEqual({ additionalProperties: false })
    expect(schemaOf(m)).toEqual(schema)
  })

  it('writes the limits that fit the type', () => {
    const p = { ...emptyProp('n'), type: 'number' as const, min: 0, max: 9 }
    expect(schemaOf({ props: [p], extra: {} })).toEqual({ type: 'object', properties: { n: { type: 'number', minimum: 0, maximum: 9 } } })
    const a = { ...emptyProp('a'), type: 'array' as const, itemType: 'integer' as const, max: 3, required: true }
    expect(schemaOf({ props: [a], extra: {} })).toEqual({ type: 'object', properties: { a: { type: 'array', items: { type: 'integer' }, maxItems: 3 } }, required: ['a'] })
  })

  it('reads a schema with no properties as an empty list', () => {
    expect(model({}).props).toEqual([])
    expect(schemaOf(model({}))).toEqual({ type: 'object', properties: {} })
  })

  it('leaves schemas it cannot show to the raw editor', () => {
    expect(modelOf({ properties: { a: { $ref: '#/$defs/a' } } })).toHaveProperty('unsupported')
    expect(modelOf({ properties: { a: { type: ['string', 'null'] } } })).toHaveProperty('unsupported')
    expect(modelOf({ properties: { a: { enum: [1, 2] } } })).toHaveProperty('unsupported')
    expect(modelOf({ properties: { a: { type: 'array', items: { type: 'object' } } } })).toHaveProperty('unsupported')
    expect(modelOf({ type: 'array' })).toHaveProperty('unsupported')
    expect(modelOf([])).toHaveProperty('unsupported')
  })
})

describe('modelProblems', () => {
  it('finds missing and repeated names, inverted limits, empty enums and bad patterns', () => {
    const m: SchemaModel = {
      props: [
        { ...emptyProp('a') },
        { ...emptyProp('a') },
        { ...emptyProp(''), type: 'integer', min: 5, max: 1 },
        { ...emptyProp('e'), type: 'enum' },
        { ...emptyProp('p'), pattern: '(' },
      ],
      extra: {},
    }
    expect(modelProblems(m)).toEqual([
      { index: 1, problem: 'nameDuplicate' },
      { index: 2, problem: 'nameMissing' },
      { index: 2, problem: 'minOverMax' },
      { index: 3, problem: 'enumEmpty' },
      { index: 4, problem: 'patternInvalid' },
    ])
  })
})

describe('defaultForType', () => {
  it('keeps a default that still fits the new type and drops one that does not', () => {
    const p = { ...emptyProp('x'), default: 3 }
    expect(defaultForType(p, 'number')).toBe(3)
    expect(defaultForType(p, 'integer')).toBe(3)
    expect(defaultForType({ ...p, default: 2.5 }, 'integer')).toBeUndefined()
    expect(defaultForType(p, 'string')).toBeUndefined()
    expect(defaultForType({ ...p, default: ['a'] }, 'array', 'string')).toEqual(['a'])
    expect(defaultForType({ ...p, default: ['a'] }, 'array', 'integer')).toBeUndefined()
  })
})
