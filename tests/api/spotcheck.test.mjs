// SPEC §3.9 through HTTP on the demo's evaluated declaration (XH2025-0274, five months filed, each
// self-sheet deducting two clauses and each review sheet confirming the first): the authority's
// findings per clause, saved with versions until finished; the agreement rates worked out here from
// the sheets; refusals (roles, scope, bad findings, stale versions, a finished record); and the
// per-enterprise analytics with the threshold.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, certificateClient, accountClient, demoProject } from '../lib/server.mjs';

const { contractor: CONTRACTOR, regNo: REG_NO, supervision: SUPERVISION, authority: AUTHORITY, otherAuthority: OTHER_AUTHORITY } = demoProject(2);

let server, decl;
const clients = {};

before(async () => {
  server = await startServer({ tls: true, args: ['--trusted-proxy', '127.0.0.1/32', '--agreement-threshold', '98.5'] });
  clients.contractor = await certificateClient(server, CONTRACTOR);
  clients.supervisor = await certificateClient(server, SUPERVISION.enterprise_uscc);
  clients.authority = await accountClient(server, AUTHORITY);
  clients.otherAuthority = await accountClient(server, OTHER_AUTHORITY);
  const list = await clients.authority.get(`/api/declarations?status=accepted&q=${REG_NO}`);
  assert.equal(list.json.total, 1, list.text);
  decl = list.json.items[0];
});
after(async () => { if (process.env.QSM_DEBUG) console.log(server.stderr); await server.stop(); });

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
/** agree / total × 100, half-up to hundredths, as a number with ≤ 2 decimals. */
const rate = (agree, total) => Math.floor((agree * 20000 + total) / (2 * total)) / 100;
const clausesOf = (view) => view.items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses));

