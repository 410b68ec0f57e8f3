// SPEC §3.5/§3.6 through HTTP on the demo's evaluated declaration (XH2025-0274, accepted five months
// before "now", every month to the last due one filed, every quarter but the last registered): the
// refusal naming the unregistered quarter → 季度评价监督信息登记 → a later month reopens the quarter
// (补充登记) → registration again, history kept → 竣工评价申请 → 不同意 → 再次提交复核 → 同意 →
// 竣工评价监督信息登记 → declaration completed; scores are exact means worked out here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, certificateClient, siteClient, accountClient, demoProject, demoPerson } from '../lib/server.mjs';

// The demo's evaluated declaration: the first construction enterprise's third general contract.
const { contractor: CONTRACTOR, general: GENERAL, regNo: REG_NO, supervision: SUPERVISION, authority: AUTHORITY, otherAuthority: OTHER_AUTHORITY } = demoProject(2);
const person = demoPerson;

// On or before the 15th: the last due month is April. Accepted December 2025; Q4 and Q1 registered by
// the demo, Q2 (April) waits for its registration.
const NOW = '2026-05-10T10:00:00+08:00';

let server, decl;
const clients = {};

const site = (role, contract) => siteClient(server, role, person(contract.manager_id_number), contract);
const account = (username) => accountClient(server, username);

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  clients.contractor = await certificateClient(server, CONTRACTOR);
  clients.supervisor = await certificateClient(server, SUPERVISION.enterprise_uscc);
  clients.siteContractor = await site('site_contractor', GENERAL);
  clients.siteSupervisor = await site('site_supervisor', SUPERVISION);
  clients.authority = await account(AUTHORITY);
  clients.otherAuthority = await account(OTHER_AUTHORITY);
  const list = await clients.contractor.get(`/api/declarations?status=accepted&q=${REG_NO}`);
  assert.equal(list.json.total, 1, list.text);
  decl = list.json.items[0];
});
after(async () => { if (process.env.QSM_DEBUG) console.log(server.stderr); await server.stop(); });

/** Exact mean of scores with 2 decimals, half-up, in hundredths (scores are ≥ 0). */
function meanHundredths(scores) {
  const sum = scores.reduce((a, s) => a + Math.round(s * 100), 0);
  return Math.floor((2 * sum + scores.length) / (2 * scores.length));
}
const grade = (h) => (h >= 8000 ? 'excellent' : h >= 7000 ? 'qualified' : 'unqualified');

