// Registry API: the project (工程) browser for every role, and the admin imports of the
// registry and of scoring templates.
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'

export interface ContractSide {
  report_no: string
  enterprise: { uscc: string; name: string }
  manager: { name: string; mobile_masked: string }
}

/** A project's registry data (工程信息), as every record that shows its project carries it. */
export interface ProjectInfo {
  id: Id
  registration_no: string
  name: string
  address: string
  district: string
  authority: { code: string; name: string }
  structure_type: string
  floor_area: number
  planned_start: string
  planned_finish: string
}

export interface Project extends ProjectInfo {
  general: ContractSide | null
  supervision: ContractSide | null
}

export type ProjectSort =
  | 'registration_no' | '-registration_no'
  | 'name' | '-name'
  | 'planned_start' | '-planned_start'

export interface ProjectQuery {
  q?: string
  district?: string
  page?: number
  page_size?: number
  sort?: ProjectSort | ''
  /** Contractor: only projects it may declare (its general contract, no declaration yet). */
  declarable?: boolean
}

export function listProjects(query: ProjectQuery) {
  return http.get<Page<Project>>('/api/projects', { params: { ...query } })
}

export interface RegistryImportAnswer {
  counts: { authorities: number; enterprises: number; persons: number; projects: number; contracts: number }
}

export interface TemplateImportAnswer {
  code: string
  version: number
  name?: string
  check_items: number
  sub_items: number
  clauses: number
  /** The same template was loaded before; nothing new was stored. */
  unchanged?: boolean
}

// Both imports send the chosen file's text unchanged; the caller shows 422's problem list itself.
export function importRegistry(jsonText: string) {
  return http.post<RegistryImportAnswer>('/api/admin/registry', undefined, {
    rawBody: jsonText, handled: [422], timeout: 120_000,
  })
}

export function importTemplate(jsonText: string) {
  return http.post<TemplateImportAnswer>('/api/admin/templates', undefined, {
    rawBody: jsonText, handled: [422], timeout: 120_000,
  })
}
