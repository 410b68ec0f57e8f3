// Bad input, catalogued (issue 11): every refusal is SPEC §5's error body (400 malformed, 413 too large,
// 422 per field, 431 oversize headers, 404 for ids that are no ids) with a clean Chinese message, and it
// changes nothing; SQL and HTML payloads in text fields are plain text, answered byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, certificateClient, siteClient, accountClient, demoProject, demoPerson, DEMO_REGISTRY, DEMO_PASSWORD, Client } from '../lib/server.mjs';

const NOW = '2026-05-20T10:00:00+08:00';
const P1 = demoProject(1);  // accepted 2026-02 under HP: months, suspensions, terminations, completion
const P2 = demoProject(2);  // evaluated for five months under XH: a pending quarter, filed months
// Database, C++ and parser texts a client must never read (STYLE: log the detail, answer with the code).
const LEAK = /SQLITE|sqlite3|syntax error|std::|at \/|pq:|incomplete JSON|extra data|too deep|exception/i;
const CODE = { 400: 'bad_request', 401: 'unauthenticated', 404: 'not_found', 409: 'conflict', 413: 'payload_too_large', 414: 'uri_too_long',
  422: 'validation_failed', 431: 'header_too_large' };
const HAN = /\p{Script=Han}/u;
const K100 = '质'.repeat(100 * 1024);  // 100 K characters, 300 KB of UTF-8: under the 1 MiB body limit
const M2 = 'x'.repeat(2 << 20);         // over it
const SQL = ["' OR 1=1 --", '"; DROP TABLE declarations; --'];
const HTML = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'];
const MARK = '@@BYTES@@';

let server;
const f = { as: {} };

const person = (id) => { const p = demoPerson(id); return { name: p.name, mobile: p.mobile }; };
const managers = (regNo) => Object.fromEntries(['general', 'supervision'].map((kind) => [kind === 'general' ? 'contractor_manager' : 'supervision_manager',
  person(DEMO_REGISTRY.contracts.find((c) => c.project_registration_no === regNo && c.kind === kind).manager_id_number)]));

// Valid bodies; each case adds its one fault, so a refusal can only be the fault's.
const ok = {
  login: (o) => ({ username: P1.authority, password: DEMO_PASSWORD, ...o }),
  create: (o) => ({ project_id: f.free.id, quality_target: '优良', planned_start: '2026-03-01', planned_finish: '2027-12-31', overview: '框架结构',
    ...managers(f.free.registration_no), ...o }),
  edit: (o) => ({ version: f.D.version, quality_target: '优良', planned_start: '2026-03-01', planned_finish: '2027-12-31', overview: '框架结构', ...o }),
  ret: (o) => ({ version: f.S.version, opinion: '请补充基坑信息', ...o }),
  sheet: (o) => ({ version: f.M.version, not_applicable: ['9'], deductions: [{ clause: '1.1.1', problem: '责任制未签字' }], ...o }),
  quarter: (o) => ({ version: f.Q.version, inspection_date: '2026-05-10', inspectors: '王强、李明', opinion: '资料齐全', conclusion: 'excellent', ...o }),
  spot: (o) => ({ version: f.spot?.spot_check?.version ?? 0, findings: [{ clause: '1.1.1', conforms: true, note: '' }], finished: false, ...o }),
  suspend: (o) => ({ kind: 'suspend', reason: '资金问题停工', date: '2026-05-18', ...o }),
  project: (o) => ({ registration_no: 'HP2026-9901', name: '坏输入测试工程', address: '中山东一路 1 号', district: '黄浦区', authority_code: 'HP',
    structure_type: '框架', floor_area: 1200.5, planned_start: '2026-01-10', planned_finish: '2027-12-31', ...o }),
  registry: (o) => ({ projects: [ok.project()], ...o }),
  template: (o) => ({ code: f.template.code, version: 2, name: '坏输入测试打分表', check_items: f.template.check_items, ...o }),
};
const clause0 = (o) => ok.template({ check_items: f.template.check_items.map((item, i) => (i ? item : { ...item, sub_items: item.sub_items.map((s, j) =>
  (j ? s : { ...s, clauses: s.clauses.map((c, k) => (k ? c : { ...c, ...o })) })) })) });
const item0 = (o) => ok.template({ check_items: f.template.check_items.map((item, i) => (i ? item : { ...item, ...o })) });
// JSON text whose MARK (a string value) becomes the given raw bytes or literal text.
const spliced = (obj, bytes) => { const [a, b] = JSON.stringify(obj).split(`"${MARK}"`); return Buffer.concat([Buffer.from(a), Buffer.from(bytes), Buffer.from(b)]); };
const badUtf8 = (obj, bytes) => spliced(obj, [0x22, 0x61, ...bytes, 0x62, 0x22]);  // "a…b"

