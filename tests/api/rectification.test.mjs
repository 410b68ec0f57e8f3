// Issue 24 through HTTP: rectification orders (整改指令单). The whole loop on the demo's evaluated
// declaration (XH2025-0274): issued from a spot-check (its non-conforming clauses with their notes and
// photos) plus a free item; replied by the 项目部 with a photo; sent back once by the 监理, confirmed;
// re-checked with one item not passed (round 2, new deadline), then closed. Refusals (roles, scope,
// stale versions, wrong states, bad fields), the inbox, the overdue rule at the day boundary, lists,
// export, statistics, the printed order and reply form, the audit trail, gapless numbers under 20
// parallel issues by two sessions of one station, and one reminder per overdue order and day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, certificateClient, siteClient, accountClient, demoProject, demoPerson, sqlRows, qsmCli, ROOT } from '../lib/server.mjs';

const NOW = '2026-05-20T10:00:00+08:00';
const P = demoProject(2);  // five months filed
const JPEG = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'photos', 'photo.jpg'));

let server, decl, month, clauses, tmpl;
const clients = {};

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  clients.contractor = await certificateClient(server, P.contractor);
  clients.supervisor = await certificateClient(server, P.supervision.enterprise_uscc);
  clients.site = await siteClient(server, 'site_contractor', demoPerson(P.general.manager_id_number), P.general);
  clients.siteSupervisor = await siteClient(server, 'site_supervisor', demoPerson(P.supervision.manager_id_number), P.supervision);
  clients.authority = await accountClient(server, P.authority);
  clients.authority2 = await accountClient(server, P.authority);  // a second inspector's session of the station
  clients.otherAuthority = await accountClient(server, P.otherAuthority);
  decl = (await clients.authority.get(`/api/declarations?status=accepted&q=${P.regNo}`)).json.items[0];
  assert.ok(decl);
  month = (await clients.authority.get(`/api/declarations/${decl.id}/monthly`)).json.items.find((m) => m.status === 'filed' || m.status === 'registered');
  assert.ok(month);
  tmpl = (await clients.contractor.get(`/api/templates/${decl.template.code}/${decl.template.version}`)).json;
  clauses = tmpl.check_items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses));
});
after(async () => { if (process.env.QSM_DEBUG) console.log(server.stderr); await server.stop(); });

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
const refused = (r, status) => { assert.equal(r.status, status, r.text); return r.json.error; };
const upload = (c, url, body = JPEG) => c.upload(url, body);

function pdfText(answer) {
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.headers.get('content-type'), 'application/pdf');
  const file = path.join(server.dir, 'rectification.pdf');
  writeFileSync(file, answer.body);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

