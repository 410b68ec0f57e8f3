// State and calls of 审计日志 (审计管理员): every audited action (workflow steps and record edits with what changed,
// imports, account security, settings, jobs, notices, logouts, reads of the logs), newest first, paged by the
// server, filtered by 对象, 操作, 操作人, 所在区 and a date range kept in the address; 导出 of the same list as Excel;
// and the security policy's retention of the logs. Each read and each export is itself audited.
import { onMounted, ref } from 'vue'
import { exportAuditLog, getSecurityPolicy, listAuditLog, type AuditLogEntry, type SecurityPolicy } from '@/api/admin'
import { auditActionLabel, auditEntityLabel, roleLabel } from '@/utils/dict'
import { formatDateTime, orDash } from '@/utils/format'
import { rangeModel, useListPage, type ListColumn } from '@/utils/useListPage'

/** A state by the entity's own name for it (the server's label), else its code as it is. */
function stateText(label: string | null | undefined, code: string | null): string {
  return orDash(label || code)
}

/** A column as data: its text, and a second, smaller line under it (who acted: role and organisation). */
export type AuditColumn = ListColumn<AuditLogEntry> & { text: (row: AuditLogEntry) => string; sub?: (row: AuditLogEntry) => string }

function roleText(r: AuditLogEntry): string {
  return r.actor_role_label || (r.actor_role ? roleLabel(r.actor_role) : '')
}

/** The actor's role and, when it is not the actor's own name, its organisation. */
function actorSub(r: AuditLogEntry): string {
  const organisation = r.organisation && r.organisation !== r.actor_name ? r.organisation : ''
  return [roleText(r), organisation].filter(Boolean).join(' · ')
}

// Fits 1440 px without scrolling sideways: 对象 carries its number, 操作人 its role and organisation, so that
// 意见/说明 (an edit's record says what changed, 工程概况：… → …) has the room to be read whole, wrapped.
export const COLUMNS: AuditColumn[] = [
  { prop: 'at', label: '时间', width: 160, text: (r) => formatDateTime(r.at) },
  {
    prop: 'entity', label: '对象', width: 110, wrap: true,
    text: (r) => r.entity_label ?? auditEntityLabel(r.entity),
    sub: (r) => (r.entity_id !== null && r.entity_id !== undefined && String(r.entity_id) !== '0' ? `编号 ${r.entity_id}` : ''),
  },
  { prop: 'action', label: '操作', width: 120, wrap: true, text: (r) => r.action_label ?? auditActionLabel(r.action) },
  {
    prop: 'states', label: '状态变化', minWidth: 140, wrap: true,
    text: (r) => (r.from_state || r.to_state ? `${stateText(r.from_label, r.from_state)} → ${stateText(r.to_label, r.to_state)}` : '—'),
  },
  { prop: 'actor_name', label: '操作人', minWidth: 170, wrap: true, text: (r) => orDash(r.actor_name), sub: actorSub },
  { prop: 'opinion', label: '意见/说明', minWidth: 250, wrap: true, text: (r) => orDash(r.opinion) },
  { prop: 'ip', label: 'IP', width: 120, text: (r) => orDash(r.ip) },
]

export function useAuditLog() {
  const list = useListPage({
    filters: { entity: '', action: '', who: '', district: '', from: '', to: '' },
    fetch: (query) => listAuditLog(query),
  })
  const { form } = list

  const range = rangeModel(form, 'from', 'to')

  const policy = ref<SecurityPolicy | null>(null)
  onMounted(async () => {
    try {
      policy.value = await getSecurityPolicy()
    } catch {
      // shown by the request module; the list does not depend on it
    }
  })

  const exporting = ref(false)

  /** 导出: the list as searched (not the form's unsearched edits), up to the settings' row limit. */
  async function exportList() {
    exporting.value = true
    try {
      await exportAuditLog(list.appliedFilters())
    } catch {
      // shown by the request module
    } finally {
      exporting.value = false
    }
  }

  return { ...list, range, policy, exporting, exportList }
}
