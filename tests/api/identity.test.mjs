// Identity through HTTP: the three logins, sessions, CSRF, lockout, the SMS gateways, trusted
// proxies, the login log, and the authorization matrix of every endpoint so far × every role.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, Client, ROOT, lastSmsCode, strangerIdNumber } from '../lib/server.mjs';

const registry = JSON.parse(readFileSync(path.join(ROOT, 'share', 'demo', 'registry.json'), 'utf8'));
const personOf = (id) => registry.persons.find((p) => p.id_number === id);
const firstGeneral = registry.contracts.find((c) => c.kind === 'general');
const firstSupervision = registry.contracts.find((c) => c.kind === 'supervision');
const SITE_C = personOf(firstGeneral.manager_id_number);
const SITE_S = personOf(firstSupervision.manager_id_number);
const CONSTRUCTION = registry.enterprises.find((e) => e.kind === 'construction').uscc;
const SUPERVISION = registry.enterprises.find((e) => e.kind === 'supervision').uscc;

let server;
before(async () => { server = await startServer({ tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] }); });
after(async () => { await server.stop(); });

// POST over TLS with an optional client certificate (fetch cannot present one).
function tlsPost(url, { uscc, cert, key, on = server } = {}) {
  const certs = on.certs;
  const options = { method: 'POST', ca: readFileSync(path.join(certs, 'ca.pem')), headers: { 'content-type': 'application/json' } };
  if (uscc) {
    options.cert = readFileSync(path.join(certs, 'clients', `${uscc}.pem`));
    options.key = readFileSync(path.join(certs, 'clients', `${uscc}.key`));
  }
  if (cert) { options.cert = cert; options.key = key; }
  return new Promise((resolve, reject) => {
    const req = https.request(on.tlsBase + url, options, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(body), headers: res.headers }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

const escapedPem = (uscc) => encodeURIComponent(readFileSync(path.join(server.certs, 'clients', `${uscc}.pem`), 'utf8'));

async function enterpriseClient(uscc, on = server) {
  const r = await tlsPost('/api/auth/certificate', { uscc, on });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const c = new Client(on.base);
  c.token = r.json.token;
  return c;
}

async function siteClient(role, person, { choose = true, on = server } = {}) {
  const c = new Client(on.base);
  await c.loginSms(on, role, person.name, person.id_number);
  if (choose) {
    const list = await c.get('/api/auth/contracts');
    const r = await c.post('/api/auth/contract', { contract_id: list.json.items[0].id });
    assert.equal(r.status, 200);
  }
  return c;
}

test('certificate login over TLS gives the role of the enterprise kind', async () => {
  const c = await tlsPost('/api/auth/certificate', { uscc: CONSTRUCTION });
  assert.equal(c.status, 200);
  assert.equal(c.json.me.role, 'contractor');
  assert.equal(c.json.me.enterprise.uscc, CONSTRUCTION);
  assert.match(c.headers['set-cookie'][0], /HttpOnly; SameSite=Lax; Max-Age=\d+; Secure/);
  const s = await tlsPost('/api/auth/certificate', { uscc: SUPERVISION });
  assert.equal(s.json.me.role, 'supervisor');
});

test('no certificate, or one from another CA, is 401 with a clear message', async () => {
  const none = await tlsPost('/api/auth/certificate');
  assert.equal(none.status, 401);
  assert.match(none.json.error.message, /数字证书/);
  const plain = await new Client(server.base).post('/api/auth/certificate');
  assert.equal(plain.status, 401);
});

test('behind a trusted proxy the forwarded certificate logs in; forged or untrusted ones do not', async () => {
  const c = new Client(server.base);
  const ok = await c.post('/api/auth/certificate', {}, { 'x-ssl-client-cert': escapedPem(SUPERVISION) });
  assert.equal(ok.status, 200);
  assert.equal(ok.json.me.role, 'supervisor');
  const garbage = await c.post('/api/auth/certificate', {}, { 'x-ssl-client-cert': encodeURIComponent('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----') });
  assert.equal(garbage.status, 401);
  // A server that trusts no proxy ignores the header entirely.
  const other = await startServer({ tls: true });
  try {
    const r = await new Client(other.base).post('/api/auth/certificate', {}, { 'x-ssl-client-cert': escapedPem(SUPERVISION) });
    assert.equal(r.status, 401);
    assert.match(r.json.error.message, /未检测到/);
  } finally { await other.stop(); }
});

test('site users: code by SMS, login, then a contract of their own', async () => {
  const c = new Client(server.base);
  const sent = await c.post('/api/auth/sms-code', { role: 'site_contractor', name: SITE_C.name, id_number: SITE_C.id_number });
  assert.equal(sent.status, 200);
  assert.ok(!sent.text.includes(SITE_C.mobile.slice(7)), 'the answer does not show the phone: it would tell that the person exists');
  const again = await c.post('/api/auth/sms-code', { role: 'site_contractor', name: SITE_C.name, id_number: SITE_C.id_number });
  assert.equal(again.status, 429);
  assert.ok(again.json.error.details.retry_after > 0);
  const code = lastSmsCode(server);
  const wrong = await c.post('/api/auth/sms-login', { role: 'site_contractor', name: SITE_C.name, id_number: SITE_C.id_number, code: code === '000000' ? '111111' : '000000' });
  assert.equal(wrong.status, 401);
  assert.doesNotMatch(wrong.json.error.message, /还可尝试/, 'a wrong code is refused like an unknown person');
  const ok = await c.post('/api/auth/sms-login', { role: 'site_contractor', name: SITE_C.name, id_number: SITE_C.id_number, code });
  assert.equal(ok.status, 200);
  assert.equal(ok.json.me.contract_pending, true);
  c.token = ok.json.token;
  const blocked = await c.get('/api/projects');
  assert.equal(blocked.status, 403);
  assert.match(blocked.json.error.message, /选择合同/);
  const list = await c.get('/api/auth/contracts');
  assert.ok(list.json.items.length >= 1);
  for (const item of list.json.items) assert.equal(item.kind, 'general');
  const lookup = await c.get(`/api/auth/contracts?report_no=${list.json.items[0].report_no}`);
  assert.equal(lookup.json.items.length, 1);
  const foreign = registry.contracts.find((k) => k.manager_id_number !== SITE_C.id_number);
  assert.equal((await c.get(`/api/auth/contracts?report_no=${foreign.report_no}`)).json.items.length, 0);
  const chosen = await c.post('/api/auth/contract', { contract_id: list.json.items[0].id });
  assert.equal(chosen.status, 200);
  assert.equal(chosen.json.me.contract.report_no, list.json.items[0].report_no);
  const projects = await c.get('/api/projects');
  assert.equal(projects.json.total, 1);
  assert.equal(projects.json.items[0].registration_no, list.json.items[0].project.registration_no);
});

test('site login: malformed fields are named, whether a person exists is not told', async () => {
  const c = new Client(server.base);
  const known = await c.post('/api/auth/sms-code', { role: 'site_supervisor', name: SITE_S.name, id_number: SITE_S.id_number });
  assert.equal(known.status, 200, known.text);
  // A general contract's manager other than SITE_C (whose number asked for a code in the test above).
  const generalOnly = personOf(registry.contracts.find((k) => k.kind === 'general' && k.manager_id_number !== SITE_C.id_number
    && !registry.contracts.some((o) => o.kind === 'supervision' && o.manager_id_number === k.manager_id_number)).manager_id_number);
  for (const who of [{ name: '无此人', id_number: strangerIdNumber(7) }, { name: generalOnly.name, id_number: generalOnly.id_number }]) {
    // An unknown person, and a manager of the other kind of contract: the same answer as a manager's.
    const r = await c.post('/api/auth/sms-code', { role: 'site_supervisor', ...who });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.text, known.text);
  }
  const badId = await c.post('/api/auth/sms-code', { role: 'site_supervisor', name: SITE_S.name, id_number: '310104198508272930' });
  assert.equal(badId.status, 422, 'a check digit is a public rule');
  assert.ok(badId.json.error.details.fields.id_number);
  const badRole = await c.post('/api/auth/sms-code', { role: 'authority', name: SITE_S.name, id_number: SITE_S.id_number });
  assert.equal(badRole.status, 422);
  const badCode = await c.post('/api/auth/sms-login', { role: 'site_supervisor', name: SITE_S.name, id_number: SITE_S.id_number, code: '12ab' });
  assert.equal(badCode.status, 422);
});

test('cookie sessions need the CSRF header for state changes; Bearer does not', async () => {
  const browser = new Client(server.base, { cookies: true });
  await browser.loginPassword('jdz_xh');
  assert.equal((await browser.get('/api/me')).status, 200);
  const csrf = browser.csrf;
  browser.csrf = null;
  const refused = await browser.post('/api/auth/password/change', { old_password: 'x', new_password: 'y' });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error.code, 'csrf_failed');
  browser.csrf = csrf;
  const checked = await browser.post('/api/auth/password/change', { old_password: 'wrong-one', new_password: 'Aa1!aaaaaaaa' });
  assert.equal(checked.status, 422, 'with the header the request reaches the handler');
  assert.ok(checked.json.error.details.fields.old_password);
  const logout = await browser.post('/api/auth/logout');
  assert.equal(logout.status, 200);
  assert.equal((await browser.get('/api/me')).status, 401);
});

test('password policy, change and lockout', async () => {
  const c = new Client(server.base);
  await c.loginPassword('jdz_pd');
  const weak = await c.post('/api/auth/password/change', { old_password: 'Qsm@demo2026', new_password: 'short' });
  assert.equal(weak.status, 422);
  assert.ok(weak.json.error.details.fields.new_password);
  const same = await c.post('/api/auth/password/change', { old_password: 'Qsm@demo2026', new_password: 'Qsm@demo2026' });
  assert.equal(same.status, 422);
  const changed = await c.post('/api/auth/password/change', { old_password: 'Qsm@demo2026', new_password: 'Pd#2026-newpass' });
  assert.equal(changed.status, 200);
  await new Client(server.base).loginPassword('jdz_pd', 'Pd#2026-newpass');

  const victim = new Client(server.base);
  for (let i = 0; i < 4; i++) assert.equal((await victim.post('/api/auth/password', { username: 'jdz_mh', password: 'nope' })).status, 401);
  const locked = await victim.post('/api/auth/password', { username: 'jdz_mh', password: 'nope' });
  assert.equal(locked.status, 423);
  const right = await victim.post('/api/auth/password', { username: 'jdz_mh', password: 'Qsm@demo2026' });
  assert.equal(right.status, 423, 'the right password is refused during the lock');
  assert.match(right.json.error.message, /锁定/);
});

test('the HTTP SMS gateway posts JSON in the background and retries a failing receiver', async () => {
  const received = [];
  let failures = 2;
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (failures > 0) { failures--; res.writeHead(503).end(); return; }
      received.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${receiver.address().port}/sms`;
  const gw = await startServer({ args: ['--sms-gateway', 'http', '--sms-url', url] });
  const waitFor = async (what, ok) => {
    for (let i = 0; i < 100 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(await ok(), what);
  };
  try {
    const c = new Client(gw.base);
    const r = await c.post('/api/auth/sms-code', { role: 'site_supervisor', name: SITE_S.name, id_number: SITE_S.id_number });
    assert.equal(r.status, 200, r.text);
    await waitFor('the receiver got the message after two failures', () => received.length === 1);
    assert.equal(received[0].mobile, SITE_S.mobile);
    const code = received[0].text.match(/(\d{6})/)[1];
    const login = await c.post('/api/auth/sms-login', { role: 'site_supervisor', name: SITE_S.name, id_number: SITE_S.id_number, code });
    assert.equal(login.status, 200);
    assert.equal(login.json.me.role, 'site_supervisor');
  } finally {
    await gw.stop();
    receiver.close();
  }
  // An unreachable gateway: the request that found a manager is answered like any other (its
  // delivery fails later, in the background); once a delivery has failed, code requests are refused
  // with 503 for everybody alike until the gateway is tried again.
  const down = await startServer({ args: ['--sms-gateway', 'http', '--sms-url', 'http://127.0.0.1:9/sms'] });
  try {
    const c = new Client(down.base);
    const r = await c.post('/api/auth/sms-code', { role: 'site_supervisor', name: SITE_S.name, id_number: SITE_S.id_number });
    assert.equal(r.status, 200, r.text);
    await waitFor('the failed delivery makes the service unavailable', async () =>
      (await c.post('/api/auth/sms-code', { role: 'site_supervisor', name: '无此人', id_number: strangerIdNumber(11) })).status === 503);
    const stranger = await c.post('/api/auth/sms-code', { role: 'site_supervisor', name: '无此人', id_number: strangerIdNumber(12) });
    assert.equal(stranger.status, 503);
    assert.match(stranger.json.error.message, /短信服务暂时不可用/);
    assert.match(down.stderr, /was not delivered/);
  } finally { await down.stop(); }
});

test('the login log records attempts; only the auditor reads it; no full ID number anywhere', async () => {
  const auditor = new Client(server.base);
  await auditor.loginPassword('auditor');
  const log = await auditor.get('/api/admin/login-log?page_size=100');
  assert.equal(log.status, 200);
  const methods = new Set(log.json.items.map((i) => i.method));
  for (const m of ['password', 'certificate', 'sms']) assert.ok(methods.has(m), `login log has ${m}`);
  assert.ok(log.json.items.some((i) => !i.success));
  const ids = registry.persons.map((p) => p.id_number);
  for (const id of ids) {
    assert.equal(log.text.includes(id), false, 'login log');
    assert.equal(server.stderr.includes(id), false, 'server log');
  }
  const authority = new Client(server.base);
  await authority.loginPassword('jdz_hp');
  assert.equal((await authority.get('/api/admin/login-log')).status, 403);
  const admin = new Client(server.base);
  await admin.loginPassword('admin');
  assert.equal((await admin.get('/api/admin/login-log')).status, 403, 'the system administrator is not the auditor');
});

test('authorization matrix: every endpoint so far × every role', async (t) => {
  const on = await startServer({ tls: true });
  t.after(() => on.stop());
  const clients = {
    anonymous: new Client(on.base),
    admin: new Client(on.base),
    authority: new Client(on.base),
    contractor: await enterpriseClient(CONSTRUCTION, on),
    supervisor: await enterpriseClient(SUPERVISION, on),
    site_contractor: await siteClient('site_contractor', SITE_C, { on }),
    site_supervisor: await siteClient('site_supervisor', SITE_S, { on }),
  };
  await clients.admin.loginPassword('admin');
  await clients.authority.loginPassword('jdz_hp');
  const small = readFileSync(path.join(ROOT, 'tests', 'data', 'registry-small.json'), 'utf8');
  const bad = readFileSync(path.join(ROOT, 'tests', 'data', 'template-bad.json'), 'utf8');
  // role → expected status; 'anonymous' is always 401 for protected routes.
  const ALL_200 = { admin: 200, authority: 200, contractor: 200, supervisor: 200, site_contractor: 200, site_supervisor: 200 }
  const ALL_404 = { admin: 404, authority: 404, contractor: 404, supervisor: 404, site_contractor: 404, site_supervisor: 404 }
  // A workflow action's route admits only the role its state machine lets take it (issue 22): that
  // role reaches the (missing) record, every other is refused first.
  const ONLY = (role) => ({ admin: 403, authority: 403, contractor: 403, supervisor: 403, site_contractor: 403, site_supervisor: 403, [role]: 404 })
  // 中止/恢复 and 终止: every role but the general contractor's site user may look.
  const REQUEST_VIEW = { ...ALL_200, site_contractor: 403 }
  const REQUEST_404 = { ...ALL_404, site_contractor: 403 }
  const CONTRACTOR_ONLY = { admin: 403, authority: 403, contractor: 404, supervisor: 403, site_contractor: 403, site_supervisor: 403 }
  // 抽查比对 is the authority's own.
  const AUTHORITY_ONLY = { admin: 403, authority: 200, contractor: 403, supervisor: 403, site_contractor: 403, site_supervisor: 403 }
  const AUTHORITY_404 = { ...AUTHORITY_ONLY, authority: 404 }
  const matrix = [
    ['GET', '/api/me', null, { admin: 200, authority: 200, contractor: 200, supervisor: 200, site_contractor: 200, site_supervisor: 200 }],
    ['GET', '/api/projects', null, { admin: 200, authority: 200, contractor: 200, supervisor: 200, site_contractor: 200, site_supervisor: 200 }],
    ['GET', '/api/templates/current', null, { admin: 200, authority: 200, contractor: 200, supervisor: 200, site_contractor: 200, site_supervisor: 200 }],
    ['GET', '/api/templates/SH-QS/1', null, { admin: 200, authority: 200, contractor: 200, supervisor: 200, site_contractor: 200, site_supervisor: 200 }],
    ['POST', '/api/admin/registry', small, { admin: 200, authority: 403, contractor: 403, supervisor: 403, site_contractor: 403, site_supervisor: 403 }],
    ['POST', '/api/admin/templates', bad, { admin: 422, authority: 403, contractor: 403, supervisor: 403, site_contractor: 403, site_supervisor: 403 }],
    ['GET', '/api/admin/login-log', null, { admin: 403, authority: 403, contractor: 403, supervisor: 403, site_contractor: 403, site_supervisor: 403 }],
    ['POST', '/api/auth/password/change', { old_password: 'wrong-password', new_password: 'Aa1!aaaaaaaa' },
      { admin: 422, authority: 422, contractor: 403, supervisor: 403, site_contractor: 403, site_supervisor: 403 }],
    ['GET', '/api/auth/contracts', null, { admin: 403, authority: 403, contractor: 403, supervisor: 403, site_contractor: 200, site_supervisor: 200 }],
    ['GET', '/api/declarations', null, { admin: 200, authority: 200, contractor: 200, supervisor: 200, site_contractor: 200, site_supervisor: 200 }],
    ['GET', '/api/declarations/export.xlsx', null, { admin: 200, authority: 200, contractor: 200, supervisor: 200, site_contractor: 200, site_supervisor: 200 }],
    ['POST', '/api/declarations', {}, { admin: 403, authority: 403, contractor: 422, supervisor: 403, site_contractor: 403, site_supervisor: 403 }],
    ['GET', '/api/declarations/999999', null, { admin: 404, authority: 404, contractor: 404, supervisor: 404, site_contractor: 404, site_supervisor: 404 }],
    ['POST', '/api/declarations/999999/submit', { version: 1 }, ONLY('contractor')],
    ['GET', '/api/monthly', null, { admin: 200, authority: 200, contractor: 200, supervisor: 200, site_contractor: 200, site_supervisor: 200 }],
    ['GET', '/api/monthly/export.xlsx', null, { admin: 200, authority: 200, contractor: 200, supervisor: 200, site_contractor: 200, site_supervisor: 200 }],
    ['GET', '/api/monthly/999999', null, { admin: 404, authority: 404, contractor: 404, supervisor: 404, site_contractor: 404, site_supervisor: 404 }],
    ['GET', '/api/declarations/999999/monthly', null, { admin: 404, authority: 404, contractor: 404, supervisor: 404, site_contractor: 404, site_supervisor: 404 }],
    ['GET', '/api/declarations/999999/deductions', null, { admin: 404, authority: 404, contractor: 404, supervisor: 404, site_contractor: 404, site_supervisor: 404 }],
    ['POST', '/api/declarations/999999/monthly', { period: '2026-01' }, { admin: 403, authority: 403, contractor: 404, supervisor: 403, site_contractor: 403, site_supervisor: 403 }],
    ['PUT', '/api/monthly/999999/self-sheet', { version: 1, not_applicable: [], deductions: [] }, ONLY('contractor')],
    ['PUT', '/api/monthly/999999/review-sheet', { version: 1, not_applicable: [], deductions: [] }, ONLY('site_supervisor')],
    ['POST', '/api/monthly/999999/submit', { version: 1 }, ONLY('contractor')],
    ['POST', '/api/monthly/999999/review-submit', { version: 1 }, ONLY('site_supervisor')],
    ['GET', '/api/monthly/999999/print.pdf', null, { admin: 404, authority: 404, contractor: 404, supervisor: 404, site_contractor: 404, site_supervisor: 404 }],
    ['GET', '/api/quarterly', null, ALL_200],
    ['GET', '/api/quarterly/export.xlsx', null, ALL_200],
    ['GET', '/api/quarterly/999999', null, ALL_404],
    ['GET', '/api/declarations/999999/quarterly', null, ALL_404],
    ['POST', '/api/quarterly/999999/register', { version: 1, inspection_date: '2026-01-05', inspectors: '张三', opinion: '符合要求', conclusion: 'qualified' },
      { admin: 403, authority: 404, contractor: 403, supervisor: 403, site_contractor: 403, site_supervisor: 403 }],
    ['GET', '/api/declarations/999999/completion', null, ALL_404],
    ['POST', '/api/declarations/999999/completion', { completion_date: '2026-01-05', acceptance_info: '验收合格', self_assessment: '良好' },
      { admin: 403, authority: 403, contractor: 404, supervisor: 403, site_contractor: 403, site_supervisor: 403 }],
    ['GET', '/api/completions', null, ALL_200],
    ['GET', '/api/completions/export.xlsx', null, ALL_200],
    ['GET', '/api/completions/999999', null, ALL_404],
    ['GET', '/api/completions/999999/print.pdf', null, ALL_404],
    ['PUT', '/api/completions/999999/review', { version: 1, agree: true, opinion: '' }, ONLY('site_supervisor')],
    ['POST', '/api/completions/999999/review-submit', { version: 1 }, ONLY('site_supervisor')],
    ['POST', '/api/completions/999999/resubmit', { version: 1, completion_date: '2026-01-05', acceptance_info: '验收合格', self_assessment: '良好' }, ONLY('contractor')],
    ['POST', '/api/completions/999999/register', { version: 1, opinion: '同意', conclusion: 'qualified' }, ONLY('authority')],
    ['POST', '/api/declarations/999999/suspensions', { kind: 'suspend', reason: '停工', date: '2026-01-05' }, CONTRACTOR_ONLY],
    ['GET', '/api/declarations/999999/suspensions', null, REQUEST_404],
    ['GET', '/api/suspensions', null, REQUEST_VIEW],
    ['GET', '/api/suspensions/export.xlsx', null, REQUEST_VIEW],
    ['GET', '/api/suspensions/999999', null, REQUEST_404],
    ['POST', '/api/suspensions/999999/review', { version: 1 }, ONLY('site_supervisor')],
    ['POST', '/api/suspensions/999999/register', { version: 1 }, ONLY('authority')],
    ['POST', '/api/suspensions/999999/withdraw', { version: 1 }, ONLY('contractor')],
    ['POST', '/api/declarations/999999/termination', { reason: '终止建设' }, CONTRACTOR_ONLY],
    ['GET', '/api/terminations', null, REQUEST_VIEW],
    ['GET', '/api/terminations/export.xlsx', null, REQUEST_VIEW],
    ['GET', '/api/terminations/999999', null, REQUEST_404],
    ['POST', '/api/terminations/999999/review', { version: 1 }, ONLY('site_supervisor')],
    ['POST', '/api/terminations/999999/register', { version: 1 }, ONLY('authority')],
    ['GET', '/api/monthly/999999/spot-check', null, AUTHORITY_404],
    ['PUT', '/api/monthly/999999/spot-check', { version: 0, findings: [], finished: false }, AUTHORITY_404],
    ['GET', '/api/spot-checks/analytics', null, AUTHORITY_ONLY],
    ['GET', '/api/spot-checks/analytics.xlsx', null, AUTHORITY_ONLY],
    ['GET', '/api/tasks', null, ALL_200],
    ['GET', '/api/overdue', null, ALL_200],
    ['GET', '/api/dashboard', null, ALL_200],
  ];
  for (const [method, url, body, expected] of matrix) {
    const anon = await clients.anonymous.request(method, url, body ?? (method === 'GET' ? undefined : {}));
    assert.equal(anon.status, 401, `anonymous ${method} ${url}`);
    for (const [role, status] of Object.entries(expected)) {
      const r = await clients[role].request(method, url, body ?? (method === 'GET' ? undefined : {}));
      assert.equal(r.status, status, `${role} ${method} ${url}: ${r.text.slice(0, 200)}`);
    }
  }
  // Data scope: each role sees only its projects.
  const scope = async (role) => (await clients[role].get('/api/projects?page_size=100')).json.items;
  for (const p of await scope('contractor')) assert.equal(p.general.enterprise.uscc, CONSTRUCTION);
  for (const p of await scope('supervisor')) assert.equal(p.supervision.enterprise.uscc, SUPERVISION);
  for (const p of await scope('authority')) assert.equal(p.authority.code, 'HP');
  assert.equal((await scope('site_supervisor')).length, 1);
  const declarable = await clients.contractor.get('/api/projects?declarable=true&page_size=100');
  assert.equal(declarable.status, 200);
  for (const p of declarable.json.items) assert.equal(p.general.enterprise.uscc, CONSTRUCTION);
  for (const role of ['supervisor', 'authority', 'site_contractor'])
    assert.equal((await clients[role].get('/api/projects?declarable=true')).status, 403, role);
  assert.ok((await scope('admin')).length >= 30);
});
