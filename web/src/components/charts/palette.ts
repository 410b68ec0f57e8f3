// Element Plus's palette for the charts, so that they match the tags beside them (no ECharts import:
// pages that load their charts lazily may use it).
export const CHART_COLORS = {
  primary: '#409eff',
  success: '#67c23a',
  warning: '#e6a23c',
  danger: '#f56c6c',
  info: '#909399',
} as const
