// Line diff of two texts (longest common subsequence), for comparing script versions.

export interface DiffLine {
  kind: 'same' | 'added' | 'removed'
  text: string
  /** Line numbers in the old and the new text (1-based), where the line is in them. */
  oldLine: number | null
  newLine: number | null
}

/** Above this many cells the table would be too big for a browser: the middle is shown replaced whole. */
const MAX_CELLS = 4_000_000

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = oldText.split('\n')
  const b = newText.split('\n')
  // Common head and tail need no table.
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const out: DiffLine[] = []
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i], oldLine: i + 1, newLine: i + 1 })
  const am = a.slice(head, a.length - tail)
  const bm = b.slice(head, b.length - tail)
  const n = am.length
  const m = bm.length
  if (n * m > MAX_CELLS) {
    am.forEach((text, i) => out.push({ kind: 'removed', text, oldLine: head + i + 1, newLine: null }))
    bm.forEach((text, j) => out.push({ kind: 'added', text, oldLine: null, newLine: head + j + 1 }))
  } else {
    // lcs[i][j]: length of the longest common subsequence of am[i..] and bm[j..]
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
    }
    let i = 0
    let j = 0
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        out.push({ kind: 'same', text: am[i], oldLine: head + i + 1, newLine: head + j + 1 })
        i++
        j++
      } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // On a tie the old line goes first: a changed line reads as removed, then added.
        out.push({ kind: 'removed', text: am[i], oldLine: head + i + 1, newLine: null })
        i++
      } else {
        out.push({ kind: 'added', text: bm[j], oldLine: null, newLine: head + j + 1 })
        j++
      }
    }
  }
  for (let k = 0; k < tail; k++) {
    out.push({ kind: 'same', text: a[a.length - tail + k], oldLine: a.length - tail + k + 1, newLine: b.length - tail + k + 1 })
  }
  return out
}