// Endpoints: who calls, where, and which reads must come back identical.
const at = {
  login: { as: 'anonymous', url: '/api/auth/password', view: 'login' },
  create: { as: 'contractor', url: '/api/declarations', view: 'create' },
  edit: { as: 'contractor', method: 'PUT', url: () => `/api/declarations/${f.D.id}`, view: 'draft' },
  ret: { as: 'supervisor', url: () => `/api/declarations/${f.S.id}/return`, view: 'submitted' },
  pass: { as: 'supervisor', url: () => `/api/declarations/${f.S.id}/pass`, view: 'submitted' },
  reject: { as: 'authorityS', url: () => `/api/declarations/${f.S.id}/reject`, view: 'submitted' },
  accept: { as: 'authorityS', url: () => `/api/declarations/${f.S.id}/accept`, view: 'submitted' },
  sheet: { as: 'contractor', method: 'PUT', url: () => `/api/monthly/${f.M.id}/self-sheet`, view: 'sheet' },
  month: { as: 'contractor', url: () => `/api/declarations/${f.A.id}/monthly`, view: 'accepted' },
  suspend: { as: 'contractor', url: () => `/api/declarations/${f.A.id}/suspensions`, view: 'accepted' },
  terminate: { as: 'contractor', url: () => `/api/declarations/${f.A.id}/termination`, view: 'accepted' },
  complete: { as: 'contractor', url: () => `/api/declarations/${f.A.id}/completion`, view: 'accepted' },
  quarter: { as: 'authorityXH', url: () => `/api/quarterly/${f.Q.id}/register`, view: 'quarter' },
  spot: { as: 'authorityXH', method: 'PUT', url: () => `/api/monthly/${f.F.id}/spot-check`, view: 'spot' },
  registry: { as: 'admin', url: '/api/admin/registry', view: 'registry' },
  template: { as: 'admin', url: '/api/admin/templates', view: 'template' },
  sms: { as: 'anonymous', url: '/api/auth/sms-code', view: 'login' },
  contract: { as: 'site', url: '/api/auth/contract', view: 'site' },
  list: (url, as = 'contractor') => ({ as, method: 'GET', url, view: 'lists', name: url.split('?')[0] }),
};

const CASES = [];
// add(class, endpoint, body (or a function read when the case runs), expected status, field(s) details.fields names, extra)
const add = (cls, where, body, status, fields, extra = {}) =>
  CASES.push({ cls, ...(typeof where === 'string' ? { ...at[where], name: where } : where), body, status, fields, ...extra });

// Malformed JSON: 400 bad_request; well-formed JSON that is not an object is a 422 at "$".
add('malformed', 'login', '{"username": ', 400, null);
add('malformed', 'create', '{"project_id": 1, "quality_target": "优', 400, null);
add('malformed', 'sheet', () => JSON.stringify(ok.sheet()).slice(0, -3), 400, null);
add('malformed', 'registry', '{"authorities":[', 400, null);
add('malformed', 'login', `${JSON.stringify(ok.login())}xyz`, 400, null);
add('malformed', 'ret', () => `${JSON.stringify(ok.ret())} {"opinion":"又一个"}`, 400, null);
add('malformed', 'template', () => `${JSON.stringify(ok.template())}]`, 400, null);
add('malformed', 'edit', () => JSON.stringify(ok.edit()).replace(/"version":\d+/, '"version":NaN'), 400, null);
add('malformed', 'edit', () => JSON.stringify(ok.edit()).replace('{', '{/* 注释 */'), 400, null);
add('malformed', 'login', `\ufeff${JSON.stringify(ok.login())}`, 400, null);
add('malformed', 'create', `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`, 400, null);
for (const w of ['login', 'create', 'edit', 'ret', 'sheet', 'registry', 'template']) {
  add('malformed', w, '', 400);
  add('malformed', w, '[]', 422, '$');
}
add('malformed', 'ret', 'null', 422, '$');
add('malformed', 'ret', '"退回"', 422, '$');

// Wrong types: a number for a string, a string for a number, an object for an array, null for a value.
add('types', 'login', ok.login({ username: 1 }), 422, 'username');
add('types', 'login', ok.login({ password: true }), 422, 'password');
add('types', 'create', () => ok.create({ project_id: String(f.free.id), quality_target: 5, planned_start: 20260301, overview: [], contractor_manager: '张三', supervision_manager: [] }),
  422, ['project_id', 'quality_target', 'planned_start', 'overview', 'contractor_manager', 'supervision_manager']);
add('types', 'edit', () => ok.edit({ version: String(f.D.version) }), 422, 'version');
add('types', 'edit', () => ok.edit({ overview: null }), 422, 'overview');
add('types', 'ret', () => ok.ret({ opinion: 123 }), 422, 'opinion');
add('types', 'ret', () => ok.ret({ opinion: { text: '意见' } }), 422, 'opinion');
add('types', 'ret', () => ok.ret({ opinion: null }), 422, 'opinion');
add('types', 'sheet', () => ok.sheet({ not_applicable: '9' }), 422, 'not_applicable');
add('types', 'sheet', () => ok.sheet({ deductions: { clause: '1.1.1' } }), 422, 'deductions');
add('types', 'sheet', () => ok.sheet({ deductions: [{ clause: 1.1, problem: 7 }] }), 422, ['deductions[0].clause', 'deductions[0].problem']);
add('types', 'quarter', () => ok.quarter({ inspectors: ['王强'], conclusion: 1 }), 422, ['inspectors', 'conclusion']);
add('types', 'spot', () => ok.spot({ findings: [{ clause: '1.1.1', conforms: 'true' }], finished: 'yes' }), 422, ['findings[0].conforms', 'finished']);
add('types', 'spot', () => ok.spot({ findings: {} }), 422, 'findings');
add('types', 'registry', ok.registry({ authorities: { code: 'HP' } }), 422, 'authorities');
add('types', 'registry', ok.registry({ projects: [ok.project({ floor_area: '1200.5' })] }), 422, 'projects[0].floor_area');
add('types', 'template', () => ok.template({ version: '2', check_items: {} }), 422, ['version', 'check_items']);
add('types', 'pass', () => ok.ret({ opinion: undefined, supervisor_manager: '张三' }), 422, 'supervisor_manager');
add('types', 'accept', () => ok.ret({ opinion: 5 }), 422, 'opinion');
add('types', 'contract', { contract_id: '1' }, 422, 'contract_id');
add('types', 'sms', { role: 'site_contractor', name: '张伟', id_number: 310101198001011234 }, 422, 'id_number');

