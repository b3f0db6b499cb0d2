import { describe, expect, it } from 'vitest'
import messages from './i18n'
import { messagesByField, splitField } from './issues'

// The English messages with their {placeholders} filled, as vue-i18n would.
function t(key: string, args: Record<string, unknown> = {}): string {
  let node: unknown = messages.en
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part]
  if (typeof node !== 'string') throw new Error(`no message ${key}`)
  return node.replace(/\{(\w+)\}/g, (_, name: string) => String(args[name]))
}

describe('splitField', () => {
  it('finds the form field of a path', () => {
    expect(splitField('params.who')).toEqual({ name: 'who', rest: '' })
    expect(splitField('params.hosts[2]')).toEqual({ name: 'hosts', rest: '[2]' })
    expect(splitField('params.db.port')).toEqual({ name: 'db', rest: 'port' })
    expect(splitField('priority')).toBeNull()
  })
})

describe('messagesByField', () => {
  it('words each issue kind with its arguments', () => {
    const { byField } = messagesByField(
      [
        { field: 'params.who', kind: 'required', args: { name: 'who' } },
        { field: 'params.times', kind: 'maximum', args: { limit: 5 } },
        { field: 'params.name', kind: 'minLength', args: { limit: 2 } },
        { field: 'params.mode', kind: 'enum', args: { values: 'a, b' } },
        { field: 'params.tag', kind: 'pattern', args: { pattern: '^x' } },
        { field: 'params.n', kind: 'type', args: { expected: 'integer', actual: 'string' } },
        { field: 'params.hosts[1]', kind: 'minLength', args: { limit: 1 } },
      ],
      [],
      t,
    )
    expect(byField).toEqual({
      who: 'This field is required',
      times: 'Must be at most 5',
      name: 'Length must be at least 2',
      mode: 'Must be one of: a, b',
      tag: 'Must match the pattern ^x',
      n: 'Must be of type integer',
      hosts: '[1]: Length must be at least 1',
    })
  })

  it('keeps the first message of a field and adds the server errors of other fields', () => {
    const { byField, other } = messagesByField(
      [{ field: 'params.who', kind: 'required', args: { name: 'who' } }],
      [
        { field: 'params.who', message: 'server says no' },
        { field: 'params.extra', message: 'must be a string' },
        { field: 'priority', message: 'unknown priority' },
      ],
      t,
    )
    expect(byField).toEqual({ who: 'This field is required', extra: 'must be a string' })
    expect(other).toEqual(['priority: unknown priority'])
  })
})
