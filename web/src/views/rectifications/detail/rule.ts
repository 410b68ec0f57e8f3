// Validation of the steps on one order: 整改回复 (every open item's measure), 监理确认 (同意/不同意, the opinion
// when 不同意), 复查 (every open item 通过/不通过, the note when 不通过, a new deadline after today when any is
// 不通过). The server checks the same and answers 422 per field (`items[0].measure`, `opinion`, `deadline`).
import { shanghaiToday } from '@/utils/date'

export const MAX_MEASURE_LENGTH = 1000
export const MAX_NOTE_LENGTH = 500
export const MAX_OPINION_LENGTH = 500

function text(value: string | undefined): string {
  return (value ?? '').trim()
}

export function measureError(measure: string | undefined): string {
  const t = text(measure)
  if (!t) return '请填写整改措施'
  if (t.length > MAX_MEASURE_LENGTH) return `整改措施不能超过 ${MAX_MEASURE_LENGTH} 个字符`
  return ''
}

export function passedError(passed: boolean | undefined): string {
  return passed === undefined ? '请选择复查结果' : ''
}

export function noteError(passed: boolean | undefined, note: string | undefined): string {
  const t = text(note)
  if (passed === false && !t) return '复查不通过时请说明原因'
  if (t.length > MAX_NOTE_LENGTH) return `复查意见不能超过 ${MAX_NOTE_LENGTH} 个字符`
  return ''
}

export function deadlineError(deadline: string): string {
  if (!deadline) return '请选择新的整改期限'
  if (deadline <= shanghaiToday()) return '整改期限须晚于今天'
  return ''
}

export function agreeError(agree: boolean | undefined): string {
  return agree === undefined ? '请选择确认意见' : ''
}

export function opinionError(agree: boolean | undefined, opinion: string): string {
  const t = text(opinion)
  if (agree === false && !t) return '不同意时请填写意见，说明需继续整改的内容'
  if (t.length > MAX_OPINION_LENGTH) return `意见不能超过 ${MAX_OPINION_LENGTH} 个字符`
  return ''
}

/** The server's 422 field of a per-item list (`items[2].measure`) → the index and the item's field. */
export function itemOfField(field: string): { index: number; field: string } | null {
  const match = /^(?:\$\.)?items\[(\d+)\]\.?(\w*)$/.exec(field)
  return match ? { index: Number(match[1]), field: match[2] } : null
}