// Missing required fields.
add('missing', 'login', { username: P1.authority }, 422, 'password');
add('missing', 'login', { password: DEMO_PASSWORD }, 422, 'username');
add('missing', 'create', {}, 422, ['project_id', 'quality_target', 'planned_start', 'planned_finish', 'overview', 'contractor_manager', 'supervision_manager']);
add('missing', 'edit', () => ({ version: f.D.version }), 422, ['quality_target', 'planned_start', 'planned_finish', 'overview']);
add('missing', 'edit', () => { const { version, ...rest } = ok.edit(); return rest; }, 422, 'version');
add('missing', 'ret', () => ({ version: f.S.version }), 422, 'opinion');
add('missing', 'ret', { opinion: '请补充' }, 422, 'version');
add('missing', 'sheet', () => { const { version, ...rest } = ok.sheet(); return rest; }, 422, 'version');
add('missing', 'sheet', () => ok.sheet({ deductions: [{ problem: '没有条文' }] }), 422, 'deductions[0].clause');
// SPEC §6: "the whole sheet each time" — a body without the sheet must not save an empty one.
add('missing', 'sheet', () => ({ version: f.M.version }), 422, 'deductions');
add('missing', 'sheet', () => ok.sheet({ deductions: null }), 422, 'deductions');
add('missing', 'month', {}, 422, 'period');
add('missing', 'suspend', {}, 422, 'kind');
add('missing', 'quarter', () => ({ version: f.Q.version }), 422, ['inspection_date', 'conclusion']);
add('missing', 'registry', ok.registry({ projects: [ok.project({ name: undefined })] }), 422, 'projects[0].name');
add('missing', 'template', {}, 422, ['code', 'version', 'name', 'check_items']);

// Unknown fields: refused by name (the password login ignores them; see its own test below).
add('unknown', 'create', () => ok.create({ status: 'accepted' }), 422, 'status');
add('unknown', 'edit', () => ok.edit({ id: 1, evil: true }), 422, ['id', 'evil']);
add('unknown', 'edit', () => ok.edit({ contractor_manager: { ...managers(f.free.registration_no).contractor_manager, id_number: '310101198001011234' } }), 422, 'contractor_manager.id_number');
add('unknown', 'ret', () => ok.ret({ status: 'accepted' }), 422, 'status');
add('unknown', 'pass', () => ok.ret({ supervisor_manager: { ...managers(f.projectS.registration_no).supervision_manager, role: 'admin' } }), 422, 'supervisor_manager.role');
add('unknown', 'sheet', () => ok.sheet({ score: 100 }), 422, 'score');
add('unknown', 'sheet', () => ok.sheet({ deductions: [{ clause: '1.1.1', problem: 'x', points: 0 }] }), 422, 'deductions[0].points');
add('unknown', 'spot', () => ok.spot({ findings: [{ clause: '1.1.1', conforms: true, score: 1 }] }), 422, 'findings[0].score');
add('unknown', 'terminate', { reason: '项目取消', kind: 'terminate' }, 422, 'kind');
add('unknown', 'registry', ok.registry({ authorities: [{ code: 'HP', name: '篡改', district: '黄浦区', extra: 1 }] }), 422, 'authorities[0].extra');
add('unknown', 'registry', ok.registry({ widgets: [] }), 422, 'widgets');
add('unknown', 'template', () => item0({ weight: 2 }), 422, 'check_items[0].weight');

// 100 K-character strings: 422 by field; a body over the limit is 413.
add('oversize', 'login', ok.login({ username: K100 }), 422, 'username');
add('oversize', 'edit', () => ok.edit({ overview: K100 }), 422, 'overview');
add('oversize', 'edit', () => ok.edit({ quality_target: K100 }), 422, 'quality_target');
add('oversize', 'ret', () => ok.ret({ opinion: K100 }), 422, 'opinion');
add('oversize', 'reject', () => ok.ret({ opinion: K100 }), 422, 'opinion');
add('oversize', 'sheet', () => ok.sheet({ deductions: [{ clause: '1.1.1', problem: K100 }] }), 422, 'deductions[0].problem');
add('oversize', 'quarter', () => ok.quarter({ opinion: K100 }), 422, 'opinion');
add('oversize', 'terminate', { reason: K100 }, 422, 'reason');
add('oversize', 'suspend', ok.suspend({ reason: K100 }), 422, 'reason');
add('oversize', 'registry', ok.registry({ projects: [ok.project({ name: K100 })] }), 422, 'projects[0].name');
add('oversize', 'template', () => ok.template({ name: K100 }), 422, 'name');
add('oversize', 'edit', () => ok.edit({ overview: M2 }), 413);
add('oversize', 'ret', () => ok.ret({ opinion: M2 }), 413);

