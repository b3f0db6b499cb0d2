// Checks JSON as the user types it, pointing at the line and column of the first mistake. The
// browser's JSON.parse decides validity; its messages do not say where (and differ by engine), so a
// small scanner of the JSON grammar finds the spot.

export type JsonMistake = 'unexpected' | 'end' | 'trailing'

export interface JsonProblem {
  /** 1-based. */
  line: number
  column: number
  /** What is wrong there: an unexpected character, an early end, or text after the value. */
  kind: JsonMistake
  /** The character found, for 'unexpected' and 'trailing'. */
  found: string
}

class Mistake {
  constructor(
    readonly at: number,
    readonly kind: JsonMistake,
  ) {}
}

/** Walks {@code s} as JSON and throws a Mistake at the first place the grammar breaks. */
function scan(s: string): void {
  let i = 0
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s[i])) i++
  }
  const fail = (): never => {
    throw new Mistake(i, i >= s.length ? 'end' : 'unexpected')
  }
  const expect = (c: string) => {
    if (s[i] !== c) fail()
    i++
  }
  const literal = (word: string) => {
    for (const c of word) expect(c)
  }
  const string = () => {
    expect('"')
    while (i < s.length && s[i] !== '"') {
      const c = s.charCodeAt(i)
      if (c < 0x20) fail()
      if (s[i] === '\\') {
        i++
        if (s[i] === 'u') {
          i++
          for (let k = 0; k < 4; k++) {
            if (!/[0-9a-fA-F]/.test(s[i] ?? '')) fail()
            i++
          }
          continue
        }
        if (!'"\\/bfnrt'.includes(s[i] ?? 'x') || i >= s.length) fail()
      }
      i++
    }
    expect('"')
  }
  const digits = () => {
    if (!/[0-9]/.test(s[i] ?? '')) fail()
    while (/[0-9]/.test(s[i] ?? '')) i++
  }
  const number = () => {
    if (s[i] === '-') i++
    if (s[i] === '0') i++
    else digits()
    if (s[i] === '.') {
      i++
      digits()
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++
      if (s[i] === '+' || s[i] === '-') i++
      digits()
    }
  }
  const value = (): void => {
    ws()
    const c = s[i]
    if (c === '{') {
      i++
      ws()
      if (s[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        string()
        ws()
        expect(':')
        value()
        ws()
        if (s[i] === ',') {
          i++
          continue
        }
        expect('}')
        return
      }
    }
    if (c === '[') {
      i++
      ws()
      if (s[i] === ']') {
        i++
        return
      }
      for (;;) {
        value()
        ws()
        if (s[i] === ',') {
          i++
          continue
        }
        expect(']')
        return
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    if (c === '-' || /[0-9]/.test(c ?? '')) return number()
    fail()
  }
  value()
  ws()
  if (i < s.length) throw new Mistake(i, 'trailing')
}

function position(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split('\n')
  return { line: lines.length, column: lines[lines.length - 1].length + 1 }
}

/** Null when {@code text} is valid JSON or blank (no payload); else where and what is wrong. */
export function jsonProblem(text: string): JsonProblem | null {
  if (text.trim() === '') return null
  try {
    JSON.parse(text)
    return null
  } catch {
    try {
      scan(text)
    } catch (e) {
      if (e instanceof Mistake) return { ...position(text, e.at), kind: e.kind, found: text[e.at] ?? '' }
      throw e
    }
    // The scanner is stricter nowhere and looser only in corners the parser knows better: blame the end.
    return { ...position(text, text.length), kind: 'end', found: '' }
  }
}
