// Administration API beyond the imports: the login log (登录日志).
import { http, type Page } from '@/utils/request'
import type { Id } from '@/api/auth'

export type LoginMethod = 'password' | 'certificate' | 'sms'

export interface LoginLogEntry {
  id: Id
  /** ISO 8601 with the +08:00 offset. */
  at: string
  method: LoginMethod
  /** Username, enterprise or person as the server names it (ID numbers never appear). */
  who: string
  ip: string
  success: boolean
  /** Why it was refused (or a note on success); may be empty. */
  reason: string
}

export function listLoginLog(query: { page: number; page_size: number }) {
  return http.get<Page<LoginLogEntry>>('/api/admin/login-log', { params: { ...query } })
}
