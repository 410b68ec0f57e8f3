// 企业办事员 (issue 27) through HTTP, on both backends: the certificate holder creates clerks (registry
// persons of the enterprise) with some projects and actions; a clerk logs in by SMS, sees only those
// projects' records, acts under his own name in the audit trail, may do only what he was given; the
// holder narrows or disables him at once — on a second server process on the same database too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, certificateClient, accountClient, demoProject, DEMO_REGISTRY, Client, lastSmsCode, sqlRows } from '../lib/server.mjs';

const NOW = '2026-05-20T10:00:00+08:00';
const A = demoProject(1); // accepted three months back: months to evaluate
const B = demoProject(2); // the same contractor's other project
const managers = new Set(DEMO_REGISTRY.contracts.map((c) => c.manager_id_number));
// The enterprise's persons, those who manage no contract first (a project manager may be a clerk too).
const staffOf = (uscc) => DEMO_REGISTRY.persons.filter((p) => p.enterprise_uscc === uscc)
  .sort((a, b) => Number(managers.has(a.id_number)) - Number(managers.has(b.id_number)));
const [CLERK, CLERK2, NOT_A_CLERK] = staffOf(A.contractor);
const OTHER_CONTRACTOR = DEMO_REGISTRY.enterprises.find((e) => e.kind === 'construction' && e.uscc !== A.contractor).uscc;
const SUPERVISION_CLERK = staffOf(A.supervision.enterprise_uscc)[0];
const ENTERPRISE_NAME = DEMO_REGISTRY.enterprises.find((e) => e.uscc === A.contractor).name;

let server, other, holder, supervisorHolder, ids, clerk, rectifier;

before(async () => {
  assert.ok(CLERK && CLERK2 && SUPERVISION_CLERK, 'the demo registry has persons of both enterprises');
  server = await startServer({ env: { QSM_NOW: NOW }, args: ['--trusted-proxy', '127.0.0.1/32'], tls: true });
  other = await startServer({ demo: false, db: server.db, secret: server.secret, env: { QSM_NOW: NOW } });
  holder = await certificateClient(server, A.contractor);
  supervisorHolder = await certificateClient(server, A.supervision.enterprise_uscc);
  const projectId = async (regNo) => (await holder.get(`/api/projects?q=${regNo}`)).json.items[0].id;
  ids = { A: await projectId(A.regNo), B: await projectId(B.regNo) };
  const decl = async (regNo) => (await holder.get(`/api/declarations?q=${regNo}`)).json.items[0].id;
  ids.declA = await decl(A.regNo);
  ids.declB = await decl(B.regNo);
});
after(async () => {
  if (process.env.QSM_DEBUG) console.log(server.stderr, other.stderr);
  await other.stop();
  await server.stop();
});

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };

async function clerkLogin(person, base = server.base) {
  const c = new Client(base);
  const me = await c.loginSms(server, 'clerk', person.name, person.id_number);
  return { c, me };
}

