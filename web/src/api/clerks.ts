// 企业办事员 (issue 27): the enterprise's certificate holder names persons of its own (from the real-name registry)
// who log in by SMS and act for it on the projects and actions given to them — the list, 新增, 修改 (工程, 业务),
// 停用/启用 — and the picker of the enterprise's own projects.
import { http, type Page } from '@/utils/request'
import type { ClerkAction, Id } from '@/api/auth'

/** A project as the clerk's record names it. */
export interface ClerkProject {
  id: Id
  registration_no: string
  name: string
}

export interface Clerk {
  id: Id
  name: string
  /** Masked (138****1234). */
  mobile: string
  projects: ClerkProject[]
  project_ids: Id[]
  actions: ClerkAction[]
  /** The actions' names, in the same order. */
  action_labels: string[]
  disabled: boolean
  version: number
  created_at: string
  updated_at: string
}

/** An action this enterprise may hand out (施工企业: 申报, 月度评价, 竣工/中止/终止申请, 整改回复; 监理企业: 申报复核). */
export interface ClerkActionOption {
  code: ClerkAction
  label: string
}

export interface ClerkList {
  items: Clerk[]
  actions: ClerkActionOption[]
}

export interface ClerkInput {
  name: string
  /** The full 11 digits, as registered in the real-name registry. */
  mobile: string
  project_ids: Id[]
  actions: ClerkAction[]
}

/** 修改 (工程, 业务) or 停用/启用; the person (name, mobile) cannot change. */
export interface ClerkChange {
  project_ids?: Id[]
  actions?: ClerkAction[]
  disabled?: boolean
}

/** The enterprise's clerks (a short list: no paging) and the actions it may hand out. */
export function listClerks() {
  return http.get<ClerkList>('/api/enterprise/clerks')
}

/** 422 (per field: name, mobile, project_ids, actions) is the caller's: it goes under the dialog's fields. */
export function createClerk(input: ClerkInput) {
  return http.post<Clerk>('/api/enterprise/clerks', input, { handled: [422] })
}

/** 409 (changed meanwhile) and 422 are the caller's. Disabling ends the clerk's sessions at once. */
export function updateClerk(id: Id, version: number, change: ClerkChange) {
  return http.put<Clerk>(`/api/enterprise/clerks/${id}`, { version, ...change }, { handled: [409, 422] })
}

/** A project of the enterprise's own, as the clerk dialog's picker offers it. */
export interface OwnProject extends ClerkProject {
  district: string
}

/** The enterprise's own projects matching `q` (报监编号 or name), for the picker. */
export function searchOwnProjects(q: string) {
  return http.get<Page<OwnProject>>('/api/projects', { params: { q, page_size: 100 } })
}
