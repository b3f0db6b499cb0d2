// Tag colours: the server stores any #rrggbb; the console picks readable text for it.

const HEX = /^#([0-9a-f]{6})$/i

/** Black or white, whichever reads better on {@code background} (WCAG relative luminance). */
export function contrastText(background: string): '#000000' | '#ffffff' {
  const m = HEX.exec(background)
  if (!m) return '#000000'
  const channel = (i: number) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
  // Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05): equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff'
}

export function isColor(value: string | null | undefined): value is string {
  return typeof value === 'string' && HEX.test(value)
}

/** A few distinct colours offered for new tags. */
export const TAG_SWATCHES = ['#2563eb', '#16a34a', '#dc2626', '#d97706', '#9333ea', '#0891b2', '#db2777', '#4b5563']

/** The server's rule for tag names (letters, digits, spaces and . _ : / -; at most 50), checked before sending. */
export function tagNameProblem(name: string): 'required' | 'tooLong' | 'characters' | null {
  const n = name.trim()
  if (!n) return 'required'
  if (n.length > 50) return 'tooLong'
  return /^[\p{L}\p{N}][\p{L}\p{N} ._:/-]*$/u.test(n) ? null : 'characters'
}
