// Registry API: the project (工程) browser for every role, the admin imports of the registry and of
// scoring templates, and one template's tree (the 打分表's rows).
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

/** A scoring template (评分标准) as a tree: 检查项目 → 分项 → 条文; scores are JSON numbers. */
export interface TemplateClause {
  code: string
  text: string
}

export interface TemplateSubItem {
  code: string
  name: string
  /** 分项得分 P_s. */
  score: number
  clauses: TemplateClause[]
}

export interface TemplateCheckItem {
  code: string
  name: string
  /** 标准分 S_k. */
  standard_score: number
  sub_items: TemplateSubItem[]
}

export interface ScoringTemplate {
  code: string
  version: number
  name: string
  check_items: TemplateCheckItem[]
}

/** One version of a scoring template (a declaration keeps the version it was accepted with). */
export function getTemplate(code: string, version: number) {
  return http.get<ScoringTemplate>(`/api/templates/${encodeURIComponent(code)}/${version}`)
}
