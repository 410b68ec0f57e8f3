// The side menu and the app's routes, as data: each item names its page (a folder under src/views, loaded
// by the router when first visited), the roles that see it, whether its workflow is built (`ready`) and which
// kinds of to-do item its badge counts. Items not ready are hidden and get no route. One page may sit in
// several roles' groups (one route, their roles joined); an item may be the certificate holder's alone (not its
// clerks'). This module imports no view: views import it (homePathFor), so the dependency runs one way.
import type { Component } from 'vue'
import { Avatar, Document, House, Lock, OfficeBuilding, Setting, Stamp, Tickets, User } from '@element-plus/icons-vue'
import type { TaskKind } from '@/api/tasks'
import { ACCOUNT_ROLES, WORK_ROLES, type RequestWorkflowKey, type Role } from '@/utils/dict'

export interface MenuItem {
  title: string
  /** Route path inside the app layout. */
  path: string
  roles: readonly Role[]
  ready: boolean
  /** The page: its folder under src/views (`monthly/list` is src/views/monthly/list/index.vue); required when `ready`. */
  view?: string
  /**
   * Fixed props for the page (one page serving several routes: the 打分表's modes, the workflow of the
   * 中止/终止 lists). Such a route gets a component of its own, so that going from one of these routes to
   * another mounts the page afresh instead of patching it.
   */
  props?: Record<string, unknown>
  /** The badge: the user's open to-do items of these kinds ('all': every item). */
  tasks?: readonly TaskKind[] | 'all'
  /** False for entries that are never a role's landing page (统计看板). */
  home?: boolean
  /** The enterprise's certificate holder only: hidden from (and refused to) its clerks (办事员管理). */
  holderOnly?: boolean
}

export interface MenuGroup {
  /** Stable key (also the el-sub-menu index). */
  key: string
  title: string
  icon: Component
  items: MenuItem[]
}

const ENTERPRISE: readonly Role[] = ['contractor', 'supervisor']
/** Every role with workflow actions: each has a to-do inbox. */
const WORKFLOW_ROLES: readonly Role[] = WORK_ROLES.filter((r) => r !== 'admin')

// The menu entries' badges (SPEC §4: counts in the menu), by the kinds of to-do item each entry serves.
const MONTHLY_TASKS: readonly TaskKind[] = ['monthly_evaluation', 'monthly_due']

// 逾期评价: the months past their deadline (and, on a second tab, the rectification orders past theirs), one page
// in the group of each role that sees them.
const overdueList = 'overdue'
const OVERDUE_ROLES: readonly Role[] = ['authority', 'contractor', 'supervisor', 'site_supervisor']

// The role lists of 月度评价 are one page; each role's list shows the buttons its records allow.
const monthlyList = 'monthly/list'
const monthlySheet = 'monthly/sheet'

// 季度评价: one list for every role (监督机构 registers; the others view).
const quarterlyList = 'quarterly/list'
// 竣工评价: the role lists other than the contractor's (its list is of its accepted declarations).
const completionList = 'completions/list'

// 中止/恢复 and 终止: one contractor page and one list for the other roles, each serving both workflows.
const requestEnterprise = 'requests/enterprise'
const requestList = 'requests/list'
const workflow = (key: RequestWorkflowKey) => ({ workflow: key })

/** The completion menu entry of each role, highlighted while one request is open. */
const COMPLETION_MENU_PATHS: Partial<Record<Role, string>> = {
  contractor: '/enterprise/completions',
  supervisor: '/enterprise/completions-view',
  site_contractor: '/site/completions',
  site_supervisor: '/supervision/completions',
  authority: '/authority/completions',
}

/** The monthly menu entry of each role, highlighted while one month is open. */
const MONTHLY_MENU_PATHS: Partial<Record<Role, string>> = {
  contractor: '/enterprise/monthly',
  supervisor: '/enterprise/monthly-view',
  site_contractor: '/site/monthly',
  site_supervisor: '/supervision/monthly',
  authority: '/authority/monthly',
}

