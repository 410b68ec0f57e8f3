// State and calls of 数据导入: the registry (实名制/工程登记) from an Excel workbook (previewed, then imported) or
// from JSON, and the scoring templates. The file is sent unchanged; a 422 lists every problem and nothing has
// been written.
import { computed, ref, shallowRef } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import {
  importRegistry, importTemplate,
  type RegistryImportAnswer, type TemplateImportAnswer,
} from '@/api/registry'
import {
  downloadRegistryTemplate, importRegistryXlsx, previewRegistryXlsx, xlsxProblems,
  type RegistryCounts, type RegistryKind, type RegistryXlsxPreview, type XlsxProblem,
} from '@/api/registryImport'
import { confirmAction } from '@/utils/actions'
import { ApiError } from '@/utils/request'
import { importFileProblem, jsonProblem, xlsxFileProblem } from './rule'

export interface SummaryRow {
  label: string
  value: string | number
}

export interface ImportKind {
  key: 'registry' | 'template'
  title: string
  description: string
  confirm: (fileName: string) => string
  send: (text: string) => Promise<SummaryRow[]>
}

export const IMPORT_KINDS: ImportKind[] = [
  {
    key: 'registry',
    title: '实名制/工程登记数据导入',
    description:
      '导入监督机构、企业、实名制人员、工程和合同登记数据（JSON）。按自然键新增或更新；文件中任何一条记录有误，整个文件不导入。',
    confirm: (name) =>
      `将导入「${name}」中的登记数据，按监督机构代码、统一社会信用代码、身份证号、报监编号、合同信息报编号新增或更新现有数据，导入后不可撤销。确定导入吗？`,
    send: async (text) => {
      const { counts }: RegistryImportAnswer = await importRegistry(text)
      return [
        { label: '监督机构', value: counts.authorities },
        { label: '企业', value: counts.enterprises },
        { label: '实名制人员', value: counts.persons },
        { label: '工程', value: counts.projects },
        { label: '合同', value: counts.contracts },
      ]
    },
  },
  {
    key: 'template',
    title: '评分标准导入',
    description:
      '导入月度评价打分表的评分标准（JSON，含检查项目、分项和条文）。导入后成为当前评分标准；已受理的申报继续使用受理时的版本。',
    confirm: (name) => `将导入「${name}」中的评分标准，并作为此后受理的申报所用的当前版本，导入后不可撤销。确定导入吗？`,
    send: async (text) => {
      const answer: TemplateImportAnswer = await importTemplate(text)
      return [
        { label: '评分标准编号', value: answer.code },
        ...(answer.name ? [{ label: '名称', value: answer.name }] : []),
        { label: '版本', value: answer.unchanged ? `${answer.version}（与已载入的版本相同，未重复导入）` : answer.version },
        { label: '检查项目', value: answer.check_items },
        { label: '分项', value: answer.sub_items },
        { label: '条文', value: answer.clauses },
      ]
    },
  },
]

export const PROBLEM_PAGE_SIZE = 20

export function useImport(kind: ImportKind) {
  const file = ref<File | null>(null)
  const fileError = ref('')
  const importing = ref(false)
  const summary = ref<SummaryRow[] | null>(null)
  const problems = ref<{ path: string; reason: string }[]>([])
  /** A failure without a problem list (e.g. 413, 403, a lost connection). */
  const failure = ref('')
  const problemPage = ref(1)
  /** A readable, well-formed file has been chosen. */
  const ready = ref(false)
  const pagedProblems = computed(() =>
    problems.value.slice((problemPage.value - 1) * PROBLEM_PAGE_SIZE, problemPage.value * PROBLEM_PAGE_SIZE),
  )

  function clearOutcome() {
    summary.value = null
    problems.value = []
    failure.value = ''
    problemPage.value = 1
  }

  let text = ''
  let readSeq = 0

  /** Takes the chosen file and checks it at once (type, size, JSON syntax), before any confirm. */
  async function choose(raw: File | null) {
    const seq = ++readSeq
    clearOutcome()
    file.value = raw
    text = ''
    ready.value = false
    fileError.value = raw ? importFileProblem(raw) ?? '' : ''
    if (!raw || fileError.value) return
    try {
      const content = await raw.text()
      if (seq !== readSeq) return // another file was chosen meanwhile
      fileError.value = jsonProblem(content) ?? ''
      text = fileError.value ? '' : content
      ready.value = text !== ''
    } catch {
      if (seq === readSeq) fileError.value = '读取文件失败'
    }
  }

  async function run() {
    const chosen = file.value
    if (!chosen || fileError.value || !text) return
    try {
      await ElMessageBox.confirm(kind.confirm(chosen.name), '确认导入', {
        type: 'warning', confirmButtonText: '导入', cancelButtonText: '取消',
      })
    } catch {
      return
    }
    clearOutcome()
    importing.value = true
    try {
      summary.value = await kind.send(text)
      ElMessage.success('导入成功')
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        // The import is one transaction: a refused file has written nothing.
        problems.value = e.details.problems ?? []
        failure.value = problems.value.length ? '' : `${e.message}，未写入任何数据。`
      } else {
        // Shown by the request module too; kept here beside the card.
        failure.value = e instanceof ApiError ? e.message : '导入失败，请稍后重试'
      }
    } finally {
      importing.value = false
    }
  }

  return { ready, fileError, importing, summary, problems, pagedProblems, problemPage, failure, choose, run }
}