test('the whole loop: from a spot-check, sent back once, two rounds, closed', async () => {
  const { contractor, supervisor, site, siteSupervisor, authority, otherAuthority } = clients;
  // The spot-check: two clauses not conforming (one with a note and a photo), finished.
  const [X, Y] = [clauses[3], clauses[7]];
  const sc = `/api/monthly/${month.id}/spot-check`;
  ok(await authority.put(sc, { version: 0, findings: [{ clause: X.code, conforms: false, note: '楼梯临边防护栏杆缺失' }, { clause: Y.code, conforms: false, note: '' }], finished: false }));
  ok(await upload(authority, `${sc}/findings/${X.code}/photos`), 201);
  const view = ok(await authority.get(sc));
  ok(await authority.put(sc, { version: view.spot_check.version, findings: [{ clause: X.code, conforms: false, note: '楼梯临边防护栏杆缺失' }, { clause: Y.code, conforms: false, note: '' }], finished: true }));

  // The demo's three orders on this project: one closed, one overdue, one open.
  const demo = ok(await authority.get(`/api/declarations/${decl.id}/rectifications`)).items;
  assert.deepEqual(demo.map((o) => o.status_label).sort(), ['已下发待整改', '已销项', '逾期未整改']);
  const nextSeq = demo.length + 1;
  const baseline = { closed: ok(await authority.get('/api/rectifications/stats')).closed, inbox: ok(await site.get('/api/tasks')).counts.rectification };
  assert.equal(baseline.inbox, 2);

  // Refusals before anything is stored: role, scope, fields.
  const body = { declaration_id: decl.id, kind: 'stop_work', deadline: '2026-05-30', recheck_by: '王监督', basis: '《建设工程质量管理条例》', source: { spot_check: month.id }, items: [{ problem: '  现场材料堆放混乱  ' }] };
  refused(await contractor.post('/api/rectifications', body), 403);
  refused(await otherAuthority.post('/api/rectifications', body), 404);
  let e = refused(await authority.post('/api/rectifications', { ...body, deadline: '2026-05-20', kind: 'later' }), 422);
  assert.ok(e.details.fields.deadline && e.details.fields.kind, JSON.stringify(e));
  e = refused(await authority.post('/api/rectifications', { declaration_id: decl.id, kind: 'rectify', deadline: '2026-05-30', items: [] }), 422);
  assert.ok(e.details.fields.items, JSON.stringify(e));
  e = refused(await authority.post('/api/rectifications', { ...body, source: undefined, items: [{ clause: '99.9', problem: 'x' }, { problem: ' ' }] }), 422);
  assert.ok(e.details.fields['items[0].clause'] && e.details.fields['items[1].problem'], JSON.stringify(e));
  assert.equal(sqlRows(server, 'SELECT COUNT(*) FROM rectifications')[0][0], String(demo.length));

  // Issued: the spot-check's clauses first (note, or the clause's text), then the body's item.
  let r = ok(await authority.post('/api/rectifications', body), 201);
  assert.equal(r.number, `徐汇质监（2026）整字第${String(nextSeq).padStart(4, '0')}号`);
  assert.equal(r.status, 'issued');
  assert.equal(r.round, 1);
  assert.equal(r.kind_label, '停工整改');
  assert.deepEqual(r.source, { spot_check: month.id, period: month.period });
  assert.deepEqual(r.items.map((i) => [i.clause, i.problem]), [[X.code, '楼梯临边防护栏杆缺失'], [Y.code, Y.text], [null, '现场材料堆放混乱']]);
  assert.equal(r.items[0].photos.length, 1);
  assert.deepEqual(r.actions, []);
  assert.deepEqual(r.photo_sides, ['issue']);
  const id = r.id;
  const url = `/api/rectifications/${id}`;

  // Who sees what: every party of the project; nobody else.
  assert.deepEqual(ok(await contractor.get(url)).actions, ['reply']);
  assert.deepEqual(ok(await site.get(url)).photo_sides, ['reply']);
  assert.deepEqual(ok(await siteSupervisor.get(url)).actions, []);
  ok(await supervisor.get(url));
  refused(await otherAuthority.get(url), 404);
  refused(await otherAuthority.get(`${url}/print.pdf`), 404);
  assert.equal(ok(await otherAuthority.get('/api/rectifications')).total, 0);
  assert.equal(ok(await contractor.get(`/api/declarations/${decl.id}/rectifications`)).items.length, demo.length + 1);
  // The stop-work order shows on the project.
  assert.equal(ok(await contractor.get(`/api/monthly/${month.id}`)).declaration.stop_work, true);

  // The inbox: the contractor and its 项目部 are asked to reply.
  const inbox = ok(await site.get('/api/tasks?kind=rectification'));
  assert.equal(inbox.counts.rectification, baseline.inbox + 1);
  const task = inbox.items.find((t) => t.id === id);
  assert.equal(task.action, 'reply');
  assert.equal(task.action_label, '整改回复');
  assert.equal(task.title, `整改指令单 ${r.number}`);
  assert.equal(inbox.items[0].overdue.label, '逾期未整改');  // the demo's overdue order comes first
  assert.equal(ok(await contractor.get('/api/tasks')).counts.rectification, baseline.inbox + 1);

  // Photos: the authority's of the problem, the site's of its reply; others refused.
  const item = (n) => r.items[n].id;
  const issuePhoto = ok(await upload(authority, `${url}/items/${item(2)}/photos`), 201);
  assert.equal(issuePhoto.side, 'issue');
  const replyPhoto = ok(await upload(site, `${url}/items/${item(0)}/photos`), 201);
  assert.equal(replyPhoto.side, 'reply');
  assert.equal(replyPhoto.round, 1);
  refused(await upload(siteSupervisor, `${url}/items/${item(0)}/photos`), 403);
  refused(await upload(otherAuthority, `${url}/items/${item(0)}/photos`), 404);
  refused(await upload(site, `${url}/items/999999/photos`), 404);
  refused(await upload(site, `${url}/items/${item(0)}/photos`, Buffer.from('not an image')), 415);
  const img = await site.bytes(replyPhoto.url);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/jpeg');
  refused(await otherAuthority.get(replyPhoto.thumbnail_url), 404);
  refused(await authority.delete(`/api/rectifications/${id}/photos/${replyPhoto.id}`), 409);  // the site's, not the authority's side
  const extra = ok(await upload(site, `${url}/items/${item(1)}/photos`), 201);
  assert.equal((await site.delete(`/api/rectifications/${id}/photos/${extra.id}`)).status, 204);

  // The reply: every open item needs a measure; a stale version is refused.
  r = ok(await site.get(url));
  e = refused(await site.post(`${url}/reply`, { version: r.version, items: [{ id: item(0), measure: '已设置防护栏杆' }, { id: item(1), measure: ' ' }] }), 422);
  assert.ok(e.details.fields['items[1].measure'] && e.details.fields.items, JSON.stringify(e));
  refused(await site.post(`${url}/reply`, { version: r.version + 1, items: [] }), 409);
  refused(await siteSupervisor.post(`${url}/reply`, { version: r.version, items: [] }), 403);
  refused(await authority.post(`${url}/confirm`, { version: r.version, agree: true }), 403);
  refused(await siteSupervisor.post(`${url}/confirm`, { version: r.version, agree: true }), 409);
  const measures = r.items.map((i, n) => ({ id: i.id, measure: `第${n + 1}项已整改` }));
  r = ok(await site.post(`${url}/reply`, { version: r.version, items: measures }));
  assert.equal(r.status, 'replied');
  assert.equal(r.items[0].measure, '第1项已整改');
  refused(await upload(authority, `${url}/items/${item(2)}/photos`), 409);  // replied: the problem photos are frozen
  refused(await upload(site, `${url}/items/${item(0)}/photos`), 409);
  refused(await contractor.post(`${url}/reply`, { version: r.version, items: measures }), 409);
  assert.equal(ok(await siteSupervisor.get('/api/tasks?kind=rectification')).items.find((t) => t.id === id).action, 'confirm');

  // The 监理 sends it back once (an opinion is required), then agrees.
  e = refused(await siteSupervisor.post(`${url}/confirm`, { version: r.version, agree: false, opinion: '' }), 422);
  assert.ok(e.details.fields.opinion);
  r = ok(await siteSupervisor.post(`${url}/confirm`, { version: r.version, agree: false, opinion: '第2项未见整改记录' }));
  assert.equal(r.status, 'issued');
  assert.equal(r.round, 1);
  assert.deepEqual(r.photo_sides, []);  // the authority's problem photos stay frozen after a reply
  r = ok(await contractor.post(`${url}/reply`, { version: r.version, items: measures.map((m) => ({ ...m, measure: `${m.measure}（补充记录）` })) }));
  r = ok(await siteSupervisor.post(`${url}/confirm`, { version: r.version, agree: true, opinion: '' }));
  assert.equal(r.status, 'confirmed');
  assert.equal(ok(await authority.get('/api/tasks?kind=rectification')).items.find((t) => t.id === id).action, 'recheck');

  // The re-check: item 1 not passed (a note and a new deadline required), the others passed.
  const results = r.items.map((i, n) => ({ id: i.id, passed: n !== 0, note: n === 0 ? '栏杆高度不足 1.2 m' : '' }));
  e = refused(await authority.post(`${url}/recheck`, { version: r.version, items: results }), 422);
  assert.ok(e.details.fields.deadline);
  e = refused(await authority.post(`${url}/recheck`, { version: r.version, items: results.map((x) => ({ ...x, note: '' })), deadline: '2026-06-05' }), 422);
  assert.ok(e.details.fields['items[0].note']);
  refused(await authority2Stale(url, r.version), 409);
  r = ok(await authority.post(`${url}/recheck`, { version: r.version, items: results, deadline: '2026-06-05' }));
  assert.equal(r.status, 'issued');
  assert.equal(r.round, 2);
  assert.equal(r.deadline, '2026-06-05');
  assert.equal(r.open_items, 1);
  assert.deepEqual(r.items.map((i) => i.status), ['open', 'passed', 'passed']);
  assert.equal(r.items[0].note, '栏杆高度不足 1.2 m');
  assert.equal(r.items[0].measure, null);  // round 2 has no reply yet

  // Round 2: only the open item is replied and re-checked; then it is closed.
  e = refused(await site.post(`${url}/reply`, { version: r.version, items: [{ id: item(0), measure: '加高至 1.2 m' }, { id: item(1), measure: 'x' }] }), 422);
  assert.ok(e.details.fields['items[1].id']);
  ok(await upload(site, `${url}/items/${item(0)}/photos`), 201);
  refused(await upload(site, `${url}/items/${item(1)}/photos`), 409);
  r = ok(await site.post(`${url}/reply`, { version: r.version, items: [{ id: item(0), measure: '加高至 1.2 m' }] }));
  r = ok(await siteSupervisor.post(`${url}/confirm`, { version: r.version, agree: true }));
  r = ok(await authority.post(`${url}/recheck`, { version: r.version, items: [{ id: item(0), passed: true }] }));
  assert.equal(r.status, 'closed');
  assert.equal(r.status_label, '已销项');
  assert.ok(r.closed_at);
  assert.deepEqual(r.items[0].history.map((h) => [h.round, h.passed]), [[1, false], [2, true]]);
  assert.equal(r.items[0].reply_photos.length, 2);
  assert.equal(r.rounds.length, 2);
  assert.equal(ok(await contractor.get(`/api/monthly/${month.id}`)).declaration.stop_work, false);
  refused(await authority.post(`${url}/recheck`, { version: r.version, items: [] }), 409);

  // Printed: the order, and the reply form with both rounds and the 监理's confirmation.
  const text = pdfText(await contractor.bytes(`${url}/print.pdf`));
  for (const s of [r.number, '整改指令单', '整改回复单', '停工整改', '栏杆高度不足', '加高至 1.2 m', '楼梯临边防护栏杆缺失', '王监督', '已销项', '同意（'])
    assert.ok(text.includes(s), `${s} missing from the PDF:\n${text}`);
  assert.match(text, /第 1\s*轮整改（期限 2026-05-30）[\s\S]*不通过：栏杆高度不足[\s\S]*第 2\s*轮整改（期限 2026-06-05）/);

  // Every step on the trail, in order.
  const trail = sqlRows(server, `SELECT action, COALESCE(from_state, ''), COALESCE(to_state, '') FROM audit_log WHERE entity = 'rectification' AND entity_id = ${id} ORDER BY id`);
  assert.deepEqual(trail.filter(([a]) => !a.startsWith('photo')).map((t) => t.join(' ')), [
    'issue  issued', 'reply issued replied', 'confirm replied issued', 'reply issued replied', 'confirm replied confirmed',
    'recheck confirmed issued', 'reply issued replied', 'confirm replied confirmed', 'recheck confirmed closed']);
  assert.equal(trail.filter(([a]) => a === 'photo_add').length, 4);
  assert.equal(trail.filter(([a]) => a === 'photo_remove').length, 1);

  // Lists, filters, export, statistics.
  assert.equal(ok(await authority.get('/api/rectifications?status=closed')).total, baseline.closed + 1);
  assert.equal(ok(await authority.get(`/api/rectifications?q=${encodeURIComponent(r.number.slice(-8))}`)).total, 1);
  assert.equal(ok(await authority.get('/api/rectifications?kind=stop_work')).total, 1);
  assert.equal(ok(await authority.get('/api/rectifications?overdue=true')).total, 1);
  refused(await authority.get('/api/rectifications?status=nope'), 422);
  const xlsx = await authority.get('/api/rectifications/export.xlsx');
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
  const stats = ok(await authority.get('/api/rectifications/stats'));
  assert.equal(stats.closed, baseline.closed + 1);
  assert.ok(stats.closed_this_month >= 1);
  assert.equal(stats.overdue, 1);
  assert.ok(stats.mean_days_to_close > 0);  // the demo's took 9 days, this one none
  assert.ok(stats.top_clauses.some((c) => c.clause === X.code && c.clause_text === X.text), JSON.stringify(stats.top_clauses));
  // By district and by construction enterprise as the declaration shows them (its own copies, V050/V053).
  assert.ok(stats.by_district.some((g) => g.district === decl.project.district && g.closed >= 1), JSON.stringify(stats.by_district));
  assert.ok(stats.by_enterprise.some((g) => g.uscc === decl.general.enterprise.uscc && g.name === decl.general.enterprise.name && g.closed >= 1),
    JSON.stringify(stats.by_enterprise));

  async function authority2Stale(u, version) { return clients.authority2.post(`${u}/recheck`, { version: version + 1, items: results, deadline: '2026-06-05' }); }
});

