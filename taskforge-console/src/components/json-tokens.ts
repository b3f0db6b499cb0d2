export interface JsonToken {
  kind: 'key' | 'string' | 'number' | 'literal' | 'plain'
  text: string
}

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g

/** Splits pretty-printed JSON into coloured tokens; the texts joined give the input back. */
export function tokenizeJson(text: string): JsonToken[] {
  const out: JsonToken[] = []
  let last = 0
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0
    if (at > last) out.push({ kind: 'plain', text: text.slice(last, at) })
    if (m[1] !== undefined) {
      out.push({ kind: m[2] ? 'key' : 'string', text: m[1] })
      if (m[2]) out.push({ kind: 'plain', text: m[2] })
    } else if (m[3] !== undefined) {
      out.push({ kind: 'number', text: m[3] })
    } else {
      out.push({ kind: 'literal', text: m[4] })
    }
    last = at + m[0].length
  }
  if (last < text.length) out.push({ kind: 'plain', text: text.slice(last) })
  return out
}
