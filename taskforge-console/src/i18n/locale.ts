// Which language the console speaks: the user's choice, else the browser's.
export type Locale = 'en' | 'zh-CN'
export const LOCALES: readonly Locale[] = ['en', 'zh-CN']
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' }
const KEY = 'taskforge.locale'

/** zh, zh-CN, zh-Hans... read Chinese (simplified is the only Chinese offered); everything else English. */
export function localeFor(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const l = lang.toLowerCase()
    if (l.startsWith('zh')) return 'zh-CN'
    if (l.startsWith('en')) return 'en'
  }
  return 'en'
}

export function initialLocale(storage: Pick<Storage, 'getItem'> = localStorage, nav: Pick<Navigator, 'languages' | 'language'> = navigator): Locale {
  const saved = storage.getItem(KEY)
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale
  const languages = nav.languages?.length ? nav.languages : [nav.language]
  return localeFor(languages.filter(Boolean))
}

export function saveLocale(locale: Locale): void {
  localStorage.setItem(KEY, locale)
}