// ── Excel 导入 ──────────────────────────────────────────────────────────────────────────────────────

/** The kinds of the workbook, in its sheets' order, each named as its sheet is. */
export const REGISTRY_KINDS: readonly { key: RegistryKind; label: string }[] = [
  { key: 'authorities', label: '监督机构' },
  { key: 'enterprises', label: '企业' },
  { key: 'persons', label: '人员' },
  { key: 'projects', label: '工程' },
  { key: 'contracts', label: '合同' },
]

/** The template's sheets in order: problems are listed sheet by sheet as the workbook shows them. */
const SHEET_ORDER = ['说明', ...REGISTRY_KINDS.map((k) => k.label)]

function sheetRank(sheet: string): number {
  const i = SHEET_ORDER.indexOf(sheet)
  return i < 0 ? SHEET_ORDER.length : i
}

// Column letters compare by length first (Z before AA).
function columnRank(column: string | null): [number, string] {
  return column ? [column.length, column] : [0, '']
}

/** Sheet by sheet, then row by row (a problem of the whole sheet first), then column; otherwise the server's order. */
export function sortProblems(problems: XlsxProblem[]): XlsxProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => {
      const bySheet = sheetRank(a.p.sheet) - sheetRank(b.p.sheet) || a.p.sheet.localeCompare(b.p.sheet, 'zh-CN')
      if (bySheet) return bySheet
      const byRow = (a.p.row ?? 0) - (b.p.row ?? 0)
      if (byRow) return byRow
      const [la, ca] = columnRank(a.p.column)
      const [lb, cb] = columnRank(b.p.column)
      return la - lb || (ca < cb ? -1 : ca > cb ? 1 : 0) || a.i - b.i
    })
    .map(({ p }) => p)
}

/** One line of the preview's table: 类别 · 文件中的记录 · 新增 · 更新或不变. */
export interface PreviewRow {
  label: string
  total: number
  created: number
  existing: number
}

export function previewRows(preview: Pick<RegistryXlsxPreview, 'counts' | 'created'>): PreviewRow[] {
  return REGISTRY_KINDS.map(({ key, label }) => {
    const total = preview.counts[key] ?? 0
    const created = Math.min(preview.created[key] ?? 0, total)
    return { label, total, created, existing: total - created }
  })
}

/** The counts in words, kinds without records left out: 企业 1 条、人员 2 条. */
export function countsText(counts: RegistryCounts): string {
  const parts = REGISTRY_KINDS.filter(({ key }) => counts[key] > 0).map(({ key, label }) => `${label} ${counts[key]} 条`)
  return parts.length ? parts.join('、') : '没有记录'
}

/** 12.3 KB, 4.5 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function totalOf(counts: RegistryCounts): number {
  return REGISTRY_KINDS.reduce((sum, { key }) => sum + (counts[key] ?? 0), 0)
}

/**
 * Excel 导入: 下载模板; choose a workbook (checked at once: .xlsx, not empty, at most 64 MB); 预览 sends it to be
 * checked in full (nothing written) and shows the records per kind, or every problem; 确认导入 (confirmed, naming
 * the counts) is possible only after a clean preview of the same file, and writes it in one transaction.
 */
