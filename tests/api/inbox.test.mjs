// The to-do inbox (待办), overdue months and dashboards through HTTP on the demo (QSM_NOW 2026-05-20,
// after the 15th): an item appears in exactly the right inbox at each step of a month and leaves it
// when acted on; the overdue list and its counts; the deadline boundary in Asia/Shanghai time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startServer, certificateClient, siteClient, accountClient, demoProject, demoPerson, qsmCli, DEMO_REGISTRY } from '../lib/server.mjs';

const HP = demoProject(1);   // accepted 2026-02-01, no months
const XH = demoProject(2);   // every month filed, the last quarter pending
const PD = demoProject(3);   // accepted 2026-03-01, no months
const NOW = '2026-05-20T10:00:00+08:00';

let server;
const clients = {};

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  clients.contractor = await certificateClient(server, HP.contractor);
  clients.supervisor = await certificateClient(server, HP.supervision.enterprise_uscc);
  clients.siteSupervisor = await siteClient(server, 'site_supervisor', demoPerson(HP.supervision.manager_id_number), HP.supervision);
  clients.siteContractor = await siteClient(server, 'site_contractor', demoPerson(HP.general.manager_id_number), HP.general);
  clients.authority = await accountClient(server, HP.authority);
  clients.admin = await accountClient(server, 'admin');
});
after(async () => { if (process.env.QSM_DEBUG) console.log(server.stderr); await server.stop(); });

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
const inbox = async (client) => ok(await client.get('/api/tasks'));
const keysOf = (box, regNo) => box.items.filter((i) => i.declaration.registration_no === regNo).map((i) => `${i.kind}:${i.period ?? ''}:${i.action}`);

