// ECharts, registered once with only the parts the console draws (a full import is ~1 MB).
// Pages: `import { VChart, useChartTheme } from '@/components/charts'`, then
// <VChart :option="..." :theme="chartTheme" autoresize />. A page whose charts are not its main
// content can load them after drawing: defineAsyncComponent(() => import('@/components/charts')
// .then((m) => m.VChart)), with useChartTheme from './chartTheme'.
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
export { useChartTheme } from './chartTheme'
