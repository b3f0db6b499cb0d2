import { describe, expect, it } from 'vitest'
import { contrastText, isColor } from './tag-colors'

describe('contrastText', () => {
  it('writes white on dark colours and black on light ones', () => {
    expect(contrastText('#000000')).toBe('#ffffff')
    expect(contrastText('#1e3a8a')).toBe('#ffffff')
    expect(contrastText('#ffffff')).toBe('#000000')
    expect(contrastText('#facc15')).toBe('#000000')
  })

  it('falls back to black for something that is not a colour', () => {
    expect(contrastText('red')).toBe('#000000')
    expect(isColor('red')).toBe(false)
    expect(isColor('#A0b1C2')).toBe(true)
  })
})

import { tagNameProblem } from './tag-colors'

describe('tagNameProblem', () => {
  it('accepts names the server accepts, in any script', () => {
    expect(tagNameProblem('team/etl')).toBeNull()
    expect(tagNameProblem('夜间 任务-2')).toBeNull()
  })

  it('refuses blank, long and oddly started or spelled names', () => {
    expect(tagNameProblem('  ')).toBe('required')
    expect(tagNameProblem('x'.repeat(51))).toBe('tooLong')
    expect(tagNameProblem('-lead')).toBe('characters')
    expect(tagNameProblem('a,b')).toBe('characters')
  })
})
