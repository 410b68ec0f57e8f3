// SPEC §1 (roles, data scope) and §5 (401/403/404) as one matrix generated from GET /api/openapi.json:
// every route × {no session, a bogus token, the six roles, a site user who has not chosen a contract}
// with an id the role owns and one it does not, plus a cookie session without X-CSRF-Token on every
// state-changing route. FIXTURES must name every route the server lists, so a new endpoint cannot be
// forgotten. Nothing may change data: an authorised state change is sent with a version no record has
// (STALE) or a body refused after the checks, so a 409/422 proves the request got past authorization;
// the audit trails and list totals are compared after every non-GET request; logout runs last.
// QSM_AUTHZ_MATRIX=1 prints the whole matrix, not only the routes with a failure.
// The routes are dealt out to authz_matrix_{1,2,3}.test.mjs, each with a server of its own, so that the
// matrix (1,805 cases, one request at a time) is not the one file the whole API run waits for; the
// first shard also runs the tests that are not the matrix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, certificateClient, siteClient, accountClient, demoProject, demoPerson, DEMO_REGISTRY, DEMO_PASSWORD, Client, qsmCli, sqlRows, ROOT } from '../lib/server.mjs';

const NOW = '2026-05-10T10:00:00+08:00'; // on or before the 15th: the last due month is April
const ROLES = ['contractor', 'supervisor', 'site_contractor', 'site_supervisor', 'authority', 'admin', 'security_admin', 'auditor'];
// The three administrators (issue 21) read across every scope; their answers are not searched for other projects' names.
const ADMINS = ['admin', 'security_admin', 'auditor'];
const STALE = 999999; // no record reaches this version: an authorised step ends in 409 and writes nothing
const MUTATING = (m) => m !== 'GET';

// Home H: the demo's evaluated declaration (completion applied here). Home T: the demo's managed one
// (suspension and termination: a project cannot hold a completion and a termination). Same contractor
// and supervision enterprises; their own site users and authorities.
const H = demoProject(2);
const T = demoProject(3);
// Away projects: no enterprise, authority or person of the homes takes part in them.
const homeEnterprises = new Set([H.contractor, H.supervision.enterprise_uscc, T.supervision.enterprise_uscc]);
const homeAuthorities = new Set([H.project.authority_code, T.project.authority_code]);
const contractOf = (regNo, kind) => DEMO_REGISTRY.contracts.find((c) => c.project_registration_no === regNo && c.kind === kind);
const AWAY = DEMO_REGISTRY.projects.filter((p) => !homeAuthorities.has(p.authority_code)
  && ['general', 'supervision'].every((k) => !homeEnterprises.has(contractOf(p.registration_no, k).enterprise_uscc))).slice(0, 2);
const MARKERS = AWAY.flatMap((p) => [p.registration_no, p.name]); // never in a home principal's answer
// SPEC §2 (PIPL): no answer carries a full ID-card number, nor a full mobile but the site user's own.
const PRIVATE = DEMO_REGISTRY.persons.flatMap((p) => [p.id_number, p.mobile]);

