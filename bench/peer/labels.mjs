// The Chinese labels and the authority's actions that qsm's answers carry, copied from the workflow
// specs (src/domain/workflow/*.hpp, src/domain/spot_check.hpp) and the inbox (src/service/task_service.cpp).
// A stored code the table does not know is shown as it is, as Machine::state_label does.

const table = (pairs) => new Map(pairs);
const labelOf = (map, code) => map.get(code) ?? code;

// declaration.hpp kStates
export const declarationStates = table([
  ['draft', '已申报待提交'], ['submitted', '已提交待复核'], ['returned', '已退回待提交'], ['reviewed', '已复核待受理'], ['accepted', '已受理'],
]);
// declaration.hpp kSteps: what the authority may do in each state (available(state, authority)).
const declarationAuthorityActions = table([['reviewed', ['accept', 'reject']]]);
// monthly.hpp kStates (the monthly spec gives the authority no step).
export const monthlyStates = table([
  ['draft', '待提交'], ['submitted', '已提交待复核评价'], ['reviewed', '已复核待提交'], ['filed', '已复核待季度评价监督信息登记'], ['registered', '已季度登记'],
]);
// management.hpp kStatuses
const managementStatuses = table([['active', '评价中'], ['suspended', '已中止'], ['completed', '已竣工'], ['terminated', '已终止']]);
// management.hpp kKinds (management.cpp) and the request specs' states per kind.
const kindLabels = table([['suspend', '中止'], ['resume', '恢复'], ['terminate', '终止']]);
const requestStates = {
  suspend: table([['pending_review', '已中止待复核'], ['pending_registration', '已复核中止待监督信息登记'], ['registered', '已登记'], ['withdrawn', '已撤回']]),
  resume: table([['pending_review', '已中止恢复待复核'], ['pending_registration', '已复核中止恢复待监督信息登记'], ['registered', '已登记'], ['withdrawn', '已撤回']]),
  terminate: table([['pending_review', '已终止待复核'], ['pending_registration', '已复核终止待监督信息登记'], ['registered', '已登记'], ['withdrawn', '已撤回']]),
};
// The todos of the request specs for the authority (register in pending_registration).
const requestTodos = { suspend: '中止备案', resume: '恢复备案', terminate: '终止备案' };
// completion.hpp kStates
const completionStates = table([
  ['pending_review', '竣工评价待复核'], ['rejected', '复核不同意'], ['pending_registration', '竣工评价已提交待监督信息登记'], ['registered', '已登记'],
]);
// quarterly.hpp kStates
const quarterlyStates = table([['pending', '待信息登记'], ['registered', '已登记']]);
// spot_check.hpp kStates
const spotCheckStates = table([['in_progress', '抽查中'], ['finished', '已完成']]);
// rectification.hpp kStates
const rectificationStates = table([['issued', '已下发待整改'], ['replied', '已回复待监理确认'], ['confirmed', '已确认待复查'], ['closed', '已销项']]);

export const declarationLabel = (code) => declarationStates.get(declarationStates.has(code) ? code : 'draft');
export const declarationActions = (code) => declarationAuthorityActions.get(declarationStates.has(code) ? code : 'draft') ?? [];
export const monthlyLabel = (code) => monthlyStates.get(monthlyStates.has(code) ? code : 'draft');
export const managementStatusLabel = (code) => labelOf(managementStatuses, code);
export const kindLabel = (kind) => kindLabels.get(kind);
export const requestStateLabel = (kind, code) => requestStates[kind]?.get(code);
export const terminationStateLabel = (code) => labelOf(requestStates.terminate, code);
export const completionStateLabel = (code) => labelOf(completionStates, code);
export const spotCheckStateLabel = (code) => labelOf(spotCheckStates, code);

// task_service.cpp machine_of + action_of + status_label_of for the authority's rows: the spec of the
// row's kind (a request's by its kind of request) and the todo of its state.
const kindOfRequest = (detail) => (kindLabels.has(detail ?? 'terminate') ? detail ?? 'terminate' : 'terminate');
const authorityTodos = {
  declaration: table([['reviewed', ['accept', '受理申报']]]),
  quarterly_registration: table([['pending', ['register', '季度评价监督信息登记']]]),
  completion: table([['pending_registration', ['register', '竣工评价监督信息登记']]]),
  rectification: table([['confirmed', ['recheck', '整改复查']]]),
};
const stateTables = {
  declaration: declarationStates, monthly_evaluation: monthlyStates, quarterly_registration: quarterlyStates,
  completion: completionStates, rectification: rectificationStates,
};
export function taskAction(row) {
  if (row.kind === 'suspension' || row.kind === 'termination') {
    const kind = kindOfRequest(row.detail);
    return row.status === 'pending_registration' ? ['register', requestTodos[kind]] : ['view', '查看'];
  }
  return authorityTodos[row.kind]?.get(row.status) ?? ['view', '查看'];
}
export function taskStatusLabel(row) {
  if (row.kind === 'suspension' || row.kind === 'termination') return labelOf(requestStates[kindOfRequest(row.detail)], row.status);
  return labelOf(stateTables[row.kind], row.status);
}
// task_service.cpp title_of
export function taskTitle(row) {
  switch (row.kind) {
    case 'declaration': return '质量标准化申报';
    case 'monthly_evaluation': return row.detail + ' 月度评价';
    case 'quarterly_registration': return row.detail + ' 季度评价';
    case 'completion': return '竣工评价';
    case 'rectification': return '整改指令单 ' + (row.detail ?? '');
    default: return kindLabels.get(row.detail ?? 'terminate') + '申请' + (row.date !== null ? '（' + row.date + '）' : '');
  }
}
// task_service.cpp kKinds: every kind counted (the counts object lists them in std::map order).
export const kTaskKinds = ['declaration', 'monthly_evaluation', 'monthly_due', 'quarterly_registration', 'completion', 'suspension', 'termination', 'rectification'];

// domain/registry.cpp kShanghaiDistricts (the list filters' district).
export const kShanghaiDistricts = new Set(['黄浦区', '徐汇区', '长宁区', '静安区', '普陀区', '虹口区', '杨浦区', '闵行区', '宝山区', '嘉定区', '浦东新区', '金山区', '松江区', '青浦区', '奉贤区', '崇明区']);