// Invalid UTF-8 inside a string (raw bytes), and a lone surrogate escape: malformed JSON.
add('utf8', 'login', badUtf8(ok.login({ username: MARK }), [0xff, 0xfe]), 400, null);
add('utf8', 'edit', () => badUtf8(ok.edit({ quality_target: MARK }), [0xc3, 0x28]), 400, null);
add('utf8', 'edit', () => badUtf8(ok.edit({ overview: MARK }), [0xc0, 0xaf]), 400, null);
add('utf8', 'ret', () => badUtf8(ok.ret({ opinion: MARK }), [0xed, 0xa0, 0x80]), 400, null);
add('utf8', 'sheet', () => badUtf8(ok.sheet({ deductions: [{ clause: '1.1.1', problem: MARK }] }), [0x80]), 400, null);
add('utf8', 'registry', badUtf8(ok.registry({ projects: [ok.project({ name: MARK })] }), [0xf8, 0x88, 0x80, 0x80, 0x80]), 400, null);
add('utf8', 'template', () => badUtf8(ok.template({ name: MARK }), [0xe4, 0xb8]), 400, null);
add('utf8', 'ret', () => spliced(ok.ret({ opinion: MARK }), Buffer.from('"a\\ud800b"')), 400, null);

// Control characters in names and opinions.
add('control', 'login', ok.login({ username: `jdz\u0000hp` }), 422, 'username');
add('control', 'edit', () => ok.edit({ quality_target: '优\u0007良' }), 422, 'quality_target');
add('control', 'edit', () => ok.edit({ contractor_manager: { ...managers(f.free.registration_no).contractor_manager, name: '张\u0000伟' } }), 422, 'contractor_manager.name');
add('control', 'ret', () => ok.ret({ opinion: '请补充\u0000' }), 422, 'opinion');
add('control', 'ret', () => ok.ret({ opinion: '请补充\u0007' }), 422, 'opinion');
add('control', 'reject', () => ok.ret({ opinion: '工期不符\u0007' }), 422, 'opinion');
add('control', 'pass', () => ok.ret({ supervisor_manager: { ...managers(f.projectS.registration_no).supervision_manager, name: '王\u0000强' } }), 422, 'supervisor_manager.name');
add('control', 'sheet', () => ok.sheet({ deductions: [{ clause: '1.1.1', problem: '未签字\u0000' }] }), 422, 'deductions[0].problem');
add('control', 'quarter', () => ok.quarter({ inspectors: '王强\u0007' }), 422, 'inspectors');
add('control', 'terminate', { reason: '项目\u0000取消' }, 422, 'reason');
add('control', 'registry', ok.registry({ projects: [ok.project({ name: '工程\u0007' })] }), 422, 'projects[0].name');
add('control', 'template', () => clause0({ text: '条文\u0007' }), 422, 'check_items[0].sub_items[0].clauses[0].text');

// Negative, huge and imprecise numbers (9007199254740993 is 2^53 + 1: no double holds it).
add('numbers', 'edit', () => ok.edit({ version: -1 }), 422, 'version');
add('numbers', 'edit', () => ok.edit({ version: 1e308 }), 422, 'version');
add('numbers', 'ret', () => JSON.stringify(ok.ret({ version: 7 })).replace('"version":7', '"version":1e999'), 422, 'version');
// A well-formed integer that is not the record's version is SPEC §5's stale version: 409 conflict.
add('numbers', 'edit', () => JSON.stringify(ok.edit()).replace(/"version":\d+/, '"version":9007199254740993'), 409);
add('numbers', 'create', () => ok.create({ project_id: -1 }), 422, 'project_id');
add('numbers', 'create', () => ok.create({ project_id: 1.5 }), 422, 'project_id');
add('numbers', 'create', () => JSON.stringify(ok.create()).replace(/"project_id":\d+/, '"project_id":9007199254740993'), 422, 'project_id');
add('numbers', 'template', () => JSON.stringify(ok.template({ version: 4242 })).replace('"version":4242', '"version":9007199254740993'), 422, 'version');
add('numbers', 'template', () => item0({ standard_score: 1e308 }), 422, 'check_items[0].standard_score');
add('numbers', 'registry', ok.registry({ projects: [ok.project({ floor_area: -1 })] }), 422, 'projects[0].floor_area');
add('numbers', 'registry', ok.registry({ projects: [ok.project({ floor_area: 1e308 })] }), 422, 'projects[0].floor_area');
add('numbers', 'sheet', () => ok.sheet({ deductions: Array.from({ length: 1001 }, () => ({ clause: '1.1.1', problem: 'x' })) }), 422, 'deductions');
add('numbers', 'sheet', () => ok.sheet({ not_applicable: Array.from({ length: 101 }, (_, i) => String(i)) }), 422, 'not_applicable');
add('numbers', 'spot', () => ok.spot({ version: -1 }), 422, 'version');
add('numbers', 'spot', () => ok.spot({ findings: Array.from({ length: 2001 }, () => ({ clause: '1.1.1', conforms: true })) }), 422, 'findings');
add('numbers', 'contract', { contract_id: -1 }, 422, 'contract_id');
add('numbers', { as: 'contractor', method: 'DELETE', url: () => `/api/declarations/${f.D.id}?version=99999999999999999999`, view: 'draft', name: 'delete' }, undefined, 422, 'version');
for (const q of ['page=-1', 'page_size=100000', 'page=abc', 'page=9007199254740993', 'page_size=0', 'page=1e3'])
  add('numbers', at.list(`/api/declarations?${q}`), undefined, 422, q.split('=')[0]);
add('numbers', at.list('/api/monthly?page=-1'), undefined, 422, 'page');
add('numbers', at.list('/api/tasks?page_size=100000'), undefined, 422, 'page_size');
add('numbers', at.list('/api/admin/login-log?page=abc', 'auditor'), undefined, 422, 'page');

