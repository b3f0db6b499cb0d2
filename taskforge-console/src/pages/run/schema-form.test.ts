import { describe, expect, it } from 'vitest'
import { fieldsOf, hintsOf, initialValues, toParams, valuesFromParams, type FieldSpec } from './schema-form'
import { validate } from './validate'
import type { JsonSchema } from './schema'

const schema: JsonSchema = {
  type: 'object',
  required: ['who', 'times'],
  properties: {
    who: { type: 'string', title: 'Who to greet', description: 'a name', default: 'world', maxLength: 20 },
    times: { type: 'integer', minimum: 1, maximum: 5, default: 1 },
    ratio: { type: 'number' },
    loud: { type: 'boolean', default: false },
    mode: { type: 'string', enum: ['fast', 'slow'], default: 'slow' },
    hosts: { type: 'array', items: { type: 'string' } },
    ports: { type: 'array', items: { type: 'integer' } },
    colors: { type: 'array', items: { enum: ['red', 'green', 'blue'] } },
    extra: { type: 'object' },
    maybe: { type: ['string', 'null'] },
    port: { $ref: '#/$defs/port' },
  },
  $defs: { port: { type: 'integer', description: 'a TCP port' } },
}

function field(name: string): FieldSpec {
  const f = fieldsOf(schema).find((x) => x.name === name)
  if (!f) throw new Error(name)
  return f
}

describe('fieldsOf', () => {
  it('makes one field per property, in order, with its kind', () => {
    expect(fieldsOf(schema).map((f) => [f.name, f.kind, f.itemKind])).toEqual([
      ['who', 'string', null],
      ['times', 'integer', null],
      ['ratio', 'number', null],
      ['loud', 'boolean', null],
      ['mode', 'enum', null],
      ['hosts', 'array', 'string'],
      ['ports', 'array', 'integer'],
      ['colors', 'array', 'enum'],
      ['extra', 'json', null],
      ['maybe', 'string', null],
      ['port', 'integer', null],
    ])
  })

  it('takes label, help text, required and default from the schema', () => {
    expect(field('who')).toMatchObject({ label: 'Who to greet', description: 'a name', required: true, default: 'world' })
    expect(field('ratio')).toMatchObject({ label: 'ratio', description: null, required: false, default: undefined })
    expect(field('port').description).toBe('a TCP port')
  })

  it('lists enum options, of a field or of array items', () => {
    expect(field('mode').options).toEqual(['fast', 'slow'])
    expect(field('colors').options).toEqual(['red', 'green', 'blue'])
  })

  it('has no fields for a schema without properties', () => {
    expect(fieldsOf({ type: 'object' })).toEqual([])
    expect(fieldsOf(null)).toEqual([])
  })
})

describe('initialValues and toParams', () => {
  it('starts from the defaults and sends them', () => {
    const fields = fieldsOf(schema)
    const values = initialValues(fields)
    expect(values).toMatchObject({ who: 'world', times: 1, ratio: null, loud: false, mode: 1, hosts: [], extra: '' })
    expect(toParams(fields, values)).toEqual({ params: { who: 'world', times: 1, loud: false, mode: 'slow' }, issues: [] })
  })

  it('leaves out empty fields, so an empty required one is reported missing', () => {
    const fields = fieldsOf(schema)
    const { params } = toParams(fields, { ...initialValues(fields), who: '', times: null })
    expect(params).not.toHaveProperty('who')
    expect(validate(schema, params).map((i) => [i.field, i.kind])).toEqual([
      ['params.who', 'required'],
      ['params.times', 'required'],
    ])
  })

  it('reads arrays: strings as typed, numbers parsed, enum choices by option', () => {
    const fields = fieldsOf(schema)
    const { params, issues } = toParams(fields, { ...initialValues(fields), hosts: ['a', 'b'], ports: ['80', '443'], colors: [2, 0] })
    expect(issues).toEqual([])
    expect(params).toMatchObject({ hosts: ['a', 'b'], ports: [80, 443], colors: ['blue', 'red'] })
  })

  it('reports array items that are not numbers, with their index', () => {
    const fields = fieldsOf(schema)
    const { issues } = toParams(fields, { ...initialValues(fields), ports: ['80', '8.5', 'x'] })
    expect(issues.map((i) => [i.field, i.kind])).toEqual([
      ['params.ports[1]', 'type'],
      ['params.ports[2]', 'type'],
    ])
  })

  it('parses JSON fields and reports JSON that does not parse', () => {
    const fields = fieldsOf(schema)
    expect(toParams(fields, { ...initialValues(fields), extra: '{"a": [1]}' }).params.extra).toEqual({ a: [1] })
    const { issues } = toParams(fields, { ...initialValues(fields), extra: '{a' })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ field: 'params.extra', kind: 'json' })
  })

  it('fills the form from saved params, keeping defaults for the rest', () => {
    const fields = fieldsOf(schema)
    const values = valuesFromParams(fields, { who: 'ann', mode: 'fast', colors: ['green'], extra: { x: 1 } })
    expect(values).toMatchObject({ who: 'ann', times: 1, mode: 0, colors: [1] })
    expect(JSON.parse(values.extra as string)).toEqual({ x: 1 })
  })

  it('drops saved values that no longer fit the field', () => {
    const fields = fieldsOf(schema)
    expect(valuesFromParams(fields, { times: 'many', mode: 'gone', loud: 'yes' })).toMatchObject({ times: null, mode: null, loud: null })
  })
})

describe('hintsOf', () => {
  it('describes ranges, lengths, patterns and sizes', () => {
    expect(hintsOf(field('times'))).toEqual([
      { key: 'between', args: { min: 1, max: 5 } },
      { key: 'integer', args: {} },
    ])
    expect(hintsOf(field('who'))).toEqual([{ key: 'maxLength', args: { max: 20 } }])
    const [p] = fieldsOf({ properties: { p: { type: 'string', pattern: '^a' }, l: { type: 'array', items: { type: 'string' }, minItems: 1 } } })
    expect(hintsOf(p)).toEqual([{ key: 'pattern', args: { pattern: '^a' } }])
    expect(hintsOf(fieldsOf({ properties: { l: { type: 'array', items: { type: 'string' }, minItems: 1 } } })[0])).toEqual([{ key: 'minItems', args: { min: 1 } }])
  })
})
