// ECharts, tree-shaken: only what the platform's charts use (bar charts with a threshold line), drawn as
// SVG. Pages import from here so that every chart registers the same pieces once. No tooltip component
// (about a tenth of the chunk): the charts label their bars and sit beside tables with the exact figures.
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

export type { ECharts }
