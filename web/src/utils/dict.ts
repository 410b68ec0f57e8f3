// The client's one dictionary. The workflows' state labels and tag colours, the roles', grades', lateness'
// and to-do kinds' names come from the server (GET /api/dictionary, read once before the app mounts and kept
// in localStorage, see loadDictionary); what is not workflow data stays here: Shanghai's districts, contract
// kinds, login methods, the audit log's names, the setup stages. Records also carry their `status_label`.
import { getDictionary, type Dictionary, type DictionaryState, type DictionaryTag, type OccurrenceRule } from '@/api/dictionary'

export type Role =
  | 'contractor' | 'supervisor' | 'site_contractor' | 'site_supervisor' | 'authority'
  | 'admin' | 'security_admin' | 'auditor'

/** The roles' codes (what the client decides with); their names come with the dictionary (roleLabel). */
export const ALL_ROLES: readonly Role[] = [
  'contractor', 'supervisor', 'site_contractor', 'site_supervisor', 'authority', 'admin', 'security_admin', 'auditor',
]

/** The roles of the platform's work (SPEC §1): the security administrator and the auditor do none of it. */
export const WORK_ROLES: readonly Role[] = ALL_ROLES.filter((r) => r !== 'security_admin' && r !== 'auditor')

/** Password accounts (监督机构 and the three administrators): second factor, password expiry, 账号安全. */
export const ACCOUNT_ROLES: readonly Role[] = ['authority', 'admin', 'security_admin', 'auditor']

export function isAccountRole(role: string | undefined | null): boolean {
  return (ACCOUNT_ROLES as readonly string[]).includes(role ?? '')
}

export function roleLabel(role: string): string {
  return loaded.roles.get(role) ?? role
}

export function isSiteRole(role: string | undefined | null): boolean {
  return role === 'site_contractor' || role === 'site_supervisor'
}

/** Shanghai's 16 districts, in the city's official order. */
export const SHANGHAI_DISTRICTS = [
  '黄浦区', '徐汇区', '长宁区', '静安区', '普陀区', '虹口区', '杨浦区', '闵行区',
  '宝山区', '嘉定区', '浦东新区', '金山区', '松江区', '青浦区', '奉贤区', '崇明区',
] as const

export type ContractKind = 'general' | 'supervision'

export const CONTRACT_KIND_LABELS: Record<ContractKind, string> = {
  general: '施工总包合同',
  supervision: '监理合同',
}

/**
 * 整改指令单's kinds (the records carry `kind_label`; these serve the query form and the issue dialog, which have
 * no record yet). 停工整改 is always shown red.
 */
export type RectificationKindCode = 'rectify' | 'stop_work'

export const RECTIFICATION_KIND_OPTIONS: readonly { value: RectificationKindCode; label: string }[] = [
  { value: 'rectify', label: '限期整改' },
  { value: 'stop_work', label: '停工整改' },
]

export function rectificationKindTag(kind: string | null | undefined): TagType {
  return kind === 'stop_work' ? 'danger' : 'primary'
}

/** An order's state colour: the dictionary's, but red while 逾期未整改 (issued past its deadline). */
export function rectificationStatusTag(status: string | null | undefined, overdue: boolean): TagType {
  return overdue ? 'danger' : statusTag('rectification', status)
}

/** The two request workflows one set of pages serves (中止/恢复 and 终止); the menu names them too. */
export type RequestWorkflowKey = 'suspension' | 'termination'

/** Element Plus tag types. */
export type TagType = DictionaryTag

export interface StatusEntry {
  label: string
  tag: TagType
}

/** 抽查状态 of a month that has no spot-check yet (not a state of the spot-check workflow). */
export const SPOT_CHECK_NONE: StatusEntry = { label: '未抽查', tag: 'info' }

/** Grades (SPEC §3.4): 优良 ≥ 80, 合格 70–79.99, 不合格 < 70 by default; the server suggests one. */
export type Grade = 'excellent' | 'qualified' | 'unqualified'

/** The conclusions an authority may register, best first (radio options). */
export function gradeOptions(): { value: Grade; label: string }[] {
  return [...(loaded.tables.get(GRADE_TABLE) ?? [])].map(([value, entry]) => ({ value: value as Grade, label: entry.label }))
}

