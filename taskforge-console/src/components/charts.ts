// ECharts, registered once with only the parts the console draws (a full import is ~1 MB).
// Pages: `import { VChart, useChartTheme } from '@/components/charts'`, then
// <VChart :option="..." :theme="chartTheme" autoresize />.
import { computed, type ComputedRef } from 'vue'
import { use } from 'echarts/core'
import { BarChart, GaugeChart, LineChart, PieChart } from 'echarts/charts'
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import VChart from 'vue-echarts'
import { useTheme } from '@/stores/theme'

use([
  CanvasRenderer,
  LineChart,
  BarChart,
  PieChart,
  GaugeChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DataZoomComponent,
  MarkLineComponent,
])

export { VChart }

/** 'dark' in the dark theme (ECharts' built-in one), else the default. */
export function useChartTheme(): ComputedRef<string | undefined> {
  const theme = useTheme()
  return computed(() => (theme.theme === 'dark' ? 'dark' : undefined))
}
