// SPEC §3.3/§3.4 through HTTP: three consecutive months of self-scoring and review with exact
// scores worked independently from the template, progressive n from the earlier months' latest
// sheets, frozen deductions after submit, the history, every refusal, scope, lists, print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, certificateClient, siteClient, accountClient, ROOT } from '../lib/server.mjs';

const registry = JSON.parse(readFileSync(path.join(ROOT, 'share', 'demo', 'registry.json'), 'utf8'));
const person = (id) => registry.persons.find((p) => p.id_number === id);
const CONTRACTOR = registry.enterprises.find((e) => e.kind === 'construction').uscc;
// The demo's accepted declaration: the first construction enterprise's second general contract.
const GENERAL = registry.contracts.filter((c) => c.kind === 'general' && c.enterprise_uscc === CONTRACTOR)[1];
const REG_NO = GENERAL.project_registration_no;
const SUPERVISION = registry.contracts.find((c) => c.kind === 'supervision' && c.project_registration_no === REG_NO);
const PROJECT = registry.projects.find((p) => p.registration_no === REG_NO);
const AUTHORITY = `jdz_${PROJECT.authority_code.toLowerCase()}`;
// An authority with none of the demo's seeded declarations (HP has this one, XH the evaluated one).
const OTHER_AUTHORITY = `jdz_${[...registry.authorities].reverse().find((a) => a.code !== PROJECT.authority_code).code.toLowerCase()}`;
const OTHER_CONTRACTOR = registry.enterprises.find((e) => e.kind === 'construction' && e.uscc !== CONTRACTOR).uscc;

// The demo accepts its declaration on the 1st of the month three months before "now".
const NOW = '2026-05-20T10:00:00+08:00';
const [M1, M2, M3, M4] = ['2026-02', '2026-03', '2026-04', '2026-05'];

let server, tmpl, decl;
const clients = {};

const enterprise = (uscc) => certificateClient(server, uscc);
const site = (role, contract) => siteClient(server, role, person(contract.manager_id_number), contract);
const account = (username) => accountClient(server, username);

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  clients.contractor = await enterprise(CONTRACTOR);
  clients.otherContractor = await enterprise(OTHER_CONTRACTOR);
  clients.supervisor = await enterprise(SUPERVISION.enterprise_uscc);
  clients.siteContractor = await site('site_contractor', GENERAL);
  clients.siteSupervisor = await site('site_supervisor', SUPERVISION);
  clients.authority = await account(AUTHORITY);
  clients.otherAuthority = await account(OTHER_AUTHORITY);
  const list = await clients.contractor.get(`/api/declarations?status=accepted&q=${REG_NO}`);
  assert.equal(list.json.total, 1, list.text);
  decl = list.json.items[0];
  tmpl = (await clients.contractor.get(`/api/templates/${decl.template.code}/${decl.template.version}`)).json;
});
after(async () => { if (process.env.QSM_DEBUG) console.log(server.stderr); await server.stop(); });

// SPEC §3.4 worked by hand, in thousandths of a point: n = 1 → P/2, n = 2 → P, n ≥ 3 → S; items
// floor at 0; not-applicable items leave the denominator; one half-up rounding at the end.
function expected(sheet, history = {}) {
  let possible = 0, actual = 0;
  const items = {}, deductions = {};
  for (const item of tmpl.check_items) {
    const S = Math.round(item.standard_score * 1000);
    const na = sheet.not_applicable.includes(item.code);
    let deducted = 0;
    for (const sub of item.sub_items) for (const c of sub.clauses) {
      if (na || !sheet.deductions.some((d) => d.clause === c.code)) continue;
      const n = 1 + (history[c.code] ?? 0);
      const P = Math.round(sub.score * 1000);
      const points = n === 1 ? P / 2 : n === 2 ? P : S;
      deductions[c.code] = { n, points: points / 1000 };
      deducted += points;
    }
    const standard = na ? 0 : S;
    items[item.code] = Math.max(0, standard - deducted) / 1000;
    possible += standard;
    actual += Math.max(0, standard - deducted);
  }
  return { score: Math.floor((2 * actual * 10000 + possible) / (2 * possible)) / 100, possible: possible / 1000, actual: actual / 1000, items, deductions };
}

