// Issue 21, 等保 2.0 level 3 basics for the authority's and administrators' accounts: a second factor
// (TOTP, recovery codes, reset), forced and expiring passwords, at most N sessions per account, three
// administrator duties that cannot do each other's work, the auditor's reads audited, and the login
// log's retention. Both backends.
//
// TOTP codes follow the real clock: this file's servers never run with a fixed QSM_NOW (a frozen
// clock would make every code the same step, and each step is accepted once) except the expiry test,
// which logs in without a second factor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startServer, Client, DEMO_PASSWORD, qsmCli, sqlRows, siteClient, demoPerson, demoProject } from '../lib/server.mjs';

let server;
before(async () => {
  server = await startServer({ env: { QSM_NOW: '' }, args: ['--second-factor', 'required', '--max-sessions-per-account', '3', '--workers', '4'] });
});
after(async () => { await server.stop(); });

// RFC 6238 (HMAC-SHA-1, 30 s, 6 digits) for the code of `step` (a 30-second step number).
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}
function totp(secret, step = Math.floor(Date.now() / 30000)) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
const nowStep = () => Math.floor(Date.now() / 30000);
/** A code of a step after `used` that the server accepts now (one step ahead at most): waits for the
 * clock when `used` is already the next step (at most 30 s). */
async function codeAfter(secret, used) {
  while (nowStep() + 1 <= used) await new Promise((r) => setTimeout(r, 250));
  return totp(secret, Math.max(used + 1, nowStep()));
}

let nextUser = 1;
/** A new authority account made with `qsm user add` (an initial password). */
function newAccount(role = 'authority') {
  const username = `acct${process.pid % 1000}_${nextUser++}`;
  const password = `Init#Pass${nextUser}2026`;
  const args = ['user', 'add', username, '--role', role, '--name', `测试${username}`];
  if (role === 'authority') args.push('--authority', 'PD');
  qsmCli(server, args, `${password}\n`);
  return { username, password };
}
async function login(username, password = DEMO_PASSWORD) {
  const c = new Client(server.base);
  const me = await c.loginPassword(username, password);
  return { c, me };
}
/** Logs in, enrols a second factor and confirms it: the client with a whole session, the secret, the
 * codes (once per account: later calls give the same session). */
const enrolledSessions = new Map();
async function enrolled(username, password = DEMO_PASSWORD) {
  if (!enrolledSessions.has(username)) enrolledSessions.set(username, enrol(username, password));
  return enrolledSessions.get(username);
}
async function enrol(username, password) {
  const { c, me } = await login(username, password);
  assert.equal(me.setup, 'enrol_second_factor', `${username} has no factor yet`);
  const e = await c.post('/api/account/second-factor/enrol');
  assert.equal(e.status, 200, e.text);
  const done = await c.post('/api/account/second-factor/confirm', { code: totp(e.json.secret) });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.me.setup, null);
  return { c, secret: e.json.secret, recovery: done.json.recovery_codes, lastStep: nowStep() };
}
const auditOf = (accountId) =>
  sqlRows(server, `SELECT action FROM audit_log WHERE entity = 'account' AND entity_id = ${accountId} ORDER BY id`).map(([a]) => a);
const accountId = (username) => Number(sqlRows(server, `SELECT id FROM accounts WHERE username = '${username}'`)[0][0]);

