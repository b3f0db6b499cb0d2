import { describe, expect, it } from 'vitest'
import type { Script } from '@/api/types'
import { STARTERS, changesOf, formOf } from './script-form'

const script: Script = {
  id: 's1',
  name: 'report',
  description: null,
  language: 'bash',
  content: 'echo hi\n',
  parameters: { type: 'object', properties: { who: { type: 'string' } } },
  queue: 'default',
  timeoutSeconds: 300,
  maxAttempts: 3,
  version: 2,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
}

describe('changesOf', () => {
  it('sends every given field of a new script, and leaves blank ones to the server', () => {
    const f = { ...formOf(null), name: ' report ', parameters: '{"type": "object"}' }
    expect(changesOf(null, f).body).toEqual({ name: 'report', language: 'bash', content: STARTERS.bash, parameters: { type: 'object' } })
    expect(changesOf(null, { ...f, queue: 'q', timeoutSeconds: 60, maxAttempts: 1, description: 'd' }).body).toMatchObject({ queue: 'q', timeoutSeconds: 60, maxAttempts: 1, description: 'd' })
  })

  it('sends nothing for an unchanged script', () => {
    expect(changesOf(script, formOf(script)).body).toEqual({})
  })

  it('sends only what changed, so an unchanged content makes no new version', () => {
    const f = { ...formOf(script), description: 'new words', maxAttempts: 5 }
    expect(changesOf(script, f).body).toEqual({ description: 'new words', maxAttempts: 5 })
    const g = { ...formOf(script), parameters: '{"type":"object","properties":{"who":{"type":"string"}}}' }
    expect(changesOf(script, g).body).toEqual({})
    const h = { ...formOf(script), content: 'echo bye\n', language: 'sh' as const }
    expect(changesOf(script, h).body).toEqual({ content: 'echo bye\n', language: 'sh' })
  })

  it('leaves out a schema that does not parse (the page reports it)', () => {
    expect(changesOf(script, { ...formOf(script), parameters: '{' }).body).toEqual({})
  })
})
