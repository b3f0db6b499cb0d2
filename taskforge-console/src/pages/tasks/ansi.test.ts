import { describe, expect, it } from 'vitest'
import { applySgr, color256, findMatches, markMatches, parseAnsi, stripAnsi } from './ansi'

const ESC = '\x1b'

describe('parseAnsi', () => {
  it('keeps plain text as one unstyled segment', () => {
    expect(parseAnsi('hello world').segments).toEqual([{ text: 'hello world', style: {} }])
  })

  it('colours text between a colour and a reset', () => {
    const { segments, state } = parseAnsi(`${ESC}[31mred${ESC}[0m plain`)
    expect(segments).toEqual([
      { text: 'red', style: { fg: 'c1' } },
      { text: ' plain', style: {} },
    ])
    expect(state).toEqual({})
  })

  it('combines bold, bright colours and backgrounds, and resets them one by one', () => {
    const { segments } = parseAnsi(`${ESC}[1;92;44mA${ESC}[22mB${ESC}[39;49mC`)
    expect(segments).toEqual([
      { text: 'A', style: { bold: true, fg: 'c10', bg: 'c4' } },
      { text: 'B', style: { fg: 'c10', bg: 'c4' } },
      { text: 'C', style: {} },
    ])
  })

  it('reads 256-colour and true-colour sequences', () => {
    const { segments } = parseAnsi(`${ESC}[38;5;196mX${ESC}[48;2;1;2;255mY`)
    expect(segments[0]).toEqual({ text: 'X', style: { fg: '#ff0000' } })
    expect(segments[1]).toEqual({ text: 'Y', style: { fg: '#ff0000', bg: '#0102ff' } })
  })

  it('carries the style over to the next line', () => {
    const first = parseAnsi(`${ESC}[33mstarts yellow`)
    const second = parseAnsi('still yellow', first.state)
    expect(second.segments).toEqual([{ text: 'still yellow', style: { fg: 'c3' } }])
  })

  it('drops cursor movement, erase, window titles and stray control characters', () => {
    const line = `${ESC}]0;my title\x07${ESC}[2K${ESC}[1Gdone\x00\x08 ok${ESC}[?25l`
    expect(stripAnsi(line)).toBe('done ok')
  })

  it('shows only what follows the last carriage return, like a terminal', () => {
    expect(stripAnsi('10%\r50%\r100%')).toBe('100%')
    expect(stripAnsi('windows line\r')).toBe('windows line')
  })

  it('ignores an incomplete extended colour instead of misreading the next code', () => {
    expect(applySgr({}, '38;5')).toEqual({})
    expect(applySgr({}, '38;2;300;0;0')).toEqual({})
  })

  it('an empty SGR resets like 0', () => {
    expect(applySgr({ fg: 'c1', bold: true }, '')).toEqual({})
  })
})

describe('color256', () => {
  it('maps the palette, the cube and the greys', () => {
    expect(color256(9)).toBe('c9')
    expect(color256(16)).toBe('#000000')
    expect(color256(231)).toBe('#ffffff')
    expect(color256(232)).toBe('#080808')
    expect(color256(256)).toBeUndefined()
  })
})

describe('markMatches', () => {
  it('finds matches ignoring case and without overlap', () => {
    expect(findMatches('aaaa', 'aa')).toEqual([0, 2])
    expect(findMatches('Hello hello', 'HELLO')).toEqual([0, 6])
    expect(findMatches('x', '')).toEqual([])
  })

  it('marks a match that crosses a colour change and keeps each part\'s colour', () => {
    const { segments } = parseAnsi(`err${ESC}[31mor here${ESC}[0m`)
    const marked = markMatches(segments, 'error')
    expect(marked).toEqual([
      { text: 'err', style: {}, match: true },
      { text: 'or', style: { fg: 'c1' }, match: true },
      { text: ' here', style: { fg: 'c1' }, match: false },
    ])
  })

  it('leaves segments whole when nothing matches', () => {
    const segments = parseAnsi('nothing').segments
    expect(markMatches(segments, 'zzz')).toEqual([{ text: 'nothing', style: {}, match: false }])
  })
})