function assertResult(result, want, label) {
  assert.equal(result.score, want.score, `${label}: score`);
  assert.equal(result.possible, want.possible, `${label}: possible`);
  assert.equal(result.actual, want.actual, `${label}: actual`);
  for (const i of result.items) assert.equal(i.actual, want.items[i.code], `${label}: item ${i.code}`);
  assert.deepEqual(Object.fromEntries(result.deductions.map((d) => [d.clause, { n: d.n, points: d.points }])), want.deductions, `${label}: deductions`);
}

// Item A (with two sub-items) takes the deductions, item B is not applicable.
const A = () => tmpl.check_items.find((i) => i.sub_items.length >= 2 && i.sub_items[0].clauses.length >= 2);
const B = () => tmpl.check_items.find((i) => i.code !== A().code);
const c1 = () => A().sub_items[0].clauses[0].code;
const c2 = () => A().sub_items[1].clauses[0].code;
const c3 = () => A().sub_items[0].clauses[1].code;
const deduct = (...codes) => codes.map((clause) => ({ clause, problem: `条文 ${clause} 现场不符合要求` }));

const create = (c, period) => c.post(`/api/declarations/${decl.id}/monthly`, { period });
const months = (c) => c.get(`/api/declarations/${decl.id}/monthly`);

test('three months: self and review scores equal SPEC §3.4 by hand; n counts earlier months\' latest sheets and freezes on submit', async () => {
  const { contractor, siteSupervisor } = clients;
  let list = await months(contractor);
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.next, { period: M1, message: null });

  // Month 1: c1 and c2 deducted, item B not applicable.
  let m = await create(contractor, M1);
  assert.equal(m.status, 201, m.text);
  assert.equal(m.json.status, 'draft');
  assert.equal(m.json.status_label, '待提交');
  assert.equal(m.json.self.result.score, 100);
  assert.equal(m.json.review, null);
  assert.deepEqual(m.json.actions, ['save_self', 'submit']);
  const id1 = m.json.id;
  const self1 = { not_applicable: [B().code], deductions: deduct(c1(), c2()) };

  // A preview scores without storing, and tolerates a problem text not written yet.
  const preview = await contractor.put(`/api/monthly/${id1}/self-sheet?preview=true`, { ...self1, deductions: [{ clause: c1() }, ...deduct(c2())] });
  assert.equal(preview.status, 200, preview.text);
  assertResult(preview.json.result, expected(self1), 'preview');
  assert.equal((await contractor.get(`/api/monthly/${id1}`)).json.version, m.json.version);

  let saved = await contractor.put(`/api/monthly/${id1}/self-sheet`, { version: m.json.version, ...self1 });
  assert.equal(saved.status, 200, saved.text);
  assertResult(saved.json.self.result, expected(self1), 'M1 self');
  assert.equal(saved.json.self_score, expected(self1).score);
  assert.equal(saved.json.version, m.json.version + 1);

  // A stale version changes nothing.
  const stale = await contractor.put(`/api/monthly/${id1}/self-sheet`, { version: m.json.version, not_applicable: [], deductions: [] });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.error.code, 'conflict');
  assert.equal((await contractor.get(`/api/monthly/${id1}`)).json.self_score, expected(self1).score);

  // Month 2 waits for month 1's submission.
  const early = await create(contractor, M2);
  assert.equal(early.status, 422);
  assert.match(early.json.error.details.fields.period, /尚未提交/);
  assert.match((await months(contractor)).json.next.message, /尚未提交/);

  let sub = await contractor.post(`/api/monthly/${id1}/submit`, { version: saved.json.version });
  assert.equal(sub.status, 200, sub.text);
  assert.equal(sub.json.status, 'submitted');
  assert.equal(sub.json.status_label, '已提交待复核评价');
  assert.equal(sub.json.self.frozen, true);
  assert.equal((await contractor.put(`/api/monthly/${id1}/self-sheet`, { version: sub.json.version, ...self1 })).json.error.code, 'invalid_transition');

  // The review starts as a copy of the self sheet; the supervisor drops c2 and adds c3.
  let r = await siteSupervisor.get(`/api/monthly/${id1}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.review.saved, false);
  assert.deepEqual(r.json.review.deductions, r.json.self.deductions);
  assert.deepEqual(r.json.actions, ['save_review']);
  const review1 = { not_applicable: [B().code], deductions: deduct(c1(), c3()) };
  let rs = await siteSupervisor.put(`/api/monthly/${id1}/review-sheet`, { version: r.json.version, ...review1 });
  assert.equal(rs.status, 200, rs.text);
  assert.equal(rs.json.status, 'reviewed');
  assertResult(rs.json.review.result, expected(review1), 'M1 review');
  assertResult(rs.json.self.result, expected(self1), 'M1 self unchanged');
  rs = await siteSupervisor.post(`/api/monthly/${id1}/review-submit`, { version: rs.json.version });
  assert.equal(rs.status, 200, rs.text);
  assert.equal(rs.json.status, 'filed');
  assert.equal(rs.json.status_label, '已复核待季度评价监督信息登记');
  assert.equal(rs.json.review_score, expected(review1).score);

  // Month 2: c1 again (n = 2: month 1's review deducted it), c2 (n = 1: month 1's latest sheet, the review, did not).
  m = await create(contractor, M2);
  assert.equal(m.status, 201, m.text);
  const id2 = m.json.id;
  const self2 = { not_applicable: [], deductions: deduct(c1(), c2()) };
  saved = await contractor.put(`/api/monthly/${id2}/self-sheet`, { version: m.json.version, ...self2 });
  assertResult(saved.json.self.result, expected(self2, { [c1()]: 1, [c3()]: 1 }), 'M2 self');
  assert.equal(saved.json.self.result.deductions.find((d) => d.clause === c1()).n, 2);
  sub = await contractor.post(`/api/monthly/${id2}/submit`, { version: saved.json.version });
  assert.equal(sub.status, 200);

  // Month 3 is created once month 2 is submitted (not yet reviewed): c1 counts months 1 (review) and 2 (self) → n = 3, the whole S.
  m = await create(contractor, M3);
  assert.equal(m.status, 201, m.text);
  const id3 = m.json.id;
  const self3 = { not_applicable: [], deductions: deduct(c1()) };
  saved = await contractor.put(`/api/monthly/${id3}/self-sheet`, { version: m.json.version, ...self3 });
  const want3 = expected(self3, { [c1()]: 2, [c2()]: 1, [c3()]: 1 });
  assertResult(saved.json.self.result, want3, 'M3 self');
  assert.equal(want3.deductions[c1()].points, A().standard_score);
  sub = await contractor.post(`/api/monthly/${id3}/submit`, { version: saved.json.version });
  assert.equal(sub.status, 200);

  // Month 2's review removes c1 after month 3 was submitted: month 3's self sheet keeps n = 3 (frozen) …
  r = await siteSupervisor.get(`/api/monthly/${id2}`);
  const review2 = { not_applicable: [], deductions: deduct(c2()) };
  rs = await siteSupervisor.put(`/api/monthly/${id2}/review-sheet`, { version: r.json.version, ...review2 });
  assertResult(rs.json.review.result, expected(review2, { [c1()]: 1, [c3()]: 1 }), 'M2 review');
  rs = await siteSupervisor.post(`/api/monthly/${id2}/review-submit`, { version: rs.json.version });
  assert.equal(rs.json.status, 'filed');
  const m3 = await siteSupervisor.get(`/api/monthly/${id3}`);
  assertResult(m3.json.self.result, want3, 'M3 self frozen');
  // … while its review, scored now, counts month 2's latest sheet (the review, without c1): n = 2.
  rs = await siteSupervisor.put(`/api/monthly/${id3}/review-sheet`, { version: m3.json.version, ...self3 });
  assertResult(rs.json.review.result, expected(self3, { [c1()]: 1, [c2()]: 1, [c3()]: 1 }), 'M3 review');
  assert.equal(rs.json.review.result.deductions[0].n, 2);

  // The history: every deduction of every visible month, newest first, with names and texts.
  const h = await contractor.get(`/api/declarations/${decl.id}/deductions`);
  assert.equal(h.status, 200);
  const c1rows = h.json.items.filter((d) => d.clause === c1()).map((d) => `${d.period}/${d.sheet}/${d.n}/${d.points}`);
  const P1 = A().sub_items[0].score;
  assert.deepEqual(c1rows, [`${M3}/self/3/${A().standard_score}`, `${M3}/review/2/${P1}`, `${M2}/self/2/${P1}`, `${M1}/self/1/${P1 / 2}`, `${M1}/review/1/${P1 / 2}`]);
  const row = h.json.items.find((d) => d.clause === c1());
  assert.equal(row.check_item_name, A().name);
  assert.equal(row.clause_text, A().sub_items[0].clauses[0].text);
  assert.equal(row.sheet_label, '自评');
  assert.match(row.problem, /不符合/);

  // The PDF carries every clause and the totals.
  const pdf = await contractor.get(`/api/monthly/${id1}/print.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const raw = Buffer.from(await (await fetch(`${server.base}/api/monthly/${id1}/print.pdf`, { headers: { authorization: `Bearer ${contractor.token}` } })).arrayBuffer());
  const file = path.join(server.dir, 'm1.pdf');
  writeFileSync(file, raw);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.match(text, /月度评价表/);
  assert.match(text, new RegExp(`自评得分 = 实得分合计 .* = ${expected(self1).score.toFixed(2)}`));
  assert.match(text, new RegExp(`复核得分 = 实得分合计 .* = ${expected(review1).score.toFixed(2)}`));
  // The rule in words comes from the engine's table (the dictionary's copy of it): 50 % · 100 % · the standard score.
  assert.match(text.replace(/\s+/g, ''), /扣分规则：同一条文首次扣分为所属分项得分的50%，第二次为所属分项得分的100%，第三次及以上为所属检查项目标准分的100%/);
  assert.ok(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1] > 1, 'multi-page');
});

