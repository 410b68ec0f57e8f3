// Declaration API (申报): the role's list and its Excel export, the contractor's form (create, edit,
// delete, submit), the supervisor's review (退回/通过), the authority's acceptance (受理 是/否),
// 综合信息, the audit trail and the printed 申报表.
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'
import type { ContractSide, ProjectInfo } from '@/api/registry'
import { downloadFile, openPdf } from '@/utils/file'

export type DeclarationStatus = 'draft' | 'submitted' | 'returned' | 'reviewed' | 'accepted'
export type DeclarationAction = 'edit' | 'delete' | 'submit' | 'return' | 'pass' | 'accept' | 'reject'
export type DeclarationSort = '-updated_at' | 'updated_at' | 'registration_no' | '-registration_no' | 'status'

export const DECLARATION_SORTS: readonly DeclarationSort[] = [
  '-updated_at', 'updated_at', 'registration_no', '-registration_no', 'status',
]

export interface Party {
  report_no: string
  enterprise: { uscc: string; name: string }
}

export interface Manager {
  /** The registry person (absent from servers before issue 26). */
  person_id?: Id
  name: string
  mobile_masked: string
}

/** What the caller types: the full mobile, checked against the real-name registry (the 申报复核's correction). */
export interface ManagerInput {
  name: string
  mobile: string
}

/** What the 申报 form sends (issue 26): a person picked from `listDeclarationManagers`. */
export interface ManagerPick {
  person_id: Id
}

/** A registry person the 申报 form offers as a manager: never the whole mobile. */
export interface ManagerChoice {
  id: Id
  name: string
  mobile_masked: string
  /** The person the contract names as its 项目负责人 (listed first). */
  contract_manager: boolean
}

/** The persons of the enterprise holding each contract of the project (empty: none registered, or no such contract). */
export interface ManagerChoices {
  general: ManagerChoice[]
  supervision: ManagerChoice[]
}

export type DeclarationProject = ProjectInfo

export interface Returned {
  by_role: 'supervisor' | 'authority'
  by_role_label: string
  by_name: string
  opinion: string
  at: string
}

/** The supervisor's 通过 (申报复核) of a declaration's current round. */
export interface Review {
  opinion: string | null
  /** The supervision enterprise that passed it. */
  reviewer: string
  at: string
}

/** A declaration as the workflow records name it (monthly, quarterly, completion lists). */
export interface DeclarationRef {
  id: Id
  registration_no: string
  project_name: string
  district: string
  general_name: string
  supervision_name: string | null
  management_status: string | null
  management_status_label: string | null
  /** A 停工整改 order is in force (issue 24; absent from servers before it). */
  stop_work?: boolean
}

/** The declaration's completion request (竣工评价), if any. */
export interface CompletionRef {
  id: Id
  status: string
  status_label: string
}

/** The declaration's latest suspension or resumption request (中止/恢复). */
export interface SuspensionRef {
  id: Id
  kind: 'suspend' | 'resume'
  kind_label: string
  status: string
  status_label: string
  /** YYYY-MM-DD: 中止日期 or 恢复日期. */
  date: string
}

/** The declaration's termination request (终止). */
export interface TerminationRef {
  id: Id
  status: string
  status_label: string
}

/** The request in progress (at most one per declaration). */
export type OpenRequest = 'suspension' | 'termination' | 'completion'

/** What the contractor may request now (the server applies the same rule that refuses the request). */
export type RequestAction = 'suspend' | 'resume' | 'terminate' | 'apply_completion'

export interface Declaration {
  id: Id
  version: number
  status: DeclarationStatus
  status_label: string
  management_status: string | null
  management_status_label: string | null
  /** A 停工整改 order is in force (issue 24; absent from servers before it). */
  stop_work?: boolean
  project: DeclarationProject
  general: Party
  supervision: Party | null
  quality_target: string
  planned_start: string
  planned_finish: string
  overview: string
  contractor_manager: Manager
  supervision_manager: Manager
  returned: Returned | null
  /** The supervisor's 通过 of the current round, with its optional opinion (issue 26): in a
   *  declaration read on its own (detail, 综合信息), absent from list rows. */
  review?: Review | null
  accept_opinion: string | null
  accepted_at: string | null
  template: { code: string; version: number } | null
  /** Its 竣工评价 request; null before one is made (absent from servers before issue 6). */
  completion?: CompletionRef | null
  suspension: SuspensionRef | null
  termination: TerminationRef | null
  open_request: OpenRequest | null
  /** Only ever non-empty for the contractor. */
  request_actions: RequestAction[]
  created_at: string
  submitted_at: string | null
  updated_at: string
  /** What the caller may do now. */
  actions: DeclarationAction[]
}

export interface DeclarationQuery {
  q?: string
  status?: string
  district?: string
  /** YYYY-MM-DD, on the created date. */
  from?: string
  to?: string
  page?: number
  page_size?: number
  sort?: DeclarationSort | ''
}

