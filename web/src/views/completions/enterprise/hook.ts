// State and calls of 企业竣工评价 (施工企业): its accepted declarations with each one's 竣工评价 state;
// 竣工评价申请 (when the server allows it), 查看 (再次提交复核 there when rejected), 打印, 综合信息,
// and 导出 of its completion requests.
import { exportCompletions } from '@/api/completions'
import { DECLARATION_SORTS, listDeclarations, type Declaration, type DeclarationSort } from '@/api/declarations'
import { useUserStore } from '@/store/user'
import { statusTag } from '@/utils/dict'
import { useListPage, type ListColumn } from '@/utils/useListPage'
import { COLUMNS as DECLARATION_COLUMNS } from '@/views/declarations/shared/list'
import { printCompletionOf, useCompletionNavigation } from '../shared/list'

const SHOWN = ['registration_no', 'name', 'district', 'supervision']

/** 报监编号, 工程名称, 所在区, 监理单位 as in the declaration lists, 管理状态 and 竣工评价 (tags). */
export const COLUMNS: ListColumn<Declaration>[] = [
  ...DECLARATION_COLUMNS.filter((c) => SHOWN.includes(c.prop)),
  { prop: 'management_status', label: '管理状态', width: 100, align: 'center' },
  {
    prop: 'completion', label: '竣工评价', width: 210, align: 'center',
    text: (r) => r.completion?.status_label ?? '未申请',
    tag: (r) => (r.completion ? statusTag('completion', r.completion.status) : 'info'),
  },
]

export function useEnterpriseCompletions() {
  const navigation = useCompletionNavigation()
  const list = useListPage<Declaration, { q: string; district: string }>({
    filters: { q: '', district: '' },
    sortProps: { registration_no: 'registration_no' },
    sorts: DECLARATION_SORTS,
    // The projects under quality-standardisation management: accepted declarations.
    fetch: ({ sort, ...query }) => listDeclarations({ ...query, status: 'accepted', sort: sort as DeclarationSort | '' }),
  })

  const user = useUserStore()
  /**
   * 竣工评价申请: the server says when (an active project with no request in progress and none made); a clerk
   * also needs 竣工/中止/终止申请 (the server leaves it out of his records' `request_actions` too).
   */
  function canApply(row: Declaration): boolean {
    return row.request_actions.includes('apply_completion') && user.clerkMay('apply')
  }

  async function exportList() {
    const { q, district } = list.appliedFilters()
    try {
      await exportCompletions({ q, district })
    } catch {
      // shown by the request module
    }
  }

  function print(row: Declaration) {
    if (row.completion) void printCompletionOf(row.completion.id, row.project.registration_no)
  }

  return {
    ...list, canApply, exportList, print,
    apply: (row: Declaration) => navigation.openApply(row.id),
    view: (row: Declaration) => row.completion && navigation.openDetail(row.completion.id),
    openSummary: (row: Declaration) => navigation.openSummary(row.id),
  }
}