test('the certificate holder creates a clerk; every problem of a bad form is reported and nothing is written', async () => {
  const empty = ok(await holder.get('/api/enterprise/clerks'));
  assert.deepEqual(empty.items, []);
  assert.deepEqual(empty.actions.map((a) => a.code), ['declare', 'monthly', 'apply', 'rectify']);
  assert.deepEqual(empty.actions.map((a) => a.label), ['申报', '月度评价', '竣工/中止/终止申请', '整改回复']);
  assert.deepEqual(ok(await supervisorHolder.get('/api/enterprise/clerks')).actions.map((a) => a.code), ['review']);

  // Not a person of the enterprise, a project of another enterprise, an action it cannot hand out.
  const stranger = DEMO_REGISTRY.persons.find((p) => p.enterprise_uscc !== A.contractor);
  const foreignProject = (await (await certificateClient(server, OTHER_CONTRACTOR)).get('/api/projects')).json.items[0];
  assert.ok(foreignProject);
  let bad = await holder.post('/api/enterprise/clerks', { name: stranger.name, mobile: stranger.mobile, project_ids: [ids.A], actions: ['declare'] });
  assert.equal(bad.status, 422);
  assert.match(bad.json.error.details.fields.mobile, /实名制系统登记的人员中没有/);
  bad = await holder.post('/api/enterprise/clerks', { name: CLERK.name, mobile: CLERK.mobile, project_ids: [ids.A, foreignProject.id], actions: ['declare'] });
  assert.equal(bad.status, 422);
  assert.match(bad.json.error.details.fields.project_ids, /只能选择本企业为施工总包的工程/);
  bad = await holder.post('/api/enterprise/clerks', { name: '', mobile: '123', project_ids: [], actions: ['review'] });
  assert.equal(bad.status, 422);
  for (const f of ['name', 'mobile', 'project_ids', 'actions']) assert.ok(bad.json.error.details.fields[f], `${f}: ${bad.text}`);
  bad = await holder.post('/api/enterprise/clerks', { name: CLERK.name, mobile: CLERK.mobile, project_ids: [ids.A], actions: ['review'] });
  assert.match(bad.json.error.details.fields.actions, /申报（declare）/);
  assert.equal((await holder.post('/api/enterprise/clerks', { name: CLERK.name, mobile: CLERK.mobile, project_ids: 'x', actions: [] })).status, 422);
  assert.deepEqual(ok(await holder.get('/api/enterprise/clerks')).items, []);

  const created = ok(await holder.post('/api/enterprise/clerks', {
    name: CLERK.name, mobile: CLERK.mobile, project_ids: [ids.A], actions: ['declare', 'monthly'],
  }), 201);
  assert.equal(created.name, CLERK.name);
  assert.equal(created.mobile, `${CLERK.mobile.slice(0, 3)}****${CLERK.mobile.slice(7)}`);
  assert.deepEqual(created.project_ids, [ids.A]);
  assert.equal(created.projects[0].registration_no, A.regNo);
  assert.deepEqual(created.actions, ['declare', 'monthly']);
  assert.deepEqual(created.action_labels, ['申报', '月度评价']);
  assert.equal(created.disabled, false);
  // The same person added by five requests at once (a second clerk, removed again below): one 201, the
  // rest refused (422 已是办事员, or 409 when two writers met on PostgreSQL), never a 500.
  const race = await Promise.all(Array.from({ length: 5 }, () =>
    holder.post('/api/enterprise/clerks', { name: CLERK2.name, mobile: CLERK2.mobile, project_ids: [ids.A], actions: ['rectify'] })));
  assert.deepEqual(race.map((r) => r.status).filter((s) => s === 201), [201], race.map((r) => `${r.status} ${r.text.slice(0, 60)}`).join('\n'));
  assert.ok(race.every((r) => [201, 409, 422].includes(r.status)));
  sqlRows(server, `DELETE FROM clerk_projects WHERE clerk_id = ${race.find((r) => r.status === 201).json.id}`);
  sqlRows(server, `DELETE FROM clerks WHERE id = ${race.find((r) => r.status === 201).json.id}`);
  // The same person twice: 409-like refusal under mobile, nothing written.
  const twice = await holder.post('/api/enterprise/clerks', { name: CLERK.name, mobile: CLERK.mobile, project_ids: [ids.B], actions: ['declare'] });
  assert.equal(twice.status, 422);
  assert.match(twice.json.error.details.fields.mobile, /已是办事员/);
  assert.equal(ok(await holder.get('/api/enterprise/clerks')).items.length, 1);
  // Another enterprise's holder neither sees nor changes it.
  assert.deepEqual(ok(await supervisorHolder.get('/api/enterprise/clerks')).items, []);
  assert.equal((await supervisorHolder.put(`/api/enterprise/clerks/${created.id}`, { version: created.version, disabled: true })).status, 404);
  // Audited with the person masked.
  const audit = sqlRows(server, `SELECT action, actor_name, opinion FROM audit_log WHERE entity = 'clerk' AND entity_id = ${created.id}`);
  assert.equal(audit.length, 1);
  assert.equal(audit[0][0], 'create');
  assert.equal(audit[0][1], ENTERPRISE_NAME);
  assert.match(audit[0][2], new RegExp(`办事员 ${CLERK.name}（\\d{3}\\*{4}\\d{4}）：工程 ${A.regNo}；业务 申报、月度评价`));
});

