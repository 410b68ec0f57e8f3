// One ECharts instance in a component's box: created on mount, redrawn whenever the option's reactive
// inputs change, resized with its box, disposed on unmount.
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'
import type { EChartsCoreOption } from 'echarts/core'
import { createChart, type ECharts } from '@/utils/echarts'

export function useChart(el: Ref<HTMLElement | undefined>, option: () => EChartsCoreOption) {
  let chart: ECharts | null = null
  let observer: ResizeObserver | null = null

  onMounted(() => {
    if (!el.value) return
    chart = createChart(el.value)
    chart.setOption(option(), { notMerge: true })
    observer = new ResizeObserver(() => chart?.resize())
    observer.observe(el.value)
  })

  watch(option, (next) => {
    chart?.setOption(next, { notMerge: true })
    // The box's height may follow the data: resize once it has been laid out.
    requestAnimationFrame(() => chart?.resize())
  })

  onBeforeUnmount(() => {
    observer?.disconnect()
    chart?.dispose()
    chart = null
  })
}