// 整改指令单: one list for every role (the server scopes it), each role's entry named by what it does there.
const rectificationList = 'rectifications/list'
const RECTIFICATION_TASKS: readonly TaskKind[] = ['rectification']

/** The rectification menu entry of each role, highlighted while one order is open. */
const RECTIFICATION_MENU_PATHS: Partial<Record<Role, string>> = {
  contractor: '/enterprise/rectifications',
  supervisor: '/enterprise/rectifications-view',
  site_contractor: '/site/rectifications',
  site_supervisor: '/supervision/rectifications',
  authority: '/authority/rectifications',
}

// 通知公告's management: one page for the authority (its district's notices) and the system administrator (all).
const noticesPath = '/admin/notices'
const noticesPage = 'admin/notices'

/** 监督机构抽查比对, highlighted while a project's months or one month's comparison is open. */
const SPOT_CHECK_MENU_PATHS: Partial<Record<Role, string>> = { authority: '/authority/spot-checks' }

export const MENU: MenuGroup[] = [
  {
    // Every user's start: what awaits it (待办事项, its landing page) and the figures of its scope.
    key: 'workbench',
    title: '工作台',
    icon: House,
    items: [
      {
        title: '待办事项', path: '/inbox', roles: WORKFLOW_ROLES, ready: true, tasks: 'all',
        view: 'inbox',
      },
      {
        title: '统计看板', path: '/dashboard', roles: WORK_ROLES, ready: true, home: false,
        view: 'dashboard',
      },
    ],
  },
  {
    key: 'registry',
    title: '工程信息',
    icon: OfficeBuilding,
    items: [
      {
        title: '工程信息', path: '/registry/projects', roles: WORK_ROLES, ready: true,
        view: 'registry/projects',
      },
    ],
  },
  {
    // 网上政务大厅 → 现场管理 → 质量标准化 (enterprise users, digital certificate)
    key: 'enterprise',
    title: '质量标准化',
    icon: Document,
    items: [
      {
        title: '企业申报', path: '/enterprise/declarations', roles: ENTERPRISE, ready: true, tasks: ['declaration'],
        view: 'declarations/enterprise',
      },
      {
        title: '企业月度评价', path: '/enterprise/monthly', roles: ['contractor'], ready: true, tasks: MONTHLY_TASKS,
        view: 'monthly/enterprise',
      },
      {
        title: '企业竣工评价', path: '/enterprise/completions', roles: ['contractor'], ready: true, tasks: ['completion'],
        view: 'completions/enterprise',
      },
      {
        title: '企业中止评价', path: '/enterprise/suspensions', roles: ['contractor'], ready: true, tasks: ['suspension'],
        view: requestEnterprise, props: workflow('suspension'),
      },
      {
        title: '企业终止评价', path: '/enterprise/terminations', roles: ['contractor'], ready: true, tasks: ['termination'],
        view: requestEnterprise, props: workflow('termination'),
      },
      {
        title: '整改回复', path: '/enterprise/rectifications', roles: ['contractor'], ready: true, tasks: RECTIFICATION_TASKS,
        view: rectificationList,
      },
      // SPEC §1: the contractor may view quarterly registrations too.
      { title: '季度评价查看', path: '/enterprise/quarterly', roles: ENTERPRISE, ready: true, view: quarterlyList },
      { title: '月度评价查看', path: '/enterprise/monthly-view', roles: ['supervisor'], ready: true, view: monthlyList },
      { title: '逾期评价', path: '/overdue', roles: ENTERPRISE, ready: true, view: overdueList },
      { title: '竣工评价查看', path: '/enterprise/completions-view', roles: ['supervisor'], ready: true, view: completionList },
      {
        title: '中止评价查看', path: '/enterprise/suspensions-view', roles: ['supervisor'], ready: true,
        view: requestList, props: workflow('suspension'),
      },
      {
        title: '终止评价查看', path: '/enterprise/terminations-view', roles: ['supervisor'], ready: true,
        view: requestList, props: workflow('termination'),
      },
      { title: '整改查看', path: '/enterprise/rectifications-view', roles: ['supervisor'], ready: true, view: rectificationList },
    ],
  },
  {
    // The certificate holder's own management: 企业办事员 (issue 27), who act for the enterprise by SMS login on the
    // projects and actions given to them. Not a clerk's: he cannot hand out what he was given.
    key: 'enterprise-admin',
    title: '企业管理',
    icon: Avatar,
    items: [
      {
        title: '办事员管理', path: '/enterprise/clerks', roles: ENTERPRISE, ready: true, home: false, holderOnly: true,
        view: 'clerks',
      },
    ],
  },
  {
    // 质量标准化 → 项目部 (site user of the general contractor)
    key: 'site-contractor',
    title: '项目部',
    icon: User,
    items: [
      { title: '月度评价', path: '/site/monthly', roles: ['site_contractor'], ready: true, view: monthlyList },
      { title: '季度评价', path: '/site/quarterly', roles: ['site_contractor'], ready: true, view: quarterlyList },
      { title: '竣工评价', path: '/site/completions', roles: ['site_contractor'], ready: true, view: completionList },
      {
        title: '整改回复', path: '/site/rectifications', roles: ['site_contractor'], ready: true, tasks: RECTIFICATION_TASKS,
        view: rectificationList,
      },
    ],
  },
  {
    // 质量标准化 → 监理机构 (site user of the supervision company)
    key: 'site-supervisor',
    title: '监理机构',
    icon: User,
    items: [
      { title: '月度复核', path: '/supervision/monthly', roles: ['site_supervisor'], ready: true, view: monthlyList, tasks: MONTHLY_TASKS },
      { title: '季度评价', path: '/supervision/quarterly', roles: ['site_supervisor'], ready: true, view: quarterlyList },
      {
        title: '竣工复核', path: '/supervision/completions', roles: ['site_supervisor'], ready: true, view: completionList,
        tasks: ['completion'],
      },
      {
        title: '中止复核', path: '/supervision/suspensions', roles: ['site_supervisor'], ready: true, tasks: ['suspension'],
        view: requestList, props: workflow('suspension'),
      },
      {
        title: '终止复核', path: '/supervision/terminations', roles: ['site_supervisor'], ready: true, tasks: ['termination'],
        view: requestList, props: workflow('termination'),
      },
      {
        title: '整改确认', path: '/supervision/rectifications', roles: ['site_supervisor'], ready: true, tasks: RECTIFICATION_TASKS,
        view: rectificationList,
      },
      { title: '逾期评价', path: '/overdue', roles: ['site_supervisor'], ready: true, view: overdueList },
    ],
  },
  {
    // MIS 系统 → 质量标准化 (监督机构)
    key: 'authority',
    title: '质量标准化',
    icon: Stamp,
    items: [
      {
        title: '监督机构受理', path: '/authority/acceptance', roles: ['authority'], ready: true, tasks: ['declaration'],
        view: 'declarations/acceptance',
      },
      { title: '月度评价查看', path: '/authority/monthly', roles: ['authority'], ready: true, view: monthlyList },
      { title: '逾期评价', path: '/overdue', roles: ['authority'], ready: true, view: overdueList },
      {
        title: '季度评价监督信息登记', path: '/authority/quarterly', roles: ['authority'], ready: true, view: quarterlyList,
        tasks: ['quarterly_registration'],
      },
      {
        title: '竣工评价监督信息登记', path: '/authority/completions', roles: ['authority'], ready: true, view: completionList,
        tasks: ['completion'],
      },
      {
        title: '中止评价监督信息登记', path: '/authority/suspensions', roles: ['authority'], ready: true, tasks: ['suspension'],
        view: requestList, props: workflow('suspension'),
      },
      {
        title: '终止评价监督信息登记', path: '/authority/terminations', roles: ['authority'], ready: true, tasks: ['termination'],
        view: requestList, props: workflow('termination'),
      },
      {
        title: '监督机构抽查比对', path: '/authority/spot-checks', roles: ['authority'], ready: true,
        view: 'spotChecks/projects',
      },
      {
        // 整改指令单: 下发 (free-standing here, or from a spot-check), 复查, the list of the authority's orders.
        title: '整改管理', path: '/authority/rectifications', roles: ['authority'], ready: true, tasks: RECTIFICATION_TASKS,
        view: rectificationList,
      },
      {
        title: '抽查比对分析', path: '/authority/spot-check-analytics', roles: ['authority'], ready: true,
        view: 'spotChecks/analytics',
      },
      {
        // 通知公告: the authority publishes to the users of its own district (the same page as the administrator's).
        title: '通知公告', path: noticesPath, roles: ['authority'], ready: true, home: false,
        view: noticesPage,
      },
    ],
  },
  {
    // 三权分立 (等保 2.0): 系统管理员 (registry, templates, accounts and their passwords, settings, the scheduled job,
    // notices) and 安全管理员 (second factors, locks, sessions: 账号管理); both see the live sessions and may end them.
    key: 'admin',
    title: '系统管理',
    icon: Setting,
    items: [
      {
        title: '数据导入', path: '/admin/import', roles: ['admin'], ready: true,
        view: 'admin/import',
      },
      {
        title: '账号管理', path: '/admin/accounts', roles: ['security_admin'], ready: true,
        view: 'admin/accounts',
      },
      {
        title: '用户管理', path: '/admin/users', roles: ['admin'], ready: true,
        view: 'admin/users',
      },
      {
        title: '在线用户', path: '/admin/sessions', roles: ['admin', 'security_admin'], ready: true,
        view: 'admin/sessions',
      },
      {
        title: '参数设置', path: '/admin/settings', roles: ['admin'], ready: true,
        view: 'admin/settings',
      },
      {
        // The daily 逾期提醒短信: its schedule, 立即执行, 暂停/恢复 and its runs.
        title: '定时任务', path: '/admin/jobs', roles: ['admin'], ready: true,
        view: 'admin/jobs',
      },
      {
        title: '通知公告', path: noticesPath, roles: ['admin'], ready: true,
        view: noticesPage,
      },
    ],
  },
  {
    // 审计管理员: the logs, and nothing else.
    key: 'audit',
    title: '安全审计',
    icon: Tickets,
    items: [
      {
        title: '登录日志', path: '/admin/login-logs', roles: ['auditor'], ready: true,
        view: 'admin/login-logs',
      },
      {
        title: '审计日志', path: '/admin/audit-log', roles: ['auditor'], ready: true,
        view: 'admin/audit-log',
      },
    ],
  },
  {
    // Every password account's own second factor and password.
    key: 'account',
    title: '账号安全',
    icon: Lock,
    items: [
      {
        title: '账号安全', path: '/account/security', roles: ACCOUNT_ROLES, ready: true, home: false,
        view: 'account/security',
      },
    ],
  },
]