// ── Route fixtures: how to fill the path with an OWN and a FOREIGN id, and a body that is refused only
// after authorization (`foreignBody` when the foreign id travels in the body). `actors`: the roles SPEC §1
// lets take the action where x-roles (the route's permission) is wider — the state machine answers 403
// to the others. `session`: open to a site user who has not chosen a contract yet. `home: 'T'` picks
// T's principals. `markers`: more text that must not appear in the answer. `query`: a string, or
// (x, side) => the query that carries the OWN or FOREIGN id (`foreignQuery`: it does).
const stepBody = { version: STALE, opinion: '权限矩阵测试' };
const application = { completion_date: '2026-05-10', acceptance_info: '五方责任主体竣工验收合格。', self_assessment: '各月评价完整。' };
const sheet = { version: STALE, not_applicable: [], deductions: [] };
const on = (rec, extra = {}) => ({ params: (x, side) => ({ id: x[side][rec] }), ...extra });
const FIXTURES = {
  'GET /api/health': {}, 'GET /api/openapi.json': {}, 'GET /api/dictionary': {}, 'GET /metrics': {},
  'GET /verify/{code}': { params: () => ({ code: x.verifyCode }), noForeign: 'public by its code' },
  'GET /api/verify/{code}': { params: () => ({ code: x.verifyCode }), noForeign: 'public by its code' },
  'POST /api/auth/password': { body: {} }, 'POST /api/auth/certificate': { body: {} },
  'POST /api/auth/sms-code': { body: {} }, 'POST /api/auth/sms-login': { body: {} },
  'GET /api/auth/contracts': { session: true, actors: ['site_contractor', 'site_supervisor'] },
  'POST /api/auth/contract': { session: true, actors: ['site_contractor', 'site_supervisor'], body: (x, role) => ({ contract_id: x.contracts[role] ?? x.contracts.site_contractor }),
    foreignBody: (x) => ({ contract_id: x.awayContract }) },
  'POST /api/auth/logout': { session: true, last: true },
  'GET /api/me': { session: true },
  'POST /api/auth/password/change': { body: { old_password: DEMO_PASSWORD, new_password: DEMO_PASSWORD } },
  'GET /api/admin/login-log': {},
  'GET /api/admin/audit-log': { volatile: 'each read adds its own audit record' },
  'GET /api/admin/login-log/export.xlsx': {},
  'GET /api/admin/audit-log/export.xlsx': { volatile: 'each read adds its own audit record' },
  'GET /api/admin/security-policy': {},
  'GET /api/admin/accounts': {},
  'POST /api/auth/second-factor': { body: { code: '123456' } },
  'POST /api/account/second-factor/enrol': { body: {} },
  'POST /api/account/second-factor/confirm': { body: { code: '123456' } },
  'POST /api/admin/accounts/{id}/unlock': { params: () => ({ id: x.target }), noForeign: 'accounts are global' },
  'POST /api/admin/accounts/{id}/second-factor/reset': { params: () => ({ id: x.target }), noForeign: 'accounts are global' },
  'POST /api/admin/accounts/{id}/sessions/revoke': { params: () => ({ id: x.target }), noForeign: 'accounts are global' },
  'POST /api/admin/accounts/{id}/password/reset': { params: () => ({ id: x.target }), noForeign: 'accounts are global' },
  // The administration console (issue 27): answers that change nothing (an empty body, an unknown session).
  'GET /api/admin/users': {},
  'GET /api/admin/authorities': {},
  'POST /api/admin/users': { body: {} },
  'PUT /api/admin/users/{id}': { params: () => ({ id: x.target }), noForeign: 'accounts are global', body: {} },
  'POST /api/admin/users/{id}/unlock': { params: () => ({ id: x.target }), noForeign: 'accounts are global' },
  'POST /api/admin/users/{id}/reset-password': { params: () => ({ id: x.target }), noForeign: 'accounts are global', body: { password: '1' } },
  'GET /api/admin/sessions': {},
  'DELETE /api/admin/sessions/{id}': { params: () => ({ id: 999999999 }), noForeign: 'sessions are global' },
  'DELETE /api/admin/sessions': { query: () => `?account_id=${x.target}` },
  'GET /api/admin/settings': {},
  'PUT /api/admin/settings': { body: {} },
  'GET /api/notices': {},
  'POST /api/notices/{id}/read': { params: () => ({ id: 999999999 }), noForeign: 'an unknown notice' },
  'GET /api/admin/notices': {},
  'POST /api/admin/notices': { body: {} },
  'PUT /api/admin/notices/{id}': { params: () => ({ id: 999999999 }), noForeign: 'an unknown notice', body: { version: 1, title: 't', body: 'b' } },
  'POST /api/admin/notices/{id}/withdraw': { params: () => ({ id: 999999999 }), noForeign: 'an unknown notice', body: { version: 1 } },
  // 企业办事员 (issue 27): the certificate holder's; an empty form (422) and an unknown clerk (404) change nothing.
  'GET /api/enterprise/clerks': {},
  'POST /api/enterprise/clerks': { body: {} },
  'PUT /api/enterprise/clerks/{id}': { params: () => ({ id: 999999999 }), noForeign: 'an unknown clerk', body: { version: 1 } },
  'GET /api/admin/jobs': {},
  'GET /api/admin/jobs/{name}/runs': { params: () => ({ name: 'reminders' }), noForeign: 'jobs are global' },
  'POST /api/admin/jobs/{name}/run': { params: () => ({ name: 'no-such-job' }), noForeign: 'jobs are global' },
  'POST /api/admin/jobs/{name}/pause': { params: () => ({ name: 'no-such-job' }), noForeign: 'jobs are global' },
  'POST /api/admin/jobs/{name}/resume': { params: () => ({ name: 'no-such-job' }), noForeign: 'jobs are global' },
  'POST /api/admin/registry': { body: { authorities: [{ code: '', name: '', district: '' }] } },
  'GET /api/admin/registry/template.xlsx': {},
  // An empty body: refused after the rights (422, not a workbook).
  'POST /api/admin/registry.xlsx': { body: undefined },
  'POST /api/admin/templates': { body: { code: 'AUTHZ', version: 1, name: '权限矩阵', check_items: [] } },
  'GET /api/templates/current': {},
  'GET /api/templates/{code}/{version}': { params: () => ({ code: 'SH-QS', version: 1 }), noForeign: 'templates are global' },
  'GET /api/projects': {},
  'GET /api/declarations': {}, 'GET /api/declarations/export.xlsx': {},
  'POST /api/declarations': { body: (x) => x.form(x.own.project), foreignBody: (x) => x.form(x.foreign.project) },
  // The 申报 form's manager choices (issue 26): the project travels in the query.
  'GET /api/declarations/managers': { query: (x, side) => `?project_id=${x[side].project.id}`, foreignQuery: true },
  'GET /api/declarations/{id}': on('declaration'),
  'PUT /api/declarations/{id}': on('declaration', { actors: ['contractor'],
    body: { version: STALE, quality_target: '优良', planned_start: '2026-03-01', planned_finish: '2027-12-31', overview: '权限矩阵测试' } }),
  'DELETE /api/declarations/{id}': on('declaration', { actors: ['contractor'], query: `?version=${STALE}` }),
  'POST /api/declarations/{id}/submit': on('declaration', { actors: ['contractor'], body: { version: STALE } }),
  'POST /api/declarations/{id}/return': on('declaration', { actors: ['supervisor'], body: stepBody }),
  'POST /api/declarations/{id}/pass': on('declaration', { actors: ['supervisor'], body: { version: STALE } }),
  'POST /api/declarations/{id}/accept': on('declaration', { actors: ['authority'], body: stepBody }),
  'POST /api/declarations/{id}/reject': on('declaration', { actors: ['authority'], body: stepBody }),
  'GET /api/declarations/{id}/summary': on('declaration'), 'GET /api/declarations/{id}/audit': on('declaration'),
  'GET /api/declarations/{id}/print.pdf': on('declaration'), 'GET /api/declarations/{id}/deductions': on('declaration'),
  'GET /api/declarations/{id}/monthly': on('declaration'),
  'POST /api/declarations/{id}/monthly': on('declaration', { body: { period: '2099-01' } }),
  'GET /api/monthly': {}, 'GET /api/monthly/export.xlsx': {},
  'GET /api/monthly/{id}': on('month'),
  'PUT /api/monthly/{id}/self-sheet': on('month', { actors: ['contractor'], body: sheet }),
  'POST /api/monthly/{id}/submit': on('month', { actors: ['contractor'], body: { version: STALE } }),
  'PUT /api/monthly/{id}/review-sheet': on('month', { actors: ['site_supervisor'], body: sheet }),
  'POST /api/monthly/{id}/review-submit': on('month', { actors: ['site_supervisor'], body: { version: STALE } }),
  // Photos (issue 23): a JSON body is refused (415) only after the rights and the scope; the own month is filed (409).
  'POST /api/monthly/{id}/self-sheet/deductions/{clause}/photos': { params: (x, side) => ({ id: x[side].month, clause: '1.1.1' }), actors: ['contractor'] },
  'POST /api/monthly/{id}/review-sheet/deductions/{clause}/photos': { params: (x, side) => ({ id: x[side].month, clause: '1.1.1' }), actors: ['site_supervisor'] },
  'POST /api/monthly/{id}/spot-check/findings/{clause}/photos': { params: (x, side) => ({ id: x[side].month, clause: '1.1.1' }) },
  'GET /api/photos/{id}': on('photo'), 'GET /api/photos/{id}/thumbnail': on('photo'),
  'DELETE /api/photos/{id}': on('photo', { actors: ['contractor'] }),
  'GET /api/monthly/{id}/print.pdf': on('month'),
  'GET /api/quarterly': {}, 'GET /api/quarterly/export.xlsx': {},
  'GET /api/quarterly/{id}': on('quarter'),
  'POST /api/quarterly/{id}/register': on('quarter', { body: { version: STALE, inspection_date: '2026-05-09', inspectors: '张建国', opinion: '权限矩阵测试', conclusion: 'excellent' } }),
  'GET /api/declarations/{id}/quarterly': on('declaration'),
  'GET /api/declarations/{id}/completion': on('declaration'),
  'POST /api/declarations/{id}/completion': on('declaration', { body: application }),
  'GET /api/completions': {}, 'GET /api/completions/export.xlsx': {},
  'GET /api/completions/{id}': on('completion'),
  'PUT /api/completions/{id}/review': on('completion', { actors: ['site_supervisor'], body: { version: STALE, agree: true, opinion: '同意。' } }),
  'POST /api/completions/{id}/review-submit': on('completion', { actors: ['site_supervisor'], body: { version: STALE } }),
  'POST /api/completions/{id}/resubmit': on('completion', { actors: ['contractor'], body: { ...application, version: STALE } }),
  'POST /api/completions/{id}/register': on('completion', { actors: ['authority'], body: { version: STALE, opinion: '同意。', conclusion: 'excellent' } }),
  'GET /api/completions/{id}/print.pdf': on('completion'),
  'POST /api/declarations/{id}/suspensions': on('declaration', { body: { kind: 'suspend', reason: '权限矩阵测试', date: '2026-05-01' } }),
  'GET /api/declarations/{id}/suspensions': on('declaration'),
  'GET /api/suspensions': {}, 'GET /api/suspensions/export.xlsx': {},
  'GET /api/suspensions/{id}': on('suspension', { home: 'T' }),
  'POST /api/suspensions/{id}/review': on('suspension', { home: 'T', actors: ['site_supervisor'], body: stepBody }),
  'POST /api/suspensions/{id}/register': on('suspension', { home: 'T', actors: ['authority'], body: stepBody }),
  'POST /api/suspensions/{id}/withdraw': on('suspension', { home: 'T', actors: ['contractor'], body: { version: STALE } }),
  'POST /api/declarations/{id}/termination': on('declaration', { body: { reason: '权限矩阵测试' } }),
  'GET /api/terminations': {}, 'GET /api/terminations/export.xlsx': {},
  'GET /api/terminations/{id}': on('termination', { home: 'T' }),
  'POST /api/terminations/{id}/review': on('termination', { home: 'T', actors: ['site_supervisor'], body: stepBody }),
  'POST /api/terminations/{id}/register': on('termination', { home: 'T', actors: ['authority'], body: stepBody }),
  'GET /api/monthly/{id}/spot-check': on('month'),
  'PUT /api/monthly/{id}/spot-check': on('month', { body: { version: STALE, findings: [], finished: false } }),
  'GET /api/monthly/{id}/spot-check/print.pdf': on('month'),
  // The away authority's spot-check names its enterprises; another authority's analytics must not.
  'GET /api/spot-checks/analytics': { markers: (x) => x.awaySpotChecked }, 'GET /api/spot-checks/analytics.xlsx': { markers: (x) => x.awaySpotChecked },
  'GET /api/tasks': {}, 'GET /api/overdue': {}, 'GET /api/dashboard': {},
  // Rectification orders (issue 24): each home's and the away one are replied (state replied), so a
  // photo or a step is refused (409) only after the rights and the scope; a bad kind is refused (422)
  // only after the declaration's scope.
  'GET /api/rectifications': {}, 'GET /api/rectifications/export.xlsx': {}, 'GET /api/rectifications/stats': {},
  'POST /api/rectifications': { body: (x) => ({ declaration_id: x.own.declaration, kind: 'later', deadline: '2026-05-30', items: [] }),
    foreignBody: (x) => ({ declaration_id: x.foreign.declaration, kind: 'later', deadline: '2026-05-30', items: [] }) },
  'GET /api/rectifications/{id}': on('rectification'), 'GET /api/rectifications/{id}/print.pdf': on('rectification'),
  'GET /api/declarations/{id}/rectifications': on('declaration'),
  'POST /api/rectifications/{id}/reply': on('rectification', { actors: ['contractor', 'site_contractor'], body: { version: STALE, items: [] } }),
  'POST /api/rectifications/{id}/confirm': on('rectification', { actors: ['site_supervisor'], body: { version: STALE, agree: true } }),
  'POST /api/rectifications/{id}/recheck': on('rectification', { actors: ['authority'], body: { version: STALE, items: [] } }),
  'POST /api/rectifications/{id}/items/{item}/photos': { params: (x, side) => ({ id: x[side].rectification, item: x[side].rectItem }),
    actors: ['contractor', 'site_contractor', 'authority'] },
  'GET /api/rectifications/{id}/photos/{photo}': { params: (x, side) => ({ id: x[side].rectification, photo: x[side].rectPhoto }) },
  'GET /api/rectifications/{id}/photos/{photo}/thumbnail': { params: (x, side) => ({ id: x[side].rectification, photo: x[side].rectPhoto }) },
  'DELETE /api/rectifications/{id}/photos/{photo}': { params: (x, side) => ({ id: x[side].rectification, photo: x[side].rectPhoto }),
    actors: ['contractor', 'site_contractor', 'authority'] },
};