test('spot-check a filed month: findings, rates, versions, finish, analytics', async () => {
  const { contractor, supervisor, authority, otherAuthority } = clients;
  const months = ok(await authority.get(`/api/declarations/${decl.id}/monthly`)).items;
  const month = months.find((m) => m.status === 'filed' || m.status === 'registered');
  assert.ok(month, JSON.stringify(months.map((m) => m.status)));
  assert.equal(month.spot_check, null);
  assert.equal(ok(await contractor.get(`/api/declarations/${decl.id}/monthly`)).items[0].spot_check, undefined);
  const url = `/api/monthly/${month.id}/spot-check`;

  // Roles and scope.
  assert.equal((await contractor.get(url)).status, 403);
  assert.equal((await supervisor.put(url, { version: 0, findings: [], finished: false })).status, 403);
  assert.equal((await otherAuthority.get(url)).status, 404);
  assert.equal((await otherAuthority.put(url, { version: 0, findings: [], finished: false })).status, 404);

  // Before any finding: every clause conforms for the authority.
  let view = ok(await authority.get(url));
  assert.equal(view.spot_check, null);
  assert.deepEqual(view.actions, ['save', 'finish']);
  const clauses = clausesOf(view);
  const total = clauses.length;
  assert.equal(view.agreement.clauses, total);
  const selfDeducted = clauses.filter((c) => c.self.deducted);
  const reviewDeducted = clauses.filter((c) => c.review.deducted);
  assert.equal(selfDeducted.length, 2);
  assert.equal(reviewDeducted.length, 1);
  assert.deepEqual(view.agreement.self, { agree: total - 2, rate: rate(total - 2, total) });
  assert.deepEqual(view.agreement.review, { agree: total - 1, rate: rate(total - 1, total) });

  // A: deducted by both sheets; B: by the self-sheet only; X: by neither.
  const A = reviewDeducted[0].code;
  const B = selfDeducted.find((c) => c.code !== A).code;
  const X = clauses.find((c) => !c.self.deducted && !c.review.deducted).code;

  // Bad findings change nothing.
  let r = await authority.put(url, { version: 0, findings: [{ clause: '99.9.9', conforms: false, note: '' }, { clause: X, conforms: false, note: '' }, { clause: X, conforms: true, note: '' }], finished: false });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.details.fields['findings[0].clause'], r.text);
  assert.ok(r.json.error.details.fields['findings[2].clause'], r.text);
  r = await authority.put(url, { version: 0, findings: [{ clause: X, conforms: false, note: '长'.repeat(501) }], finished: false });
  assert.equal(r.status, 422);
  assert.equal((await authority.put(url, { version: 0, findings: [{ clause: X, conforms: 'no' }], finished: false })).status, 422);
  assert.equal((await authority.put(url, { version: 0, finished: false })).status, 422);
  assert.equal(ok(await authority.get(url)).spot_check, null);

  // Two first saves racing: one wins, the other is told to reload.
  const findings = [
    { clause: A, conforms: false, note: '与复核一致。' },
    { clause: X, conforms: false, note: '现场抽查发现：该条文不符合要求。' },
  ];
  const race = await Promise.all([1, 2].map(() => authority.put(url, { version: 0, findings, finished: false })));
  assert.deepEqual(race.map((x) => x.status).sort(), [200, 409]);
  view = race.find((x) => x.status === 200).json;
  assert.equal(view.spot_check.status, 'in_progress');
  assert.equal(view.spot_check.status_label, '抽查中');
  assert.equal(view.spot_check.version, 1);
  // Self: A agrees, B (deducted, the authority finds it conforming) and X (not deducted, non-conforming) do not.
  assert.deepEqual(view.agreement.self, { agree: total - 2, rate: rate(total - 2, total) });
  // Review: A and B agree, X does not.
  assert.deepEqual(view.agreement.review, { agree: total - 1, rate: rate(total - 1, total) });
  const byCode = Object.fromEntries(clausesOf(view).map((c) => [c.code, c]));
  assert.deepEqual([byCode[A].self_agrees, byCode[A].review_agrees], [true, true]);
  assert.deepEqual([byCode[B].self_agrees, byCode[B].review_agrees], [false, true]);
  assert.deepEqual([byCode[X].self_agrees, byCode[X].review_agrees], [false, false]);
  assert.deepEqual(byCode[X].authority, { conforms: false, note: '现场抽查发现：该条文不符合要求。' });

  // Resave with a stale version, then with the right one; then finish.
  assert.equal((await authority.put(url, { version: 0, findings, finished: false })).status, 409);
  view = ok(await authority.put(url, { version: 1, findings: [...findings, { clause: B, conforms: true, note: '已整改。' }], finished: false }));
  assert.equal(view.spot_check.version, 2);
  view = ok(await authority.put(url, { version: 2, findings: [...findings, { clause: B, conforms: true, note: '已整改。' }], finished: true }));
  assert.equal(view.spot_check.status_label, '已完成');
  assert.ok(view.spot_check.finished_at);
  assert.deepEqual(view.actions, []);
  r = await authority.put(url, { version: 3, findings: [], finished: false });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'invalid_transition');
  assert.equal(ok(await authority.get(url)).agreement.self.agree, total - 2);

  // The month lists show it; the trail records each save.
  const listed = ok(await authority.get(`/api/declarations/${decl.id}/monthly`)).items.find((m) => m.id === month.id);
  assert.deepEqual(listed.spot_check, { id: view.spot_check.id, status: 'finished', status_label: '已完成' });
  const summary = ok(await authority.get(`/api/declarations/${decl.id}/summary`));
  assert.deepEqual(summary.sections.spot_checks.items.map((i) => [i.monthly_id, i.period, i.status_label, i.self_rate, i.review_rate]),
    [[month.id, month.period, '已完成', rate(total - 2, total), rate(total - 1, total)]]);
  assert.equal(ok(await contractor.get(`/api/declarations/${decl.id}/summary`)).sections.spot_checks, null);
  const trail = summary.audit;
  const labels = trail.filter((a) => a.entity === 'spot_check').map((a) => a.action_label);
  assert.deepEqual(labels, ['保存抽查', '保存抽查', '完成抽查']);

  // Analytics: one finished spot-check; the contractor's mean is the self rate, the supervisor's the review rate.
  const analytics = ok(await authority.get('/api/spot-checks/analytics'));
  assert.equal(analytics.threshold, 98.5);
  assert.equal(analytics.spot_checks, 1);
  assert.equal(analytics.contractors.length, 1);
  const c = analytics.contractors[0];
  assert.equal(c.enterprise.uscc, CONTRACTOR);
  assert.equal(c.spot_checks, 1);
  assert.equal(c.mean_agreement, rate(total - 2, total));
  assert.equal(c.low, rate(total - 2, total) < 98.5);
  assert.deepEqual(c.disputed.map((d) => [d.clause, d.count]).sort(), [[B, 1], [X, 1]].sort());
  const s = analytics.supervisors[0];
  assert.equal(s.enterprise.uscc, SUPERVISION.enterprise_uscc);
  assert.equal(s.mean_agreement, rate(total - 1, total));
  assert.deepEqual(s.disputed.map((d) => d.clause), [X]);
  assert.ok(s.disputed[0].text.length > 0);
  // The threshold per request, and the period range.
  assert.equal(ok(await authority.get('/api/spot-checks/analytics?threshold=50')).contractors[0].low, false);
  assert.equal(ok(await authority.get('/api/spot-checks/analytics?threshold=100')).contractors[0].low, true);
  assert.equal((await authority.get('/api/spot-checks/analytics?threshold=101')).status, 422);
  assert.equal((await authority.get('/api/spot-checks/analytics?period_from=2026-13')).status, 422);
  assert.equal(ok(await authority.get(`/api/spot-checks/analytics?period_from=${month.period}&period_to=${month.period}`)).spot_checks, 1);
  assert.equal(ok(await authority.get('/api/spot-checks/analytics?period_to=2000-01')).spot_checks, 0);
  assert.equal(ok(await otherAuthority.get('/api/spot-checks/analytics')).spot_checks, 0);
  assert.equal((await contractor.get('/api/spot-checks/analytics')).status, 403);
  const res = await fetch(`${server.base}/api/spot-checks/analytics.xlsx`, { headers: { authorization: `Bearer ${authority.token}` } });
  assert.equal(res.status, 200);
  const xlsx = Buffer.from(await res.arrayBuffer());
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
  // 常见不一致条文 names each clause with its text (issue 26), read back from the workbook's strings.
  const { execFileSync } = await import('node:child_process');
  const strings = execFileSync('python3', ['-c', 'import sys, zipfile, io; z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())); '
    + 'print("".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/sharedStrings") or n.startswith("xl/worksheets/")))'], { input: xlsx }).toString();
  assert.ok(strings.includes(`${X} ${s.disputed[0].text}（1 次）`), 'the disputed clause with its text');
});