test('months are created in order, never in the future, never before acceptance, once each', async () => {
  const { contractor } = clients;
  // (after the first test: months 1–3 exist, month 3 is submitted, so month 4 = now is next)
  for (const [period, re] of [['2026-06', /未来/], ['2026-01', /受理/], ['2026-13', /YYYY-MM/], ['', /./]]) {
    const r = await create(contractor, period);
    assert.equal(r.status, 422, `${period}: ${r.text}`);
    assert.match(r.json.error.details.fields?.period ?? r.json.error.message, re, period);
  }
  assert.equal((await create(contractor, M1)).status, 409);
  // A newer template becomes current; the accepted declaration keeps the version pinned at acceptance.
  const admin = await account('admin');
  const { loaded_at: _, ...body } = tmpl;
  const v2 = await admin.post('/api/admin/templates', { ...body, version: tmpl.version + 1, name: `${tmpl.name}（修订）` });
  assert.equal(v2.status, 201, v2.text);
  assert.equal((await admin.get('/api/templates/current')).json.version, tmpl.version + 1);
  // Two racing creations of the same month: exactly one wins.
  const both = await Promise.all([create(contractor, M4), create(contractor, M4)]);
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
  assert.equal(both.find((r) => r.status === 201).json.template.version, tmpl.version);
  const next = (await months(contractor)).json;
  assert.equal(next.next.period, null);
  assert.match(next.next.message, /尚未提交|已评价至本月/);
  assert.deepEqual(next.items.map((i) => i.period), [M4, M3, M2, M1]);
});