test('a month goes through the inboxes of contractor, site supervisor and authority', async () => {
  const { contractor, supervisor, siteSupervisor, siteContractor, authority, admin } = clients;

  // The contractor: the first month of HP and of PD to create, both overdue (deadlines 03-10 and 04-10).
  let box = await inbox(contractor);
  assert.deepEqual(keysOf(box, HP.regNo), ['monthly_due:2026-02:create']);
  assert.deepEqual(keysOf(box, PD.regNo), ['monthly_due:2026-03:create']);
  // Evaluated up to May; the demo's open and overdue rectification orders await a reply (issue 24).
  assert.deepEqual(keysOf(box, XH.regNo), ['rectification::reply', 'rectification::reply']);
  const due = box.items.find((i) => i.declaration.registration_no === HP.regNo);
  assert.equal(due.action_label, '新增月度评价');
  assert.deepEqual(due.overdue, { lateness: 'submission', label: '自评逾期未提交', deadline: '2026-03-10' });
  assert.equal(due.since, '2026-02-01T10:00:00+08:00');
  assert.equal(due.waited_days, 108);
  assert.equal(box.counts.monthly_due, 2);
  assert.equal(box.total, box.items.length);
  assert.deepEqual((await inbox(siteContractor)).items, []);
  assert.deepEqual((await inbox(admin)).items, []);

  // Created: it becomes a draft to score and submit, still overdue.
  const decl = ok(await contractor.get(`/api/declarations?status=accepted&q=${HP.regNo}`)).items[0];
  let month = ok(await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: '2026-02' }), 201);
  box = await inbox(contractor);
  assert.deepEqual(keysOf(box, HP.regNo), ['monthly_evaluation:2026-02:self_sheet']);
  assert.equal(box.items.find((i) => i.id === month.id).overdue.label, '自评逾期未提交');
  const listed = ok(await contractor.get(`/api/declarations/${decl.id}/monthly`)).items.find((m) => m.id === month.id);
  assert.deepEqual(listed.overdue, { lateness: 'submission', label: '自评逾期未提交', deadline: '2026-03-10' });
  assert.deepEqual(keysOf(await inbox(siteSupervisor), HP.regNo), []);

  // Submitted: it leaves the contractor (who may now create March) and reaches the site supervisor.
  month = ok(await contractor.put(`/api/monthly/${month.id}/self-sheet`, { version: month.version, not_applicable: [], deductions: [] }));
  month = ok(await contractor.post(`/api/monthly/${month.id}/submit`, { version: month.version }));
  assert.deepEqual(keysOf(await inbox(contractor), HP.regNo), ['monthly_due:2026-03:create']);
  box = await inbox(siteSupervisor);
  assert.deepEqual(keysOf(box, HP.regNo), ['monthly_evaluation:2026-02:review']);
  assert.equal(box.items[0].action_label, '复核评价');
  // Submitted late (due 03-10, submitted 05-20), it leaves the supervisor 5 days (issue 26): the review
  // is due 05-25, not 03-15, so neither the inbox nor the overdue list blames the supervisor.
  assert.equal(box.items[0].overdue, null);
  assert.equal(box.overdue, 0);
  const reviewLate = ok(await authority.get(`/api/overdue?q=${HP.regNo}&lateness=review`));
  assert.equal(reviewLate.total, 0);
  assert.ok(!reviewLate.by_enterprise.some((e) => e.uscc === HP.supervision.enterprise_uscc), JSON.stringify(reviewLate.by_enterprise));
  const listedForReview = ok(await siteSupervisor.get(`/api/declarations/${decl.id}/monthly`)).items.find((m) => m.id === month.id);
  assert.equal(listedForReview.overdue, null);
  assert.equal(box.counts.monthly_evaluation, 1);
  assert.deepEqual(keysOf(await inbox(supervisor), HP.regNo), []);  // the supervision enterprise only reviews declarations

  month = ok(await siteSupervisor.put(`/api/monthly/${month.id}/review-sheet`, { version: month.version, not_applicable: [], deductions: [] }));
  assert.deepEqual(keysOf(await inbox(siteSupervisor), HP.regNo), ['monthly_evaluation:2026-02:review_submit']);
  month = ok(await siteSupervisor.post(`/api/monthly/${month.id}/review-submit`, { version: month.version }));
  assert.deepEqual(keysOf(await inbox(siteSupervisor), HP.regNo), []);

  // Filed: its quarter waits for the authority, as does HP's.
  box = await inbox(authority);
  assert.deepEqual(keysOf(box, HP.regNo), ['quarterly_registration::register']);
  assert.equal(box.items.find((i) => i.declaration.registration_no === HP.regNo).title, '2026-Q1 季度评价');
  const quarter = box.items.find((i) => i.declaration.registration_no === HP.regNo);
  const detail = ok(await authority.get(`/api/quarterly/${quarter.id}`));
  ok(await authority.post(`/api/quarterly/${quarter.id}/register`, { version: detail.version, inspection_date: '2026-05-20', inspectors: '张三', opinion: '符合要求。', conclusion: 'excellent' }));
  assert.deepEqual(keysOf(await inbox(authority), HP.regNo), []);

  // The overdue list of the authority: HP's March and April (May is not due yet).
  const overdue = ok(await authority.get('/api/overdue'));
  assert.deepEqual(overdue.items.map((o) => [o.declaration.registration_no, o.period, o.lateness, o.deadline, o.days_late, o.status_label]),
    [[HP.regNo, '2026-03', 'submission', '2026-04-10', 40, '未评价'], [HP.regNo, '2026-04', 'submission', '2026-05-10', 10, '未评价']]);
  assert.equal(overdue.items[0].responsible_label, '施工企业');
  assert.equal(overdue.items[0].manager, demoPerson(HP.general.manager_id_number).name);
  assert.deepEqual(overdue.by_district, [{ district: HP.project.district, count: 2 }]);
  assert.equal(overdue.by_enterprise[0].count, 2);
  // The contractor's scope holds PD's March and April too; filters and paging.
  const mine = ok(await contractor.get('/api/overdue?page_size=3'));
  assert.equal(mine.total, 4);
  assert.equal(mine.items.length, 3);
  assert.equal(ok(await contractor.get(`/api/overdue?q=${PD.regNo}`)).total, 2);
  assert.equal(ok(await contractor.get('/api/overdue?lateness=review')).total, 0);
  assert.equal((await contractor.get('/api/overdue?lateness=late')).status, 422);

  // Dashboards.
  const dash = ok(await authority.get('/api/dashboard'));
  assert.equal(dash.role, 'authority');
  assert.equal(dash.overdue, 2);
  assert.ok(dash.declarations_by_status.some((s) => s.status === 'accepted' && s.count >= 1));
  assert.ok(dash.management.some((s) => s.status === 'active'));
  assert.equal(dash.score_distribution.reduce((a, b) => a + b.count, 0), 1);  // HP's February (100.00)
  assert.deepEqual(dash.score_distribution.at(-1), { range: '90–100', count: 1 });
  assert.equal(dash.quarter_grades.find((g) => g.grade === 'excellent').count, 1);
  const mineDash = ok(await contractor.get('/api/dashboard'));
  assert.equal(mineDash.overdue, 4);
  assert.equal(mineDash.open.total, (await inbox(contractor)).total);
  const xhTrend = mineDash.trends.find((t) => t.declaration.registration_no === XH.regNo);
  assert.ok(xhTrend.points.length >= 5 && xhTrend.points.every((p) => p.review_score !== null), JSON.stringify(xhTrend));
});

