// Display helpers shared by pages (numbers, empty values).

const areaFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 })

/** 52000.5 → "52,000.5"; missing → "—". */
export function formatArea(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? areaFormat.format(value) : '—'
}

/** Blank, null or undefined → "—". */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value)
}
