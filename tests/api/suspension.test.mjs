// SPEC §3.2/§3.7/§3.8 through HTTP on the demo's managed declaration (PD2026-0112, accepted on the
// 1st of the month two months before "now"): a withdrawn suspension → 中止 (dated back to the
// acceptance month) → 复核中止 → 中止备案 → evaluation refused → 恢复 → evaluation of the first month
// not wholly suspended, the suspended months exempt from the monthly and completion rules → 终止 →
// 已终止 with its whole history; one request in progress at a time, scope, roles, versions, races.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, certificateClient, siteClient, accountClient, demoProject, demoPerson, DEMO_REGISTRY } from '../lib/server.mjs';

// The demo's managed declaration: the first construction enterprise's fourth general contract.
const { contractor: CONTRACTOR, general: GENERAL, regNo: REG_NO, supervision: SUPERVISION, authority: AUTHORITY, otherAuthority: OTHER_AUTHORITY } = demoProject(3);
const registry = DEMO_REGISTRY;
const person = demoPerson;

// Accepted 2026-03-01; today is 2026-05-10 (on or before the 15th: the last due month is April).
const NOW = '2026-05-10T10:00:00+08:00';

let server, decl;
const clients = {};

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  clients.contractor = await certificateClient(server, CONTRACTOR);
  clients.supervisor = await certificateClient(server, SUPERVISION.enterprise_uscc);
  clients.siteContractor = await siteClient(server, 'site_contractor', person(GENERAL.manager_id_number), GENERAL);
  clients.siteSupervisor = await siteClient(server, 'site_supervisor', person(SUPERVISION.manager_id_number), SUPERVISION);
  clients.authority = await accountClient(server, AUTHORITY);
  clients.otherAuthority = await accountClient(server, OTHER_AUTHORITY);
  const list = await clients.contractor.get(`/api/declarations?status=accepted&q=${REG_NO}`);
  assert.equal(list.json.total, 1, list.text);
  decl = list.json.items[0];
  assert.equal(decl.accepted_at.slice(0, 10), '2026-03-01');
});
after(async () => { if (process.env.QSM_DEBUG) console.log(server.stderr); await server.stop(); });

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
const declaration = async (client = clients.contractor) => ok(await client.get(`/api/declarations/${decl.id}`));