/**
 * Pages reached from other pages (not from the menu), with the same shape; `menuPath` is the menu
 * entry kept highlighted while they are open, per role.
 */
export interface HiddenPage extends MenuItem {
  menuPath?: Partial<Record<Role, string>>
}

export const HIDDEN_PAGES: HiddenPage[] = [
  {
    // 综合信息 of one declaration; the server decides whether it is in the caller's scope.
    title: '综合信息', path: '/declarations/:id/summary', roles: WORK_ROLES, ready: true,
    view: 'declarations/summary',
    menuPath: {
      contractor: '/enterprise/declarations',
      supervisor: '/enterprise/declarations',
      authority: '/authority/acceptance',
    },
  },
  {
    // One declaration's months (企业月度评价 → 评价): 新增评价, 评价, 查看, 提交, 月度评定打印.
    title: '月度评价列表', path: '/enterprise/monthly/:declarationId', roles: ['contractor'], ready: true,
    view: 'monthly/months',
    menuPath: MONTHLY_MENU_PATHS,
  },
  {
    title: '月度评价打分表', path: '/monthly/:id/self', roles: ['contractor'], ready: true,
    view: monthlySheet, props: { mode: 'self' }, menuPath: MONTHLY_MENU_PATHS,
  },
  {
    title: '月度复核', path: '/monthly/:id/review', roles: ['site_supervisor'], ready: true,
    view: monthlySheet, props: { mode: 'review' }, menuPath: MONTHLY_MENU_PATHS,
  },
  {
    // 企业竣工评价 → 竣工评价申请: whether the project may apply now, and the request's fields.
    title: '竣工评价申请', path: '/enterprise/completions/:declarationId/apply', roles: ['contractor'], ready: true,
    view: 'completions/apply',
    menuPath: COMPLETION_MENU_PATHS,
  },
  {
    // One 竣工评价: 查看 for every role; 复核/提交, 再次提交复核 and 登记 there when the record allows.
    title: '竣工评价', path: '/completions/:id', roles: Object.keys(COMPLETION_MENU_PATHS) as Role[], ready: true,
    view: 'completions/detail',
    menuPath: COMPLETION_MENU_PATHS,
  },
  {
    // 监督机构抽查比对 → 抽查比对: one project's months (月评抽查比对信息).
    title: '月评抽查比对信息', path: '/authority/spot-checks/projects/:declarationId', roles: ['authority'], ready: true,
    view: 'spotChecks/months',
    menuPath: SPOT_CHECK_MENU_PATHS,
  },
  {
    // One month's 抽查比对 (read-only once finished).
    title: '抽查比对', path: '/authority/spot-checks/monthly/:id', roles: ['authority'], ready: true,
    view: 'spotChecks/compare',
    menuPath: SPOT_CHECK_MENU_PATHS,
  },
  {
    // 逾期's second tab (逾期未整改 rectification orders), a route of its own; 逾期 stays highlighted.
    title: '逾期未整改', path: '/overdue/rectifications', roles: OVERDUE_ROLES, ready: true,
    view: overdueList, props: { tab: 'rectifications' },
    menuPath: Object.fromEntries(OVERDUE_ROLES.map((r) => [r, '/overdue'])),
  },
  {
    // One 整改指令单: 查看 for every role (admin included); 整改回复, 整改确认 and 复查 there when the order allows.
    title: '整改指令单', path: '/rectifications/:id', roles: [...Object.keys(RECTIFICATION_MENU_PATHS) as Role[], 'admin'], ready: true,
    view: 'rectifications/detail',
    menuPath: RECTIFICATION_MENU_PATHS,
  },
  {
    // 查看 of one month; the server decides whether it is in the caller's scope.
    title: '月度评价查看', path: '/monthly/:id', roles: Object.keys(MONTHLY_MENU_PATHS) as Role[], ready: true,
    view: monthlySheet, props: { mode: 'view' }, menuPath: MONTHLY_MENU_PATHS,
  },
]

/** Items that have a page (`ready`), one per path: a page in several groups gets their roles joined. */
export function readyItems(): MenuItem[] {
  const byPath = new Map<string, MenuItem>()
  for (const item of MENU.flatMap((group) => group.items.filter((i) => i.ready && i.view))) {
    const seen = byPath.get(item.path)
    byPath.set(item.path, seen ? { ...seen, roles: [...new Set([...seen.roles, ...item.roles])] } : item)
  }
  return [...byPath.values()]
}

/** The menu as the given role sees it (a clerk without the holder's own entries): ready items it may use; empty groups dropped. */
export function menuFor(role: Role | null, clerk = false): MenuGroup[] {
  if (!role) return []
  return MENU.map((group) => ({
    ...group,
    items: group.items.filter((item) => item.ready && item.roles.includes(role) && !(clerk && item.holderOnly)),
  })).filter((group) => group.items.length > 0)
}

/**
 * Where a role lands after login: its first menu entry that may be one (待办事项 for every working role but
 * admin; 账号管理 for the security administrator, 登录日志 for the auditor).
 */
export function homePathFor(role: Role | null): string {
  const first = menuFor(role).flatMap((group) => group.items).find((item) => item.home !== false)
  return first?.path ?? '/registry/projects'
}
