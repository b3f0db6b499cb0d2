// Turns terminal output with ANSI escape sequences into styled text segments for the log viewer.
// Only SGR (colours and weight) is rendered; cursor movement and window titles are dropped, since
// a log line has no screen to move on. Built for text nodes: nothing here is ever parsed as HTML.

/** A colour: `c0`…`c15` for the theme's 16-colour palette, or `#rrggbb` for 256-colour and true colour. */
export type AnsiColor = string

export interface AnsiStyle {
  fg?: AnsiColor
  bg?: AnsiColor
  bold?: boolean
  dim?: boolean
  italic?: boolean
  underline?: boolean
  inverse?: boolean
}

export interface AnsiSegment {
  text: string
  style: AnsiStyle
}

export interface AnsiResult {
  segments: AnsiSegment[]
  /** The style in force at the end: a program may colour several lines with one sequence. */
  state: AnsiStyle
}

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), or any other two-character escape.
const ESCAPE = /\x1b\[([0-9;:?<=>]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?|\x9b([0-9;]*)([@-~])/g
// Control characters other than tab have no printable form.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g

const CUBE = [0, 95, 135, 175, 215, 255]

function hex(r: number, g: number, b: number): string {
  return '#' + [r, g, b].map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('')
}

/** xterm's 256-colour palette: 0–15 the theme's, 16–231 a 6×6×6 cube, 232–255 greys. */
export function color256(n: number): AnsiColor | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined
  if (n < 16) return `c${n}`
  if (n < 232) {
    const i = n - 16
    return hex(CUBE[Math.floor(i / 36)], CUBE[Math.floor(i / 6) % 6], CUBE[i % 6])
  }
  const grey = 8 + (n - 232) * 10
  return hex(grey, grey, grey)
}

/** Reads an extended colour (38;5;n or 38;2;r;g;b) starting after the 38/48; returns the colour and how many codes it used. */
function extended(codes: number[], at: number): [AnsiColor | undefined, number] {
  const mode = codes[at]
  if (mode === 5) return [color256(codes[at + 1]), 2]
  if (mode === 2) {
    const [r, g, b] = [codes[at + 1], codes[at + 2], codes[at + 3]]
    if ([r, g, b].every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) return [hex(r, g, b), 4]
    return [undefined, 4]
  }
  return [undefined, 0]
}

/** Applies one SGR parameter list ("1;31", "" = reset) to {@code style}, returning the new style. */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const next: AnsiStyle = { ...style }
  // Colon-separated sub-parameters (38:2::r:g:b) read like semicolons here.
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)))
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]
    if (c === 0) {
      for (const k of Object.keys(next) as (keyof AnsiStyle)[]) delete next[k]
    } else if (c === 1) next.bold = true
    else if (c === 2) next.dim = true
    else if (c === 3) next.italic = true
    else if (c === 4) next.underline = true
    else if (c === 7) next.inverse = true
    else if (c === 22) {
      delete next.bold
      delete next.dim
    } else if (c === 23) delete next.italic
    else if (c === 24) delete next.underline
    else if (c === 27) delete next.inverse
    else if (c >= 30 && c <= 37) next.fg = `c${c - 30}`
    else if (c >= 90 && c <= 97) next.fg = `c${c - 90 + 8}`
    else if (c >= 40 && c <= 47) next.bg = `c${c - 40}`
    else if (c >= 100 && c <= 107) next.bg = `c${c - 100 + 8}`
    else if (c === 39) delete next.fg
    else if (c === 49) delete next.bg
    else if (c === 38 || c === 48) {
      // 38/48 with nothing after it in the list (e.g. a lone "38") is ignored rather than misread.
      const [colour, used] = extended(codes, i + 1)
      if (colour) next[c === 38 ? 'fg' : 'bg'] = colour
      i += used
    }
  }
  return next
}

function push(out: AnsiSegment[], text: string, style: AnsiStyle) {
  const clean = text.replace(CONTROL, '')
  if (!clean) return
  const last = out[out.length - 1]
  if (last && sameStyle(last.style, style)) last.text += clean
  else out.push({ text: clean, style })
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  const ka = Object.keys(a) as (keyof AnsiStyle)[]
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
}

/**
 * Splits one log line into styled segments, starting from {@code state} (the previous line's end
 * state). A carriage return starts the line over, as on a terminal, so progress bars show their
 * final state; a trailing one (CRLF output) is ignored.
 */
export function parseAnsi(line: string, state: AnsiStyle = {}): AnsiResult {
  let style = state
  let segments: AnsiSegment[] = []
  const text = line.endsWith('\r') ? line.slice(0, -1) : line
  const parts = text.split('\r')
  parts.forEach((part, index) => {
    if (index > 0 && part !== '') segments = []
    let last = 0
    for (const m of part.matchAll(ESCAPE)) {
      const at = m.index ?? 0
      push(segments, part.slice(last, at), style)
      const final = m[2] ?? m[5]
      const params = m[1] ?? m[4] ?? ''
      if (final === 'm') style = applySgr(style, params)
      last = at + m[0].length
    }
    push(segments, part.slice(last), style)
  })
  return { segments, state: style }
}

/** The text without escape sequences (search, download). */
export function stripAnsi(line: string): string {
  return parseAnsi(line)
    .segments.map((s) => s.text)
    .join('')
}

export interface MarkedSegment extends AnsiSegment {
  /** Part of a search match. */
  match: boolean
}

/** Every start offset of {@code needle} in {@code text}, ignoring case; matches do not overlap. */
export function findMatches(text: string, needle: string): number[] {
  if (!needle) return []
  const hay = text.toLowerCase()
  const n = needle.toLowerCase()
  const out: number[] = []
  for (let at = hay.indexOf(n); at !== -1; at = hay.indexOf(n, at + n.length)) out.push(at)
  return out
}

/**
 * Splits styled segments at the matches of {@code needle} (case-insensitive, across segment
 * boundaries), so the viewer can highlight them while keeping the colours.
 */
export function markMatches(segments: AnsiSegment[], needle: string): MarkedSegment[] {
  const full = segments.map((s) => s.text).join('')
  const starts = findMatches(full, needle)
  if (starts.length === 0) return segments.map((s) => ({ ...s, match: false }))
  const inMatch = (pos: number) => starts.some((s) => pos >= s && pos < s + needle.length)
  // Cut points: every segment edge and every match edge.
  const cuts = new Set<number>([0, full.length])
  let offset = 0
  for (const s of segments) {
    cuts.add(offset)
    offset += s.text.length
  }
  for (const s of starts) {
    cuts.add(s)
    cuts.add(s + needle.length)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const out: MarkedSegment[] = []
  let segIndex = 0
  let segStart = 0
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]
    const to = points[i + 1]
    while (segIndex < segments.length && segStart + segments[segIndex].text.length <= from) {
      segStart += segments[segIndex].text.length
      segIndex++
    }
    const seg = segments[segIndex]
    if (!seg || from === to) continue
    out.push({ text: full.slice(from, to), style: seg.style, match: inMatch(from) })
  }
  return out
}
