// SPEC §3.1 through HTTP: 申报 → 复核 → 受理 with a return and a rejection on the way, the audit
// trail, scope (404 for others' data), roles (403), states and versions (409), fields (422).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { startServer, certificateClient, Client, ROOT } from '../lib/server.mjs';

const registry = JSON.parse(readFileSync(path.join(ROOT, 'share', 'demo', 'registry.json'), 'utf8'));
const person = (id) => registry.persons.find((p) => p.id_number === id);
const contractOf = (no, kind) => registry.contracts.find((c) => c.project_registration_no === no && c.kind === kind);
const CONTRACTOR = registry.enterprises.find((e) => e.kind === 'construction').uscc;
// A project of the first construction enterprise, and its supervisor and authority.
const contract = registry.contracts.find((c) => c.kind === 'general' && c.enterprise_uscc === CONTRACTOR);
const PROJECT = registry.projects.find((p) => p.registration_no === contract.project_registration_no);
const SUPERVISION = contractOf(PROJECT.registration_no, 'supervision');
const OTHER_SUPERVISOR = registry.enterprises.find((e) => e.kind === 'supervision' && e.uscc !== SUPERVISION.enterprise_uscc).uscc;
const AUTHORITY = `jdz_${PROJECT.authority_code.toLowerCase()}`;
const OTHER_AUTHORITY = `jdz_${registry.authorities.find((a) => a.code !== PROJECT.authority_code).code.toLowerCase()}`;
const OTHER_CONTRACTOR = registry.enterprises.find((e) => e.kind === 'construction' && e.uscc !== CONTRACTOR).uscc;
const manager = (kind) => { const p = person(contractOf(PROJECT.registration_no, kind).manager_id_number); return { name: p.name, mobile: p.mobile }; };

let server;
before(async () => { server = await startServer({ args: ['--trusted-proxy', '127.0.0.1/32', '--client-ca'] }).catch(() => null)
  || await startServer({ tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] }); });
after(async () => { await server.stop(); });

const enterprise = (uscc) => certificateClient(server, uscc);
async function account(username) {
  const c = new Client(server.base);
  await c.loginPassword(username);
  return c;
}

const form = (overrides = {}) => ({
  project_id: null, quality_target: '优良', planned_start: '2026-03-01', planned_finish: '2027-12-31',
  overview: '框架-核心筒结构，地上 32 层，地下 3 层。', contractor_manager: manager('general'), supervision_manager: manager('supervision'),
  ...overrides,
});

