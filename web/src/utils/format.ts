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

const shanghaiDateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
})

/** "2026-03-05T09:07:03.123+08:00" → "2026-03-05 09:07:03" (Shanghai time); unparsable → as given. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  // The server already speaks Shanghai time: show its wall clock without re-parsing.
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?\+08:00$/.exec(value)
  if (local) return `${local[1]} ${local[2]}`
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : shanghaiDateTime.format(date)
}

// Scores are the server's numbers, shown as they are: points may have up to 3 decimals (1.275);
// only the separators are a matter of display.
const pointsFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 3, useGrouping: false })

/** 应得分, 实得分, 扣分: 4 → "4", 1.275 → "1.275"; missing → "—". */
export function formatPoints(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? pointsFormat.format(value) : '—'
}

/** A monthly score (a percentage the server rounded to 2 decimals): 88.2 → "88.20"; missing → "—". */
export function formatScore(value: number | null | undefined): string {
  // toFixed(2) gives back exactly the 2-decimal number the server sent (it is the nearest double).
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : '—'
}

/** The date of an instant, in Shanghai: "2026-03-05T09:07:03+08:00" → "2026-03-05"; missing → "—". */
export function formatDate(value: string | null | undefined): string {
  const text = formatDateTime(value)
  return /^\d{4}-\d{2}-\d{2} /.test(text) ? text.slice(0, 10) : text
}
