import { describe, expect, it } from 'vitest'
import messages from './i18n'

function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('the administration messages', () => {
  it('say everything in both languages', () => {
    expect(keys(messages['zh-CN']).sort()).toEqual(keys(messages.en).sort())
  })

  it('use no characters vue-i18n would read as syntax', () => {
    // '|' separates plural forms and '@' starts a linked message: either would garble a text.
    const texts = [messages.en, messages['zh-CN']].flatMap((m) => JSON.stringify(m).match(/"[^"]*"/g) ?? [])
    expect(texts.filter((s) => s.includes('|') || /@[.:]/.test(s))).toEqual([])
  })
})
