// The client's one dictionary: role labels, Shanghai's districts, contract kinds, and the workflow
// status labels with their tag colours (records also carry the server's `status_label`).

export type Role =
  | 'contractor' | 'supervisor' | 'site_contractor' | 'site_supervisor' | 'authority'
  | 'admin' | 'security_admin' | 'auditor'

export const ROLE_LABELS: Record<Role, string> = {
  contractor: '施工企业用户',
  supervisor: '监理企业用户',
  site_contractor: '现场用户（项目部）',
  site_supervisor: '现场用户（监理机构）',
  authority: '监督机构用户',
  admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '审计管理员',
}

export const ALL_ROLES = Object.keys(ROLE_LABELS) as Role[]

/** The roles of the platform's work (SPEC §1): the security administrator and the auditor do none of it. */
export const WORK_ROLES: readonly Role[] = ALL_ROLES.filter((r) => r !== 'security_admin' && r !== 'auditor')

/** Password accounts (监督机构 and the three administrators): second factor, password expiry, 账号安全. */
export const ACCOUNT_ROLES: readonly Role[] = ['authority', 'admin', 'security_admin', 'auditor']

export function isAccountRole(role: string | undefined | null): boolean {
  return (ACCOUNT_ROLES as readonly string[]).includes(role ?? '')
}

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role
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

/** Element Plus tag types. */
export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export interface StatusEntry {
  label: string
  tag: TagType
}

/** Status codes → 中文 and tag colour, per workflow (SPEC §3). */
export const STATUS: Record<string, Record<string, StatusEntry>> = {
  declaration: {
    draft: { label: '已申报待提交', tag: 'info' },
    submitted: { label: '已提交待复核', tag: 'warning' },
    returned: { label: '已退回待提交', tag: 'danger' },
    reviewed: { label: '已复核待受理', tag: 'warning' },
    accepted: { label: '已受理', tag: 'success' },
  },
  management: {
    active: { label: '评价中', tag: 'primary' },
    suspended: { label: '已中止', tag: 'warning' },
    completed: { label: '已竣工', tag: 'success' },
    terminated: { label: '已终止', tag: 'info' },
  },
  monthly_evaluation: {
    draft: { label: '待提交', tag: 'info' },
    submitted: { label: '已提交待复核评价', tag: 'warning' },
    reviewed: { label: '已复核待提交', tag: 'warning' },
    filed: { label: '已复核待季度评价监督信息登记', tag: 'primary' },
    registered: { label: '已季度登记', tag: 'success' },
  },
  quarterly_registration: {
    pending: { label: '待信息登记', tag: 'warning' },
    registered: { label: '已登记', tag: 'success' },
  },
  completion: {
    pending_review: { label: '竣工评价待复核', tag: 'warning' },
    rejected: { label: '复核不同意', tag: 'danger' },
    pending_registration: { label: '竣工评价已提交待监督信息登记', tag: 'primary' },
    registered: { label: '已登记', tag: 'success' },
  },
  // Not a workflow: the grade a quarterly or completion score suggests, and the authority's conclusion.
  grade: {
    excellent: { label: '优良', tag: 'success' },
    qualified: { label: '合格', tag: 'primary' },
    unqualified: { label: '不合格', tag: 'danger' },
  },
  termination: {
    pending_review: { label: '已终止待复核', tag: 'warning' },
    pending_registration: { label: '已复核终止待监督信息登记', tag: 'primary' },
    registered: { label: '已登记', tag: 'success' },
  },
  // 监督机构抽查比对 of a month (a month without one is 未抽查, SPOT_CHECK_NONE).
  spot_check: {
    in_progress: { label: '抽查中', tag: 'warning' },
    finished: { label: '已完成', tag: 'success' },
  },
  // The server's suspension labels depend on `kind` (已中止待复核 / 已中止恢复待复核, see suspensionStatus());
  // these kind-independent ones serve the tag colours and the lists' 状态 filter.
  suspension: {
    pending_review: { label: '待复核', tag: 'warning' },
    pending_registration: { label: '待监督信息登记', tag: 'primary' },
    registered: { label: '已登记', tag: 'success' },
    withdrawn: { label: '已撤回', tag: 'info' },
  },
}

