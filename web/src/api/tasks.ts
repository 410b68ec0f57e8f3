// To-do inbox (待办), overdue monthly evaluations (逾期评价) and the dashboards (统计看板): what awaits the
// caller, a page at a time, with the counts behind the menu's badges, the months past their deadline in the
// caller's scope, and the figures of the role's 统计看板. Every figure comes from the server.
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { DeclarationRef } from '@/api/declarations'
import type { Role } from '@/utils/dict'

export type TaskKind =
  | 'declaration' | 'monthly_evaluation' | 'monthly_due' | 'quarterly_registration'
  | 'completion' | 'suspension' | 'termination' | 'rectification'

export const TASK_KINDS: readonly TaskKind[] = [
  'declaration', 'monthly_evaluation', 'monthly_due', 'quarterly_registration', 'completion', 'suspension', 'termination',
  'rectification',
]

/** What the user should do (the label is the server's `action_label`). */
export type TaskAction =
  | 'submit' | 'self_sheet' | 'create' | 'resubmit' | 'review' | 'review_submit' | 'accept' | 'register'
  // 整改: 整改回复, 整改确认, 整改复查
  | 'reply' | 'confirm' | 'recheck'

export type Lateness = 'submission' | 'review'

/**
 * A month past its deadline: 自评 due by the 10th, 复核 by the 15th of the following month (inclusive); or a
 * rectification order issued and past its deadline (逾期未整改).
 */
export interface OverdueMark {
  lateness: Lateness | string
  /** 自评逾期未提交 / 复核逾期未提交 */
  label: string
  /** YYYY-MM-DD, the last day allowed. */
  deadline: string
}

export interface Task {
  /** Unique and stable per item. */
  key: string
  kind: TaskKind
  /** The record's id; null for `monthly_due` (a month not created yet). */
  id: Id | null
  declaration_id: Id
  action: TaskAction | string
  action_label: string
  /** What it is about: 申报, 2026-04 月度评价, 2026-Q1 季度评价, 中止申请（2026-05-10）… */
  title: string
  status: string | null
  status_label: string | null
  declaration: DeclarationRef
  /** YYYY-MM, monthly kinds only. */
  period: string | null
  /** When it started waiting for this user. */
  since: string
  /** Whole days since `since` (Shanghai dates). */
  waited_days: number
  overdue: OverdueMark | null
}

export type TaskCounts = Record<TaskKind, number>

export function isTaskKind(value: string): value is TaskKind {
  return (TASK_KINDS as readonly string[]).includes(value)
}

export interface TaskQuery {
  /** One kind; none: every kind. */
  kind?: TaskKind
  page?: number
  /** 0–100, default 20; 0: the counts only (`items` empty) — what the menu's badges read. */
  page_size?: number
}

/** One page of what awaits the caller: overdue items first, then the longest waiting. */
export interface Tasks extends Page<Task> {
  /** Every kind's open items, whatever `kind` asked for. */
  counts: TaskCounts
  /** `total`: the items of the kind asked for (or of all kinds); `overdue`: how many of those are overdue. */
  overdue: number
}

export type Responsible = 'contractor' | 'site_supervisor'

export interface OverdueMonth {
  declaration: DeclarationRef
  period: string
  /** Null: the month has not been created (未评价). */
  monthly_id: Id | null
  status: string | null
  status_label: string
  lateness: Lateness
  lateness_label: string
  deadline: string
  days_late: number
  responsible: Responsible
  responsible_label: string
  /** The enterprise or the person who should act. */
  responsible_name: string
}

export interface DistrictCount {
  district: string
  count: number
}

export interface EnterpriseCount {
  uscc: string
  name: string
  count: number
}

/** Sorted by days late, then 报监编号 and period; the breakdowns cover the whole filtered list. */
export interface OverduePage extends Page<OverdueMonth> {
  by_district: DistrictCount[]
  by_enterprise: EnterpriseCount[]
}

export interface OverdueQuery {
  q?: string
  district?: string
  lateness?: Lateness | ''
  page?: number
  page_size?: number
}

/** = the inbox's counts. */
export interface OpenItems {
  total: number
  by_kind: TaskCounts
}

export interface TrendPoint {
  period: string
  self_score: number | null
  review_score: number | null
}

/** One active project's last 12 evaluated months, oldest first. */
export interface ProjectTrend {
  declaration: DeclarationRef
  points: TrendPoint[]
}

/** contractor, supervisor, site_contractor, site_supervisor. */
export interface EnterpriseDashboard {
  role: Exclude<Role, 'authority' | 'admin'>
  open: OpenItems
  overdue: number
  trends: ProjectTrend[]
}

export interface StatusCount {
  status: string
  label: string
  count: number
}

export interface RangeCount {
  /** "<60", "60–69.99", …, "90–100" */
  range: string
  count: number
}

export interface GradeCount {
  grade: string
  label: string
  count: number
}

/** authority (its district) and admin (everything). */
export interface AuthorityDashboard {
  role: 'authority' | 'admin'
  open: OpenItems
  overdue: number
  declarations_by_status: StatusCount[]
  management: StatusCount[]
  /** Each active project's latest filed or registered review score. */
  score_distribution: RangeCount[]
  /** The latest registration of each quarter record. */
  quarter_grades: GradeCount[]
  overdue_by_district: DistrictCount[]
  overdue_by_enterprise: EnterpriseCount[]
}

export type Dashboard = EnterpriseDashboard | AuthorityDashboard

export function isAuthorityDashboard(d: Dashboard): d is AuthorityDashboard {
  return d.role === 'authority' || d.role === 'admin'
}

/**
 * What awaits the caller, a page at a time (`page_size: 0`: the counts only). `quiet` (the badges' poll): no
 * message on failure and no re-login prompt — the next thing the user does will meet the expired session.
 */
export function getTasks(query: TaskQuery = {}, options: { quiet?: boolean } = {}) {
  return http.get<Tasks>('/api/tasks', {
    params: { ...query },
    ...(options.quiet ? { handled: true, authRedirect: false } : {}),
  })
}

export function listOverdue(query: OverdueQuery) {
  return http.get<OverduePage>('/api/overdue', { params: { ...query } })
}

export function getDashboard() {
  return http.get<Dashboard>('/api/dashboard')
}
