import { describe, expect, it } from 'vitest'
import { initialLocale, localeFor } from './locale'

const storage = (value: string | null) => ({ getItem: () => value })
const browser = (...languages: string[]) => ({ languages, language: languages[0] ?? '' })

describe('the console language', () => {
  it('reads any Chinese browser language as simplified Chinese', () => {
    expect(localeFor(['zh'])).toBe('zh-CN')
    expect(localeFor(['zh-TW', 'en'])).toBe('zh-CN')
    expect(localeFor(['ZH-hans-CN'])).toBe('zh-CN')
  })

  it('falls back to English for every other language', () => {
    expect(localeFor(['de-DE', 'fr'])).toBe('en')
    expect(localeFor([])).toBe('en')
  })

  it('takes the first language the console speaks, in the browser order', () => {
    expect(localeFor(['de', 'en-GB', 'zh-CN'])).toBe('en')
    expect(localeFor(['fr', 'zh-CN', 'en'])).toBe('zh-CN')
  })

  it('prefers the language the user chose over the browser', () => {
    expect(initialLocale(storage('zh-CN'), browser('en-US'))).toBe('zh-CN')
    expect(initialLocale(storage('en'), browser('zh-CN'))).toBe('en')
  })

  it('ignores a stored choice it does not know', () => {
    expect(initialLocale(storage('klingon'), browser('zh-CN'))).toBe('zh-CN')
    expect(initialLocale(storage(null), browser('en-US'))).toBe('en')
  })
})
