// Checks of a chosen import file before it is read or sent (the server validates the content).
import { MAX_XLSX_BYTES } from '@/api/registryImport'

/** Upper bound of a file we are willing to read in the browser. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024

/** Why the file cannot be imported, or null. */
export function importFileProblem(file: File): string | null {
  if (!/\.json$/i.test(file.name)) return '请选择 .json 格式的文件'
  if (file.size === 0) return '文件为空'
  if (file.size > MAX_IMPORT_BYTES) return `文件过大（超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB）`
  return null
}

/** Why the text is not JSON, or null. */
export function jsonProblem(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return '文件内容应为一个 JSON 对象'
    return null
  } catch {
    return '文件不是有效的 JSON，请检查文件内容（如缺少括号、引号或多余的逗号）'
  }
}

/** Why the workbook cannot be sent, or null (the server checks that it really is one). */
export function xlsxFileProblem(file: File): string | null {
  if (/\.xls$/i.test(file.name)) return '不支持 .xls 格式，请在 Excel 中另存为 .xlsx 工作簿后再选择'
  if (!/\.xlsx$/i.test(file.name)) return '请选择 .xlsx 格式的 Excel 工作簿（可先下载模板填写）'
  if (file.size === 0) return '文件为空'
  if (file.size > MAX_XLSX_BYTES) return `文件过大（超过 ${MAX_XLSX_BYTES / 1024 / 1024} MB），请拆分为多个工作簿分别导入`
  return null
}
