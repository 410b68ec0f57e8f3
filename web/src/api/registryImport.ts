// Registry import from Excel (系统管理员): the template workbook (说明, 监督机构, 企业, 人员, 工程, 合同), a filled
// workbook previewed (checked in full, nothing written) and imported (one transaction, audited). The workbook goes
// as the raw body with the .xlsx content type; a 422 names every problem with its sheet, row and column.
import { ApiError, request, type RequestOptions } from '@/utils/request'
import { downloadFile } from '@/utils/file'

/** The workbook's content type; the server answers 415 to any other. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The largest workbook the server accepts (413 past it). */
export const MAX_XLSX_BYTES = 64 * 1024 * 1024

/** The record kinds of the workbook, one sheet each, in the template's order. */
export type RegistryKind = 'authorities' | 'enterprises' | 'persons' | 'projects' | 'contracts'

export type RegistryCounts = Record<RegistryKind, number>

/** 预览: the records the workbook names (`counts`) and how many of them are new (`created`); nothing written. */
export interface RegistryXlsxPreview {
  preview: true
  counts: RegistryCounts
  created: RegistryCounts
}

/** 导入: the records written (new, updated or unchanged). */
export interface RegistryXlsxAnswer {
  counts: RegistryCounts
}

/** One problem of a refused workbook. */
export interface XlsxProblem {
  /** 工作表 (监督机构, 企业, …). */
  sheet: string
  /** The Excel row number (the header is row 1); null for a problem of the sheet (a missing sheet or column). */
  row: number | null
  /** The column letter, or null for a problem of the whole row or sheet. */
  column: string | null
  /** The column's header without its star, '' when none. */
  header: string
  /** The problem's place in words: 人员 第 5 行 C 列（手机号）. */
  where: string
  reason: string
}

/** 下载模板: saves the template workbook. */
export function downloadRegistryTemplate() {
  return downloadFile('/api/admin/registry/template.xlsx', {}, '登记数据导入模板.xlsx')
}

// The file itself is the body, always with the workbook's type (a browser may give an .xlsx no type, or another).
function sendWorkbook<T>(file: Blob, options: RequestOptions) {
  return request<T>('POST', '/api/admin/registry.xlsx', {
    timeout: 300_000, handled: [413, 415, 422], ...options, binary: { body: file, type: XLSX_TYPE },
  })
}

/** 预览: checks the whole workbook; the caller shows 413, 415 and 422 (see xlsxProblems) itself. */
export function previewRegistryXlsx(file: Blob) {
  return sendWorkbook<RegistryXlsxPreview>(file, { params: { preview: true } })
}

/** 导入: writes the workbook's records in one transaction; refused as the preview is. */
export function importRegistryXlsx(file: Blob) {
  return sendWorkbook<RegistryXlsxAnswer>(file, {})
}

function isXlsxProblem(value: unknown): value is XlsxProblem {
  if (!value || typeof value !== 'object') return false
  const p = value as Record<string, unknown>
  return typeof p.sheet === 'string' && typeof p.where === 'string' && typeof p.reason === 'string'
}

/** A 422's problems of the workbook ([] when the refusal names none, e.g. a file that is no .xlsx). */
export function xlsxProblems(error: ApiError): XlsxProblem[] {
  const list: unknown = error.details.problems
  if (!Array.isArray(list)) return []
  return list.filter(isXlsxProblem).map((p) => ({
    sheet: p.sheet,
    row: typeof p.row === 'number' ? p.row : null,
    column: typeof p.column === 'string' && p.column ? p.column : null,
    header: typeof p.header === 'string' ? p.header : '',
    where: p.where,
    reason: p.reason,
  }))
}
