// Issue 22: the workflow specs read by every layer. GET /api/dictionary (the web UI's labels, tags and
// actions) is built from the specs, answers alike to anyone and 304 to a client that has it; every
// workflow action's route admits exactly the roles the spec's steps name (openapi x-action/x-roles
// against the dictionary); the records, the inbox and the audit trail carry the dictionary's labels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, accountClient, certificateClient, demoProject } from '../lib/server.mjs';

let server, dict, openapi;
const P = demoProject(2);
before(async () => {
  server = await startServer({ tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  const r = await fetch(`${server.base}/api/dictionary`);
  assert.equal(r.status, 200);
  dict = await r.json();
  openapi = await fetch(`${server.base}/api/openapi.json`).then((x) => x.json());
});
after(async () => { await server.stop(); });

const labelOf = (workflow, code) => dict.workflows[workflow].states.find((s) => s.code === code)?.label;

test('the dictionary names every workflow, its states with a tag and its actions with their roles', async () => {
  assert.deepEqual(Object.keys(dict.workflows).sort(), ['completion', 'declaration', 'management', 'monthly_evaluation',
    'quarterly_registration', 'rectification', 'request', 'resumption', 'spot_check', 'suspension', 'termination']);
  const TAGS = ['primary', 'success', 'info', 'warning', 'danger'];
  for (const [key, w] of Object.entries(dict.workflows)) {
    assert.ok(w.name, key);
    assert.ok(w.states.length >= 2, key);
    for (const s of w.states) assert.ok(s.code && s.label && TAGS.includes(s.tag), `${key} ${JSON.stringify(s)}`);
    for (const a of w.actions) assert.ok(a.code && a.label && typeof a.opinion_required === 'boolean' && Array.isArray(a.roles), `${key} ${a.code}`);
  }
  assert.equal(labelOf('declaration', 'reviewed'), '已复核待受理');
  assert.equal(labelOf('resumption', 'pending_review'), '已中止恢复待复核');
  assert.equal(labelOf('request', 'pending_registration'), '待监督信息登记');
  // A termination is never withdrawn: its dictionary offers neither the state nor the action.
  assert.equal(labelOf('termination', 'withdrawn'), undefined);
  assert.ok(!dict.workflows.termination.actions.some((a) => a.code === 'withdraw'));
  const ret = dict.workflows.declaration.actions.find((a) => a.code === 'return');
  assert.deepEqual(ret, { code: 'return', label: '退回', opinion_required: true, roles: ['supervisor'] });
  // The platform's own steps (a month registered with its quarter) are no role's.
  assert.deepEqual(dict.workflows.monthly_evaluation.actions.find((a) => a.code === 'register').roles, []);
  assert.equal(dict.roles.length, 8);
  assert.deepEqual(dict.grades.map((g) => g.code), ['excellent', 'qualified', 'unqualified']);
  assert.deepEqual(dict.lateness.map((l) => l.code), ['submission', 'review', 'rectification']);
  assert.ok(dict.task_kinds.some((k) => k.code === 'monthly_due'));
});

test('the same answer for everyone, and 304 to a client that has it', async () => {
  const anonymous = await fetch(`${server.base}/api/dictionary`);
  const etag = anonymous.headers.get('etag');
  assert.ok(etag);
  const authority = await accountClient(server, P.authority);
  const signedIn = await authority.get('/api/dictionary');
  assert.equal(signedIn.status, 200);
  assert.equal(signedIn.text, await anonymous.text());
  const again = await fetch(`${server.base}/api/dictionary`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await again.text()).length, 0);
});

test('each workflow action route admits exactly the roles its spec names', () => {
  let checked = 0;
  for (const [path, ops] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!op['x-action']) continue;
      const { workflow, action } = op['x-action'];
      const spec = dict.workflows[workflow]?.actions.find((a) => a.code === action);
      assert.ok(spec, `${method} ${path}: ${workflow}.${action} is in the dictionary`);
      assert.deepEqual([...op['x-roles']].sort(), [...spec.roles].sort(), `${method.toUpperCase()} ${path}`);
      checked++;
    }
  }
  assert.equal(checked, 28); // with the three photo uploads (issue 23), each under its sheet's or finding's save, and the three rectification steps (issue 24)
});

test('records, the inbox and the audit trail carry the dictionary\'s labels', async () => {
  const authority = await accountClient(server, P.authority);
  const contractor = await certificateClient(server, P.contractor);
  let compared = 0;
  for (const [client, url, workflow] of [[authority, '/api/declarations?page_size=100', 'declaration'],
    [contractor, '/api/declarations?page_size=100', 'declaration'], [authority, '/api/monthly?page_size=100', 'monthly_evaluation'],
    [contractor, '/api/monthly?page_size=100', 'monthly_evaluation'], [authority, '/api/quarterly?page_size=100', 'quarterly_registration'],
    [authority, '/api/completions?page_size=100', 'completion']]) {
    const r = await client.get(url);
    assert.equal(r.status, 200, url);
    for (const item of r.json.items) {
      assert.equal(item.status_label, labelOf(workflow, item.status), `${url} ${item.status}`);
      compared++;
    }
  }
  assert.ok(compared > 5, `compared ${compared}`);
  for (const client of [authority, contractor]) {
    const inbox = (await client.get('/api/tasks?page_size=100')).json;
    for (const t of inbox.items) {
      if (t.kind === 'monthly_due') continue;
      const workflow = t.kind === 'suspension' ? (t.title.startsWith('恢复') ? 'resumption' : 'suspension') : t.kind;
      assert.equal(t.status_label, labelOf(workflow, t.status), `${t.kind} ${t.status}`);
      assert.ok(t.action && t.action_label, JSON.stringify(t));
    }
  }
  const decl = (await contractor.get('/api/declarations?page_size=100')).json.items.find((d) => d.status === 'accepted');
  const summary = (await contractor.get(`/api/declarations/${decl.id}/summary`)).json;
  for (const a of summary.audit) {
    const w = dict.workflows[a.entity];
    if (!w || !a.to_status) continue;
    const label = w.states.find((s) => s.code === a.to_status)?.label ?? labelOf('management', a.to_status);
    assert.equal(a.to_label, label, `${a.entity} ${a.action} → ${a.to_status}`);
  }
});