async function pdfText(client, url, name) {
  const res = await fetch(`${server.base}${url}`, { headers: { authorization: `Bearer ${client.token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = path.join(server.dir, name);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('from the refusal naming the quarter to 已竣工', async () => {
  const { contractor, supervisor, siteContractor, siteSupervisor, authority, otherAuthority } = clients;
  const base = `/api/declarations/${decl.id}/completion`;
  const application = { completion_date: '2026-05-08', acceptance_info: '2026-05-08 五方责任主体竣工验收合格。', self_assessment: '各月评价完整，质量目标实现。' };

  // ── the refusal: April is filed, its quarter is not registered ───────────────────────────────
  let view = (await contractor.get(base)).json;
  assert.equal(view.completion, null);
  assert.equal(view.check.ready, false);
  assert.equal(view.check.last_due_month, '2026-04');
  assert.deepEqual(view.check.missing_months, []);
  assert.deepEqual(view.check.unregistered_quarters, ['2026-Q2']);
  let refused = await contractor.post(base, application);
  assert.equal(refused.status, 422, refused.text);
  assert.deepEqual(refused.json.error.details.unregistered_quarters, ['2026-Q2']);
  assert.deepEqual(refused.json.error.details.missing_months, []);
  assert.equal(refused.json.error.details.last_due_month, '2026-04');
  for (const words of ['2026-Q2', '15 日前（含 15 日）', '联系监督机构', '15 日以后', '提交监理机构复核']) assert.ok(refused.json.error.message.includes(words), words);
  assert.equal((await contractor.get(`/api/completions?q=${REG_NO}`)).json.total, 0);

  // ── 季度评价监督信息登记 ─────────────────────────────────────────────────────────────────────
  const pending = (await authority.get('/api/quarterly?status=pending')).json;
  assert.deepEqual(pending.items.map((q) => `${q.declaration.registration_no} ${q.quarter}`), [`${REG_NO} 2026-Q2`]);
  assert.equal((await otherAuthority.get('/api/quarterly')).json.total, 0);
  let quarter = (await authority.get(`/api/quarterly/${pending.items[0].id}`)).json;
  assert.equal(quarter.status_label, '待信息登记');
  assert.deepEqual(quarter.months.map((m) => [m.period, m.status, m.due]), [['2026-04', 'filed', true], ['2026-05', null, true], ['2026-06', null, false]]);
  const april = quarter.months[0].review_score;
  assert.equal(quarter.score, april);
  assert.equal(quarter.grade, grade(Math.round(april * 100)));
  assert.deepEqual(quarter.actions, ['register']);
  assert.deepEqual((await siteSupervisor.get(`/api/quarterly/${quarter.id}`)).json.actions, []);

  const registration = { version: quarter.version, inspection_date: '2026-05-09', inspectors: '张建国、李文涛', opinion: '现场质量受控。', conclusion: 'excellent' };
  assert.equal((await siteSupervisor.post(`/api/quarterly/${quarter.id}/register`, registration)).status, 403);
  let bad = await authority.post(`/api/quarterly/${quarter.id}/register`, { ...registration, inspection_date: '2026-05-11', opinion: '' });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.details.fields.opinion, bad.text);
  bad = await authority.post(`/api/quarterly/${quarter.id}/register`, { ...registration, inspection_date: '2026-05-11' });
  assert.equal(bad.status, 422);
  assert.match(bad.json.error.details.fields.inspection_date, /不能晚于今天/);
  bad = await authority.post(`/api/quarterly/${quarter.id}/register`, { ...registration, conclusion: '优良' });
  assert.equal(bad.status, 422);
  assert.equal((await authority.post(`/api/quarterly/${quarter.id}/register`, { ...registration, version: quarter.version + 1 })).status, 409);
  // Two racing registrations: exactly one wins.
  const both = await Promise.all([1, 2].map(() => authority.post(`/api/quarterly/${quarter.id}/register`, registration)));
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
  quarter = both.find((r) => r.status === 200).json;
  assert.equal(quarter.status, 'registered');
  assert.equal(quarter.registration.conclusion_label, '优良');
  assert.deepEqual(quarter.registration.periods, ['2026-04']);
  assert.equal(quarter.months[0].status, 'registered');
  assert.equal((await authority.post(`/api/quarterly/${quarter.id}/register`, { ...registration, version: quarter.version })).status, 409);
  view = (await contractor.get(base)).json;
  assert.equal(view.check.ready, true, view.check.message);

  // ── May filed later: the registered quarter is pending again (补充登记) ──────────────────────
  let may = await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: '2026-05' });
  assert.equal(may.status, 201, may.text);
  may = await contractor.put(`/api/monthly/${may.json.id}/self-sheet`, { version: may.json.version, not_applicable: [], deductions: [] });
  may = await contractor.post(`/api/monthly/${may.json.id}/submit`, { version: may.json.version });
  may = await siteSupervisor.put(`/api/monthly/${may.json.id}/review-sheet`, { version: may.json.version, not_applicable: [], deductions: [] });
  may = await siteSupervisor.post(`/api/monthly/${may.json.id}/review-submit`, { version: may.json.version });
  assert.equal(may.json.status, 'filed', may.text);
  quarter = (await authority.get(`/api/quarterly/${quarter.id}`)).json;
  assert.equal(quarter.status, 'pending');
  assert.equal(quarter.supplementary, true);
  assert.equal(quarter.month_count, 2);
  assert.equal(Math.round(quarter.score * 100), meanHundredths([april, 100]));
  view = (await contractor.get(base)).json;
  assert.deepEqual(view.check.unregistered_quarters, ['2026-Q2']);
  quarter = (await authority.post(`/api/quarterly/${quarter.id}/register`, { ...registration, version: quarter.version, opinion: '补充登记 5 月。' })).json;
  assert.equal(quarter.status, 'registered');
  assert.deepEqual(quarter.registrations.map((r) => r.periods), [['2026-04', '2026-05'], ['2026-04']]);
  assert.deepEqual(quarter.registrations.map((r) => r.opinion), ['补充登记 5 月。', '现场质量受控。']);

  // ── 竣工评价申请 ───────────────────────────────────────────────────────────────────────────
  for (const [field, value, words] of [['completion_date', '2026-05-11', /不能晚于今天/], ['completion_date', '2025-11-30', /不能早于申报受理日期/], ['completion_date', '2026-5-8', /YYYY-MM-DD/]]) {
    const r = await contractor.post(base, { ...application, [field]: value });
    assert.equal(r.status, 422, `${field}=${value}`);
    assert.match(r.json.error.details.fields[field], words);
  }
  assert.equal((await contractor.post(base, { ...application, acceptance_info: '' })).status, 422);
  assert.equal((await siteContractor.post(base, application)).status, 403);
  const applied = await contractor.post(base, application);
  assert.equal(applied.status, 201, applied.text);
  let c = applied.json;
  assert.equal(c.status_label, '竣工评价待复核');
  const months = (await authority.get(`/api/monthly?q=${REG_NO}&page_size=100`)).json.items;
  assert.deepEqual(months.map((m) => m.period).sort(), ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
  const overall = meanHundredths(months.map((m) => m.review_score));
  assert.equal(Math.round(c.score * 100), overall);
  assert.equal(c.grade, grade(overall));
  assert.deepEqual(c.quarters.map((q) => [q.quarter, q.status]), [['2025-Q4', 'registered'], ['2026-Q1', 'registered'], ['2026-Q2', 'registered']]);
  assert.equal(c.months.length, 6);
  assert.equal((await contractor.post(base, application)).status, 409);
  assert.deepEqual((await contractor.get(`/api/declarations/${decl.id}`)).json.completion, { id: c.id, status: 'pending_review', status_label: '竣工评价待复核' });

  // ── 竣工复核: 不同意 ──────────────────────────────────────────────────────────────────────────
  assert.deepEqual((await siteSupervisor.get(`/api/completions/${c.id}`)).json.actions, ['save_review']);
  assert.equal((await contractor.put(`/api/completions/${c.id}/review`, { version: c.version, agree: true, opinion: '' })).status, 403);
  assert.equal((await siteSupervisor.post(`/api/completions/${c.id}/review-submit`, { version: c.version })).status, 422);
  bad = await siteSupervisor.put(`/api/completions/${c.id}/review`, { version: c.version, opinion: '同意' });
  assert.equal(bad.status, 422, bad.text);
  assert.ok(bad.json.error.details.fields.agree, bad.text);
  bad = await siteSupervisor.put(`/api/completions/${c.id}/review`, { version: c.version, agree: false, opinion: '' });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.details.fields.opinion);
  c = (await siteSupervisor.put(`/api/completions/${c.id}/review`, { version: c.version, agree: false, opinion: '竣工验收资料不全，请补充。' })).json;
  assert.equal(c.status, 'pending_review');
  assert.deepEqual(c.actions, ['save_review', 'review_submit']);
  c = (await siteSupervisor.post(`/api/completions/${c.id}/review-submit`, { version: c.version })).json;
  assert.equal(c.status_label, '复核不同意');
  assert.equal(c.review.agree, false);
  assert.equal((await authority.post(`/api/completions/${c.id}/register`, { version: c.version, opinion: '同意', conclusion: 'excellent' })).status, 409);

  // ── 再次提交复核 ────────────────────────────────────────────────────────────────────────────
  assert.deepEqual((await contractor.get(`/api/completions/${c.id}`)).json.actions, ['resubmit']);
  assert.equal((await contractor.post(`/api/completions/${c.id}/resubmit`, { ...application, version: c.version - 1 })).status, 409);
  c = (await contractor.post(`/api/completions/${c.id}/resubmit`, { ...application, version: c.version, acceptance_info: '竣工验收资料已补充完整。' })).json;
  assert.equal(c.status, 'pending_review');
  assert.equal(c.review, null);
  assert.equal(c.acceptance_info, '竣工验收资料已补充完整。');
  // The 不同意 round stays on show (issue 26).
  assert.deepEqual(c.review_rounds.map((r) => [r.round, r.agree, r.opinion]), [[1, false, '竣工验收资料不全，请补充。']]);
  assert.ok(c.review_rounds[0].reviewer && c.review_rounds[0].submitted_at, JSON.stringify(c.review_rounds));

  // ── 同意 → 竣工评价监督信息登记 ────────────────────────────────────────────────────────────────
  c = (await siteSupervisor.put(`/api/completions/${c.id}/review`, { version: c.version, agree: true, opinion: '同意。' })).json;
  c = (await siteSupervisor.post(`/api/completions/${c.id}/review-submit`, { version: c.version })).json;
  assert.equal(c.status_label, '竣工评价已提交待监督信息登记');
  assert.deepEqual((await authority.get(`/api/completions/${c.id}`)).json.review_rounds.map((r) => [r.round, r.agree, r.opinion]),
    [[1, false, '竣工验收资料不全，请补充。'], [2, true, '同意。']]);
  const queue = (await authority.get('/api/completions?status=pending_registration')).json;
  assert.deepEqual(queue.items.map((i) => i.id), [c.id]);
  assert.deepEqual(queue.items[0].actions, ['register']);
  bad = await authority.post(`/api/completions/${c.id}/register`, { version: c.version, opinion: '', conclusion: 'best' });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.details.fields.opinion && bad.json.error.details.fields.conclusion, bad.text);
  c = (await authority.post(`/api/completions/${c.id}/register`, { version: c.version, opinion: '同意竣工评价。', conclusion: 'excellent' })).json;
  assert.equal(c.status_label, '已登记');
  assert.equal(c.registration.conclusion_label, '优良');
  const completed = (await contractor.get(`/api/declarations/${decl.id}`)).json;
  assert.equal(completed.management_status, 'completed');
  assert.equal(completed.management_status_label, '已竣工');
  const noMore = await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: '2026-05' });
  assert.ok([409].includes(noMore.status), noMore.text);
  view = (await contractor.get(base)).json;
  assert.equal(view.check.ready, false);
  assert.match(view.check.message, /已申请竣工评价（已登记）/);

  // ── who sees it, 综合信息, print, export ──────────────────────────────────────────────────────
  for (const who of [supervisor, siteContractor, siteSupervisor, authority])
    assert.equal((await who.get(`/api/completions?q=${REG_NO}`)).json.total, 1);
  assert.equal((await otherAuthority.get('/api/completions')).json.total, 0);
  assert.equal((await otherAuthority.get(`/api/completions/${c.id}`)).status, 404);
  const summary = (await siteContractor.get(`/api/declarations/${decl.id}/summary`)).json;
  assert.deepEqual(summary.sections.quarterly.items.map((q) => q.quarter), ['2025-Q4', '2026-Q1', '2026-Q2']);
  assert.equal(summary.sections.completion.status, 'registered');
  const entities = new Set(summary.audit.map((a) => a.entity));
  for (const e of ['completion', 'quarterly_registration', 'monthly_evaluation', 'declaration']) assert.ok(entities.has(e), e);
  const labels = summary.audit.map((a) => `${a.entity_label}${a.action_label}`);
  for (const l of ['竣工评价竣工评价申请', '竣工评价再次提交复核', '竣工评价登记', '季度评价登记', '季度评价月度评价复核提交，待补充登记', '申报结束质量标准化管理', '月度评价季度登记'])
    assert.ok(labels.includes(l), l);
  const text = await pdfText(contractor, `/api/completions/${c.id}/print.pdf`, 'completion.pdf');
  assert.match(text, /竣工评价表/);
  assert.match(text, new RegExp(`${Math.floor(overall / 100)}\\.${String(overall % 100).padStart(2, '0')}`));
  for (const words of ['2026-Q2', '竣工验收资料已补充完整', '同意竣工评价', '优良', '再次提交复核']) assert.ok(text.includes(words), words);
  for (const url of ['/api/completions/export.xlsx', '/api/quarterly/export.xlsx?status=registered']) {
    const r = await authority.get(url);
    assert.equal(r.status, 200, url);
    assert.match(r.headers.get('content-type'), /spreadsheetml/);
  }
  assert.equal((await authority.get('/api/quarterly?quarter_from=2026-1')).status, 422);
  assert.deepEqual((await authority.get('/api/quarterly?quarter_from=2026-Q1&sort=quarter')).json.items.map((q) => q.quarter), ['2026-Q1', '2026-Q2']);
  assert.deepEqual((await siteContractor.get(`/api/declarations/${decl.id}/quarterly`)).json.items.map((q) => q.status), ['registered', 'registered', 'registered']);
});