export function gradeLabel(grade: string | null | undefined): string {
  return (grade && entryOf(GRADE_TABLE, grade)?.label) || ''
}

/** 竣工复核's opinion (同意/不同意). */
export const REVIEW_AGREE_LABELS = { true: '同意', false: '不同意' } as const

export function agreeLabel(agree: boolean): string {
  return agree ? REVIEW_AGREE_LABELS.true : REVIEW_AGREE_LABELS.false
}

/** 月度评价: the two sheets of a month (自评 by the contractor, 复核 by the site supervisor). */
export const SHEET_LABELS = { self: '自评', review: '复核' } as const

/** A 中止 or 恢复 request's state as its kind names it (已中止待复核 / 已中止恢复待复核 …). */
export function suspensionStatus(kind: 'suspend' | 'resume', status: string): StatusEntry | undefined {
  return entryOf(kind === 'resume' ? 'resumption' : 'suspension', status)
}

/**
 * Tag colour for a record's state in `workflow` (a key of the dictionary's workflows, or 'grade'); the label
 * shown should be the record's `status_label`.
 */
export function statusTag(workflow: string, status: string | null | undefined): TagType {
  return (status && entryOf(workflow, status)?.tag) || 'info'
}

/** A state's label in `workflow` (the quick filters name the states they select). */
export function statusLabel(workflow: string, status: string): string {
  return entryOf(workflow, status)?.label ?? status
}

/**
 * A workflow's states in order, as options of a query form's 状态 select. The 中止/恢复 list's filter uses
 * 'request', the labels that hold for both kinds.
 */
export function statusOptions(workflow: string): { value: string; label: string }[] {
  return [...(loaded.tables.get(workflow) ?? [])].map(([value, entry]) => ({ value, label: entry.label }))
}

/** 质量目标 offered by the declaration form (free text is allowed too). */
export const QUALITY_TARGETS = ['合格', '优良', '市级优质结构', '白玉兰奖'] as const

/** 登录日志: how the user tried to sign in. */
/** The login methods in the server's words (api::login_method_label), in the 登录方式 filter's order. */
export const LOGIN_METHOD_LABELS = {
  password: '账号密码',
  certificate: '企业数字证书',
  sms: '短信验证码',
  second_factor: '动态口令',
  logout: '退出登录',
} as const

export function loginMethodLabel(method: string): string {
  return (LOGIN_METHOD_LABELS as Record<string, string>)[method] ?? method
}

/** 登录日志's 结果 filter. */
export const LOGIN_RESULT_OPTIONS = [
  { value: 'true', label: '成功' },
  { value: 'false', label: '失败' },
] as const

/** What a password login still has to do before its session is whole (`me.setup`), in the order they come. */
export type SetupStage = 'second_factor' | 'change_password' | 'enrol_second_factor'

export const SETUP_STAGE_LABELS: Record<SetupStage, string> = {
  second_factor: '身份验证',
  change_password: '修改密码',
  enrol_second_factor: '绑定身份验证器',
}

/** Why a password must be changed before going on (`me.setup` = change_password). */
export type PasswordChangeReason = 'initial' | 'reset' | 'expired'

export const PASSWORD_CHANGE_REASON_LABELS: Record<PasswordChangeReason, string> = {
  initial: '初始密码',
  reset: '重置密码',
  expired: '密码已过期',
}

/**
 * 审计日志's 对象 filter: the audited entities. The audit-log answer carries codes only (see the report on
 * docs/account-security-api.md); these names are the ones the declaration's history uses for the same codes.
 */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  declaration: '申报',
  monthly_evaluation: '月度评价',
  quarterly_registration: '季度评价',
  completion: '竣工评价',
  suspension: '中止',
  resumption: '恢复',
  termination: '终止',
  spot_check: '抽查比对',
  rectification: '整改',
  account: '账号',
  session: '会话',
  registry: '登记数据',
  template: '评分标准',
  audit_log: '审计日志',
  login_log: '登录日志',
}

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity
}