test('numbers: 20 parallel issues by two sessions of one station are 20 consecutive numbers', async () => {
  const before = sqlRows(server, `SELECT COALESCE(MAX(seq), 0) FROM rectifications WHERE year = 2026 AND authority_id = (SELECT authority_id FROM declarations WHERE id = ${decl.id})`)[0][0];
  const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? clients.authority : clients.authority2).post('/api/rectifications', {
    declaration_id: decl.id, kind: 'rectify', deadline: '2026-06-20', items: [{ problem: `问题 ${n}` }],
  })));
  for (const a of answers) assert.equal(a.status, 201, a.text);
  const seqs = answers.map((a) => Number(a.json.number.match(/第(\d{4})号/)[1])).sort((a, b) => a - b);
  assert.deepEqual(seqs, Array.from({ length: 20 }, (_, n) => Number(before) + n + 1));
});

test('overdue at the day boundary: due by the end of the deadline, overdue from the next day', async () => {
  // Free-standing, with a clause of the project's template: its text is kept with the item.
  const r = ok(await clients.authority.post('/api/rectifications', { declaration_id: decl.id, kind: 'rectify', deadline: '2026-05-21',
    items: [{ clause: clauses[0].code, problem: '逾期测试' }] }), 201);
  const url = `/api/rectifications/${r.id}`;
  assert.deepEqual([r.items[0].clause, r.items[0].clause_text, r.source], [clauses[0].code, clauses[0].text, null]);
  assert.equal(r.overdue, false);
  // Behind the server's back: the deadline is today — not overdue; yesterday — one day overdue.
  sqlRows(server, `UPDATE rectifications SET deadline = '2026-05-20' WHERE id = ${r.id}`);
  assert.equal(ok(await clients.contractor.get(url)).overdue, false);
  assert.ok(!ok(await clients.authority.get('/api/rectifications?overdue=true')).items.some((x) => x.id === r.id));
  sqlRows(server, `UPDATE rectifications SET deadline = '2026-05-19' WHERE id = ${r.id}`);
  const d = ok(await clients.contractor.get(url));
  assert.equal(d.overdue, true);
  assert.equal(d.overdue_days, 1);
  assert.equal(d.status_label, '逾期未整改');
  assert.ok(ok(await clients.authority.get('/api/rectifications?overdue=true')).items.some((x) => x.id === r.id));
  const task = ok(await clients.contractor.get('/api/tasks?kind=rectification')).items.find((t) => t.id === r.id);
  assert.equal(task.overdue.lateness, 'rectification');
  assert.equal(task.overdue.label, '逾期未整改');
  assert.ok(ok(await clients.authority.get('/api/rectifications/stats')).overdue >= 1);
});