// Impossible dates and periods.
for (const [field, value] of [['planned_start', '2026-02-30'], ['planned_finish', '2026-13-01'], ['planned_start', 'yesterday']])
  add('dates', 'edit', () => ok.edit({ [field]: value }), 422, field);
for (const date of ['2026-02-30', '2026-13-01', 'yesterday']) add('dates', 'suspend', ok.suspend({ date }), 422, 'date');
add('dates', 'quarter', () => ok.quarter({ inspection_date: '2026-02-30' }), 422, 'inspection_date');
add('dates', 'complete', { completion_date: '2026-02-30', acceptance_info: '已通过竣工验收', self_assessment: '良好' }, 422, 'completion_date');
add('dates', 'registry', ok.registry({ projects: [ok.project({ planned_start: '2026-02-30', planned_finish: '2026-13-01' })] }), 422, ['projects[0].planned_start', 'projects[0].planned_finish']);
add('dates', 'month', { period: '2026-13' }, 422, 'period');
add('dates', 'month', { period: 'yesterday' }, 422, 'period');
add('dates', at.list('/api/declarations?from=2026-02-30&to=yesterday'), undefined, 422, ['from', 'to']);
add('dates', at.list('/api/monthly?period_from=2026-13&period_to=yesterday'), undefined, 422, ['period_from', 'period_to']);
add('dates', at.list('/api/quarterly?quarter_from=2026-Q5'), undefined, 422, 'quarter_from');

// Unknown enumeration values.
for (const list of ['declarations', 'monthly', 'quarterly', 'completions', 'suspensions', 'terminations', 'declarations/export.xlsx'])
  add('enums', at.list(`/api/${list}?status=foo`), undefined, 422, 'status');
add('enums', at.list('/api/declarations?sort=evil'), undefined, 422, 'sort');
add('enums', at.list('/api/suspensions?kind=foo'), undefined, 422, 'kind');
add('enums', at.list('/api/tasks?kind=foo'), undefined, 422, 'kind');
add('enums', at.list('/api/overdue?lateness=foo'), undefined, 422, 'lateness');
add('enums', at.list('/api/projects?declarable=maybe'), undefined, 422, 'declarable');
for (const role of ['foo', 'admin', 'authority']) add('enums', 'sms', { role, name: '张伟', id_number: '310101198001011234' }, 422, 'role');
add('enums', 'suspend', ok.suspend({ kind: 'foo' }), 422, 'kind');
add('enums', 'quarter', () => ok.quarter({ conclusion: 'perfect' }), 422, 'conclusion');
add('enums', 'registry', ok.registry({ enterprises: [{ ...DEMO_REGISTRY.enterprises[0], kind: 'foo' }] }), 422, 'enterprises[0].kind');
add('enums', 'registry', ok.registry({ contracts: [{ ...DEMO_REGISTRY.contracts[0], kind: 'foo' }] }), 422, 'contracts[0].kind');

// SQL payloads where they are refused (accepted ones are plain text: see the tests below).
add('sql', at.list(`/api/declarations?sort=${encodeURIComponent('id; DROP TABLE declarations; --')}`), undefined, 422, 'sort');
add('sql', at.list(`/api/monthly?status=${encodeURIComponent(SQL[0])}`), undefined, 422, 'status');
add('sql', 'registry', ok.registry({ authorities: [{ code: SQL[0], name: SQL[1], district: '黄浦区' }] }), 422, 'authorities[0].code');
add('sql', 'template', () => ok.template({ code: SQL[1] }), 422, 'code');
add('sql', { ...at.sms, url: '/api/auth/sms-login', name: 'sms-login' }, { role: 'site_contractor', name: SQL[0], id_number: '310101198001011234', code: SQL[0] }, 422, 'code');

// What must come back identical after a refused request, per endpoint.
const get = async (as, url) => { const r = await f.as[as].get(url); assert.equal(r.status, 200, `${url}: ${r.text}`); return r.json; };
const record = (url) => Promise.all([get('contractor', url), get('contractor', `${url}/audit`)]);
// Reading a record also takes its current version into the fixture: one wrongly accepted case must
// not make the next ones fail on a stale version.
const fresh = (key, read) => async () => { const v = await read(); f[key] = [v].flat()[0]; return v; };
const VIEWS = {
  login: () => get('auditor', '/api/admin/login-log?page_size=5'),
  create: () => Promise.all([get('contractor', '/api/declarations?page_size=100'), get('contractor', '/api/projects?declarable=true&page_size=100')]),
  draft: fresh('D', () => record(`/api/declarations/${f.D.id}`)),
  submitted: fresh('S', () => record(`/api/declarations/${f.S.id}`)),
  sheet: fresh('M', () => get('contractor', `/api/monthly/${f.M.id}`)),
  accepted: () => Promise.all([record(`/api/declarations/${f.A.id}`), get('contractor', `/api/declarations/${f.A.id}/monthly`),
    get('contractor', `/api/declarations/${f.A.id}/suspensions`), get('contractor', `/api/declarations/${f.A.id}/completion`), get('contractor', '/api/terminations')]),
  quarter: fresh('Q', () => get('authorityXH', `/api/quarterly/${f.Q.id}`)),
  spot: fresh('spot', () => get('authorityXH', `/api/monthly/${f.F.id}/spot-check`)),
  registry: () => Promise.all([get('admin', '/api/projects?page_size=100'), get('admin', '/api/health')]),
  template: () => get('admin', '/api/templates/current'),
  site: () => get('site', '/api/me'),
  lists: () => Promise.all([get('contractor', '/api/declarations?page_size=100'), get('authorityXH', '/api/monthly?page_size=100')]),
};