test('a clerk logs in by SMS, sees only project A, gets 404 on project B, and submits under his own name', async () => {
  let me;
  ({ c: clerk, me } = await clerkLogin(CLERK));
  assert.equal(me.role, 'contractor');
  assert.equal(me.display_name, `办事员 ${CLERK.name}`);
  assert.equal(me.enterprise.name, ENTERPRISE_NAME);
  assert.equal(me.enterprise.uscc, A.contractor);
  assert.deepEqual(me.clerk.actions, ['declare', 'monthly']);

  // Lists and records: A only.
  const list = ok(await clerk.get('/api/declarations?page_size=100'));
  assert.deepEqual(list.items.map((d) => d.project.registration_no ?? d.registration_no), [A.regNo]);
  // The declaration as he sees it offers no application he was not given (竣工/中止/终止申请).
  assert.ok(ok(await holder.get(`/api/declarations/${ids.declA}`)).request_actions.length > 0);
  assert.deepEqual(ok(await clerk.get(`/api/declarations/${ids.declA}`)).request_actions, []);
  assert.equal((await clerk.get(`/api/declarations/${ids.declB}`)).status, 404);
  assert.equal((await clerk.get(`/api/declarations/${ids.declB}/monthly`)).status, 404);
  assert.equal((await clerk.get(`/api/declarations/${ids.declB}/summary`)).status, 404);
  const projects = ok(await clerk.get('/api/projects?page_size=100'));
  assert.deepEqual(projects.items.map((p) => p.registration_no), [A.regNo]);
  const monthly = ok(await clerk.get('/api/monthly?page_size=100'));
  assert.ok(monthly.items.every((m) => m.declaration.id === ids.declA || m.declaration_id === ids.declA), JSON.stringify(monthly.items[0]));
  const holderMonthly = ok(await holder.get('/api/monthly?page_size=100'));
  assert.ok(holderMonthly.total > monthly.total, 'the holder sees both projects\' months');

  // 月度评价: create, save, submit — audited with the clerk's name under the enterprise.
  const created = ok(await clerk.post(`/api/declarations/${ids.declA}/monthly`, { period: '2026-02' }), 201);
  const saved = ok(await clerk.put(`/api/monthly/${created.id}/self-sheet`, { version: created.version, not_applicable: [], deductions: [] }));
  const submitted = ok(await clerk.post(`/api/monthly/${created.id}/submit`, { version: saved.version }));
  assert.equal(submitted.status, 'submitted');
  const trail = ok(await holder.get(`/api/declarations/${ids.declA}/summary`)).audit.filter((a) => a.entity === 'monthly_evaluation' && a.actor_name.startsWith('办事员'));
  for (const action of ['create', 'submit']) {
    const r = trail.find((a) => a.action === action);
    assert.ok(r, `${action} in ${JSON.stringify(trail)}`);
    assert.equal(r.actor_name, `办事员 ${CLERK.name}`);
    assert.equal(r.organisation, ENTERPRISE_NAME);
  }
  // On another project, with the same session: not found; what he was not given: 403, nothing written.
  assert.equal((await clerk.post(`/api/declarations/${ids.declB}/monthly`, { period: '2026-02' })).status, 404);
  const apply = await clerk.post(`/api/declarations/${ids.declA}/suspensions`, { kind: 'suspend', reason: '资金原因', date: '2026-05-21' });
  assert.equal(apply.status, 403, apply.text);
  assert.match(apply.json.error.message, /未被授予/);
  const manage = await clerk.get('/api/enterprise/clerks');
  assert.equal(manage.status, 403);
  // 申报's manager choices: his project only.
  assert.equal((await clerk.get(`/api/declarations/managers?project_id=${ids.B}`)).status, 404);
});

