// The operations pages (queues, workers, monitor) speak both languages: every message exists in
// English and Chinese, and every literal key their code asks for resolves in both.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { common } from '@/i18n/common'
import { mergeMessages } from '@/i18n'
import monitor from './i18n'
import queues from '../queues/i18n'
import workers from '../workers/i18n'

type Tree = { [key: string]: unknown }
const AREAS = { monitor, queues, workers }

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? leaves(v as Tree, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

function lookup(tree: Tree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree)
}

describe('operations pages messages', () => {
  for (const [area, messages] of Object.entries(AREAS)) {
    it(`${area} has the same messages in English and Chinese`, () => {
      expect(leaves(messages['zh-CN'] as Tree).sort()).toEqual(leaves(messages.en as Tree).sort())
    })
  }

  it('every literal key the code uses exists in both languages', () => {
    const all = (locale: 'en' | 'zh-CN') => {
      const out = mergeMessages({}, common[locale] as Tree)
      for (const m of Object.values(AREAS)) mergeMessages(out, m[locale] as Tree)
      return out
    }
    const en = all('en')
    const zh = all('zh-CN')
    const missing: string[] = []
    let checked = 0
    for (const area of Object.keys(AREAS)) {
      const dir = join(__dirname, '..', area)
      for (const file of readdirSync(dir).filter((f) => /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts'))) {
        const source = readFileSync(join(dir, file), 'utf8')
        for (const match of source.matchAll(/\bt\('([a-zA-Z][\w.]*)'/g)) {
          const key = match[1]
          checked++
          if (typeof lookup(en, key) !== 'string' || typeof lookup(zh, key) !== 'string') missing.push(`${area}/${file}: ${key}`)
        }
      }
    }
    expect(missing).toEqual([])
    // The scan found the pages' keys (a broken pattern would pass vacuously).
    expect(checked).toBeGreaterThan(50)
  })
})
