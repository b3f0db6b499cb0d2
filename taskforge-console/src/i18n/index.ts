// All messages: the shared ones (common.ts) plus each page area's own i18n.ts, found by glob so a
// new area needs no change here. Each area puts its messages under its own top-level key.
import { createI18n } from 'vue-i18n'
import { common } from './common'
import { initialLocale, LOCALES, saveLocale, type Locale } from './locale'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- message trees are free-form
type Messages = { [key: string]: any }
export type AreaMessages = Partial<Record<Locale, Messages>>

const areas = import.meta.glob<{ default: AreaMessages }>('../pages/*/i18n.ts', { eager: true })

function isObject(v: unknown): v is Messages {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Deep merge: two areas that both add to a shared key (say `nav`) keep each other's entries. */
export function mergeMessages(target: Messages, source: Messages): Messages {
  for (const [key, value] of Object.entries(source)) {
    target[key] = isObject(value) && isObject(target[key]) ? mergeMessages({ ...(target[key] as Messages) }, value) : value
  }
  return target
}

function merged(locale: Locale): Messages {
  const out = mergeMessages({}, common[locale] as Messages)
  for (const mod of Object.values(areas)) mergeMessages(out, mod.default[locale] ?? {})
  return out
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: Object.fromEntries(LOCALES.map((l) => [l, merged(l)])) as Record<string, Messages>,
  missingWarn: false,
  fallbackWarn: false,
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  saveLocale(locale)
  document.documentElement.lang = locale
}

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}
