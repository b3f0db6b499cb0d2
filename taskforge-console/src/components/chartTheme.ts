import { computed, type ComputedRef } from 'vue'
import { useTheme } from '@/stores/theme'

/** 'dark' in the dark theme (ECharts' built-in one), else the default. */
export function useChartTheme(): ComputedRef<string | undefined> {
  const theme = useTheme()
  return computed(() => (theme.theme === 'dark' ? 'dark' : undefined))
}
