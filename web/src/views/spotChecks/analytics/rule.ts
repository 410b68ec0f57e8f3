// Validation of the 抽查比对分析 query: the threshold (符合率阈值) is a percentage, 0–100 with at most 2
// decimals, as the server takes it (422 otherwise).
import type { FormRules } from 'element-plus'

export const analyticsRules: FormRules = {
  threshold: [{
    trigger: 'change',
    validator: (_rule, value: number | null | undefined, callback) => {
      if (value === null || value === undefined) callback()
      else if (!Number.isFinite(value) || value < 0 || value > 100) callback(new Error('阈值应在 0 到 100 之间'))
      else if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) callback(new Error('阈值最多保留 2 位小数'))
      else callback()
    },
  }],
}

/** A threshold from the address ('' or not a number: the server's default). */
export function parseThreshold(text: string): number | null {
  if (!text.trim()) return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}