// Server defects, written up in /work/notes/issue11-authz-findings.md: "KEY|column|variant" as printed.
// Printed on every run; an entry that now passes fails the run so the list is emptied when fixed.
const KNOWN = {
};

// One shard's state (each shard is a test file of its own, so a process of its own).
let server, openapi;
const who = { H: {}, T: {} }; // principals of each home
const x = { own: {}, foreign: {}, contracts: {} }; // ids

// Registers one shard's tests in the calling test file: `shard` of `shards` (0-based).
export function authzMatrix({ shard, shards }) {

  before(async () => {
    server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
    openapi = (await fetch(`${server.base}/api/openapi.json`).then((r) => r.json()));
    const cert = (uscc) => certificateClient(server, uscc);
    const site = async (role, contract) => Object.assign(await siteClient(server, role, demoPerson(contract.manager_id_number), contract),
      { mobile: demoPerson(contract.manager_id_number).mobile });
    const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
    who.H.contractor = who.T.contractor = await cert(H.contractor);
    who.H.supervisor = await cert(H.supervision.enterprise_uscc);
    who.T.supervisor = T.supervision.enterprise_uscc === H.supervision.enterprise_uscc ? who.H.supervisor : await cert(T.supervision.enterprise_uscc);
    who.H.admin = who.T.admin = await accountClient(server, 'admin');
    who.H.security_admin = who.T.security_admin = await accountClient(server, 'secadmin');
    who.H.auditor = who.T.auditor = await accountClient(server, 'auditor');
    // The account the security and system administrators' routes act on (none of the principals).
    qsmCli(server, ['user', 'add', 'authz_target', '--role', 'authority', '--authority', H.project.authority_code], 'Target#Pass2026\n');
    x.target = Number(sqlRows(server, "SELECT id FROM accounts WHERE username = 'authz_target'")[0][0]);
    for (const [home, p] of [['H', H], ['T', T]]) {
      who[home].site_contractor = await site('site_contractor', p.general);
      who[home].site_supervisor = await site('site_supervisor', p.supervision);
      who[home].authority = await accountClient(server, p.authority);
    }
    for (const role of ['site_contractor', 'site_supervisor']) x.contracts[role] = ok(await who.H[role].get('/api/auth/contracts')).items[0].id;
    const declOf = async (c, regNo) => ok(await c.get(`/api/declarations?q=${regNo}`)).items[0];
    const projectOf = async (c, regNo) => ok(await c.get(`/api/projects?q=${regNo}`)).items[0].id;
    const manager = (regNo, kind) => { const p = demoPerson(contractOf(regNo, kind).manager_id_number); return { name: p.name, mobile: p.mobile }; };
    x.form = (project) => ({ project_id: project.id, quality_target: '优良', planned_start: project.planned_start, planned_finish: project.planned_finish,
      overview: '权限矩阵测试工程。', contractor_manager: manager(project.registration_no, 'general'), supervision_manager: manager(project.registration_no, 'supervision') });

    // Home H: register the pending quarter, then apply for completion.
    const h = await declOf(who.H.contractor, H.regNo);
    x.own.declaration = h.id;
    x.own.project = { ...H.project, id: await projectOf(who.H.contractor, H.regNo) };
    x.own.month = ok(await who.H.authority.get(`/api/declarations/${h.id}/monthly`)).items.find((m) => m.status === 'filed').id;
    const pending = ok(await who.H.authority.get(`/api/quarterly?status=pending&q=${H.regNo}`)).items[0];
    x.own.quarter = ok(await who.H.authority.post(`/api/quarterly/${pending.id}/register`, { version: pending.version, inspection_date: '2026-05-09',
      inspectors: '张建国', opinion: '现场质量受控。', conclusion: 'excellent' })).id;
    x.own.completion = ok(await who.H.contractor.post(`/api/declarations/${h.id}/completion`, application), 201).id;
    // A printout's verification code, read from its QR code (issue 26): the public page answers 200 with it.
    const printed = await who.H.contractor.bytes(`/api/declarations/${h.id}/print.pdf`);
    writeFileSync(path.join(server.dir, 'verify.pdf'), printed.body);
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', '-f', '1', '-l', '1', path.join(server.dir, 'verify.pdf'), path.join(server.dir, 'verify')]);
    const qr = execFileSync('zbarimg', ['--quiet', '--raw', path.join(server.dir, 'verify-1.png')], { encoding: 'utf8' }).trim();
    x.verifyCode = qr.split('/').pop();
    // Home T: a registered suspension, then a termination waiting for review.
    const t = await declOf(who.T.contractor, T.regNo);
    let s = ok(await who.T.contractor.post(`/api/declarations/${t.id}/suspensions`, { kind: 'suspend', reason: '资金原因停工', date: '2026-05-01' }), 201);
    s = ok(await who.T.site_supervisor.post(`/api/suspensions/${s.id}/review`, { version: s.version }));
    x.own.suspension = ok(await who.T.authority.post(`/api/suspensions/${s.id}/register`, { version: s.version })).id;
    x.own.termination = ok(await who.T.contractor.post(`/api/declarations/${t.id}/termination`, { reason: '建设单位决定终止。' }), 201).id;

    // Away: two projects declared and accepted now; the first evaluated for May and applied for completion,
    // the second suspended and asking for termination.
    const away = [];
    for (const p of AWAY) {
      const g = contractOf(p.registration_no, 'general'), sv = contractOf(p.registration_no, 'supervision');
      const a = { contractor: await cert(g.enterprise_uscc), supervisor: await cert(sv.enterprise_uscc),
        authority: await accountClient(server, `jdz_${p.authority_code.toLowerCase()}`), site: await site('site_supervisor', sv) };
      a.project = { ...p, id: await projectOf(a.contractor, p.registration_no) };
      let d = ok(await a.contractor.post('/api/declarations', x.form(a.project)), 201);
      d = ok(await a.contractor.post(`/api/declarations/${d.id}/submit`, { version: d.version }));
      d = ok(await a.supervisor.post(`/api/declarations/${d.id}/pass`, { version: d.version }));
      a.declaration = ok(await a.authority.post(`/api/declarations/${d.id}/accept`, { version: d.version })).id;
      away.push(a);
    }
    const [a1, a2] = away;
    let m = ok(await a1.contractor.post(`/api/declarations/${a1.declaration}/monthly`, { period: '2026-05' }), 201);
    m = ok(await a1.contractor.put(`/api/monthly/${m.id}/self-sheet`, { ...sheet, version: m.version, deductions: [{ clause: '1.1.1', problem: '权限矩阵测试' }] }));
    // A photo on the away month's deduction; the home month gets a copy of its row (its own upload is
    // refused: the month is filed), so each side has a photo its principals may read.
    const photo = await a1.contractor.upload(`/api/monthly/${m.id}/self-sheet/deductions/1.1.1/photos`, readFileSync(path.join(ROOT, 'tests', 'fixtures', 'photos', 'photo.jpg')));
    assert.equal(photo.status, 201, photo.text);
    x.foreign.photo = photo.json.id;
    const columns = 'target, clause, display_sha256, thumbnail_sha256, width, height, original_sha256, original_format, original_bytes, taken_at, gps, uploaded_by, uploader_name, uploaded_at';
    sqlRows(server, `INSERT INTO photos (monthly_id, declaration_id, ${columns}) SELECT ${x.own.month}, ${x.own.declaration}, ${columns} FROM photos WHERE id = ${photo.json.id}`);
    x.own.photo = Number(sqlRows(server, `SELECT MAX(id) FROM photos WHERE monthly_id = ${x.own.month}`)[0][0]);
    m = ok(await a1.contractor.post(`/api/monthly/${m.id}/submit`, { version: m.version }));
    m = ok(await a1.site.put(`/api/monthly/${m.id}/review-sheet`, { ...sheet, version: m.version }));
    m = ok(await a1.site.post(`/api/monthly/${m.id}/review-submit`, { version: m.version }));
    const q = ok(await a1.authority.get(`/api/declarations/${a1.declaration}/quarterly`)).items[0];
    ok(await a1.authority.post(`/api/quarterly/${q.id}/register`, { version: q.version, inspection_date: '2026-05-10', inspectors: '张建国', opinion: '受控。', conclusion: 'excellent' }));
    const completion = ok(await a1.contractor.post(`/api/declarations/${a1.declaration}/completion`, application), 201);
    let as = ok(await a2.contractor.post(`/api/declarations/${a2.declaration}/suspensions`, { kind: 'suspend', reason: '资金原因停工', date: '2026-05-10' }), 201);
    as = ok(await a2.site.post(`/api/suspensions/${as.id}/review`, { version: as.version }));
    as = ok(await a2.authority.post(`/api/suspensions/${as.id}/register`, { version: as.version }));
    ok(await a1.authority.put(`/api/monthly/${m.id}/spot-check`, { version: 0, findings: [{ clause: '1.1.1', conforms: false, note: '抽查不符' }], finished: true }));
    x.awaySpotChecked = ['general', 'supervision'].flatMap((k) => { const u = contractOf(AWAY[0].registration_no, k).enterprise_uscc;
      return [u, DEMO_REGISTRY.enterprises.find((e) => e.uscc === u).name]; });
    const at = ok(await a2.contractor.post(`/api/declarations/${a2.declaration}/termination`, { reason: '建设单位决定终止。' }), 201);
    // A rectification order on each side, with a problem photo, replied by the contractor.
    const rectify = async (authority, contractor, declaration) => {
      let r = ok(await authority.post('/api/rectifications', { declaration_id: declaration, kind: 'rectify', deadline: '2026-05-30', items: [{ problem: '权限矩阵测试' }] }), 201);
      const p = await authority.upload(`/api/rectifications/${r.id}/items/${r.items[0].id}/photos`, readFileSync(path.join(ROOT, 'tests', 'fixtures', 'photos', 'photo.jpg')));
      assert.equal(p.status, 201, p.text);
      r = ok(await contractor.post(`/api/rectifications/${r.id}/reply`, { version: r.version, items: [{ id: r.items[0].id, measure: '已整改' }] }));
      return { rectification: r.id, rectItem: r.items[0].id, rectPhoto: p.json.id };
    };
    Object.assign(x.own, await rectify(who.H.authority, who.H.contractor, x.own.declaration));
    Object.assign(x.foreign, await rectify(a1.authority, a1.contractor, a1.declaration));
    Object.assign(x.foreign, { photo: x.foreign.photo, declaration: a1.declaration, project: a1.project, month: m.id, completion: completion.id, suspension: as.id, termination: at.id, quarter: q.id });
    x.awayContract = ok(await a1.site.get('/api/auth/contracts')).items[0].id;
    x.declarations = [x.own.declaration, t.id, a1.declaration, a2.declaration];
    // A site user who has not chosen a contract: only the `session` routes (someone with no part in the
    // projects above nor in the last test's).
    const used = new Set([H, T, demoProject(1)].flatMap((p) => [p.general, p.supervision]).concat(AWAY.flatMap((p) => ['general', 'supervision'].map((k) => contractOf(p.registration_no, k))))
      .map((c) => c.manager_id_number));
    const busy = new Set([H.regNo, T.regNo, demoProject(1).regNo, ...AWAY.map((p) => p.registration_no)]);
    const loner = DEMO_REGISTRY.contracts.find((c) => c.kind === 'general' && !used.has(c.manager_id_number)
      && DEMO_REGISTRY.contracts.every((o) => o.manager_id_number !== c.manager_id_number || !busy.has(o.project_registration_no)));
    who.pending = new Client(server.base);
    await who.pending.loginSms(server, 'site_contractor', demoPerson(loner.manager_id_number).name, loner.manager_id_number);
    who.pending.mobile = demoPerson(loner.manager_id_number).mobile;
    // Sessions of their own for the fingerprint: the principals log out at the end.
    x.observer = { admin: await accountClient(server, 'admin'), authority: await accountClient(server, H.authority) };
  });
  after(async () => { if (process.env.QSM_DEBUG) console.log(server.stderr); await server?.stop(); });

  // Everything a refused request could have changed: the audit trail of each declaration (every state
  // change writes one), the totals of every list and the registry, the spot-check, the current template.
  // A query parameter the server ignores makes each read new, so no kept answer can hide a change.
  let reads = 0;
  async function fingerprint() {
    const { admin, authority } = x.observer;
    const read = async (c, url) => (await c.get(`${url}${url.includes('?') ? '&' : '?'}authz_read=${++reads}`)).text;
    const parts = [];
    for (const d of x.declarations) parts.push(await read(admin, `/api/declarations/${d}/audit`));
    for (const l of ['declarations', 'monthly', 'quarterly', 'completions', 'suspensions', 'terminations', 'projects', 'rectifications'])
      parts.push(JSON.parse(await read(admin, `/api/${l}?page_size=1`)).total);
    parts.push(await read(authority, `/api/monthly/${x.own.month}/spot-check`), await read(admin, '/api/templates/current'));
    parts.push(JSON.stringify(sqlRows(server, 'SELECT (SELECT COUNT(*) FROM photos), (SELECT COALESCE(MAX(id), 0) FROM photos), '
      + '(SELECT COUNT(*) FROM rectification_photos), (SELECT COUNT(*) FROM rectification_replies), (SELECT MAX(version) FROM rectifications)')));
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  // The text of an answer, xlsx unpacked and PDF extracted, so nothing can hide in a zip or a content stream.
  async function answerText(client, method, url, body) {
    const r = await client.request(method, url, body);
    const type = r.status === 200 ? r.headers.get('content-type') || '' : '';
    if (/spreadsheetml|pdf/.test(type)) {
      const res = await fetch(server.base + url, { headers: { authorization: `Bearer ${client.token}` } });
      const file = path.join(server.dir, 'authz.bin');
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      r.text = /pdf/.test(type) ? execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
        : execFileSync('unzip', ['-p', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    }
    return r;
  }

  const fill = (pattern, params) => pattern.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(params[k]));
  const leaked = (text, extra = []) => [...MARKERS, ...extra].find((m) => text.includes(m));
  const codeOf = (r) => r.json?.error?.code;

  // One expectation: `ok(r)` says whether the answer is right, `want` how it reads in the matrix.
  const EXPECT = {
    anon: { want: '401', ok: (r) => r.status === 401 && codeOf(r) === 'unauthenticated' },
    bogus: { want: '401', ok: (r) => r.status === 401 && codeOf(r) === 'unauthenticated' },
    denied: { want: '403', ok: (r) => r.status === 403 && codeOf(r) === 'forbidden' },
    csrf: { want: '403c', ok: (r) => r.status === 403 && codeOf(r) === 'csrf_failed' },
    foreign: { want: '404', ok: (r, method, leak) => [403, 404].includes(r.status) && !leak },
    foreignBody: { want: '4xx', ok: (r, method, leak) => [403, 404, 422].includes(r.status) && !leak },
    own: { want: 'ok', ok: (r, method, leak) => r.status < 500 && ![401, 403].includes(r.status) && (method !== 'GET' || r.status === 200) && !leak },
    ownAdmin: { want: 'ok', ok: (r, method) => r.status < 500 && ![401, 403].includes(r.status) && (method !== 'GET' || r.status === 200) },
    open: { want: 'open', ok: (r, method) => r.status < 500 && r.status !== 403 && (method !== 'GET' || r.status === 200) },
  };

  if (shard === 0) test('openapi lists every route with x-roles and x-open, and FIXTURES covers each of them', () => {
    const routes = Object.entries(openapi.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })));
    assert.ok(routes.length > 50, `only ${routes.length} routes`);
    for (const { key, op } of routes) {
      assert.ok(Array.isArray(op['x-roles']) && op['x-roles'].every((r) => ROLES.includes(r)), `${key}: x-roles ${JSON.stringify(op['x-roles'])}`);
      assert.equal(typeof op['x-open'], 'boolean', `${key}: x-open`);
    }
    // `actors` narrows x-roles to SPEC §1's actors; it never names a role the permission table refuses.
    for (const { key, op } of routes) for (const a of FIXTURES[key]?.actors || []) assert.ok(op['x-roles'].includes(a), `${key}: actor ${a} not in x-roles`);
    const missing = routes.map((r) => r.key).filter((k) => !FIXTURES[k]);
    assert.deepEqual(missing, [], `routes without a FIXTURES entry:\n  ${missing.join('\n  ')}`);
    const stale = Object.keys(FIXTURES).filter((k) => !routes.some((r) => r.key === k));
    assert.deepEqual(stale, [], `FIXTURES entries for routes the server no longer has:\n  ${stale.join('\n  ')}`);
  });

  test('every route × principal: 401 without a session, 403 outside the role, 404 outside the scope, through with its own ids, CSRF on cookies', async () => {
    const routes = Object.entries(openapi.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ method: m.toUpperCase(), pattern: p, op, key: `${m.toUpperCase()} ${p}` })))
      .filter((r) => FIXTURES[r.key]).sort((a, b) => Number(!!FIXTURES[a.key].last) - Number(!!FIXTURES[b.key].last))
      .filter((r, i) => i % shards === shard); // logout stays last in its shard
    const results = []; // {key, col, variant, got, want, pass, known, id, detail}
    let before = await fingerprint();
    const run = async (route, col, variant, client, { foreign = false, role } = {}) => {
      const f = FIXTURES[route.key];
      const side = foreign ? 'foreign' : 'own';
      const url = fill(route.pattern, f.params ? f.params(x, side) : {}) + (typeof f.query === 'function' ? f.query(x, side) : f.query || '');
      const pick = foreign && f.foreignBody ? f.foreignBody : f.body;
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : (typeof pick === 'function' ? pick(x, role) : pick ?? {});
      const r = await answerText(client, route.method, url, body);
      const leak = leaked(r.text, f.markers ? f.markers(x) : []);
      let pass = EXPECT[variant].ok(r, route.method, leak);
      const pii = PRIVATE.find((v) => v !== client.mobile && r.text.includes(v));
      if (pii) pass = false;
      let got = `${r.status}${codeOf(r) === 'csrf_failed' ? 'c' : ''}${leak ? '+leak' : ''}${pii ? '+pii' : ''}`;
      // Asked again at once: a GET may now come from the server's kept answers, which must admit alike.
      if (route.method === 'GET' && !route.op['x-open']) {
        const again = await client.request('GET', url);
        if (again.status !== r.status || (r.json && !f.volatile && again.text !== r.text)) { pass = false; got += `+again${again.status}`; }
      }
      if (MUTATING(route.method)) {
        const now = await fingerprint();
        if (now !== before) { pass = false; got += '+changed'; }
        before = now;
      }
      const id = `${route.key}|${col}|${variant}`;
      results.push({ key: route.key, col, variant, got, want: EXPECT[variant].want, pass, known: KNOWN[id], id, detail: `${route.method} ${url} → ${r.status} ${r.text.slice(0, 160)}` });
    };
    for (const route of routes) {
      const f = FIXTURES[route.key];
      const open = route.op['x-open'];
      const principals = who[f.home || 'H'];
      await run(route, 'anon', open ? 'open' : 'anon', new Client(server.base));
      const bogus = new Client(server.base);
      bogus.token = 'not-a-session-token';
      await run(route, 'anon', open ? 'open' : 'bogus', bogus);
      // A cookie session without the header, before any own request (logout would end the session).
      if (!open && MUTATING(route.method)) {
        const role = (f.actors || route.op['x-roles'])[0];
        const cookie = new Client(server.base, { cookies: true });
        cookie.cookie = `qsm_session=${principals[role].token}`;
        await run(route, role, 'csrf', cookie, { role });
      }
      for (const role of ROLES) {
        const client = principals[role];
        if (open) { await run(route, role, 'open', client, { role }); continue; }
        const allowed = route.op['x-roles'].includes(role) && (!f.actors || f.actors.includes(role));
        const hasForeign = (f.params && !f.noForeign) || f.foreignBody || f.foreignQuery;
        if (route.op['x-roles'].includes(role) && hasForeign && !ADMINS.includes(role)) await run(route, role, f.params || f.foreignQuery ? 'foreign' : 'foreignBody', client, { foreign: true, role });
        await run(route, role, allowed ? (ADMINS.includes(role) ? 'ownAdmin' : 'own') : 'denied', client, { role });
      }
      await run(route, 'pending', open ? 'open' : f.session ? 'own' : 'denied', who.pending, { role: 'site_contractor' });
    }

    const failed = results.filter((r) => !r.pass && !r.known);
    const fixed = results.filter((r) => r.pass && r.known);
    const known = results.filter((r) => !r.pass && r.known);
    // The matrix of every route with a failure or a known finding: cell = got (want), ✗ wrong, ~ known.
    const cols = ['anon', ...ROLES, 'pending'];
    const short = { contractor: 'con', supervisor: 'sup', site_contractor: 's_con', site_supervisor: 's_sup', authority: 'auth', admin: 'admin', security_admin: 'sec', auditor: 'aud', anon: 'anon', pending: 'no contract' };
    const shown = [...new Set((process.env.QSM_AUTHZ_MATRIX ? results : [...failed, ...known, ...fixed]).map((r) => r.key))];
    if (shown.length) {
      const lines = [`${'route'.padEnd(44)} ${cols.map((c) => short[c].padEnd(22)).join(' ')}`];
      for (const key of shown) {
        const cell = (c) => results.filter((r) => r.key === key && r.col === c)
          .map((r) => `${{ foreign: 'F', foreignBody: 'F', csrf: 'C', bogus: 'B' }[r.variant] || ''}${r.got}${r.pass ? (r.known ? '!fixed' : '') : `${r.known ? '~' : '✗'}(${r.want})`}`).join(' ');
        lines.push(`${key.padEnd(44)} ${cols.map((c) => cell(c).padEnd(22)).join(' ')}`);
      }
      console.log(`authorization matrix (F = foreign id, C = cookie without X-CSRF-Token, B = bogus token; ✗ wrong, ~ known finding):\n${lines.join('\n')}`);
    }
    for (const r of known) console.log(`known finding: ${r.id}: ${r.known}\n    ${r.detail}`);
    const anon = results.filter((r) => r.col === 'anon').length;
    console.log(`authz matrix: ${routes.length} routes, ${results.length} cases (${anon} without a session), ${failed.length} failed, ${known.length} known findings`);
    assert.deepEqual(failed.map((r) => `${r.id}: got ${r.got}, want ${r.want}\n    ${r.detail}`), [], 'authorization cases that failed');
    assert.deepEqual(fixed.map((r) => r.id), [], 'KNOWN entries that now pass: remove them from KNOWN');
  });

  if (shard === 0) test('a kept answer follows its session: a new contract and a logout take effect at once', async () => {
    // A site supervisor of two supervision contracts, one of them on the demo's accepted declaration.
    const first = demoProject(1);
    const other = DEMO_REGISTRY.contracts.find((c) => c.kind === 'supervision' && c.manager_id_number === first.supervision.manager_id_number && c !== first.supervision);
    assert.ok(other, 'the demo registry has a person managing two supervision contracts');
    const site = await siteClient(server, 'site_supervisor', demoPerson(other.manager_id_number), first.supervision);
    const authority = await accountClient(server, first.authority);
    const decl = (await authority.get(`/api/declarations?q=${first.regNo}`)).json.items[0];
    for (let i = 0; i < 2; i++) {
      assert.equal((await site.get(`/api/declarations/${decl.id}`)).status, 200);
      assert.equal((await site.get('/api/declarations')).json.items.some((d) => d.id === decl.id), true);
    }
    const chosen = (await site.get(`/api/auth/contracts?report_no=${other.report_no}`)).json.items[0];
    assert.equal((await site.post('/api/auth/contract', { contract_id: chosen.id })).status, 200);
    assert.equal((await site.get(`/api/declarations/${decl.id}`)).status, 404, 'the other project only, at once');
    assert.equal((await site.get('/api/declarations')).json.items.some((d) => d.id === decl.id), false);
    for (const c of [site, authority]) {
      for (let i = 0; i < 2; i++) assert.equal((await c.get('/api/me')).status, 200);
      assert.equal((await c.post('/api/auth/logout')).status, 200);
      for (const url of ['/api/me', '/api/declarations']) {
        const r = await c.get(url);
        assert.equal(r.status, 401, `${url} after logout: ${r.text.slice(0, 120)}`);
      }
    }
  });
}