test('the inbox is paged: counts for every kind, one kind, pages in the same order, counts only', async () => {
  const { contractor, authority } = clients;
  const all = ok(await contractor.get('/api/tasks?page_size=100'));
  assert.ok(all.total >= 2, JSON.stringify(all.counts));
  assert.equal(all.total, Object.values(all.counts).reduce((a, b) => a + b, 0));
  assert.equal(all.items.length, all.total);
  assert.equal(all.overdue, all.items.filter((i) => i.overdue).length);
  // Page by page, the same items in the same order (overdue first, then the longest waiting).
  const paged = [];
  for (let page = 1; paged.length < all.total; ++page) {
    const box = ok(await contractor.get(`/api/tasks?page=${page}&page_size=1`));
    assert.equal(box.total, all.total);
    assert.equal(box.page, page);
    assert.equal(box.items.length, 1);
    paged.push(box.items[0].key);
  }
  assert.deepEqual(paged, all.items.map((i) => i.key));
  assert.deepEqual(ok(await contractor.get(`/api/tasks?page=${all.total + 1}&page_size=1`)).items, []);
  // One kind: its items and its total; the counts still cover every kind.
  const due = ok(await contractor.get('/api/tasks?kind=monthly_due'));
  assert.equal(due.total, all.counts.monthly_due);
  assert.ok(due.items.every((i) => i.kind === 'monthly_due'));
  assert.deepEqual(due.counts, all.counts);
  assert.deepEqual(ok(await contractor.get('/api/tasks?kind=declaration')).counts, all.counts);
  // The badges' read: counts only.
  const counts = ok(await authority.get('/api/tasks?page_size=0'));
  assert.deepEqual(counts.items, []);
  assert.equal(counts.total, ok(await authority.get('/api/tasks?page_size=100')).total);
  for (const bad of ['kind=everything', 'page_size=101', 'page=0', 'page_size=-1'])
    assert.equal((await contractor.get(`/api/tasks?${bad}`)).status, 422, bad);
});

// A site user's lists are empty until the project's declaration is accepted: /api/me says why (issue 26).
test('a site user learns from /api/me whether its project is declared and accepted', async () => {
  assert.deepEqual(ok(await clients.siteSupervisor.get('/api/me')).contract.declaration, { status: 'accepted', status_label: '已受理' });
  // PD2026-0344: a demo project nobody declares.
  const general = DEMO_REGISTRY.contracts.find((c) => c.kind === 'general' && c.project_registration_no === 'PD2026-0344');
  const site = await siteClient(server, 'site_contractor', demoPerson(general.manager_id_number), general);
  const me = ok(await site.get('/api/me'));
  assert.equal(me.contract.registration_no, 'PD2026-0344');
  assert.equal(me.contract.declaration, null);
  assert.deepEqual(ok(await site.get('/api/declarations')).items, []);
});

test('the submission deadline ends at midnight in Shanghai', async () => {
  for (const [now, late] of [['2026-04-10T23:59:00+08:00', false], ['2026-04-11T00:00:30+08:00', true]]) {
    const s = await startServer({ env: { QSM_NOW: now } });
    try {
      const c = await accountClient(s, PD.authority);
      const items = ok(await c.get(`/api/overdue?q=${PD.regNo}`)).items.map((o) => o.period);
      // PD is accepted two months before "now": February was due on 03-10, March is due on 04-10.
      assert.deepEqual(items.sort(), late ? ['2026-02', '2026-03'] : ['2026-02'], now);
    } finally {
      await s.stop();
    }
  }
});

test('the daily reminders: one SMS per overdue month and day, even when run again or by two processes', async () => {
  // 10:00 in Shanghai, reminders due from 09:00: the server sends today's at start.
  const s = await startServer({ env: { QSM_NOW: NOW }, args: ['--reminder-time', '09:00'] });
  try {
    // The months' reminders; the demo's overdue rectification order gets its own (rectification.test.mjs).
    const reminders = () => qsmCli(s, ['sms-outbox', '--last', '100']).split('\n').filter((l) => l.includes('逾期') && l.includes('月度评价'));
    const c = await accountClient(s, 'admin');
    // HP: February to April; PD: March and April — both self-evaluations missing, to the contractor's manager.
    let sent = [];
    for (let i = 0; i < 50 && sent.length < 5; ++i) {
      await new Promise((r) => setTimeout(r, 100));
      sent = reminders();
    }
    assert.equal(sent.length, 5, sent.join('\n'));
    const hpManager = demoPerson(HP.general.manager_id_number);
    assert.equal(sent.filter((l) => l.includes(HP.regNo) && l.split('\t')[1] === hpManager.mobile).length, 3, sent.join('\n'));
    assert.ok(sent.some((l) => l.includes(`${HP.regNo}）2026-02 月度评价自评已逾期（截止 2026-03-10）`)), sent.join('\n'));
    assert.ok(c.token);
    // Again by hand the same day: nothing more.
    assert.match(qsmCli(s, ['remind']), /其他进程|已发送逾期提醒 0 条/);
    assert.equal(reminders().length, 5);
    // The next day, by two processes at once: each month once.
    const run = promisify(execFile);
    const env = { ...process.env, QSM_NOW: '2026-05-21T09:30:00+08:00' };
    await Promise.all([1, 2].map(() => run(s.cli[0], [...s.cli.slice(1), 'remind'], { env })));
    assert.equal(reminders().length, 10);
  } finally {
    await s.stop();
  }
});
