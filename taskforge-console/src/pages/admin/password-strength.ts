// A hint of how hard a new password is to guess, shown while it is typed. The server only
// enforces 8 to 72 bytes (BCrypt reads no further); the hint nudges towards length and variety.

export const MIN_PASSWORD_CHARS = 8
export const MAX_PASSWORD_BYTES = 72

export type Strength = 'empty' | 'tooShort' | 'tooLong' | 'weak' | 'fair' | 'strong'

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/]

/** Whether the server will take it. */
export function passwordAcceptable(password: string): boolean {
  const s = passwordStrength(password)
  return s !== 'empty' && s !== 'tooShort' && s !== 'tooLong'
}

export function passwordStrength(password: string): Strength {
  if (!password) return 'empty'
  if ([...password].length < MIN_PASSWORD_CHARS) return 'tooShort'
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) return 'tooLong'
  const distinct = new Set(password).size
  // Repeats and runs ("aaaaaaaa", "12345678") add length but little to guess.
  if (distinct <= 3 || isRun(password)) return 'weak'
  const classes = CLASSES.filter((c) => c.test(password)).length
  let score = classes
  if (password.length >= 12) score++
  if (password.length >= 16) score++
  if (score >= 5) return 'strong'
  if (score >= 3) return 'fair'
  return 'weak'
}

function isRun(password: string): boolean {
  let up = true
  let down = true
  for (let i = 1; i < password.length; i++) {
    const d = password.charCodeAt(i) - password.charCodeAt(i - 1)
    if (d !== 1) up = false
    if (d !== -1) down = false
  }
  return up || down
}