test('reminders: one SMS per overdue order and day, none twice with two processes', async () => {
  const s = await startServer({ env: { QSM_NOW: NOW }, args: ['--reminder-time', 'off'] });
  try {
    const a = await accountClient(s, P.authority);
    const d = (await a.get(`/api/declarations?status=accepted&q=${P.regNo}`)).json.items[0];
    const made = [];
    for (const n of [1, 2]) made.push(ok(await a.post('/api/rectifications', { declaration_id: d.id, kind: 'rectify', deadline: '2026-05-25', items: [{ problem: `提醒 ${n}` }] }), 201));
    const sms = () => qsmCli(s, ['sms-outbox', '--last', '200']).split('\n').filter((l) => l.includes('整改指令单') && l.includes('逾期未整改'));
    const run = promisify(execFile);
    // The day after the deadline, two processes at once: each order once.
    const env = { ...process.env, QSM_NOW: '2026-05-26T09:30:00+08:00' };
    await Promise.all([1, 2].map(() => run(s.cli[0], [...s.cli.slice(1), 'remind'], { env })));
    // With the demo's overdue order on the same project.
    const sent = sms();
    assert.equal(sent.length, 3, sent.join('\n'));
    const manager = demoPerson(P.general.manager_id_number);
    for (const m of made) assert.ok(sent.some((l) => l.includes(m.number) && l.split('\t')[1] === manager.mobile), sent.join('\n'));
    // Again the same day: nothing; the next day: once more each.
    await run(s.cli[0], [...s.cli.slice(1), 'remind'], { env });
    assert.equal(sms().length, 3);
    await run(s.cli[0], [...s.cli.slice(1), 'remind'], { env: { ...env, QSM_NOW: '2026-05-27T09:30:00+08:00' } });
    assert.equal(sms().length, 6);
  } finally {
    await s.stop();
  }
});
