// Light or dark: the user's choice, else the system's.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

export type ThemeName = 'light' | 'dark'
const KEY = 'taskforge.theme'

function systemTheme(): ThemeName {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

export const useTheme = defineStore('theme', () => {
  const saved = localStorage.getItem(KEY)
  const theme = ref<ThemeName>(saved === 'dark' || saved === 'light' ? saved : systemTheme())

  watch(
    theme,
    (t) => {
      document.documentElement.dataset.theme = t
      document.documentElement.style.colorScheme = t
    },
    { immediate: true },
  )

  function toggle() {
    theme.value = theme.value === 'dark' ? 'light' : 'dark'
    localStorage.setItem(KEY, theme.value)
  }

  return { theme, toggle }
})
