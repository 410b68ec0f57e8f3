// How a notice's facts read (通知公告): who published it, how long it is in force, to whom it goes — the same words in
// the header's list, the notice dialog and the management page.
import type { NoticeBase, NoticePublisher } from '@/api/notices'

/** 黄浦区建设工程质量监督站, or 系统管理员（上海市…） when the account's name and its organisation differ. */
export function publisherText(p: NoticePublisher): string {
  if (!p.organisation || p.organisation === p.name) return p.name || '—'
  if (!p.name) return p.organisation
  return `${p.organisation}（${p.name}）`
}

/** 2026-05-20 至 2026-06-30, or 2026-05-20 起长期有效. */
export function noticeValidity(n: Pick<NoticeBase, 'valid_from' | 'valid_until'>): string {
  return n.valid_until ? `${n.valid_from} 至 ${n.valid_until}` : `${n.valid_from} 起长期有效`
}

/** 全部角色 or the roles' names; 全部区 or the districts. */
export function rolesText(n: Pick<NoticeBase, 'roles' | 'role_labels'>): string {
  return n.roles.length === 0 ? '全部角色' : n.role_labels.join('、')
}

export function districtsText(n: Pick<NoticeBase, 'districts'>): string {
  return n.districts.length === 0 ? '全部区' : n.districts.join('、')
}

/** 施工企业用户 · 黄浦区. */
export function noticeAudience(n: NoticeBase): string {
  return `${rolesText(n)} · ${districtsText(n)}`
}