export interface DeclarationInput {
  quality_target: string
  planned_start: string
  planned_finish: string
  overview: string
  /** Left out on edit to keep the stored manager. */
  contractor_manager?: ManagerInput | ManagerPick
  supervision_manager?: ManagerInput | ManagerPick
}

export interface AuditEntry {
  id?: Id
  at: string
  /** Whose step it is: `declaration`, `monthly_evaluation`, `quarterly_registration`, `completion`, `suspension`, `resumption`, `termination` (综合信息 mixes the workflows). */
  entity?: string
  entity_label?: string
  action: string
  action_label: string
  from_status: string | null
  from_label: string | null
  to_status: string | null
  to_label: string | null
  actor_role?: string
  actor_role_label: string
  actor_name: string
  organisation: string
  opinion: string | null
}

export interface SummaryContract extends ContractSide {
  kind: string
  kind_label: string
}

export interface DeclarationSummary {
  declaration: Declaration
  project: DeclarationProject
  contracts: SummaryContract[]
  audit: AuditEntry[]
  /** Later workflows' sections (monthly scores, quarters, …), by key; absent until they exist. */
  sections: Record<string, unknown>
}

const BASE = '/api/declarations'

export function listDeclarations(query: DeclarationQuery) {
  return http.get<Page<Declaration>>(BASE, { params: { ...query } })
}

/** Saves the Excel export of the filtered list. */
export function exportDeclarations(query: Omit<DeclarationQuery, 'page' | 'page_size'>) {
  return downloadFile(`${BASE}/export.xlsx`, { ...query }, '质量标准化申报.xlsx')
}

/** Whom the 申报 form offers as the two managers of the contractor's project (issue 26). */
export function listDeclarationManagers(projectId: Id) {
  return http.get<ManagerChoices>(`${BASE}/managers`, { params: { project_id: projectId } })
}

export function getDeclaration(id: Id) {
  return http.get<Declaration>(`${BASE}/${id}`)
}

// Create and edit: the form shows 422's field reasons and handles 409 itself.
export function createDeclaration(input: DeclarationInput & { project_id: Id }) {
  return http.post<Declaration>(BASE, input, { handled: [409, 422] })
}

export function updateDeclaration(id: Id, version: number, input: DeclarationInput) {
  return http.put<Declaration>(`${BASE}/${id}`, { version, ...input }, { handled: [409, 422] })
}

// The actions: 409 (stale version or wrong state) and 422 are the caller's to explain.
const ACTION = { handled: [409, 422] }

export function deleteDeclaration(id: Id, version: number) {
  return http.delete<unknown>(`${BASE}/${id}`, { params: { version }, ...ACTION })
}

export function submitDeclaration(id: Id, version: number) {
  return http.post<Declaration>(`${BASE}/${id}/submit`, { version }, ACTION)
}

export function returnDeclaration(id: Id, version: number, opinion: string) {
  return http.post<Declaration>(`${BASE}/${id}/return`, { version, opinion }, ACTION)
}

export function passDeclaration(id: Id, version: number, opinion: string, supervisionManager?: ManagerInput) {
  // SPEC §5 names the pass body's field supervisor_manager; the opinion is optional on 通过.
  const body = {
    version,
    ...(opinion ? { opinion } : {}),
    ...(supervisionManager ? { supervisor_manager: supervisionManager } : {}),
  }
  return http.post<Declaration>(`${BASE}/${id}/pass`, body, ACTION)
}

/** 通过's checks without passing (?preview=true): the state, the version, and a corrected manager against
 *  the real-name registry — what the 申报复核 dialog asks when the manager's fields are left. */
export function checkPassDeclaration(id: Id, version: number, supervisionManager: ManagerInput) {
  return http.post<{ checked: true }>(`${BASE}/${id}/pass`, { version, supervisor_manager: supervisionManager },
    { params: { preview: true }, handled: [409, 422] })
}

export function acceptDeclaration(id: Id, version: number, opinion: string) {
  return http.post<Declaration>(`${BASE}/${id}/accept`, opinion ? { version, opinion } : { version }, ACTION)
}

export function rejectDeclaration(id: Id, version: number, opinion: string) {
  return http.post<Declaration>(`${BASE}/${id}/reject`, { version, opinion }, ACTION)
}

export function getDeclarationSummary(id: Id) {
  return http.get<DeclarationSummary>(`${BASE}/${id}/summary`)
}

export function getDeclarationAudit(id: Id) {
  return http.get<{ items: AuditEntry[] }>(`${BASE}/${id}/audit`)
}

/** The printed 申报表 (PDF) in a new tab. */
export function printDeclaration(id: Id, registrationNo: string) {
  return openPdf(`${BASE}/${id}/print.pdf`, `质量标准化申报表-${registrationNo}.pdf`)
}