export function useRegistryXlsx() {
  const file = shallowRef<File | null>(null)
  const fileError = ref('')
  const downloading = ref(false)
  const previewing = ref(false)
  const importing = ref(false)
  /** The last clean preview, and the file it is of. */
  const preview = shallowRef<RegistryXlsxPreview | null>(null)
  const previewedFile = shallowRef<File | null>(null)
  /** What the import wrote. */
  const imported = shallowRef<RegistryCounts | null>(null)
  /** The refused workbook's problems, sorted, and the server's message (共 N 处). */
  const problems = shallowRef<XlsxProblem[]>([])
  const problemMessage = ref('')
  /** A refusal without a list of problems (not a workbook, too large, a lost connection). */
  const failure = ref('')
  const problemPage = ref(1)

  const pagedProblems = computed(() =>
    problems.value.slice((problemPage.value - 1) * PROBLEM_PAGE_SIZE, problemPage.value * PROBLEM_PAGE_SIZE),
  )
  const rows = computed(() => (preview.value ? previewRows(preview.value) : []))
  const canPreview = computed(() => Boolean(file.value) && !fileError.value && !previewing.value && !importing.value)
  /** Only a clean preview of the chosen file opens the import, and only once. */
  const canImport = computed(
    () => Boolean(preview.value) && previewedFile.value === file.value && !imported.value && !previewing.value,
  )

  function clearOutcome() {
    preview.value = null
    previewedFile.value = null
    imported.value = null
    problems.value = []
    problemMessage.value = ''
    failure.value = ''
    problemPage.value = 1
  }

  function choose(raw: File | null) {
    clearOutcome()
    file.value = raw
    fileError.value = raw ? xlsxFileProblem(raw) ?? '' : ''
  }

  async function downloadTemplate() {
    downloading.value = true
    try {
      await downloadRegistryTemplate()
    } catch {
      // shown by the request module
    } finally {
      downloading.value = false
    }
  }

  /** A refusal of the preview or the import, shown in the card. */
  function refused(error: unknown) {
    if (error instanceof ApiError && error.status === 422) {
      const list = xlsxProblems(error)
      problems.value = sortProblems(list)
      problemMessage.value = list.length ? error.message : ''
      failure.value = list.length ? '' : `${error.message}，未写入任何数据。`
    } else if (error instanceof ApiError && error.status === 413) {
      failure.value = `文件过大（服务器最多接受 64 MB），未写入任何数据。`
    } else {
      failure.value = error instanceof ApiError ? error.message : '操作失败，请稍后重试'
    }
  }

  async function runPreview() {
    const chosen = file.value
    if (!chosen || fileError.value) return
    clearOutcome()
    previewing.value = true
    try {
      const answer = await previewRegistryXlsx(chosen)
      // Another file chosen meanwhile: this answer is not about it.
      if (file.value !== chosen) return
      preview.value = answer
      previewedFile.value = chosen
    } catch (error) {
      if (file.value === chosen) refused(error)
    } finally {
      previewing.value = false
    }
  }

  async function runImport() {
    const chosen = file.value
    const checked = preview.value
    if (!chosen || !checked || !canImport.value) return
    const question =
      `将导入「${chosen.name}」中的 ${totalOf(checked.counts)} 条登记记录：${countsText(checked.counts)}；` +
      `其中新增 ${totalOf(checked.created)} 条，其余按机构编码、统一社会信用代码、身份证号、报监编号、合同信息报编号更新现有数据。` +
      '导入后不可撤销，确定导入吗？'
    if (!(await confirmAction(question, '确认导入'))) return
    importing.value = true
    try {
      const answer = await importRegistryXlsx(chosen)
      imported.value = answer.counts
      ElMessage.success(`导入成功：${countsText(answer.counts)}`)
    } catch (error) {
      // The data may have changed since the preview: what is wrong now is listed, and nothing was written.
      preview.value = null
      previewedFile.value = null
      refused(error)
    } finally {
      importing.value = false
    }
  }

  return {
    file, fileError, downloading, previewing, importing, preview, rows, imported, problems, pagedProblems,
    problemMessage, problemPage, failure, canPreview, canImport, choose, downloadTemplate, runPreview, runImport,
  }
}
