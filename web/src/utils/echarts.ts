// ECharts, tree-shaken: only what the platform's bar charts use (bars with a threshold line), drawn as SVG.
// Pages import from here (or the components in components/charts) so that every chart registers the same
// pieces once, and only chart pages load it. No tooltip component here (about a tenth of the chunk): the
// bars are labelled with their values. The dashboards' lines, pies, legend and tooltip are registered by
// utils/echartsExtras, which only the components drawing them import.
import { init, use, type ComposeOption, type ECharts } from 'echarts/core'
import { BarChart, type BarSeriesOption } from 'echarts/charts'
import {
  GridSimpleComponent, MarkLineComponent, type GridComponentOption, type MarkLineComponentOption,
} from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

use([BarChart, GridSimpleComponent, MarkLineComponent, SVGRenderer])

export type BarChartOption = ComposeOption<BarSeriesOption | GridComponentOption | MarkLineComponentOption>

/** A chart in `el`, drawn as SVG (crisp when printed, and its texts are in the page). */
export function createChart(el: HTMLElement): ECharts {
  return init(el, undefined, { renderer: 'svg' })
}

export { CHART_COLORS } from '@/components/charts/palette'
export type { ECharts }