test('roles and scope: who may create, score, review and see what', async () => {
  const { contractor, otherContractor, supervisor, siteContractor, siteSupervisor, authority, otherAuthority } = clients;
  for (const c of [siteSupervisor, authority, supervisor, siteContractor]) assert.equal((await create(c, M4)).status, 403);
  assert.equal((await create(otherContractor, M4)).status, 404);
  // The demo's other project (evaluated for completion) belongs to the same contractor: this test looks at its own.
  const all = (await contractor.get(`/api/monthly?page_size=100&q=${REG_NO}`)).json;
  const draft = all.items.find((i) => i.status === 'draft');
  assert.ok(draft, 'month 4 is a draft');
  // A draft is the contractor's own: the supervising side and the authority do not see it.
  assert.equal((await siteContractor.get(`/api/monthly/${draft.id}`)).status, 200);
  for (const c of [siteSupervisor, supervisor, authority]) assert.equal((await c.get(`/api/monthly/${draft.id}`)).status, 404);
  for (const c of [otherContractor, otherAuthority]) assert.equal((await c.get(`/api/monthly/${draft.id}`)).status, 404);
  // The wrong role for a sheet is 403, the wrong state 409.
  assert.equal((await siteSupervisor.put(`/api/monthly/${all.items.find((i) => i.period === M1).id}/review-sheet`, { version: 1, not_applicable: [], deductions: [] })).status, 409);
  assert.equal((await siteContractor.put(`/api/monthly/${draft.id}/self-sheet`, { version: draft.version, not_applicable: [], deductions: [] })).status, 403);
  assert.equal((await authority.post(`/api/monthly/${draft.id}/submit`, { version: draft.version })).status, 403);

  // Bad sheets: every problem at once, nothing stored.
  const bad = await contractor.put(`/api/monthly/${draft.id}/self-sheet`, {
    version: draft.version,
    not_applicable: [B().code, 'NOPE'],
    deductions: [{ clause: 'X-99', problem: 'x' }, { clause: B().sub_items[0].clauses[0].code, problem: 'x' }, { clause: c1(), problem: '' }],
  });
  assert.equal(bad.status, 422);
  const paths = bad.json.error.details.problems.map((p) => p.path);
  for (const p of ['$.not_applicable[1]', '$.deductions[0].clause', '$.deductions[1].clause', '$.deductions[2].problem']) assert.ok(paths.includes(p), p);
  const allNa = await contractor.put(`/api/monthly/${draft.id}/self-sheet`, { version: draft.version, not_applicable: tmpl.check_items.map((i) => i.code), deductions: [] });
  assert.equal(allNa.status, 422);
  assert.equal((await contractor.get(`/api/monthly/${draft.id}`)).json.version, draft.version);

  // Lists per role.
  assert.equal(all.total, 4);
  assert.deepEqual((await siteSupervisor.get('/api/monthly')).json.items.map((i) => i.period), [M3, M2, M1]);
  assert.equal((await authority.get('/api/monthly')).json.total, 3);
  assert.equal((await supervisor.get('/api/monthly')).json.total, 3);
  assert.equal((await otherAuthority.get('/api/monthly')).json.total, 0);
  assert.equal((await otherContractor.get('/api/monthly')).json.total, 0);
  assert.deepEqual((await authority.get(`/api/monthly?status=filed&sort=period`)).json.items.map((i) => i.period), [M1, M2]);
  assert.deepEqual((await contractor.get(`/api/monthly?q=${REG_NO}&period_from=${M2}&period_to=${M3}`)).json.items.map((i) => i.period), [M3, M2]);
  assert.equal((await contractor.get(`/api/monthly?q=${REG_NO}`)).json.total, 4);
  assert.equal((await contractor.get('/api/monthly?period_from=2026-3')).status, 422);
  assert.equal((await contractor.get('/api/monthly?status=nope')).status, 422);
  const xlsx = await authority.get('/api/monthly/export.xlsx');
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
  // 综合信息: the months' scores oldest first, and the months' trail (without the contractor's draft work for others).
  const mine = (await contractor.get(`/api/declarations/${decl.id}/summary`)).json;
  assert.deepEqual(mine.sections.monthly.items.map((i) => i.period), [M1, M2, M3, M4]);
  assert.ok(mine.audit.some((a) => a.entity === 'monthly_evaluation' && a.action === 'create' && a.action_label === '新增评价'));
  const theirs = (await authority.get(`/api/declarations/${decl.id}/summary`)).json;
  assert.deepEqual(theirs.sections.monthly.items.map((i) => i.period), [M1, M2, M3]);
  assert.equal(theirs.sections.monthly.items[0].status_label, '已复核待季度评价监督信息登记');
  const monthlyTrail = theirs.audit.filter((a) => a.entity === 'monthly_evaluation');
  assert.ok(monthlyTrail.some((a) => a.action === 'review_submit' && a.to_label === '已复核待季度评价监督信息登记'));
  assert.ok(monthlyTrail.every((a) => a.to_status !== 'draft'));
  // The history hides drafts from the supervising side too.
  const hist = (await siteSupervisor.get(`/api/declarations/${decl.id}/deductions`)).json.items;
  assert.ok(hist.every((d) => d.period !== M4));
  assert.equal((await otherAuthority.get(`/api/declarations/${decl.id}/deductions`)).status, 404);
});