test('an initial password is changed first, then a second factor is enrolled, and nothing else is allowed before', async () => {
  const { username, password } = newAccount();
  const { c, me } = await login(username, password);
  assert.equal(me.setup, 'change_password');
  assert.equal(me.must_change_password, true);
  for (const [method, url] of [['GET', '/api/declarations'], ['GET', '/api/tasks'], ['POST', '/api/account/second-factor/enrol']]) {
    const r = await c.request(method, url, method === 'POST' ? {} : undefined);
    assert.equal(r.status, 403, `${method} ${url}`);
    assert.equal(r.json.error.details.setup, 'change_password');
    assert.match(r.json.error.message, /请先修改密码/);
  }
  assert.equal((await c.get('/api/me')).status, 200, '/api/me stays open');
  const weak = await c.post('/api/auth/password/change', { old_password: password, new_password: 'short' });
  assert.equal(weak.status, 422);
  const changed = await c.post('/api/auth/password/change', { old_password: password, new_password: 'Changed#Pass2026' });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.me.setup, 'enrol_second_factor');
  assert.equal(changed.json.me.must_change_password, false);
  const stillBlocked = await c.get('/api/declarations');
  assert.equal(stillBlocked.status, 403);
  assert.equal(stillBlocked.json.error.details.setup, 'enrol_second_factor');

  const e = await c.post('/api/account/second-factor/enrol');
  assert.equal(e.status, 200, e.text);
  assert.match(e.json.secret, /^[A-Z2-7]{32}$/);
  assert.match(e.json.otpauth_uri, new RegExp(`^otpauth://totp/.+:${username}\\?secret=${e.json.secret}&issuer=`));
  assert.equal(e.json.qr.rows.length, e.json.qr.size);
  assert.ok(e.json.qr.rows.every((row) => row.length === e.json.qr.size && /^[01]+$/.test(row)));
  // The secret is sealed in the database: neither its base32 nor its bytes are there.
  const stored = sqlRows(server, `SELECT totp_pending FROM accounts WHERE username = '${username}'`)[0][0];
  assert.ok(!stored.includes(e.json.secret) && !stored.includes(base32Decode(e.json.secret).toString('hex')));

  const wrong = await c.post('/api/account/second-factor/confirm', { code: totp(e.json.secret, nowStep() + 5) });
  assert.equal(wrong.status, 422);
  assert.equal((await c.get('/api/declarations')).status, 403, 'a wrong code enrols nothing');
  const done = await c.post('/api/account/second-factor/confirm', { code: totp(e.json.secret) });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.recovery_codes.length, 10);
  assert.ok(done.json.recovery_codes.every((r) => /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}$/.test(r)));
  assert.equal(done.json.me.setup, null);
  assert.deepEqual(done.json.me.second_factor, { enrolled: true, required: true, recovery_codes_left: 10 });
  assert.equal((await c.get('/api/declarations')).status, 200);
  assert.deepEqual(auditOf(accountId(username)), ['create_or_reset', 'change_password', 'enrol_second_factor']);
  // Enrolled: a second enrolment is refused (a reset by the security administrator comes first).
  assert.equal((await c.post('/api/account/second-factor/enrol')).status, 409);
});

test('the login asks for the code; each code once, a recovery code once, five wrong ones lock the account and end the session', async () => {
  const { username, password } = newAccount();
  const first = await login(username, password);
  await first.c.post('/api/auth/password/change', { old_password: password, new_password: 'Second#Pass2026' });
  const e = await first.c.post('/api/account/second-factor/enrol');
  const step = nowStep();
  const confirmed = await first.c.post('/api/account/second-factor/confirm', { code: totp(e.json.secret, step) });
  const secret = e.json.secret;
  const recovery = confirmed.json.recovery_codes;

  const a = await login(username, 'Second#Pass2026');
  assert.equal(a.me.setup, 'second_factor');
  assert.equal((await a.c.get('/api/declarations')).status, 403);
  // The step the enrolment used is spent: its code again is refused as a replay.
  const replay = await a.c.post('/api/auth/second-factor', { code: totp(secret, step) });
  assert.equal(replay.status, 422);
  assert.match(replay.json.error.message, /动态口令不正确（还可尝试 4 次）/);
  const ok = await a.c.post('/api/auth/second-factor', { code: totp(secret, step + 1) });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.me.setup, null);
  assert.equal((await a.c.get('/api/declarations')).status, 200);

  const b = await login(username, 'Second#Pass2026');
  const byRecovery = await b.c.post('/api/auth/second-factor', { recovery_code: recovery[0].toUpperCase() });
  assert.equal(byRecovery.status, 200, byRecovery.text);
  assert.equal(byRecovery.json.me.second_factor.recovery_codes_left, 9);
  const again = await login(username, 'Second#Pass2026');
  const reused = await again.c.post('/api/auth/second-factor', { recovery_code: recovery[0] });
  assert.equal(reused.status, 422, 'a recovery code is used once');
  assert.ok(reused.json.error.details.fields, 'on the field, not as an ended session');
  assert.match(reused.json.error.message, /恢复码不正确/);

  // Five wrong in a row (the one above counts; a right answer starts the count again): the fifth
  // locks the account and ends the session.
  const answers = [];
  for (let i = 0; i < 4; ++i) answers.push((await again.c.post('/api/auth/second-factor', { code: '000000' })).status);
  assert.deepEqual(answers, [422, 422, 422, 423]);
  assert.equal((await again.c.get('/api/me')).status, 401, 'the session ended');
  const later = await login(username, 'Second#Pass2026');
  const locked = await later.c.post('/api/auth/second-factor', { code: totp(secret, nowStep() + 1) });
  assert.equal(locked.status, 423, 'even the right code waits out the lock');
  // Every attempt is a login-log row: the replay, the code, the recovery code, the reused one, four
  // wrong ones (the last locking), the try during the lock.
  const log = sqlRows(server, `SELECT success FROM login_log WHERE method = 'second_factor' AND who = '${username}' ORDER BY id`);
  assert.deepEqual(log.map(([ok]) => ok), ['0', '1', '1', '0', '0', '0', '0', '0', '0']);

  // The security administrator unlocks; the account's code works again.
  const sec = await enrolled('secadmin');
  const list = await sec.c.get('/api/admin/accounts');
  assert.equal(list.status, 200);
  const row = list.json.items.find((i) => i.username === username);
  assert.equal(row.locked, true);
  assert.equal(row.second_factor, true);
  assert.equal((await sec.c.post(`/api/admin/accounts/${row.id}/unlock`)).status, 200);
  const unlocked = await login(username, 'Second#Pass2026');
  const good = await unlocked.c.post('/api/auth/second-factor', { code: await codeAfter(secret, step + 1) });
  assert.equal(good.status, 200, good.text);
  assert.ok(auditOf(row.id).includes('unlock'));
});