test('suspend → refuse evaluation → resume → evaluate → terminate', async () => {
  const { contractor, supervisor, siteContractor, siteSupervisor, authority, otherAuthority } = clients;
  const suspensions = `/api/declarations/${decl.id}/suspensions`;

  let d = await declaration();
  assert.equal(d.management_status, 'active');
  assert.deepEqual(d.request_actions, ['suspend', 'terminate', 'apply_completion']);
  assert.deepEqual((await declaration(siteSupervisor)).request_actions, []);

  // ── refusals before anything is written ──────────────────────────────────────────────────────
  let r = await contractor.post(suspensions, { kind: 'resume', date: '2026-05-01' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'invalid_transition');
  assert.match(r.json.error.message, /工程当前为「评价中」，不能申请恢复/);
  assert.equal(ok(await contractor.post(suspensions, { kind: 'suspend', date: '2026-03-01' }), 422).error.details.fields.reason !== undefined, true);
  r = await contractor.post(suspensions, { kind: 'suspend', reason: '资金原因停工', date: '2026-05-11' });
  assert.equal(r.status, 422);
  assert.match(r.json.error.details.fields.date, /不能晚于今天/);
  r = await contractor.post(suspensions, { kind: 'suspend', reason: '资金原因停工', date: '2026-02-28' });
  assert.match(r.json.error.details.fields.date, /不能早于申报受理日期 2026-03-01/);
  assert.equal((await contractor.post(suspensions, { kind: 'pause', reason: 'x', date: '2026-03-01' })).status, 422);
  assert.equal((await contractor.post(suspensions, { kind: 'suspend', reason: 'x', date: '2026-03-01', extra: 1 })).status, 422);
  assert.equal((await siteSupervisor.post(suspensions, { kind: 'suspend', reason: 'x', date: '2026-03-01' })).status, 403);
  assert.equal((await authority.post(suspensions, { kind: 'suspend', reason: 'x', date: '2026-03-01' })).status, 403);
  assert.equal(ok(await contractor.get(suspensions)).items.length, 0);

  // ── a request withdrawn while pending review changes nothing ──────────────────────────────────
  // Two requests racing: one starts, the other finds a request in progress.
  const started = await Promise.all([1, 2].map(() => contractor.post(suspensions, { kind: 'suspend', reason: '误报', date: '2026-04-01' })));
  assert.deepEqual(started.map((x) => x.status).sort(), [201, 409]);
  let s = started.find((x) => x.status === 201).json;
  assert.equal(s.status_label, '已中止待复核');
  assert.deepEqual(s.actions, ['withdraw']);
  d = await declaration();
  assert.equal(d.open_request, 'suspension');
  assert.deepEqual(d.request_actions, []);
  // One request in progress: neither a second suspension, a termination nor a completion.
  r = await contractor.post(suspensions, { kind: 'suspend', reason: '重复', date: '2026-04-01' });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /进行中的中止\/恢复申请（已中止待复核）/);
  r = await contractor.post(`/api/declarations/${decl.id}/termination`, { reason: '建设单位决定' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.details.open_request, 'suspension');
  r = await contractor.post(`/api/declarations/${decl.id}/completion`, { completion_date: '2026-05-08', acceptance_info: '验收合格', self_assessment: '良好' });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /办结后才能申请竣工评价/);
  assert.match(ok(await contractor.get(`/api/declarations/${decl.id}/completion`)).check.message, /进行中的中止\/恢复申请/);
  assert.equal((await contractor.post(`/api/suspensions/${s.id}/withdraw`, { version: s.version + 1 })).status, 409);
  assert.equal((await siteSupervisor.post(`/api/suspensions/${s.id}/withdraw`, { version: s.version })).status, 403);
  s = ok(await contractor.post(`/api/suspensions/${s.id}/withdraw`, { version: s.version }));
  assert.equal(s.status, 'withdrawn');
  assert.equal(s.status_label, '已撤回');
  r = await siteSupervisor.post(`/api/suspensions/${s.id}/review`, { version: s.version });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'invalid_transition');
  d = await declaration();
  assert.equal(d.open_request, null);
  assert.equal(d.management_status, 'active');

  // ── 中止 from the acceptance day: contractor → site supervisor → authority ─────────────────────
  s = ok(await contractor.post(suspensions, { kind: 'suspend', reason: '建设单位资金未到位，全面停工', date: '2026-03-01' }), 201);
  assert.equal(s.kind_label, '中止');
  assert.equal(s.date, '2026-03-01');
  assert.equal(s.requested_by, registry.enterprises.find((e) => e.uscc === CONTRACTOR).name);
  // Scope and roles: the other authority does not see it; the site user of the general contractor has no access.
  assert.equal((await otherAuthority.get(`/api/suspensions/${s.id}`)).status, 404);
  // The review is the site supervisor's: any authority is refused before the record is looked up.
  assert.equal((await otherAuthority.post(`/api/suspensions/${s.id}/review`, { version: s.version })).status, 403);
  assert.equal((await otherAuthority.post(`/api/suspensions/${s.id}/register`, { version: s.version })).status, 404);
  assert.equal((await siteContractor.get(`/api/suspensions/${s.id}`)).status, 403);
  assert.equal((await siteContractor.get('/api/suspensions')).status, 403);
  assert.deepEqual(ok(await supervisor.get(`/api/suspensions/${s.id}`)).actions, []);
  assert.equal((await supervisor.post(`/api/suspensions/${s.id}/review`, { version: s.version })).status, 403);
  r = await authority.post(`/api/suspensions/${s.id}/register`, { version: s.version });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /当前状态为「已中止待复核」，不能中止备案/);
  assert.equal((await contractor.post(`/api/suspensions/${s.id}/review`, { version: s.version })).status, 403);

  const pending = ok(await siteSupervisor.get('/api/suspensions?status=pending_review'));
  assert.deepEqual(pending.items.map((i) => i.id), [s.id]);
  assert.deepEqual(pending.items[0].actions, ['review']);
  s = ok(await siteSupervisor.post(`/api/suspensions/${s.id}/review`, { version: s.version, opinion: '情况属实，同意中止。' }));
  assert.equal(s.status_label, '已复核中止待监督信息登记');
  assert.equal(s.review.opinion, '情况属实，同意中止。');
  assert.equal(s.review.reviewer, person(SUPERVISION.manager_id_number).name);
  assert.equal((await contractor.post(`/api/suspensions/${s.id}/withdraw`, { version: s.version })).status, 409);
  assert.equal(ok(await authority.get('/api/suspensions?status=pending_registration&kind=suspend')).total, 1);
  assert.equal(ok(await otherAuthority.get('/api/suspensions')).total, 0);
  assert.equal((await authority.get('/api/suspensions?kind=terminate')).status, 422);

  // Two registrations racing: one wins, the other is told the record changed.
  const race = await Promise.all([1, 2].map(() => authority.post(`/api/suspensions/${s.id}/register`, { version: s.version, opinion: '同意中止备案。' })));
  assert.deepEqual(race.map((x) => x.status).sort(), [200, 409]);
  s = race.find((x) => x.status === 200).json;
  assert.equal(s.status, 'registered');
  assert.equal(s.registration.opinion, '同意中止备案。');
  d = await declaration();
  assert.equal(d.management_status, 'suspended');
  assert.equal(d.management_status_label, '已中止');
  assert.equal(d.open_request, null);
  assert.deepEqual(d.request_actions, ['resume', 'terminate']);
  assert.deepEqual(d.suspension, { id: s.id, kind: 'suspend', kind_label: '中止', status: 'registered', status_label: '已登记', date: '2026-03-01' });

  // ── a suspended project takes no evaluation and no completion ─────────────────────────────────
  let months = ok(await contractor.get(`/api/declarations/${decl.id}/monthly`));
  assert.equal(months.next.period, null);
  assert.match(months.next.message, /工程已于 2026-03-01 中止，恢复备案后才能继续月度评价/);
  r = await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: '2026-03' });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /工程已于 2026-03-01 中止/);
  assert.match(ok(await contractor.get(`/api/declarations/${decl.id}/completion`)).check.message, /工程当前为「已中止」，不能申请竣工评价/);
  assert.equal((await contractor.post(suspensions, { kind: 'suspend', reason: '再次', date: '2026-04-01' })).status, 409);

  // ── 恢复 on 1 May: March and April lie wholly inside the suspension ───────────────────────────
  r = await contractor.post(suspensions, { kind: 'resume', date: '2026-02-28' });
  assert.match(r.json.error.details.fields.date, /恢复日期不能早于申报受理日期 2026-03-01/);  // the day of both
  let resume = ok(await contractor.post(suspensions, { kind: 'resume', reason: '', date: '2026-05-01' }), 201);
  assert.equal(resume.status_label, '已中止恢复待复核');
  assert.equal((await contractor.post(`/api/declarations/${decl.id}/termination`, { reason: '改为终止' })).status, 409);
  resume = ok(await siteSupervisor.post(`/api/suspensions/${resume.id}/review`, { version: resume.version }));
  assert.equal(resume.status_label, '已复核中止恢复待监督信息登记');
  assert.equal(resume.review.opinion, '');
  resume = ok(await authority.post(`/api/suspensions/${resume.id}/register`, { version: resume.version, opinion: '恢复备案。' }));
  assert.equal(resume.status_label, '已登记');
  d = await declaration();
  assert.equal(d.management_status, 'active');
  assert.deepEqual(d.request_actions, ['suspend', 'terminate', 'apply_completion']);
  const history = ok(await contractor.get(suspensions));
  assert.deepEqual(history.intervals, [{ start: '2026-03-01', end: '2026-05-01' }]);
  assert.deepEqual(history.items.map((i) => [i.kind, i.status]), [['resume', 'registered'], ['suspend', 'registered'], ['suspend', 'withdrawn']]);

  // The suspended months are exempt: the first month to evaluate is May; March is refused as exempt.
  months = ok(await contractor.get(`/api/declarations/${decl.id}/monthly`));
  assert.equal(months.next.period, '2026-05');
  r = await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: '2026-03' });
  assert.equal(r.status, 422);
  assert.match(r.json.error.details.fields.period, /2026-03 全月处于中止状态，无需月度评价/);
  // The completion rule needs no month up to April (L), all of them suspended.
  let check = ok(await contractor.get(`/api/declarations/${decl.id}/completion`)).check;
  assert.equal(check.last_due_month, '2026-04');
  assert.deepEqual(check.missing_months, []);
  assert.deepEqual(check.unregistered_quarters, []);

  let may = ok(await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: '2026-05' }), 201);
  may = ok(await contractor.put(`/api/monthly/${may.id}/self-sheet`, { version: may.version, not_applicable: [], deductions: [] }));
  may = ok(await contractor.post(`/api/monthly/${may.id}/submit`, { version: may.version }));
  may = ok(await siteSupervisor.put(`/api/monthly/${may.id}/review-sheet`, { version: may.version, not_applicable: [], deductions: [] }));
  may = ok(await siteSupervisor.post(`/api/monthly/${may.id}/review-submit`, { version: may.version }));
  assert.equal(may.status, 'filed');
  // The quarter shows the suspended April as not due.
  const quarter = ok(await authority.get(`/api/declarations/${decl.id}/quarterly`)).items.find((q) => q.quarter === '2026-Q2');
  const detail = ok(await authority.get(`/api/quarterly/${quarter.id}`));
  assert.deepEqual(detail.months.map((m) => [m.period, m.due, m.suspended]), [['2026-04', false, true], ['2026-05', true, false], ['2026-06', false, false]]);

  // ── 终止: contractor → site supervisor → authority; 已终止 with its history ────────────────────
  assert.equal(ok(await contractor.post(`/api/declarations/${decl.id}/termination`, {}), 422).error.details.fields.reason !== undefined, true);
  let t = ok(await contractor.post(`/api/declarations/${decl.id}/termination`, { reason: '建设单位决定终止建设，项目转入工程监督流程。' }), 201);
  assert.equal(t.status_label, '已终止待复核');
  assert.equal(t.kind, undefined);
  assert.deepEqual(t.actions, []);
  assert.equal((await contractor.post(`/api/declarations/${decl.id}/termination`, { reason: '再次' })).status, 409);
  assert.equal((await contractor.post(`/api/suspensions/${t.id}/withdraw`, { version: t.version })).status, 404);
  assert.equal((await otherAuthority.get(`/api/terminations/${t.id}`)).status, 404);
  t = ok(await siteSupervisor.post(`/api/terminations/${t.id}/review`, { version: t.version, opinion: '同意终止。' }));
  assert.equal(t.status_label, '已复核终止待监督信息登记');
  assert.deepEqual(ok(await authority.get('/api/terminations?status=pending_registration')).items.map((i) => i.id), [t.id]);
  assert.equal((await authority.post(`/api/terminations/${t.id}/register`, { version: t.version - 1 })).status, 409);
  t = ok(await authority.post(`/api/terminations/${t.id}/register`, { version: t.version, opinion: '终止备案。' }));
  assert.equal(t.status_label, '已登记');
  d = await declaration();
  assert.equal(d.management_status, 'terminated');
  assert.equal(d.management_status_label, '已终止');
  assert.deepEqual(d.request_actions, []);
  assert.deepEqual(d.termination, { id: t.id, status: 'registered', status_label: '已登记' });
  r = await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: '2026-06' });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /工程当前为「已终止」/);
  r = await contractor.post(suspensions, { kind: 'suspend', reason: 'x', date: '2026-05-05' });
  assert.match(r.json.error.message, /工程当前为「已终止」，不能申请中止/);

  // The whole history stays: months, intervals, requests and the trail with every label.
  const summary = ok(await authority.get(`/api/declarations/${decl.id}/summary`));
  assert.deepEqual(summary.sections.suspensions.intervals, [{ start: '2026-03-01', end: '2026-05-01' }]);
  assert.equal(summary.sections.suspensions.items.length, 3);
  assert.equal(summary.sections.termination.id, t.id);
  assert.equal(summary.sections.monthly.items.length, 1);
  const trail = summary.audit.map((a) => `${a.entity_label}:${a.action_label}`);
  for (const entry of ['中止:申请中止', '中止:撤回', '中止:复核中止', '中止:中止备案', '恢复:申请恢复', '恢复:复核恢复', '恢复:恢复备案',
    '终止:申请终止', '终止:复核终止', '终止:终止备案', '申报:中止质量标准化管理', '申报:恢复质量标准化管理', '申报:终止质量标准化管理']) {
    assert.ok(trail.includes(entry), `${entry} in ${trail.join(' ')}`);
  }
  assert.equal(ok(await siteContractor.get(`/api/declarations/${decl.id}/summary`)).sections.suspensions, null);

  // Lists and exports.
  assert.equal(ok(await contractor.get('/api/suspensions?sort=-date')).total, 3);
  assert.equal(ok(await supervisor.get('/api/terminations')).total, 1);
  for (const url of ['/api/suspensions/export.xlsx?kind=suspend', '/api/terminations/export.xlsx']) {
    const res = await fetch(`${server.base}${url}`, { headers: { authorization: `Bearer ${authority.token}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  }
});
