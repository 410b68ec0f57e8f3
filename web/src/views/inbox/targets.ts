// Where each to-do item is dealt with: the page (or the list with its dialog, `?open=ID`) that the
// workflow already offers for the record and the step awaiting the user.
import type { RouteLocationRaw } from 'vue-router'
import type { Task } from '@/api/tasks'
import type { Role } from '@/utils/dict'

/** 中止/恢复 and 终止: the role's list, opened at its 复核 (监理机构) or 备案 (监督机构) dialog. */
const REQUEST_LISTS: Partial<Record<Role, { base: string; step?: 'review' | 'register'; view?: string }>> = {
  site_supervisor: { base: '/supervision', step: 'review' },
  authority: { base: '/authority', step: 'register' },
  contractor: { base: '/enterprise' },
  supervisor: { base: '/enterprise', view: '-view' },
}

function summary(task: Task): RouteLocationRaw {
  return `/declarations/${task.declaration_id}/summary`
}

export function taskTarget(task: Task, role: Role | null): RouteLocationRaw {
  const id = task.id === null ? '' : String(task.id)
  switch (task.kind) {
    case 'declaration': {
      // The list filtered to the project, with the form (施工企业), 申报复核 (监理企业) or 受理 (监督机构) open.
      const query = { q: task.declaration.registration_no, open: id }
      if (role === 'authority') return { path: '/authority/acceptance', query }
      if (role === 'contractor' || role === 'supervisor') return { path: '/enterprise/declarations', query }
      return summary(task)
    }
    case 'monthly_evaluation':
      if (!id) return summary(task)
      if (role === 'contractor' && task.action === 'self_sheet') return `/monthly/${id}/self`
      if (role === 'site_supervisor') return `/monthly/${id}/review`
      return `/monthly/${id}`
    case 'monthly_due':
      // The project's months, asking at once to create the month due.
      if (role !== 'contractor') return summary(task)
      return { path: `/enterprise/monthly/${task.declaration_id}`, query: task.period ? { create: task.period } : {} }
    case 'quarterly_registration':
      return role === 'authority' && id ? { path: '/authority/quarterly', query: { open: id } } : summary(task)
    case 'completion':
      return id ? `/completions/${id}` : summary(task)
    case 'suspension':
    case 'termination': {
      const list = role ? REQUEST_LISTS[role] : undefined
      if (!list || !id) return summary(task)
      const path = `${list.base}/${task.kind === 'suspension' ? 'suspensions' : 'terminations'}${list.view ?? ''}`
      return list.step ? { path, query: { open: id, step: list.step } } : path
    }
    case 'rectification':
      // 整改回复, 整改确认 and 复查 are all taken on the order's page.
      return id ? `/rectifications/${id}` : summary(task)
    default:
      return summary(task)
  }
}
