// Validation of the 中止/恢复 and 终止 lists' query form.
import type { FormRules } from 'element-plus'

export const requestQueryRules: FormRules = {
  q: [{ max: 100, message: '关键字不能超过 100 个字符', trigger: 'blur' }],
}

/** 类型 of the 中止/恢复 list's query form. */
export const KIND_OPTIONS = [
  { value: 'suspend', label: '中止' },
  { value: 'resume', label: '恢复' },
] as const
