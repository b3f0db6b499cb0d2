import { describe, expect, it } from 'vitest'
import { passwordAcceptable, passwordStrength } from './password-strength'

describe('the password strength hint', () => {
  it('says what the server will refuse: under 8 characters or over 72 bytes', () => {
    expect(passwordStrength('')).toBe('empty')
    expect(passwordStrength('Ab1!xyz')).toBe('tooShort')
    // 25 three-byte characters are 75 bytes: BCrypt would ignore the end.
    expect(passwordStrength('密'.repeat(25))).toBe('tooLong')
    expect(passwordAcceptable('Ab1!xyz')).toBe(false)
    expect(passwordAcceptable('密'.repeat(24))).toBe(true)
  })

  it('counts characters, not UTF-16 units, for the minimum', () => {
    expect(passwordStrength('😀😀😀😀')).toBe('tooShort')
  })

  it('calls repeats and runs weak however long they are', () => {
    expect(passwordStrength('aaaaaaaaaaaaaaaa')).toBe('weak')
    expect(passwordStrength('12345678')).toBe('weak')
    expect(passwordStrength('hgfedcba')).toBe('weak')
  })

  it('rewards length and variety', () => {
    expect(passwordStrength('tractors')).toBe('weak')
    expect(passwordStrength('Tractor-9')).toBe('fair')
    expect(passwordStrength('Tractor-9-lantern-Blue')).toBe('strong')
  })
})
