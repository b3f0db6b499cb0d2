// The log viewer's model: lines with their parsed colours, kept in order without duplicates (a
// reconnected stream may send a line again), bounded so a chatty task cannot exhaust the tab.
import type { LogLine } from '@/api/types'
import { parseAnsi, stripAnsi, type AnsiSegment, type AnsiStyle } from './ansi'

export interface ViewLine {
  seq: number
  at: string
  attempt: number
  stream: string
  segments: AnsiSegment[]
  /** The text without escape sequences, for search. */
  plain: string
}

export const MAX_VIEW_LINES = 10_000

export class LogBuffer {
  lines: ViewLine[] = []
  /** Lines dropped from the front to stay under the bound. */
  dropped = 0
  private lastSeq = 0
  // Colours carry over between lines of the same stream and attempt, as in a terminal.
  private states = new Map<string, AnsiStyle>()

  constructor(private readonly max = MAX_VIEW_LINES) {}

  get last(): number {
    return this.lastSeq
  }

  /** Adds lines in seq order; ones already held are ignored. Returns how many were added. */
  add(incoming: LogLine[]): number {
    let added = 0
    for (const l of incoming) {
      if (l.seq <= this.lastSeq) continue
      const key = `${l.attempt}:${l.stream}`
      const { segments, state } = parseAnsi(l.line, this.states.get(key))
      this.states.set(key, state)
      this.lines.push({ seq: l.seq, at: l.at, attempt: l.attempt, stream: l.stream, segments, plain: segments.map((s) => s.text).join('') })
      this.lastSeq = l.seq
      added++
    }
    if (this.lines.length > this.max) {
      const extra = this.lines.length - this.max
      this.lines.splice(0, extra)
      this.dropped += extra
    }
    return added
  }
}

/** A log file's text: one line per log line, timestamp and stream first, escape sequences removed. */
export function logFileText(lines: LogLine[]): string {
  return lines.map((l) => `${l.at} [${l.stream}] ${stripAnsi(l.line)}`).join('\n') + (lines.length ? '\n' : '')
}