/** 抽查状态 of a month that has no spot-check yet. */
export const SPOT_CHECK_NONE: StatusEntry = { label: '未抽查', tag: 'info' }

/** Grades (SPEC §3.4): 优良 ≥ 80, 合格 70–79.99, 不合格 < 70 by default; the server suggests one. */
export type Grade = 'excellent' | 'qualified' | 'unqualified'

/** The conclusions an authority may register, best first (radio options). */
export const GRADE_OPTIONS: { value: Grade; label: string }[] = (['excellent', 'qualified', 'unqualified'] as const)
  .map((value) => ({ value, label: STATUS.grade[value].label }))

export function gradeLabel(grade: string | null | undefined): string {
  return (grade && STATUS.grade[grade]?.label) || ''
}

/** 竣工复核's opinion (同意/不同意). */
export const REVIEW_AGREE_LABELS = { true: '同意', false: '不同意' } as const

export function agreeLabel(agree: boolean): string {
  return agree ? REVIEW_AGREE_LABELS.true : REVIEW_AGREE_LABELS.false
}

/** 月度评价: the two sheets of a month (自评 by the contractor, 复核 by the site supervisor). */
export const SHEET_LABELS = { self: '自评', review: '复核' } as const

export function suspensionStatus(kind: 'suspend' | 'resume', status: string): StatusEntry | undefined {
  const resume = kind === 'resume'
  switch (status) {
    case 'pending_review':
      return { label: resume ? '已中止恢复待复核' : '已中止待复核', tag: 'warning' }
    case 'pending_registration':
      return { label: resume ? '已复核中止恢复待监督信息登记' : '已复核中止待监督信息登记', tag: 'primary' }
    case 'registered':
      return { label: '已登记', tag: 'success' }
    case 'withdrawn':
      return { label: '已撤回', tag: 'info' }
    default:
      return undefined
  }
}

/** Tag colour for a record; the label shown should be the server's `status_label`. */
export function statusTag(workflow: string, status: string | null | undefined): TagType {
  return (status && STATUS[workflow]?.[status]?.tag) || 'info'
}

/** A workflow's statuses in order, as options of a query form's 状态 select. */
export function statusOptions(workflow: string): { value: string; label: string }[] {
  return Object.entries(STATUS[workflow] ?? {}).map(([value, entry]) => ({ value, label: entry.label }))
}

/** 质量目标 offered by the declaration form (free text is allowed too). */
export const QUALITY_TARGETS = ['合格', '优良', '市级优质结构', '白玉兰奖'] as const

/** 登录日志: how the user tried to sign in. */
export const LOGIN_METHOD_LABELS: Record<string, string> = {
  password: '密码',
  certificate: '数字证书',
  sms: '动态密码',
  second_factor: '动态口令',
  logout: '退出登录',
}

export function loginMethodLabel(method: string): string {
  return LOGIN_METHOD_LABELS[method] ?? method
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

/** 待办: the kinds of to-do item (`kind` of GET /api/tasks), as the inbox's filter names them. */
export const TASK_KIND_LABELS: Record<string, string> = {
  declaration: '申报',
  monthly_evaluation: '月度评价',
  monthly_due: '待新增月度评价',
  quarterly_registration: '季度评价',
  completion: '竣工评价',
  suspension: '中止/恢复',
  termination: '终止',
}

/** 逾期类型 of a month (the server labels each; these serve the query form and the tag colours). */
export const LATENESS: Record<string, StatusEntry> = {
  submission: { label: '自评逾期未提交', tag: 'danger' },
  review: { label: '复核逾期未提交', tag: 'warning' },
}

export const LATENESS_OPTIONS = Object.entries(LATENESS).map(([value, entry]) => ({ value, label: entry.label }))

export function latenessTag(lateness: string | null | undefined): TagType {
  return (lateness && LATENESS[lateness]?.tag) || 'danger'
}