test('a declaration goes from 申报 to 已受理 through a return and a rejection, every step audited', async () => {
  const contractor = await enterprise(CONTRACTOR);
  const supervisor = await enterprise(SUPERVISION.enterprise_uscc);
  const authority = await account(AUTHORITY);

  const declarable = await contractor.get(`/api/projects?declarable=true&q=${PROJECT.registration_no}`);
  assert.equal(declarable.json.total, 1);
  const projectId = declarable.json.items[0].id;

  const created = await contractor.post('/api/declarations', form({ project_id: projectId }));
  assert.equal(created.status, 201, created.text);
  let d = created.json;
  assert.equal(d.status, 'draft');
  assert.equal(d.status_label, '已申报待提交');
  assert.deepEqual(d.actions, ['edit', 'delete', 'submit']);
  assert.match(d.contractor_manager.mobile_masked, /^\d{3}\*{4}\d{4}$/);
  assert.equal((await contractor.get(`/api/projects?declarable=true&q=${PROJECT.registration_no}`)).json.total, 0);
  assert.equal((await contractor.post('/api/declarations', form({ project_id: projectId }))).status, 409, 'one declaration per project');

  // Before submission, the supervisor and the authority do not see it at all.
  assert.equal((await supervisor.get(`/api/declarations/${d.id}`)).status, 404);
  assert.equal((await authority.get(`/api/declarations/${d.id}`)).status, 404);

  d = (await contractor.post(`/api/declarations/${d.id}/submit`, { version: d.version })).json;
  assert.equal(d.status, 'submitted');
  const listed = await supervisor.get('/api/declarations?status=submitted');
  assert.ok(listed.json.items.some((x) => x.id === d.id));
  assert.deepEqual(listed.json.items.find((x) => x.id === d.id).actions, ['return', 'pass']);

  const noOpinion = await supervisor.post(`/api/declarations/${d.id}/return`, { version: d.version });
  assert.equal(noOpinion.status, 422);
  assert.ok(noOpinion.json.error.details.fields.opinion);
  d = (await supervisor.post(`/api/declarations/${d.id}/return`, { version: d.version, opinion: '工程概况不完整，请补充基坑信息' })).json;
  assert.equal(d.status, 'returned');
  const seen = (await contractor.get(`/api/declarations/${d.id}`)).json;
  assert.equal(seen.returned.by_role, 'supervisor');
  assert.equal(seen.returned.opinion, '工程概况不完整，请补充基坑信息');

  const edited = await contractor.put(`/api/declarations/${d.id}`, { version: d.version, quality_target: '优良', planned_start: '2026-03-01',
    planned_finish: '2027-12-31', overview: '框架-核心筒结构，地上 32 层，地下 3 层；基坑深 15.6 m。' });
  assert.equal(edited.status, 200, edited.text);
  d = edited.json;
  assert.equal(d.status, 'returned');
  d = (await contractor.post(`/api/declarations/${d.id}/submit`, { version: d.version })).json;
  assert.equal(d.returned, null);

  // The dialog checks a corrected manager as the field is left: ?preview=true answers 通过's checks only.
  const wrongPreview = await supervisor.post(`/api/declarations/${d.id}/pass?preview=true`, { version: d.version, supervisor_manager: { name: '不存在', mobile: '13900000000' } });
  assert.equal(wrongPreview.status, 422);
  assert.match(wrongPreview.json.error.details.fields['supervisor_manager.mobile'], /不匹配/);
  const rightPreview = await supervisor.post(`/api/declarations/${d.id}/pass?preview=true`, { version: d.version, supervisor_manager: manager('supervision') });
  assert.equal(rightPreview.status, 200, rightPreview.text);
  assert.deepEqual(rightPreview.json, { checked: true });
  const unchanged = (await supervisor.get(`/api/declarations/${d.id}`)).json;
  assert.equal(unchanged.status, 'submitted');
  assert.equal(unchanged.version, d.version, 'a preview writes nothing');
  assert.equal((await contractor.post(`/api/declarations/${d.id}/pass?preview=true`, { version: d.version })).status, 403);
  // The supervisor corrects its manager while passing; the new one must be in the registry.
  const wrongManager = await supervisor.post(`/api/declarations/${d.id}/pass`, { version: d.version, supervisor_manager: { name: '不存在', mobile: '13900000000' } });
  assert.equal(wrongManager.status, 422);
  assert.ok(wrongManager.json.error.details.fields['supervisor_manager.mobile']);
  d = (await supervisor.post(`/api/declarations/${d.id}/pass`, { version: d.version, supervisor_manager: manager('supervision') })).json;
  assert.equal(d.status, 'reviewed');

  const rejectNoOpinion = await authority.post(`/api/declarations/${d.id}/reject`, { version: d.version });
  assert.equal(rejectNoOpinion.status, 422);
  d = (await authority.post(`/api/declarations/${d.id}/reject`, { version: d.version, opinion: '计划工期与施工许可不符' })).json;
  assert.equal(d.status, 'returned');
  assert.equal((await contractor.get(`/api/declarations/${d.id}`)).json.returned.by_role, 'authority');
  // The first round's 通过 (without an opinion) was the authority's to see until it rejected; a new
  // submission starts a new round without a review.
  assert.equal((await authority.get(`/api/declarations/${d.id}`)).json.review, null, 'no review while returned');
  d = (await contractor.post(`/api/declarations/${d.id}/submit`, { version: d.version })).json;
  assert.equal((await supervisor.get(`/api/declarations/${d.id}`)).json.review, null);
  // 通过 keeps the supervisor's optional opinion (issue 26): the authority sees it before it accepts.
  d = (await supervisor.post(`/api/declarations/${d.id}/pass`, { version: d.version, opinion: '资料齐全，同意提交受理' })).json;
  const toAccept = (await authority.get(`/api/declarations/${d.id}`)).json;
  assert.equal(toAccept.review.opinion, '资料齐全，同意提交受理');
  assert.equal(toAccept.review.reviewer, registry.enterprises.find((e) => e.uscc === SUPERVISION.enterprise_uscc).name);
  assert.match(toAccept.review.at, /^\d{4}-\d{2}-\d{2}T/);
  const accepted = await authority.post(`/api/declarations/${d.id}/accept`, { version: d.version, opinion: '同意受理' });
  assert.equal(accepted.status, 200, accepted.text);
  d = accepted.json;
  assert.equal(d.status, 'accepted');
  assert.equal(d.status_label, '已受理');
  assert.equal(d.management_status, 'active');
  assert.deepEqual(d.template, { code: 'SH-QS', version: 1 });
  for (const c of [contractor, supervisor, authority]) assert.deepEqual((await c.get(`/api/declarations/${d.id}`)).json.actions, []);

  const summary = await contractor.get(`/api/declarations/${d.id}/summary`);
  assert.equal(summary.status, 200);
  const steps = summary.json.audit.map((a) => a.action);
  assert.deepEqual(steps, ['create', 'submit', 'return', 'edit', 'submit', 'pass', 'reject', 'submit', 'pass', 'accept']);
  const ret = summary.json.audit.find((a) => a.action === 'return');
  assert.equal(ret.from_label, '已提交待复核');
  assert.equal(ret.to_label, '已退回待提交');
  assert.equal(ret.actor_role_label, '监理企业用户');
  assert.equal(ret.opinion, '工程概况不完整，请补充基坑信息');
  // An edit's record says what changed, field by field (issue 27).
  const edit = summary.json.audit.find((a) => a.action === 'edit');
  assert.equal(edit.opinion, '工程概况：框架-核心筒结构，地上 32 层，地下 3 层。 → 框架-核心筒结构，地上 32 层，地下 3 层；基坑深 15.6 m。');
  assert.equal(summary.json.audit.filter((a) => a.action === 'pass').at(-1).opinion, '资料齐全，同意提交受理');
  assert.equal(summary.json.declaration.review.opinion, '资料齐全，同意提交受理');
  assert.equal(summary.json.contracts.length, 2);
  assert.ok(!summary.text.includes(manager('general').mobile), 'mobiles are masked');
});

