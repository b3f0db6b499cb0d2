import { describe, expect, it } from 'vitest'
import { diffLines } from './diff'

const kinds = (a: string, b: string) => diffLines(a, b).map((l) => `${l.kind[0]}${l.text}`)

describe('diffLines', () => {
  it('marks nothing when the texts are equal', () => {
    expect(kinds('a\nb', 'a\nb')).toEqual(['sa', 'sb'])
  })

  it('finds added, removed and changed lines with their line numbers', () => {
    expect(kinds('a\nb\nc', 'a\nx\nc\nd')).toEqual(['sa', 'rb', 'ax', 'sc', 'ad'])
    const lines = diffLines('a\nb\nc', 'a\nc')
    expect(lines).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'removed', text: 'b', oldLine: 2, newLine: null },
      { kind: 'same', text: 'c', oldLine: 3, newLine: 2 },
    ])
  })

  it('keeps the longest common run in the middle', () => {
    expect(kinds('x\n1\n2\n3\ny', 'z\n1\n2\n3\nw')).toEqual(['rx', 'az', 's1', 's2', 's3', 'ry', 'aw'])
  })

  it('handles empty texts', () => {
    expect(kinds('', 'a')).toEqual(['r', 'aa'])
  })
})