test('the holder narrows a clerk\'s actions and projects; both hold at the next request on every process', async () => {
  const elsewhere = new Client(other.base);
  elsewhere.token = clerk.token;
  const draft = ok(await clerk.post(`/api/declarations/${ids.declA}/monthly`, { period: '2026-03' }), 201);
  assert.ok(draft.actions.includes('submit'), JSON.stringify(draft.actions));

  // Without 月度评价: the month is still his to read, with no action offered, and a save is refused.
  let k = ok(await holder.get('/api/enterprise/clerks')).items[0];
  k = ok(await holder.put(`/api/enterprise/clerks/${k.id}`, { version: k.version, actions: ['declare'] }));
  assert.deepEqual(k.actions, ['declare']);
  for (const c of [clerk, elsewhere]) {
    assert.deepEqual(ok(await c.get(`/api/monthly/${draft.id}`)).actions, []);
    assert.equal((await c.put(`/api/monthly/${draft.id}/self-sheet`, { version: draft.version, not_applicable: [], deductions: [] })).status, 403);
    assert.deepEqual(ok(await c.get('/api/me')).clerk.actions, ['declare']);
  }
  assert.deepEqual(ok(await holder.get(`/api/monthly/${draft.id}`)).actions, ['save_self', 'submit']);
  // His inbox holds no month to evaluate any more; the holder's still does.
  const tasks = ok(await clerk.get('/api/tasks?page_size=100'));
  assert.ok(tasks.items.every((t) => !t.kind.startsWith('monthly')), JSON.stringify(tasks.items.map((t) => t.kind)));
  assert.equal(tasks.counts.monthly_evaluation + tasks.counts.monthly_due, 0);
  const holderTasks = ok(await holder.get('/api/tasks?page_size=100'));
  assert.ok(holderTasks.items.some((t) => t.kind.startsWith('monthly') && t.declaration.id === ids.declA), 'the holder still has A\'s months to do');

  // Project B instead of A.
  k = ok(await holder.put(`/api/enterprise/clerks/${k.id}`, { version: k.version, project_ids: [ids.B] }));
  assert.deepEqual(k.project_ids, [ids.B]);
  for (const c of [clerk, elsewhere]) {
    assert.equal((await c.get(`/api/declarations/${ids.declA}`)).status, 404);
    assert.equal((await c.get(`/api/monthly/${draft.id}`)).status, 404);
    ok(await c.get(`/api/declarations/${ids.declB}`));
  }
  // A stale version changes nothing; a bad change reports its field.
  assert.equal((await holder.put(`/api/enterprise/clerks/${k.id}`, { version: k.version - 1, actions: ['monthly'] })).status, 409);
  const bad = await holder.put(`/api/enterprise/clerks/${k.id}`, { version: k.version, actions: [] });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.details.fields.actions);
  assert.deepEqual(ok(await holder.get('/api/enterprise/clerks')).items[0].actions, ['declare']);
  const audit = sqlRows(server, `SELECT opinion FROM audit_log WHERE entity = 'clerk' AND action = 'update' ORDER BY id`);
  assert.match(audit.at(-2)[0], /业务 申报、月度评价 → 申报/);
  assert.match(audit.at(-1)[0], new RegExp(`工程 ${A.regNo} → ${B.regNo}`));
});

test('disabling a clerk ends his sessions at once on every process; a disabled clerk cannot log in, even with a live code', async () => {
  const elsewhere = new Client(other.base);
  elsewhere.token = clerk.token;
  ok(await elsewhere.get('/api/me'));
  let k = ok(await holder.get('/api/enterprise/clerks')).items[0];
  k = ok(await holder.put(`/api/enterprise/clerks/${k.id}`, { version: k.version, disabled: true }));
  assert.equal(k.disabled, true);
  assert.equal((await clerk.get('/api/me')).status, 401);
  assert.equal((await elsewhere.get('/api/me')).status, 401);
  const audit = sqlRows(server, `SELECT opinion FROM audit_log WHERE entity = 'clerk' AND action = 'update' ORDER BY id`);
  assert.match(audit.at(-1)[0], /停用，结束会话 1 个/);

  // A second clerk gets a code, then is disabled: the live code no longer logs him in, with the words
  // a wrong code gets; enabled again, the same code does.
  let k2 = ok(await holder.post('/api/enterprise/clerks', { name: CLERK2.name, mobile: CLERK2.mobile, project_ids: [ids.A], actions: ['rectify'] }), 201);
  const c = new Client(server.base);
  const sent = ok(await c.post('/api/auth/sms-code', { role: 'clerk', name: CLERK2.name, id_number: CLERK2.id_number }));
  assert.match(sent.message, /企业办事员/);
  const code = lastSmsCode(server);
  k2 = ok(await holder.put(`/api/enterprise/clerks/${k2.id}`, { version: k2.version, disabled: true }));
  const refused = await c.post('/api/auth/sms-login', { role: 'clerk', name: CLERK2.name, id_number: CLERK2.id_number, code });
  assert.equal(refused.status, 401);
  const stranger = await c.post('/api/auth/sms-login', { role: 'clerk', name: NOT_A_CLERK.name, id_number: NOT_A_CLERK.id_number, code: '000000' });
  assert.equal(stranger.status, 401);
  assert.equal(stranger.json.error.message, refused.json.error.message);
  // Nor does a site manager's login serve for a clerk's, or the other way round.
  const asManager = await c.post('/api/auth/sms-login', { role: 'site_contractor', name: CLERK2.name, id_number: CLERK2.id_number, code });
  assert.equal(asManager.status, 401);
  k2 = ok(await holder.put(`/api/enterprise/clerks/${k2.id}`, { version: k2.version, disabled: false }));
  const back = ok(await c.post('/api/auth/sms-login', { role: 'clerk', name: CLERK2.name, id_number: CLERK2.id_number, code }));
  assert.equal(back.me.display_name, `办事员 ${CLERK2.name}`);
  assert.deepEqual(back.me.clerk.actions, ['rectify']);
  rectifier = new Client(server.base);
  rectifier.token = back.token;

  // The registry moves him to another enterprise: he no longer acts for the first (after the session
  // cache's second).
  const moved = new Client(server.base);
  moved.token = back.token;
  ok(await moved.get('/api/me'));
  const personId = sqlRows(server, `SELECT person_id FROM clerks WHERE id = ${k2.id}`)[0][0];
  const [[home]] = sqlRows(server, `SELECT enterprise_id FROM persons WHERE id = ${personId}`);
  sqlRows(server, `UPDATE persons SET enterprise_id = (SELECT id FROM enterprises WHERE uscc = '${OTHER_CONTRACTOR}') WHERE id = ${personId}`);
  await new Promise((r) => setTimeout(r, 1200));
  assert.equal((await moved.get('/api/me')).status, 401);
  sqlRows(server, `UPDATE persons SET enterprise_id = ${home} WHERE id = ${personId}`);
});

