// State and calls of 审计日志 (审计管理员): every audited action (workflow steps, imports, account security,
// logouts, reads of the logs), newest first, paged by the server, filtered by 对象, 操作, 操作人 and a date range
// kept in the address; and the security policy's retention of the logs. Each read is itself audited.
import { onMounted, ref } from 'vue'
import { getSecurityPolicy, listAuditLog, type AuditLogEntry, type SecurityPolicy } from '@/api/admin'
import { auditActionLabel, auditEntityLabel, roleLabel } from '@/utils/dict'
import { formatDateTime, orDash } from '@/utils/format'
import { rangeModel, useListPage, type ListColumn } from '@/utils/useListPage'

/** A state code with the entity's own label when the server gives none: the code as it is. */
function stateText(value: string | null): string {
  return orDash(value)
}

export const COLUMNS: (ListColumn<AuditLogEntry> & { text: (row: AuditLogEntry) => string })[] = [
  { prop: 'at', label: '时间', width: 170, text: (r) => formatDateTime(r.at) },
  { prop: 'entity', label: '对象', width: 130, text: (r) => r.entity_label ?? auditEntityLabel(r.entity) },
  { prop: 'entity_id', label: '对象编号', width: 90, align: 'center', text: (r) => orDash(r.entity_id) },
  { prop: 'action', label: '操作', width: 150, text: (r) => r.action_label ?? auditActionLabel(r.action) },
  {
    prop: 'states', label: '状态变化', minWidth: 160,
    text: (r) => (r.from_state || r.to_state ? `${stateText(r.from_state)} → ${stateText(r.to_state)}` : '—'),
  },
  { prop: 'actor_name', label: '操作人', minWidth: 140, text: (r) => orDash(r.actor_name) },
  {
    prop: 'actor_role', label: '角色', width: 130,
    text: (r) => r.actor_role_label ?? (r.actor_role ? roleLabel(r.actor_role) : '—'),
  },
  { prop: 'organisation', label: '所属单位', minWidth: 180, text: (r) => orDash(r.organisation) },
  { prop: 'opinion', label: '意见/说明', minWidth: 200, text: (r) => orDash(r.opinion) },
  { prop: 'ip', label: 'IP', width: 140, text: (r) => orDash(r.ip) },
]

export function useAuditLog() {
  const list = useListPage({
    filters: { entity: '', action: '', who: '', from: '', to: '' },
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

  return { ...list, range, policy }
}
