import { describe, expect, it } from 'vitest'
import type { LogLine } from '@/api/types'
import { LogBuffer, logFileText } from './log-lines'

function line(seq: number, text: string, stream = 'stdout', attempt = 1): LogLine {
  return { seq, at: `2026-05-01T10:00:0${seq % 10}.000Z`, attempt, stream, line: text }
}

describe('LogBuffer', () => {
  it('keeps lines in order and ignores repeats after a reconnect', () => {
    const b = new LogBuffer()
    expect(b.add([line(1, 'a'), line(2, 'b')])).toBe(2)
    expect(b.add([line(2, 'b'), line(3, 'c')])).toBe(1)
    expect(b.lines.map((l) => l.plain)).toEqual(['a', 'b', 'c'])
    expect(b.last).toBe(3)
  })

  it('carries a colour to the next line of the same stream only', () => {
    const b = new LogBuffer()
    b.add([line(1, '\x1b[32mgreen starts'), line(2, 'plain on stderr', 'stderr'), line(3, 'still green')])
    expect(b.lines[1].segments[0].style).toEqual({})
    expect(b.lines[2].segments[0].style).toEqual({ fg: 'c2' })
  })

  it('drops the oldest lines beyond its bound and counts them', () => {
    const b = new LogBuffer(3)
    b.add([1, 2, 3, 4, 5].map((n) => line(n, `l${n}`)))
    expect(b.lines.map((l) => l.seq)).toEqual([3, 4, 5])
    expect(b.dropped).toBe(2)
  })
})

describe('logFileText', () => {
  it('writes one plain line per log line', () => {
    expect(logFileText([line(1, '\x1b[31mred\x1b[0m'), line(2, 'err', 'stderr')])).toBe(
      '2026-05-01T10:00:01.000Z [stdout] red\n2026-05-01T10:00:02.000Z [stderr] err\n',
    )
    expect(logFileText([])).toBe('')
  })
})
