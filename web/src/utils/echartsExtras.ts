// The dashboards' chart pieces on top of utils/echarts: score trends as lines, shares as pies, with a legend
// and a tooltip. Imported only by the components that draw them, so that the bar-only pages (抽查比对分析,
// 逾期评价) do not load them.
import { use, type ComposeOption } from 'echarts/core'
import { LineChart, PieChart, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts'
import {
  GridSimpleComponent, LegendComponent, TooltipComponent,
  type GridComponentOption, type LegendComponentOption, type TooltipComponentOption,
} from 'echarts/components'

use([LineChart, PieChart, GridSimpleComponent, LegendComponent, TooltipComponent])

export type LineChartOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>
export type PieChartOption = ComposeOption<PieSeriesOption | LegendComponentOption | TooltipComponentOption>