/**
 * 审计日志's 操作 of the accounts, the logs and the registry (the workflow actions' names belong to each workflow
 * and come with the declaration's history; in this list they show as their codes).
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create_or_reset: '新增或重置账号',
  change_password: '修改密码',
  reset_password: '重置密码',
  unlock: '解锁',
  reset_second_factor: '重置第二因素',
  end_sessions: '结束会话',
  enrol_second_factor: '绑定身份验证器',
  use_recovery_code: '使用恢复码',
  choose_contract: '选择合同',
  read: '查询',
  import: '导入',
  load: '加载',
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}

/** 待办: the kind of a to-do item (`kind` of GET /api/tasks), as the inbox's filter names it. */
export function taskKindLabel(kind: string): string {
  return loaded.taskKinds.get(kind) ?? kind
}

/** 逾期类型 of a month (the server labels each; these serve the query form and the tag colours). */
export function latenessOptions(): { value: string; label: string }[] {
  return [...loaded.lateness].map(([value, entry]) => ({ value, label: entry.label }))
}

export function latenessTag(lateness: string | null | undefined): TagType {
  return (lateness && loaded.lateness.get(lateness)?.tag) || 'danger'
}

// ── The dictionary's data ─────────────────────────────────────────────────────────────────────────────────

/** The grades' table among the workflows' (StatusTag workflow="grade"). */
const GRADE_TABLE = 'grade'
/** The last good dictionary, kept for a start-up whose fetch fails. */
const STORAGE_KEY = 'qsm.dictionary'
/** With a kept copy to fall back on, the start-up waits less for the server. */
const TIMEOUT_WITH_COPY_MS = 5_000

interface Loaded {
  roles: Map<string, string>
  /** Each workflow's states by code, in order; 'grade' holds the grades. */
  tables: Map<string, Map<string, StatusEntry>>
  lateness: Map<string, StatusEntry>
  taskKinds: Map<string, string>
  occurrences: OccurrenceRule[]
}

let loaded: Loaded = { roles: new Map(), tables: new Map(), lateness: new Map(), taskKinds: new Map(), occurrences: [] }

/** The deduction of a clause's n-th occurrence (the server's table; empty when the dictionary lacks it). */
export function occurrenceRules(): OccurrenceRule[] {
  return loaded.occurrences
}

function entryOf(table: string, code: string): StatusEntry | undefined {
  return loaded.tables.get(table)?.get(code)
}

function byCode<T extends { code: string }, V>(items: T[], value: (item: T) => V): Map<string, V> {
  return new Map(items.map((item) => [item.code, value(item)]))
}

function use(d: Dictionary) {
  const state = (s: DictionaryState): StatusEntry => ({ label: s.label, tag: s.tag })
  const tables = new Map(Object.entries(d.workflows).map(([key, w]) => [key, byCode(w.states, state)]))
  tables.set(GRADE_TABLE, byCode(d.grades, state))
  loaded = {
    roles: byCode(d.roles, (r) => r.label),
    tables,
    lateness: byCode(d.lateness, state),
    taskKinds: byCode(d.task_kinds, (k) => k.label),
    occurrences: d.scoring?.occurrences ?? [],
  }
}

/** Enough of the shape to use it (a truncated or foreign answer is not kept). */
function isDictionary(value: unknown): value is Dictionary {
  const d = value as Dictionary | null
  return !!d && Array.isArray(d.roles) && typeof d.workflows === 'object' && d.workflows !== null
    && Object.values(d.workflows).every((w) => Array.isArray(w?.states))
    && Array.isArray(d.grades) && Array.isArray(d.lateness) && Array.isArray(d.task_kinds)
}

function savedCopy(): Dictionary | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')
    return isDictionary(value) ? value : null
  } catch {
    return null
  }
}

/**
 * Reads the dictionary once, before the app mounts; keeps it for the next start-up. When the server cannot
 * answer, the last good copy serves (labels and colours as of the last visit). Resolves false when
 * neither was there (status tags then show grey and the 状态 filters offer nothing).
 */
export async function loadDictionary(): Promise<boolean> {
  const saved = savedCopy()
  try {
    const fresh = await getDictionary(saved ? TIMEOUT_WITH_COPY_MS : undefined)
    if (!isDictionary(fresh)) throw new Error('the dictionary answer is malformed')
    use(fresh)
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(fresh))
    } catch {
      // Storage full or refused (private mode): this visit has the dictionary all the same.
    }
    return true
  } catch (error) {
    if (saved) use(saved)
    console.warn('dictionary:', saved ? 'the server did not answer, the kept copy is used' : 'not available', error)
    return saved !== null
  }
}