test('one code, many sessions at once: exactly one is let in', async () => {
  const { username, password } = newAccount();
  const { c } = await login(username, password);
  await c.post('/api/auth/password/change', { old_password: password, new_password: 'Third#Pass2026' });
  const e = await c.post('/api/account/second-factor/enrol');
  await c.post('/api/account/second-factor/confirm', { code: totp(e.json.secret) });
  const sessions = [];
  for (let i = 0; i < 3; ++i) sessions.push((await login(username, 'Third#Pass2026')).c);
  const code = totp(e.json.secret, nowStep() + 1);
  const answers = await Promise.all(sessions.map((s) => s.post('/api/auth/second-factor', { code })));
  assert.deepEqual(answers.map((a) => a.status).sort(), [200, 422, 422]);
});

test('an account keeps at most three sessions: a fourth login ends the oldest', async () => {
  const { username, password } = newAccount();
  const clients = [];
  for (let i = 0; i < 4; ++i) clients.push((await login(username, password)).c);
  const alive = await Promise.all(clients.map(async (c) => (await c.get('/api/me')).status));
  assert.deepEqual(alive, [401, 200, 200, 200]);
});

test('three administrators, none doing another\'s work; the auditor\'s reads are audited', async () => {
  const admin = await enrolled('admin');
  const sec = await enrolled('secadmin');
  const auditor = await enrolled('auditor');
  const target = newAccount();
  const id = accountId(target.username);
  const cases = [
    // [who, method, url, expected status]
    [auditor, 'GET', '/api/admin/login-log', 200],
    [auditor, 'GET', '/api/admin/audit-log', 200],
    [auditor, 'GET', '/api/admin/security-policy', 200],
    [auditor, 'GET', '/api/declarations', 403],
    [auditor, 'GET', '/api/projects', 403],
    [auditor, 'GET', '/api/admin/accounts', 403],
    [auditor, 'POST', `/api/admin/accounts/${id}/unlock`, 403],
    [auditor, 'POST', `/api/admin/accounts/${id}/password/reset`, 403],
    [sec, 'GET', '/api/admin/accounts', 200],
    [sec, 'GET', '/api/admin/login-log', 403],
    [sec, 'GET', '/api/admin/audit-log', 403],
    [sec, 'GET', '/api/declarations', 403],
    [sec, 'POST', `/api/admin/accounts/${id}/password/reset`, 403],
    [sec, 'POST', '/api/admin/templates', 403],
    [admin, 'GET', '/api/admin/accounts', 200],
    [admin, 'GET', '/api/admin/login-log', 403],
    [admin, 'GET', '/api/admin/audit-log', 403],
    [admin, 'POST', `/api/admin/accounts/${id}/unlock`, 403],
    [admin, 'POST', `/api/admin/accounts/${id}/second-factor/reset`, 403],
    [admin, 'POST', `/api/admin/accounts/${id}/sessions/revoke`, 403],
    [admin, 'GET', '/api/declarations', 200],
  ];
  for (const [who, method, url, want] of cases) {
    const r = await who.c.request(method, url, method === 'POST' ? {} : undefined);
    assert.equal(r.status, want, `${method} ${url} → ${r.status} ${r.text.slice(0, 200)}`);
  }
  const me = (await auditor.c.get('/api/me')).json;
  assert.equal(me.role, 'auditor');
  assert.equal(me.role_label, '审计管理员');

  // Every read of a log is itself a record, with the filter and the address.
  const filtered = await auditor.c.get('/api/admin/login-log?success=false&who=acct&from=2020-01-01');
  assert.equal(filtered.status, 200);
  assert.ok(filtered.json.items.every((i) => i.success === false && i.who.includes('acct')));
  const reads = await auditor.c.get('/api/admin/audit-log?entity=login_log&action=read');
  assert.equal(reads.status, 200);
  assert.ok(reads.json.items.length >= 2, 'the unfiltered read and the filtered one');
  assert.ok(reads.json.items.some((i) => /结果 失败，用户 acct/.test(i.opinion) && i.actor_role === 'auditor' && i.ip === '127.0.0.1'));
  // The same read twice is recorded twice: never answered from the server's kept answers.
  const recorded = () => Number(sqlRows(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'login_log' AND action = 'read'")[0][0]);
  const before = recorded();
  for (let i = 0; i < 2; ++i) assert.equal((await auditor.c.get('/api/admin/login-log?page_size=7')).status, 200);
  assert.equal(recorded(), before + 2);
  const readsOfAudit = await auditor.c.get('/api/admin/audit-log?entity=audit_log');
  assert.ok(readsOfAudit.json.items.length >= 1, 'reading the audit log is audited too');
  const bad = await auditor.c.get('/api/admin/audit-log?from=yesterday');
  assert.equal(bad.status, 422);
  const policy = (await auditor.c.get('/api/admin/security-policy')).json;
  assert.deepEqual(
    [policy.second_factor, policy.password_max_age_days, policy.max_sessions_per_account, policy.log_retention_days],
    ['required', 90, 3, 365],
  );
});

test('the security administrator resets a second factor; the system administrator resets a password', async () => {
  const { username, password } = newAccount();
  const first = await login(username, password);
  await first.c.post('/api/auth/password/change', { old_password: password, new_password: 'Fourth#Pass2026' });
  const e = await first.c.post('/api/account/second-factor/enrol');
  await first.c.post('/api/account/second-factor/confirm', { code: totp(e.json.secret) });
  const id = accountId(username);
  const sec = await enrolled('secadmin');
  const reset = await sec.c.post(`/api/admin/accounts/${id}/second-factor/reset`);
  assert.equal(reset.status, 200, reset.text);
  assert.equal((await first.c.get('/api/me')).status, 401, 'its sessions ended');
  assert.equal(Number(sqlRows(server, `SELECT COUNT(*) FROM recovery_codes WHERE account_id = ${id}`)[0][0]), 0);
  const next = await login(username, 'Fourth#Pass2026');
  assert.equal(next.me.setup, 'enrol_second_factor', 'the next login enrols again');

  const admin = await enrolled('admin');
  const r = await admin.c.post(`/api/admin/accounts/${id}/password/reset`);
  assert.equal(r.status, 200, r.text);
  assert.equal((await next.c.get('/api/me')).status, 401, 'its sessions ended');
  const temporary = await login(username, r.json.password);
  assert.equal(temporary.me.setup, 'change_password');
  const actions = auditOf(id);
  for (const a of ['reset_second_factor', 'reset_password']) assert.ok(actions.includes(a), actions.join());
  // Actor, address and time of each.
  const [[role, ip, at]] = sqlRows(server, `SELECT actor_role, ip, at FROM audit_log WHERE entity = 'account' AND entity_id = ${id} AND action = 'reset_password'`);
  assert.equal(role, 'admin');
  assert.equal(ip, '127.0.0.1');
  assert.ok(Math.abs(Number(at) - Date.now()) < 60_000);
});

test('logout and a site user\'s contract choice are security events', async () => {
  const p = demoProject(0);
  const person = demoPerson(p.general.manager_id_number);
  const site = await siteClient(server, 'site_contractor', person, p.general);
  const [[note]] = sqlRows(server, "SELECT opinion FROM audit_log WHERE entity = 'session' AND action = 'choose_contract' ORDER BY id DESC LIMIT 1");
  assert.match(note, new RegExp(`选择合同 ${p.general.report_no}`));
  assert.equal((await site.post('/api/auth/logout')).status, 200);
  const [[method, success]] = sqlRows(server, "SELECT method, success FROM login_log ORDER BY id DESC LIMIT 1");
  assert.deepEqual([method, success], ['logout', '1']);
});

test('passwords expire after 90 days, with a week\'s warning; the login log is kept for its retention, audit records for ever', async () => {
  // A server of its own with a clock to move: a day in the demo's past, then 84 and 90 days later.
  const t0 = Date.parse('2026-06-01T09:00:00+08:00');
  const iso = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');
  const s = await startServer({ env: { QSM_NOW: iso(t0) }, args: ['--second-factor', 'optional', '--log-retention-days', '200'] });
  try {
    const at = async (days) => {
      await s.stop('SIGTERM', { keep: true });
      await s.restart({ env: { QSM_NOW: iso(t0 + days * 86_400_000) } });
      const c = new Client(s.base);
      return c.loginPassword('jdz_pd');
    };
    let me = await at(82);
    assert.equal(me.password_expiry_warning, false);
    assert.equal(me.setup, null);
    me = await at(84);
    assert.equal(me.password_expiry_warning, true);
    assert.equal(me.password_expires_at.slice(0, 10), '2026-08-30');
    assert.equal(me.setup, null);
    me = await at(90);
    assert.equal(me.setup, 'change_password');

    // Retention: rows older than 200 days go at the next start, audit records stay.
    const old = t0 + 90 * 86_400_000 - 300 * 86_400_000;
    const kept = t0 + 90 * 86_400_000 - 100 * 86_400_000;
    sqlRows(s, `INSERT INTO login_log (at, method, who, ip, success, reason) VALUES (${old}, 'password', 'very-old', '1.2.3.4', 0, 'x')`);
    sqlRows(s, `INSERT INTO login_log (at, method, who, ip, success, reason) VALUES (${kept}, 'password', 'kept', '1.2.3.4', 0, 'x')`);
    const audits = Number(sqlRows(s, 'SELECT COUNT(*) FROM audit_log')[0][0]);
    await at(90);
    // The server prunes as it starts, beside serving: wait for it (at most 10 s).
    let who;
    for (let i = 0; i < 100; ++i) {
      who = sqlRows(s, "SELECT who FROM login_log WHERE who IN ('very-old', 'kept')").map(([w]) => w);
      if (who.length === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(who, ['kept']);
    assert.ok(Number(sqlRows(s, 'SELECT COUNT(*) FROM audit_log')[0][0]) >= audits);
  } finally {
    await s.stop();
  }
});

test('a password lock ends when `qsm user add` resets the account', async () => {
  const { username } = newAccount();
  const c = new Client(server.base);
  const statuses = [];
  for (let i = 0; i < 6; ++i) statuses.push((await c.post('/api/auth/password', { username, password: 'Wrong#Pass2026' })).status);
  assert.deepEqual(statuses, [401, 401, 401, 401, 423, 423]);
  qsmCli(server, ['user', 'add', username, '--role', 'authority', '--authority', 'PD'], 'Reset#Pass2026\n');
  const me = await c.loginPassword(username, 'Reset#Pass2026');
  assert.equal(me.setup, 'change_password', 'a reset password is changed at the next login');
});