// A request with any body: objects as JSON, strings and Buffers as they are.
async function send(as, method, url, body, headers = {}) {
  const h = { ...headers };
  if (f.as[as].token) h.authorization = `Bearer ${f.as[as].token}`;
  if (body !== undefined) h['content-type'] ??= 'application/json';
  const payload = body === undefined || typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await fetch(server.base + url, { method, headers: h, body: payload });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json = null;
  try { json = JSON.parse(bytes.toString('utf8')); } catch { /* asserted below */ }
  return { status: res.status, bytes, text: bytes.toString('utf8'), json, headers: res.headers };
}

// SPEC §5: {"error": {"code", "message" (中文), "details"}}, valid UTF-8, nothing internal.
function assertErrorBody(r, status, fields) {
  assert.equal(r.status, status, r.text.slice(0, 300));
  assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(r.bytes), 'the answer is valid UTF-8');
  assert.ok(r.json, `a JSON body: ${r.text.slice(0, 200)}`);
  assert.deepEqual(Object.keys(r.json), ['error']);
  assert.deepEqual(Object.keys(r.json.error).sort(), ['code', 'details', 'message']);
  assert.equal(r.json.error.code, CODE[status]);
  assert.equal(typeof r.json.error.details, 'object');
  for (const field of [fields ?? []].flat()) assert.ok(r.json.error.details.fields?.[field], `details.fields names ${field}: ${JSON.stringify(r.json.error.details)}`);
  assert.ok(HAN.test(r.json.error.message), `a Chinese message: ${r.json.error.message}`);
  assert.doesNotMatch(r.text, LEAK, 'no database, C++ or parser text');
}

const value = (v) => (typeof v === 'function' ? v() : v);

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  const as = f.as;
  as.anonymous = new Client(server.base);
  as.contractor = await certificateClient(server, P1.contractor);
  as.authorityXH = await accountClient(server, P2.authority);
  as.admin = await accountClient(server, 'admin');
  as.auditor = await accountClient(server, 'auditor');  // the login log is the auditor's (issue 21)
  as.site = await siteClient(server, 'site_supervisor', demoPerson(P1.supervision.manager_id_number), P1.supervision);
  const projects = (await as.contractor.get('/api/projects?declarable=true&page_size=100')).json.items;
  f.free = projects[2];  // stays undeclared: every create case carries it
  [f.D, f.S] = await Promise.all(projects.slice(0, 2).map(async (p) => (await as.contractor.post('/api/declarations', ok.create({ project_id: p.id, ...managers(p.registration_no) }))).json));
  f.S = (await as.contractor.post(`/api/declarations/${f.S.id}/submit`, { version: f.S.version })).json;
  f.projectS = projects[1];
  as.supervisor = await certificateClient(server, projects[1].supervision.enterprise.uscc);
  as.authorityS = await accountClient(server, `jdz_${projects[1].authority.code.toLowerCase()}`);
  f.A = (await as.contractor.get(`/api/declarations?q=${P1.regNo}`)).json.items[0];
  const month = (await as.contractor.post(`/api/declarations/${f.A.id}/monthly`, { period: '2026-02' })).json;
  f.M = (await as.contractor.put(`/api/monthly/${month.id}/self-sheet`, { version: month.version, not_applicable: ['9'], deductions: [{ clause: '1.1.1', problem: '责任制未签字' }] })).json;
  f.Q = (await as.authorityXH.get('/api/quarterly?status=pending')).json.items[0];
  f.F = (await as.authorityXH.get('/api/monthly?status=filed')).json.items[0];
  f.template = (await as.admin.get('/api/templates/current')).json;
  for (const k of ['D', 'S', 'M', 'Q', 'F', 'A', 'free']) assert.ok(f[k]?.id, `fixture ${k}`);
  assert.equal(f.S.status, 'submitted');
});
after(async () => { if (process.env.QSM_DEBUG) console.log(server?.stderr); await server?.stop(); });

for (const c of CASES) {
  const title = `${c.cls}: ${c.method ?? 'POST'} ${c.name} → ${c.status}${c.fields ? ` (${[c.fields].flat().join(', ')})` : ''} (case ${CASES.indexOf(c)})`;
  test(title, c.todo ? { todo: c.todo } : {}, async () => {
    const before = await VIEWS[c.view]();
    const r = await send(c.as, c.method ?? 'POST', value(c.url), value(c.body));
    assertErrorBody(r, c.status, c.fields);
    assert.deepEqual(await VIEWS[c.view](), before, 'nothing changed');
  });
}

test('the password login ignores unknown fields: none is stored or echoed', async () => {
  const before = await VIEWS.login();
  const r = await send('anonymous', 'POST', '/api/auth/password', ok.login({ role: 'admin', is_admin: true, authority: { code: 'XH' } }));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.me.role, 'authority');
  assert.equal(r.json.me.authority.code, P1.project.authority_code);
  assert.ok(!r.text.includes('is_admin'));
  const me = await send('anonymous', 'GET', '/api/me', undefined, { authorization: `Bearer ${r.json.token}` });
  assert.equal(me.json.role, 'authority');
  assert.equal((await send('anonymous', 'GET', '/api/admin/login-log', undefined, { authorization: `Bearer ${r.json.token}` })).status, 403);
  assert.equal((await VIEWS.login()).total, before.total + 1, 'one successful login, nothing else');
});

