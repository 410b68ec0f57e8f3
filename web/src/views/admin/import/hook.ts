// State and calls of 数据导入: registry (实名制/工程登记) and scoring-template imports.
// The file is sent unchanged; a 422 lists every problem and nothing has been written.
import { computed, ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import {
  importRegistry, importTemplate,
  type RegistryImportAnswer, type TemplateImportAnswer,
} from '@/api/registry'
import { ApiError } from '@/utils/request'
import { importFileProblem, jsonProblem } from './rule'

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