test('refusals: 401, 403 by role, 404 outside scope, 409 state and version, 422 fields', async () => {
  const contractor = await enterprise(CONTRACTOR);
  const other = await enterprise(OTHER_CONTRACTOR);
  const projects = (await contractor.get('/api/projects?declarable=true&page_size=100')).json.items;
  const target = projects[0];
  const gm = registry.contracts.find((c) => c.project_registration_no === target.registration_no && c.kind === 'general');
  const sm = registry.contracts.find((c) => c.project_registration_no === target.registration_no && c.kind === 'supervision');
  const body = form({ project_id: target.id, contractor_manager: { name: person(gm.manager_id_number).name, mobile: person(gm.manager_id_number).mobile },
    supervision_manager: { name: person(sm.manager_id_number).name, mobile: person(sm.manager_id_number).mobile } });

  assert.equal((await new Client(server.base).post('/api/declarations', body)).status, 401);
  const authority = await account(`jdz_${target.authority.code.toLowerCase()}`);
  assert.equal((await authority.post('/api/declarations', body)).status, 403);
  assert.equal((await other.post('/api/declarations', body)).status, 422, "another enterprise's project");

  const bad = await contractor.post('/api/declarations', { ...body, planned_finish: '2020-01-01', contractor_manager: { name: '张三', mobile: '123' }, extra: 1 });
  assert.equal(bad.status, 422);
  const fields = bad.json.error.details.fields;
  for (const f of ['planned_finish', 'contractor_manager.mobile', 'extra']) assert.ok(fields[f], `field ${f}`);
  const unknownManager = await contractor.post('/api/declarations', { ...body, contractor_manager: { name: '张三', mobile: '13900000000' } });
  assert.equal(unknownManager.status, 422);
  assert.ok(unknownManager.json.error.details.fields['contractor_manager.mobile']);

  let d = (await contractor.post('/api/declarations', body)).json;
  assert.equal((await other.get(`/api/declarations/${d.id}`)).status, 404, 'outside scope: 404, not 403');
  assert.equal((await other.post(`/api/declarations/${d.id}/submit`, { version: d.version })).status, 404);
  assert.equal((await contractor.get('/api/declarations/999999')).status, 404);
  assert.equal((await contractor.get('/api/declarations/abc')).status, 404);

  const wrongState = await contractor.post(`/api/declarations/${d.id}/accept`, { version: d.version });
  assert.equal(wrongState.status, 403, 'a contractor never accepts');
  d = (await contractor.post(`/api/declarations/${d.id}/submit`, { version: d.version })).json;
  const again = await contractor.post(`/api/declarations/${d.id}/submit`, { version: d.version });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.code, 'invalid_transition');
  const editSubmitted = await contractor.put(`/api/declarations/${d.id}`, { version: d.version, quality_target: 'x', planned_start: '2026-03-01', planned_finish: '2027-01-01', overview: 'x' });
  assert.equal(editSubmitted.status, 409);
  const supervisor = await enterprise(target.supervision.enterprise.uscc);
  const stale = await supervisor.post(`/api/declarations/${d.id}/pass`, { version: d.version - 1 });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.error.code, 'conflict');
  const foreignSupervisor = await enterprise(registry.enterprises.find((e) => e.kind === 'supervision' && e.uscc !== target.supervision.enterprise.uscc).uscc);
  assert.equal((await foreignSupervisor.post(`/api/declarations/${d.id}/pass`, { version: d.version })).status, 404);
  const missingVersion = await supervisor.post(`/api/declarations/${d.id}/pass`, {});
  assert.equal(missingVersion.status, 422);
  assert.equal((await contractor.delete(`/api/declarations/${d.id}?version=${d.version}`)).status, 409, 'only a draft can be deleted');
});

