import { describe, expect, it } from 'vitest'
import { jsonProblem } from './json-check'

describe('jsonProblem', () => {
  it('accepts valid JSON of any kind, and blank text (no payload)', () => {
    expect(jsonProblem('{"seconds": 30, "list": [1, -2.5e3, true, null, "a\\u00e9\\n"], "o": {}}')).toBeNull()
    expect(jsonProblem('[]')).toBeNull()
    expect(jsonProblem('"text"')).toBeNull()
    expect(jsonProblem('   \n')).toBeNull()
  })

  it('points at the line and column of an unexpected character', () => {
    expect(jsonProblem('{\n  "a": 1,\n  "b": x\n}')).toEqual({ line: 3, column: 8, kind: 'unexpected', found: 'x' })
  })

  it('points at a trailing comma and at a single-quoted string', () => {
    expect(jsonProblem('{"a": 1,}')).toEqual({ line: 1, column: 9, kind: 'unexpected', found: '}' })
    expect(jsonProblem("{'a': 1}")).toMatchObject({ column: 2, kind: 'unexpected', found: "'" })
  })

  it('says so when the text stops early', () => {
    expect(jsonProblem('{"a": [1, 2')).toEqual({ line: 1, column: 12, kind: 'end', found: '' })
  })

  it('says so when something follows the value', () => {
    expect(jsonProblem('{"a": 1}\n{"b": 2}')).toEqual({ line: 2, column: 1, kind: 'trailing', found: '{' })
  })
})