const SEARCHES = [['contractor', '/api/declarations'], ['contractor', '/api/monthly'], ['contractor', '/api/projects'], ['authorityXH', '/api/quarterly'],
  ['contractor', '/api/completions'], ['contractor', '/api/suspensions'], ['contractor', '/api/terminations']];

test('SQL payloads in searches are plain text: nothing matches, nothing errs, nothing changes', async () => {
  const before = await VIEWS.lists();
  for (const q of [...SQL, '%', '_', "'", '\\']) {
    for (const [as, url] of SEARCHES) {
      const r = await send(as, 'GET', `${url}?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, `${url} q=${q}: ${r.text}`);
      assert.equal(r.json.total, 0, `${url} q=${q} matches nothing`);
    }
    const contracts = await send('site', 'GET', `/api/auth/contracts?report_no=${encodeURIComponent(q)}`);
    assert.equal(contracts.status, 200);
    assert.deepEqual(contracts.json.items, []);
  }
  const login = await send('anonymous', 'POST', '/api/auth/password', { username: SQL[0], password: SQL[1] });
  assertErrorBody(login, 401);
  assert.deepEqual(await VIEWS.lists(), before);
});

test('SQL and HTML text is stored and answered byte-identical in JSON; nothing else changes', async () => {
  const text = `${SQL.join(' ')} ${HTML.join(' ')} "引号" & \\ </script>`;
  const others = await VIEWS.lists();
  const edited = await send('contractor', 'PUT', `/api/declarations/${f.D.id}`, ok.edit({ overview: text, quality_target: SQL[0] }));
  assert.equal(edited.status, 200, edited.text);
  const read = await send('contractor', 'GET', `/api/declarations/${f.D.id}`);
  assert.equal(read.json.overview, text);
  assert.equal(read.json.quality_target, SQL[0]);
  for (const h of HTML) assert.ok(read.text.includes(h), `raw JSON carries ${h} unescaped`);
  const after = await VIEWS.lists();
  assert.equal(after[0].total, others[0].total, 'the declarations are all there');
  f.D = read.json;
});

test('HTML in opinions and problem texts comes back byte-identical, in the record and its audit', async () => {
  const opinion = (r) => r.json.returned?.opinion;
  let s = await send('supervisor', 'POST', `/api/declarations/${f.S.id}/return`, { version: f.S.version, opinion: HTML[0] });
  assert.equal(s.status, 200, s.text);
  assert.equal(opinion(await send('contractor', 'GET', `/api/declarations/${f.S.id}`)), HTML[0]);
  s = await send('contractor', 'POST', `/api/declarations/${f.S.id}/submit`, { version: s.json.version });
  s = await send('supervisor', 'POST', `/api/declarations/${f.S.id}/pass`, { version: s.json.version, opinion: SQL[1] });
  assert.equal(s.status, 200, s.text);
  const rejected = await f.as.authorityS.post(`/api/declarations/${f.S.id}/reject`, { version: s.json.version, opinion: HTML[1] });
  assert.equal(rejected.status, 200, rejected.text);
  const read = await send('contractor', 'GET', `/api/declarations/${f.S.id}`);
  assert.equal(opinion(read), HTML[1]);
  assert.ok(read.text.includes(HTML[1]));
  const audit = (await send('contractor', 'GET', `/api/declarations/${f.S.id}/audit`)).json.items;
  assert.deepEqual(audit.filter((a) => a.opinion).map((a) => [a.action, a.opinion]), [['return', HTML[0]], ['pass', SQL[1]], ['reject', HTML[1]]]);

  const problems = [...HTML, `${SQL[1]}\n第二行\t制表`, '\u2028行分隔符\u2029 😀'];
  const deductions = problems.map((problem, i) => ({ clause: f.template.check_items[i].sub_items[0].clauses[0].code, problem }));
  await VIEWS.sheet();
  const saved = await send('contractor', 'PUT', `/api/monthly/${f.M.id}/self-sheet`, ok.sheet({ not_applicable: [], deductions }));
  assert.equal(saved.status, 200, saved.text);
  const month = await send('contractor', 'GET', `/api/monthly/${f.M.id}`);
  assert.deepEqual(month.json.self.deductions.map((d) => d.problem), problems);
  for (const h of HTML) assert.ok(month.text.includes(h));
});

test('a query string with 5,000 parameters: ignored names are ignored, an oversize line is 431', async () => {
  const plain = await send('contractor', 'GET', '/api/declarations?page_size=100');
  const many = await send('contractor', 'GET', `/api/declarations?page_size=100&${'x&'.repeat(5000)}`);
  assert.equal(many.status, 200, many.text.slice(0, 200));
  assert.deepEqual(many.json, plain.json);
  // Named ones pass the 16 KB header limit (request line included): 431, like any oversize header.
  assertErrorBody(await send('contractor', 'GET', `/api/declarations?${Array.from({ length: 5000 }, (_, i) => `p${i}=1`).join('&')}`), 431);
});

test('a 20 KB URL and a 64 KB header are refused with the error body, and change nothing', async () => {
  const url = await send('contractor', 'GET', `/api/declarations?q=${'a'.repeat(20 * 1024)}`);
  assert.ok([414, 431].includes(url.status), `${url.status}`);
  assertErrorBody(url, url.status);
  const big = { 'x-padding': 'a'.repeat(64 * 1024) };
  assertErrorBody(await send('contractor', 'GET', '/api/declarations', undefined, big), 431);
  const before = await VIEWS.submitted();
  assertErrorBody(await send('supervisor', 'POST', `/api/declarations/${f.S.id}/pass`, { version: f.S.version }, big), 431);
  assert.deepEqual(await VIEWS.submitted(), before);
  assert.equal((await send('contractor', 'GET', '/api/health')).status, 200, 'the server still answers');
});

test('path ids that are not ids are 404 (or 400), never 500', async () => {
  const ids = ['abc', '99999999999999999999', '-1', '0', '1e3', '1.0', '%27%20OR%201%3D1%20--', '1%00'];
  const before = await VIEWS.lists();
  for (const id of ids) {
    for (const [method, url, body] of [['GET', `/api/declarations/${id}`], ['PUT', `/api/declarations/${id}`, ok.edit()], ['DELETE', `/api/declarations/${id}?version=1`],
      ['POST', `/api/declarations/${id}/submit`, { version: 1 }], ['GET', `/api/monthly/${id}`], ['GET', `/api/monthly/${id}/print.pdf`],
      ['GET', `/api/quarterly/${id}`], ['GET', `/api/templates/SH-QS/${id}`], ['GET', `/api/templates/${id}/1`]]) {
      const r = await send('contractor', method, url, body);
      assert.ok([400, 404].includes(r.status), `${method} ${url}: ${r.status}`);
      assertErrorBody(r, r.status);
    }
  }
  assert.deepEqual(await VIEWS.lists(), before);
});

test('an unknown path with invalid UTF-8 is answered in valid UTF-8', async () => {
  assertErrorBody(await send('contractor', 'GET', '/api/nothing-%FF%FE'), 404);
});

// Query and path text reaches the database as it was percent-decoded: refuse it or match nothing, never 500.
test('invalid UTF-8 in query and path text is refused or matches nothing, never a database error',
  async () => {
    for (const bytes of ['%FF', '%C3%28', '%ED%A0%80']) {
      for (const [as, url] of [...SEARCHES.map(([who, u]) => [who, `${u}?q=`]), ['contractor', '/api/declarations/export.xlsx?q='], ['site', '/api/auth/contracts?report_no=']]) {
        const r = await send(as, 'GET', url + bytes);
        if (r.status !== 200) assertErrorBody(r, r.status);
        else if (r.json) assert.equal(r.json.total ?? r.json.items.length, 0, `${url}${bytes}`);  // (the xlsx is no JSON)
        assert.ok([200, 400, 422].includes(r.status), `${url}${bytes}: ${r.status}`);
      }
      const path = await send('contractor', 'GET', `/api/templates/${bytes}/1`);
      assert.ok([400, 404].includes(path.status), `/api/templates/${bytes}/1: ${path.status}`);
    }
  });

test('a NUL in query and path text is refused or kept, never cut off', async () => {
  for (const [as, url] of SEARCHES) {
    const r = await send(as, 'GET', `${url}?q=${encodeURIComponent(P1.regNo)}%00zzz`);
    assert.ok(r.status === 422 || (r.status === 200 && r.json.total === 0), `${url}: ${r.status} total ${r.json?.total}`);
  }
  assert.equal((await send('contractor', 'GET', `/api/templates/${f.template.code}%00/1`)).status, 404);
});

test('a chunked body over the limit is 413 as well, and changes nothing', async () => {
  const before = await VIEWS.draft();
  const parts = [JSON.stringify(ok.edit()).slice(0, -1), ',"overview":"', ...Array(40).fill('x'.repeat(64 * 1024)), '"}'];
  const body = new ReadableStream({ pull(c) { if (parts.length) c.enqueue(new TextEncoder().encode(parts.shift())); else c.close(); } });
  const res = await fetch(`${server.base}/api/declarations/${f.D.id}`, {
    method: 'PUT', body, duplex: 'half', headers: { 'content-type': 'application/json', authorization: `Bearer ${f.as.contractor.token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  assertErrorBody({ status: res.status, bytes, text: bytes.toString(), json: JSON.parse(bytes.toString()) }, 413);
  assert.deepEqual(await VIEWS.draft(), before);
});

// Last, when the fixtures may change: without its fault each carrier is accepted, so every refusal above was the fault's.
test('without its fault, each carrier body is accepted', async () => {
  for (const view of ['draft', 'submitted', 'sheet', 'quarter', 'spot']) await VIEWS[view]();
  if (f.S.status === 'returned') f.S = (await f.as.contractor.post(`/api/declarations/${f.S.id}/submit`, { version: f.S.version })).json;
  const carriers = [['login', ok.login(), 200], ['create', ok.create(), 201], ['edit', ok.edit(), 200], ['ret', ok.ret(), 200], ['sheet', ok.sheet(), 200],
    ['quarter', ok.quarter(), 200], ['spot', ok.spot(), 200], ['suspend', ok.suspend(), 201], ['registry', ok.registry(), 200],
    ['template', ok.template(), 201], ['contract', { contract_id: (await get('site', '/api/me')).contract.id }, 200]];
  for (const [name, body, status] of carriers) {
    const r = await send(at[name].as, at[name].method ?? 'POST', value(at[name].url), body);
    assert.equal(r.status, status, `${name}: ${r.text.slice(0, 200)}`);
  }
});