test('every route: a clerk given 整改回复 only is refused (403) every write of another action, and let through the rest', async () => {
  const openapi = await fetch(`${server.base}/api/openapi.json`).then((r) => r.json());
  const refusedWrongly = [], passedWrongly = [];
  let writes = 0, rectifyRoutes = 0;
  const before = sqlRows(server, 'SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_log');
  for (const [pattern, methods] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op['x-open'] || pattern.startsWith('/api/auth/')) continue;
      const url = pattern.replace(/\{clause\}/g, '1.1.1').replace(/\{[a-z_]+\}/g, '999999999');
      const need = op['x-clerk']?.contractor; // undefined: the enterprise's role itself may not
      const M = method.toUpperCase();
      if (M === 'GET' && need !== 'read') continue; // reads the role lacks: the authorization matrix's
      const r = await rectifier.request(M, url, M === 'GET' ? undefined : {});
      if (M !== 'GET') writes++;
      const shouldRefuse = need === undefined || need === null || (need !== 'read' && need !== 'rectify');
      if (need === 'rectify') rectifyRoutes++;
      if (shouldRefuse && r.status !== 403) passedWrongly.push(`${M} ${pattern} → ${r.status}`);
      if (!shouldRefuse && r.status === 403) refusedWrongly.push(`${M} ${pattern} → 403 ${r.text.slice(0, 80)}`);
    }
  }
  assert.deepEqual(passedWrongly, []);
  assert.deepEqual(refusedWrongly, []);
  assert.ok(writes > 40 && rectifyRoutes >= 3, `${writes} writes, ${rectifyRoutes} 整改回复 routes`);
  assert.deepEqual(sqlRows(server, 'SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_log'), before, 'nothing was written');
});

test('a supervision enterprise\'s clerk: 申报复核 only, the given projects\' submitted declarations only', async () => {
  const projects = (await supervisorHolder.get('/api/projects?page_size=100')).json.items;
  const mine = projects.find((p) => p.registration_no === A.regNo);
  const created = ok(await supervisorHolder.post('/api/enterprise/clerks', {
    name: SUPERVISION_CLERK.name, mobile: SUPERVISION_CLERK.mobile, project_ids: [mine.id], actions: ['review'],
  }), 201);
  assert.deepEqual(created.action_labels, ['申报复核']);
  const { c: clerk, me } = await clerkLogin(SUPERVISION_CLERK);
  assert.equal(me.role, 'supervisor');
  const list = ok(await clerk.get('/api/declarations?page_size=100'));
  assert.deepEqual(list.items.map((d) => d.id), [ids.declA]);
  const all = ok(await supervisorHolder.get('/api/declarations?page_size=100'));
  assert.ok(all.total >= list.total);
  // The session list names the clerk under his enterprise.
  const admin = await accountClient(server, 'admin');
  const live = ok(await admin.get('/api/admin/sessions?page_size=100')).items;
  assert.ok(live.some((s) => s.who === `办事员 ${SUPERVISION_CLERK.name}` && s.organisation === DEMO_REGISTRY.enterprises.find((e) => e.uscc === A.supervision.enterprise_uscc).name),
    JSON.stringify(live.map((s) => [s.who, s.organisation])));
});