test('a draft can be deleted with its version; the project becomes declarable again', async () => {
  const contractor = await enterprise(CONTRACTOR);
  const target = (await contractor.get('/api/projects?declarable=true&page_size=100')).json.items[0];
  const gm = registry.contracts.find((c) => c.project_registration_no === target.registration_no && c.kind === 'general');
  const sm = registry.contracts.find((c) => c.project_registration_no === target.registration_no && c.kind === 'supervision');
  const d = (await contractor.post('/api/declarations', form({ project_id: target.id,
    contractor_manager: { name: person(gm.manager_id_number).name, mobile: person(gm.manager_id_number).mobile },
    supervision_manager: { name: person(sm.manager_id_number).name, mobile: person(sm.manager_id_number).mobile } }))).json;
  assert.equal((await contractor.delete(`/api/declarations/${d.id}?version=${d.version + 1}`)).status, 409);
  assert.equal((await contractor.delete(`/api/declarations/${d.id}`)).status, 422);
  assert.equal((await contractor.delete(`/api/declarations/${d.id}?version=${d.version}`)).status, 200);
  assert.equal((await contractor.get(`/api/declarations/${d.id}`)).status, 404);
  assert.ok((await contractor.get('/api/projects?declarable=true&page_size=100')).json.items.some((p) => p.id === target.id));
});

test('lists filter by status, district, keyword and date, sort and page within scope', async () => {
  const contractor = await enterprise(CONTRACTOR);
  const all = await contractor.get('/api/declarations?page_size=100');
  assert.equal(all.status, 200);
  assert.ok(all.json.total >= 2);
  for (const d of all.json.items) assert.equal(d.general.enterprise.uscc, CONTRACTOR);
  const accepted = await contractor.get('/api/declarations?status=accepted');
  for (const d of accepted.json.items) assert.equal(d.status, 'accepted');
  const byKeyword = await contractor.get(`/api/declarations?q=${PROJECT.registration_no}`);
  assert.equal(byKeyword.json.total, 1);
  const future = await contractor.get('/api/declarations?from=2099-01-01');
  assert.equal(future.json.total, 0);
  const sorted = await contractor.get('/api/declarations?sort=registration_no&page_size=100');
  const nos = sorted.json.items.map((d) => d.project.registration_no);
  assert.deepEqual(nos, [...nos].sort());
  const bad = await contractor.get('/api/declarations?status=flying&sort=evil&from=2026-13-01');
  assert.equal(bad.status, 422);
  for (const f of ['status', 'sort', 'from']) assert.ok(bad.json.error.details.fields[f], f);
  const authority = await account(OTHER_AUTHORITY);
  for (const d of (await authority.get('/api/declarations?page_size=100')).json.items) assert.notEqual(d.project.registration_no, PROJECT.registration_no);
});

test('打印: the 申报表 PDF carries the project, the fields and the trail as text', async () => {
  const contractor = await enterprise(CONTRACTOR);
  const d = (await contractor.get(`/api/declarations?q=${PROJECT.registration_no}`)).json.items[0];
  const res = await fetch(`${server.base}/api/declarations/${d.id}/print.pdf`, { headers: { authorization: `Bearer ${contractor.token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const { execFileSync } = await import('node:child_process');
  const text = execFileSync('pdftotext', ['-raw', '-', '-'], { input: pdf }).toString();
  for (const s of ['建筑工程施工质量标准化管理申报表', PROJECT.name, PROJECT.registration_no, '工程概况不完整，请补充基坑信息', '已受理',
    '复核意见', '资料齐全，同意提交受理'])
    assert.ok(text.replace(/\s+/g, '').includes(s.replace(/\s+/g, '')), `PDF text has ${s}`);
  assert.ok(!text.includes(manager('general').mobile), 'mobiles are masked in print');
  const other = await enterprise(OTHER_CONTRACTOR);
  assert.equal((await other.get(`/api/declarations/${d.id}/print.pdf`)).status, 404);
});

test('导出: the xlsx holds the filtered rows', async () => {
  const contractor = await enterprise(CONTRACTOR);
  const res = await fetch(`${server.base}/api/declarations/export.xlsx?status=accepted`, { headers: { authorization: `Bearer ${contractor.token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'qsm-xlsx-'));
  try {
    writeFileSync(path.join(dir, 'e.xlsx'), Buffer.from(await res.arrayBuffer()));
    // Constant-memory mode writes inline strings into the sheet itself.
    const shared = execFileSync('unzip', ['-p', path.join(dir, 'e.xlsx'), 'xl/worksheets/sheet1.xml']).toString();
    for (const s of ['报监编号', '工程名称', PROJECT.registration_no, PROJECT.name, '已受理']) assert.ok(shared.includes(s), `xlsx has ${s}`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('申报 picks both managers from the registry persons of each contract\'s enterprise, masked (issue 26)', async () => {
  const contractor = await enterprise(CONTRACTOR);
  const other = await enterprise(OTHER_CONTRACTOR);
  const target = (await contractor.get('/api/projects?declarable=true&page_size=100')).json.items[0];
  const general = contractOf(target.registration_no, 'general');
  const supervision = contractOf(target.registration_no, 'supervision');
  const url = `/api/declarations/managers?project_id=${target.id}`;

  const choices = await contractor.get(url);
  assert.equal(choices.status, 200, choices.text);
  // Exactly the persons of the enterprise holding each contract, the contract's own manager first.
  const namesOf = (uscc) => registry.persons.filter((p) => p.enterprise_uscc === uscc).map((p) => p.name).sort();
  assert.deepEqual(choices.json.general.map((p) => p.name).sort(), namesOf(general.enterprise_uscc));
  assert.deepEqual(choices.json.supervision.map((p) => p.name).sort(), namesOf(supervision.enterprise_uscc));
  for (const [side, contract] of [['general', general], ['supervision', supervision]]) {
    assert.equal(choices.json[side][0].name, person(contract.manager_id_number).name, `${side}: the contract's manager first`);
    assert.deepEqual(choices.json[side].map((p) => p.contract_manager), choices.json[side].map((_, i) => i === 0));
    for (const p of choices.json[side]) {
      assert.deepEqual(Object.keys(p).sort(), ['contract_manager', 'id', 'mobile_masked', 'name']);
      assert.match(p.mobile_masked, /^1\d{2}\*{4}\d{4}$/);
    }
  }
  // Masked mobiles only: no whole mobile, no ID number of anyone.
  for (const p of registry.persons) {
    assert.ok(!choices.text.includes(p.mobile), `a whole mobile in ${choices.text}`);
    assert.ok(!choices.text.includes(p.id_number) && !choices.text.includes(p.id_number.slice(-6)), 'an ID number');
  }

  // Scope and role: another contractor's project is not found; a supervisor never declares; the project is required.
  assert.equal((await other.get(url)).status, 404);
  assert.equal((await other.get('/api/declarations/managers?project_id=99999999')).status, 404);
  assert.equal((await (await enterprise(supervision.enterprise_uscc)).get(url)).status, 403);
  const noProject = await contractor.get('/api/declarations/managers');
  assert.equal(noProject.status, 422);
  assert.ok(noProject.json.error.details.fields.project_id);

  // A pick of another enterprise's person (or of no person) is refused under that manager; nothing is created.
  const pickG = choices.json.general.find((p) => !p.contract_manager);
  const pickS = choices.json.supervision[0];
  const body = (contractorManager, supervisionManager) => form({ project_id: target.id, contractor_manager: contractorManager, supervision_manager: supervisionManager });
  for (const [bad, field] of [[body({ person_id: pickS.id }, { person_id: pickS.id }), 'contractor_manager.person_id'],
    [body({ person_id: pickG.id }, { person_id: pickG.id }), 'supervision_manager.person_id'],
    [body({ person_id: pickG.id }, { person_id: 99999999 }), 'supervision_manager.person_id']]) {
    const refused = await contractor.post('/api/declarations', bad);
    assert.equal(refused.status, 422, refused.text);
    assert.match(refused.json.error.details.fields[field], /不是该工程(施工总包|监理)企业在现场人员实名制系统登记的人员/);
  }
  const mixed = await contractor.post('/api/declarations', body({ person_id: pickG.id, name: pickG.name }, { person_id: pickS.id }));
  assert.equal(mixed.status, 422);
  assert.ok(mixed.json.error.details.fields['contractor_manager.name'], 'a pick carries nothing else');
  assert.equal((await contractor.get(`/api/projects?declarable=true&q=${target.registration_no}`)).json.total, 1, 'nothing created');

  // The picks are stored as the registry's persons: their names, masked mobiles, person ids.
  const created = await contractor.post('/api/declarations', body({ person_id: pickG.id }, { person_id: pickS.id }));
  assert.equal(created.status, 201, created.text);
  let d = created.json;
  const registered = (uscc, name) => registry.persons.find((p) => p.enterprise_uscc === uscc && p.name === name);
  const mask = (mobile) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  assert.deepEqual(d.contractor_manager, { person_id: pickG.id, name: pickG.name, mobile_masked: mask(registered(general.enterprise_uscc, pickG.name).mobile) });
  assert.deepEqual(d.supervision_manager, { person_id: pickS.id, name: pickS.name, mobile_masked: mask(registered(supervision.enterprise_uscc, pickS.name).mobile) });
  assert.ok(!created.text.includes(registered(general.enterprise_uscc, pickG.name).mobile), 'mobiles are masked');

  // Editing picks again (the other manager kept); the typed form still works beside it.
  const pickS2 = choices.json.supervision.at(-1);
  const fields = { version: d.version, quality_target: d.quality_target, planned_start: d.planned_start, planned_finish: d.planned_finish, overview: d.overview };
  const foreignEdit = await contractor.put(`/api/declarations/${d.id}`, { ...fields, contractor_manager: { person_id: pickS2.id } });
  assert.equal(foreignEdit.status, 422);
  assert.ok(foreignEdit.json.error.details.fields['contractor_manager.person_id']);
  const edited = await contractor.put(`/api/declarations/${d.id}`, { ...fields, supervision_manager: { person_id: pickS2.id } });
  assert.equal(edited.status, 200, edited.text);
  d = edited.json;
  assert.equal(d.supervision_manager.person_id, pickS2.id);
  assert.equal(d.supervision_manager.name, pickS2.name);
  assert.equal(d.contractor_manager.person_id, pickG.id, 'the manager not sent is kept');
  const typed = person(general.manager_id_number);
  d = (await contractor.put(`/api/declarations/${d.id}`, { ...fields, version: d.version, contractor_manager: { name: typed.name, mobile: typed.mobile } })).json;
  assert.equal(d.contractor_manager.name, typed.name);
  assert.equal(d.contractor_manager.person_id, choices.json.general[0].id);
  assert.equal((await contractor.delete(`/api/declarations/${d.id}?version=${d.version}`)).status, 200);
});
