// The administration console (issue 27) through HTTP, on both backends: 用户管理 (create, edit,
// disable/enable, unlock, reset password), 在线用户 with 强退, 参数设置, 登录日志's filters and the
// logs' exports — each with a second server
// process on the same database, which must refuse a disabled account's session at once and use a
// changed setting within 5 s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, accountClient, certificateClient, demoProject, Client, sqlRows, DEMO_PASSWORD } from '../lib/server.mjs';

const NOW = '2026-05-20T10:00:00+08:00';
const READER = path.join(import.meta.dirname, '..', 'lib', 'read_xlsx.py');
const HP = demoProject(1);
let server, other, admin, secadmin;

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, args: ['--trusted-proxy', '127.0.0.1/32'], tls: true });
  // A second process on the same database and secret, as behind a load balancer.
  other = await startServer({ demo: false, db: server.db, secret: server.secret, env: { QSM_NOW: NOW } });
  admin = await accountClient(server, 'admin');
  secadmin = await accountClient(server, 'secadmin');
});
after(async () => {
  if (process.env.QSM_DEBUG) console.log(server.stderr, other.stderr);
  await other.stop();
  await server.stop();
});

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
const NEW_PASSWORD = 'Xq#2026-Initial';

// The same client's session token used against the other process.
function onOther(client) {
  const c = new Client(other.base);
  c.token = client.token;
  return c;
}

test('用户管理: create, list, edit; the new account must change its password at its first login', async () => {
  const created = ok(await admin.post('/api/admin/users', {
    username: 'jdz_new01', name: '新监督员', role: 'authority', authority_code: HP.project.authority_code, password: NEW_PASSWORD,
  }), 201);
  assert.equal(created.username, 'jdz_new01');
  assert.equal(created.name, '新监督员');
  assert.equal(created.role, 'authority');
  assert.equal(created.authority.code, HP.project.authority_code);
  assert.equal(created.must_change_password, true);
  assert.equal(created.disabled, false);
  assert.equal(created.last_login_at, '');

  // The authorities to choose from.
  const authorities = ok(await admin.get('/api/admin/authorities')).items;
  assert.ok(authorities.some((a) => a.code === HP.project.authority_code && a.name && a.district === HP.project.district));
  assert.equal((await secadmin.get('/api/admin/authorities')).status, 403);

  // Listed, found by keyword and role; not among the disabled.
  const found = ok(await admin.get('/api/admin/users?q=jdz_new&role=authority'));
  assert.deepEqual(found.items.map((u) => u.id), [created.id]);
  assert.equal(ok(await admin.get('/api/admin/users?q=jdz_new&status=disabled')).total, 0);
  const all = ok(await admin.get('/api/admin/users?page_size=100'));
  assert.ok(all.total > 5 && all.items.some((u) => u.username === 'admin'));

  // Its first login asks for a new password before anything else.
  const first = await new Client(server.base).post('/api/auth/password', { username: 'jdz_new01', password: NEW_PASSWORD });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.me.setup, 'change_password');

  // Taken username: 409, nothing written; bad fields: 422 each, nothing written.
  const again = await admin.post('/api/admin/users', { username: 'jdz_new01', name: 'x', role: 'admin', password: NEW_PASSWORD });
  assert.equal(again.status, 409);
  assert.match(again.json.error.message, /已存在/);
  const bad = await admin.post('/api/admin/users', { username: '1x', name: '', role: 'authority', password: 'short' });
  assert.equal(bad.status, 422);
  for (const f of ['username', 'name', 'authority_code', 'password']) assert.ok(bad.json.error.details.fields[f], `${f}: ${bad.text}`);
  const unknownRole = await admin.post('/api/admin/users', { username: 'abc', name: 'x', role: 'contractor', password: NEW_PASSWORD });
  assert.equal(unknownRole.status, 422);
  const noAuthority = await admin.post('/api/admin/users', { username: 'abcd', name: 'x', role: 'authority', authority_code: 'NOPE', password: NEW_PASSWORD });
  assert.equal(noAuthority.status, 422);
  assert.ok(noAuthority.json.error.details.fields.authority_code);
  assert.equal(ok(await admin.get('/api/admin/users?q=abc')).total, 0);

  // Edited: the name; audited with old → new.
  const renamed = ok(await admin.put(`/api/admin/users/${created.id}`, { name: '新监督员甲' }));
  assert.equal(renamed.name, '新监督员甲');
  const audit = sqlRows(server, `SELECT action, opinion FROM audit_log WHERE entity = 'account' AND entity_id = ${created.id} ORDER BY id`);
  assert.deepEqual(audit.map((r) => r[0]), ['create', 'update']);
  assert.match(audit[1][1], /新监督员 → 新监督员甲/);

  // Only the system administrator manages users.
  for (const c of [secadmin, await accountClient(server, HP.authority)]) {
    assert.equal((await c.get('/api/admin/users')).status, 403);
    assert.equal((await c.post('/api/admin/users', { username: 'zzz', name: 'z', role: 'admin', password: NEW_PASSWORD })).status, 403);
  }
});

test('停用: the live session is refused at once on the other process too; the login says why; 启用 lets it in again', async () => {
  const u = ok(await admin.post('/api/admin/users', { username: 'jdz_new02', name: '待停用', role: 'authority', authority_code: HP.project.authority_code, password: NEW_PASSWORD }), 201);
  // Logged in (the forced change done), working on both processes.
  const user = new Client(server.base);
  let login = await user.post('/api/auth/password', { username: 'jdz_new02', password: NEW_PASSWORD });
  user.token = login.json.token;
  ok(await user.post('/api/auth/password/change', { old_password: NEW_PASSWORD, new_password: 'Xq#2026-Changed' }));
  ok(await user.get('/api/declarations'));
  const there = onOther(user);
  ok(await there.get('/api/declarations'));  // now cached on the other process

  const disabled = ok(await admin.put(`/api/admin/users/${u.id}`, { disabled: true }));
  assert.equal(disabled.disabled, true);
  assert.equal(disabled.sessions, 0);
  // The very next request, on either process.
  assert.equal((await there.get('/api/declarations')).status, 401);
  assert.equal((await user.get('/api/declarations')).status, 401);
  // The right password is told the account is disabled; a wrong one is answered as always.
  login = await new Client(server.base).post('/api/auth/password', { username: 'jdz_new02', password: 'Xq#2026-Changed' });
  assert.equal(login.status, 403);
  assert.equal(login.json.error.code, 'account_disabled');
  assert.match(login.json.error.message, /账号已停用/);
  const wrong = await new Client(server.base).post('/api/auth/password', { username: 'jdz_new02', password: 'Wrong#2026-pass' });
  assert.equal(wrong.status, 401);
  assert.equal(ok(await admin.get('/api/admin/users?status=disabled')).items.find((x) => x.id === u.id).username, 'jdz_new02');

  // Nobody disables himself or the last system administrator.
  const me = ok(await admin.get('/api/admin/users?q=admin&role=admin')).items.find((x) => x.username === 'admin');
  const self = await admin.put(`/api/admin/users/${me.id}`, { disabled: true });
  assert.equal(self.status, 422);
  assert.match(self.json.error.details.fields.disabled, /自己/);

  ok(await admin.put(`/api/admin/users/${u.id}`, { disabled: false }));
  login = await new Client(server.base).post('/api/auth/password', { username: 'jdz_new02', password: 'Xq#2026-Changed' });
  assert.equal(login.status, 200, login.text);
  const log = sqlRows(server, "SELECT success, reason FROM login_log WHERE who = 'jdz_new02' ORDER BY id");
  assert.ok(log.some((r) => r[1] === '账号已停用' && (r[0] === '0' || r[0] === 'f')), JSON.stringify(log));
});

test('重置密码 and 解除锁定: the chosen password works once and must be changed; a locked account logs in after unlock', async () => {
  const u = ok(await admin.post('/api/admin/users', { username: 'jdz_new03', name: '锁定者', role: 'authority', authority_code: HP.project.authority_code, password: NEW_PASSWORD }), 201);
  for (let i = 0; i < 5; i++) await new Client(server.base).post('/api/auth/password', { username: 'jdz_new03', password: `Wrong#2026-${i}x` });
  const locked = await new Client(server.base).post('/api/auth/password', { username: 'jdz_new03', password: NEW_PASSWORD });
  assert.equal(locked.status, 423);
  assert.equal(ok(await admin.get('/api/admin/users?status=locked')).items.some((x) => x.id === u.id), true);
  ok(await admin.post(`/api/admin/users/${u.id}/unlock`));
  assert.equal((await new Client(server.base).post('/api/auth/password', { username: 'jdz_new03', password: NEW_PASSWORD })).status, 200);

  const weak = await admin.post(`/api/admin/users/${u.id}/reset-password`, { password: '123' });
  assert.equal(weak.status, 422);
  assert.ok(weak.json.error.details.fields.password);
  ok(await admin.post(`/api/admin/users/${u.id}/reset-password`, { password: 'Xq#2026-Reset01' }));
  const after = await new Client(server.base).post('/api/auth/password', { username: 'jdz_new03', password: 'Xq#2026-Reset01' });
  assert.equal(after.status, 200, after.text);
  assert.equal(after.json.me.setup, 'change_password');
  assert.equal((await admin.post('/api/admin/users/999999/unlock')).status, 404);
});

test('在线用户: every live session listed; 强退 one ends it on every process; one\'s own is refused; all of an account\'s', async () => {
  const contractor = await certificateClient(server, HP.contractor);
  const authority1 = await accountClient(server, HP.authority);
  const authority2 = await accountClient(server, HP.authority);
  ok(await onOther(authority1).get('/api/declarations'));

  const list = ok(await admin.get('/api/admin/sessions?page_size=100'));
  const mine = list.items.filter((s) => s.current);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].role, 'admin');
  const company = list.items.find((s) => s.role === 'contractor' && s.login_method === 'certificate');
  assert.ok(company, JSON.stringify(list.items.map((s) => s.who)));
  assert.equal(company.login_method_label, '企业数字证书');
  const byAuthority = ok(await admin.get(`/api/admin/sessions?q=${HP.authority}&page_size=100`)).items;
  assert.equal(byAuthority.length >= 2, true, JSON.stringify(byAuthority));
  assert.ok(byAuthority.every((s) => s.role === 'authority' && s.who.startsWith(HP.authority) && s.account_id));
  // The security administrator sees them too; an authority does not.
  assert.equal((await secadmin.get('/api/admin/sessions')).status, 200);
  assert.equal((await authority1.get('/api/admin/sessions')).status, 403);

  // 强退 the enterprise's session: its next request is refused.
  ok(await secadmin.delete(`/api/admin/sessions/${company.id}`));
  assert.equal((await contractor.get('/api/declarations')).status, 401);
  assert.equal((await secadmin.delete(`/api/admin/sessions/${company.id}`)).status, 404);
  const own = await admin.delete(`/api/admin/sessions/${mine[0].id}`);
  assert.equal(own.status, 422);
  assert.match(own.json.error.message + JSON.stringify(own.json.error.details), /退出登录/);
  assert.equal((await admin.delete('/api/admin/sessions/abc')).status, 404);

  // Every session of the authority's account, on both processes.
  const ended = ok(await admin.delete(`/api/admin/sessions?account_id=${byAuthority[0].account_id}`));
  assert.ok(ended.ended >= 2, JSON.stringify(ended));
  assert.equal((await authority1.get('/api/declarations')).status, 401);
  assert.equal((await onOther(authority1).get('/api/declarations')).status, 401);
  assert.equal((await authority2.get('/api/declarations')).status, 401);
  const trail = sqlRows(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'session' AND action = 'force_logout'");
  assert.ok(Number(trail[0][0]) >= 3);
});

test('参数设置: read, refused field by field, changed and audited; the other process uses the new deadline within 5 s', async () => {
  const s = ok(await admin.get('/api/admin/settings'));
  assert.deepEqual(
    { submit: s.submit_deadline_day, review: s.review_deadline_day, excellent: s.grade_excellent, qualified: s.grade_qualified,
      agreement: s.agreement_threshold, reminder: s.reminder_time, idle: s.session_idle_minutes, absolute: s.session_absolute_hours,
      limit: s.export_row_limit, url: s.public_url },
    { submit: 10, review: 15, excellent: 80, qualified: 70, agreement: 80, reminder: 'off', idle: 30, absolute: 12, limit: 100000, url: '' });
  assert.equal(s.meta.submit_deadline_day.label, '月度自评提交截止日（次月）');

  // Every bad field answered; nothing changed.
  const bad = await admin.put('/api/admin/settings', {
    submit_deadline_day: 31, grade_qualified: 'abc', reminder_time: '25:00', public_url: 'ftp://x', session_idle_minutes: 1, nonsense: 1,
  });
  assert.equal(bad.status, 422);
  for (const f of ['submit_deadline_day', 'grade_qualified', 'reminder_time', 'public_url', 'session_idle_minutes', 'nonsense'])
    assert.ok(bad.json.error.details.fields[f], `${f}: ${bad.text}`);
  const crossed = await admin.put('/api/admin/settings', { grade_excellent: 60, review_deadline_day: 5 });
  assert.equal(crossed.status, 422);
  assert.ok(crossed.json.error.details.fields.grade_excellent && crossed.json.error.details.fields.review_deadline_day, crossed.text);
  assert.equal(ok(await admin.get('/api/admin/settings')).submit_deadline_day, 10);

  // The contractor's first month of HP is due on the 10th on both processes.
  const contractor = await certificateClient(server, HP.contractor);
  const dueOf = async (client) => ok(await client.get('/api/tasks')).items.find((i) => i.declaration.registration_no === HP.regNo).overdue;
  assert.equal((await dueOf(onOther(contractor))).deadline, '2026-03-10');

  const changed = ok(await admin.put('/api/admin/settings', { submit_deadline_day: 20, review_deadline_day: '25', grade_excellent: 85.5 }));
  assert.equal(changed.submit_deadline_day, 20);
  assert.equal(changed.grade_excellent, 85.5);
  assert.equal(changed.meta.submit_deadline_day.updated_by, ok(await admin.get('/api/me')).name ?? changed.meta.submit_deadline_day.updated_by);
  assert.equal((await dueOf(contractor)).deadline, '2026-03-20');  // this process at once
  const started = Date.now();
  let seen;
  while (Date.now() - started < 5000) {
    seen = (await dueOf(onOther(contractor))).deadline;
    if (seen === '2026-03-20') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(seen, '2026-03-20', 'the other process uses the new deadline within 5 s');
  const audit = sqlRows(server, "SELECT opinion FROM audit_log WHERE entity = 'setting' ORDER BY id").map((r) => r[0]);
  assert.deepEqual(audit, ['submit_deadline_day：10 → 20', 'review_deadline_day：15 → 25', 'grade_excellent：80.00 → 85.50']);

  // The account security policy (issue 21's flags) is a setting too: the log kept at least 180 days;
  // a shorter password age is the policy every process states within 5 s.
  assert.equal(s.second_factor, 'optional');
  const short = await admin.put('/api/admin/settings', { log_retention_days: 179, second_factor: 'sometimes', max_sessions_per_account: 0 });
  assert.equal(short.status, 422);
  for (const f of ['log_retention_days', 'second_factor', 'max_sessions_per_account']) assert.ok(short.json.error.details.fields[f], `${f}: ${short.text}`);
  ok(await admin.put('/api/admin/settings', { password_max_age_days: 45 }));
  const policyElsewhere = async () => ok(await onOther(secadmin).get('/api/admin/security-policy'));
  const since = Date.now();
  let policy;
  while (Date.now() - since < 5000) {
    policy = await policyElsewhere();
    if (policy.password_max_age_days === 45) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(policy.password_max_age_days, 45, 'the other process states the new password age within 5 s');
  ok(await admin.put('/api/admin/settings', { password_max_age_days: 90 }));

  // Only the system administrator.
  assert.equal((await secadmin.get('/api/admin/settings')).status, 403);
  assert.equal((await secadmin.put('/api/admin/settings', { submit_deadline_day: 9 })).status, 403);
  // Back to the defaults for whatever runs after.
  ok(await admin.put('/api/admin/settings', { submit_deadline_day: 10, review_deadline_day: 15, grade_excellent: 80 }));
});

test('登录日志: filtered by user, address, method and result; exported with the same filter (the auditor\'s; each read audited)', async () => {
  const auditor = await accountClient(server, 'auditor');
  await new Client(server.base).post('/api/auth/password', { username: 'admin', password: 'Wrong#2026-pass1' });
  const failed = ok(await auditor.get('/api/admin/login-log?who=admin&ip=127.0.&method=password&success=false'));
  assert.ok(failed.total >= 1, JSON.stringify(failed));
  assert.ok(failed.items.every((r) => r.who.includes('admin') && r.ip.startsWith('127.0.') && r.method === 'password' && !r.success));
  assert.equal(failed.items[0].method_label, '账号密码');
  assert.equal(ok(await auditor.get('/api/admin/login-log?ip=10.9.')).total, 0);
  for (const q of ['ip=1%3B2', 'method=telnet'])
    assert.equal((await auditor.get(`/api/admin/login-log?${q}`)).status, 422, q);

  const file = await auditor.bytes('/api/admin/login-log/export.xlsx?who=admin&method=password&success=false');
  assert.equal(file.status, 200);
  const book = path.join(server.dir, 'login-log.xlsx');
  writeFileSync(book, file.body);
  const read = JSON.parse(execFileSync('/usr/bin/python3', [READER, book], { encoding: 'utf8' }));
  assert.equal(read.sheet, '登录日志');
  assert.match(read.rows[0][0].v, /登录日志.*用户 admin；方式 账号密码；结果 失败/);
  assert.deepEqual(read.rows[1].map((c) => c.v), ['时间', '方式', '用户', '地址', '结果', '说明']);
  assert.equal(read.rows.length - 2, failed.total);
  assert.equal(read.rows[2][0].type, 'date');
  assert.equal(read.rows[2][4].v, '失败');
  // The title names the days asked for (to: the last day, included); the read's own record the method in words.
  const dated = await auditor.bytes('/api/admin/login-log/export.xlsx?from=2026-05-01&to=2026-05-20&method=password');
  writeFileSync(book, dated.body);
  assert.match(JSON.parse(execFileSync('/usr/bin/python3', [READER, book], { encoding: 'utf8' })).rows[0][0].v, /自 2026-05-01；至 2026-05-20/);
  const readNote = sqlRows(server, "SELECT opinion FROM audit_log WHERE entity = 'login_log' AND action = 'read' ORDER BY id DESC LIMIT 1")[0][0];
  assert.match(readNote, /方式 账号密码/);
  // 操作日志 by district: the records of declarations whose project is in it (SQL cross-checked).
  const district = HP.project.district;
  const inDistrict = ok(await auditor.get(`/api/admin/audit-log?district=${encodeURIComponent(district)}&page_size=1`)).total;
  const expected = sqlRows(server, `SELECT COUNT(*) FROM audit_log a JOIN declarations d ON d.id = a.declaration_id JOIN projects p ON p.id = d.project_id WHERE p.district = '${district}'`);
  assert.equal(inDistrict, Number(expected[0][0]));
  assert.ok(inDistrict > 0 && inDistrict < ok(await auditor.get('/api/admin/audit-log?page_size=1')).total);
  assert.equal((await auditor.get(`/api/admin/audit-log?district=${encodeURIComponent('纽约')}`)).status, 422);
  // The administration's records carry their own labels, never a declaration's.
  const settingsTrail = ok(await auditor.get('/api/admin/audit-log?entity=setting&page_size=1')).items[0];
  assert.deepEqual([settingsTrail.entity_label, settingsTrail.action_label], ['参数设置', '修改']);
  const sessionTrail = ok(await auditor.get('/api/admin/audit-log?entity=session&page_size=1')).items[0];
  assert.deepEqual([sessionTrail.entity_label, sessionTrail.action_label], ['会话', '强制退出']);
  const audit = await auditor.bytes('/api/admin/audit-log/export.xlsx?entity=setting');
  assert.equal(audit.status, 200);
  assert.equal((await admin.get('/api/admin/login-log/export.xlsx')).status, 403);
  const reads = sqlRows(server, "SELECT COUNT(*) FROM audit_log WHERE entity IN ('login_log', 'audit_log') AND action = 'read'");
  assert.equal(Number(reads[0][0]), 9);  // six lists, three exports (the refused queries read nothing)
});

test('定时任务: the reminders run now (nothing twice a day), their runs listed; paused, a process starting at the due time sends nothing', async () => {
  const jobs = ok(await admin.get('/api/admin/jobs')).items;
  assert.deepEqual(jobs.map((j) => [j.name, j.label, j.reminder_time, j.paused]), [['reminders', '逾期提醒短信', 'off', false]]);
  const outbox = () => Number(sqlRows(server, "SELECT COUNT(*) FROM sms_outbox WHERE purpose = 'reminder'")[0][0]);
  const before = outbox();

  const first = ok(await admin.post('/api/admin/jobs/reminders/run'));
  assert.ok(first.sent > 0, JSON.stringify(first));
  assert.equal(outbox() - before, first.sent);
  const second = ok(await admin.post('/api/admin/jobs/reminders/run'));
  assert.equal(second.sent, 0, 'nothing twice the same day');
  let runs = ok(await admin.get('/api/admin/jobs/reminders/runs'));
  assert.equal(runs.total, 2);
  assert.deepEqual(runs.items.map((r) => [r.day, r.sent, r.failed]), [['2026-05-20', 0, 0], ['2026-05-20', first.sent, 0]]);
  assert.ok(runs.items.every((r) => r.finished_at && /^qsm \d+$/.test(r.holder) && r.started_by !== '定时任务'));
  assert.equal((await admin.get('/api/admin/jobs/backup/runs')).status, 404);
  assert.equal((await secadmin.post('/api/admin/jobs/reminders/run')).status, 403);

  // Paused, with the time due: the other process, started again, runs nothing by the schedule.
  assert.equal(ok(await admin.post('/api/admin/jobs/reminders/pause')).paused, true);
  ok(await admin.put('/api/admin/settings', { reminder_time: '00:00' }));
  await other.stop('SIGTERM', { keep: true });
  await other.restart();
  await new Promise((r) => setTimeout(r, 1500));
  runs = ok(await admin.get('/api/admin/jobs/reminders/runs'));
  assert.equal(runs.items.filter((r) => r.started_by === '定时任务').length, 0, JSON.stringify(runs.items));
  // Resumed: the next start runs the day's scheduled pass (which finds nothing new to send).
  assert.equal(ok(await admin.post('/api/admin/jobs/reminders/resume')).paused, false);
  await other.stop('SIGTERM', { keep: true });
  await other.restart();
  let scheduled = [];
  for (let i = 0; i < 25 && !scheduled.length; i++) {
    await new Promise((r) => setTimeout(r, 200));
    scheduled = ok(await admin.get('/api/admin/jobs/reminders/runs')).items.filter((r) => r.started_by === '定时任务' && r.finished_at);
  }
  assert.equal(scheduled.length, 1);
  assert.equal(scheduled[0].sent, 0);
  assert.equal(ok(await admin.get('/api/admin/jobs')).items[0].today_done, true);
  const trail = sqlRows(server, "SELECT action FROM audit_log WHERE entity = 'job' ORDER BY id").map((r) => r[0]);
  assert.deepEqual(trail, ['run', 'run', 'pause', 'resume']);
  ok(await admin.put('/api/admin/settings', { reminder_time: 'off' }));
});

test('通知公告: the authority publishes to its district, the administrator to anyone; users see theirs, unread first counted; edit, withdraw', async () => {
  const authority = await accountClient(server, HP.authority);
  const otherAuthority = await accountClient(server, HP.otherAuthority);
  const contractor = await certificateClient(server, HP.contractor);
  const supervisor = await certificateClient(server, HP.supervision.enterprise_uscc);
  const district = HP.project.district;

  const local = ok(await authority.post('/api/admin/notices', {
    title: '关于五月月度评价的提醒', body: '各项目部：\n请于 6 月 10 日前完成五月自评。', roles: ['contractor', 'site_contractor'], districts: [district],
  }), 201);
  assert.equal(local.version, 1);
  assert.deepEqual(local.role_labels.length, 2);
  const city = ok(await admin.post('/api/admin/notices', { title: '平台升级通知', body: '本周六 22:00–24:00 平台升级。', valid_until: '2026-05-31' }), 201);
  const later = ok(await admin.post('/api/admin/notices', { title: '下月生效', body: '六月起执行。', valid_from: '2026-06-01' }), 201);

  // Refused: another district, empty text, an end before the start, unknown roles; nothing written.
  const away = await authority.post('/api/admin/notices', { title: 't', body: 'b', districts: ['崇明区', district] });
  assert.equal(away.status, 422);
  assert.match(away.json.error.details.fields.districts, /本区/);
  const empty = await admin.post('/api/admin/notices', { title: ' ', body: '', roles: ['nobody'], valid_from: '2026-06-02', valid_until: '2026-06-01' });
  assert.equal(empty.status, 422);
  for (const f of ['title', 'body', 'roles', 'valid_until']) assert.ok(empty.json.error.details.fields[f], `${f}: ${empty.text}`);
  assert.equal((await contractor.post('/api/admin/notices', { title: 't', body: 'b' })).status, 403);

  // Who sees what: the contractor both (its project is in the district), unread; the supervision company the city's only.
  let board = ok(await contractor.get('/api/notices'));
  assert.deepEqual(board.items.map((n) => n.id).sort(), [local.id, city.id].sort());
  assert.equal(board.unread, 2);
  assert.equal(board.items.find((n) => n.id === local.id).body, '各项目部：\n请于 6 月 10 日前完成五月自评。');
  assert.deepEqual(ok(await supervisor.get('/api/notices')).items.map((n) => n.id), [city.id]);
  assert.deepEqual(ok(await otherAuthority.get('/api/notices')).items.map((n) => n.id), [city.id]);
  ok(await contractor.post(`/api/notices/${local.id}/read`));
  board = ok(await contractor.get('/api/notices'));
  assert.equal(board.unread, 1);
  assert.equal(board.items.find((n) => n.id === local.id).read, true);
  assert.equal((await supervisor.post(`/api/notices/${local.id}/read`)).status, 404);
  assert.equal((await contractor.post(`/api/notices/${later.id}/read`)).status, 404);

  // Management: the authority lists and changes its own only; versions; withdraw.
  assert.deepEqual(ok(await authority.get('/api/admin/notices')).items.map((n) => n.id), [local.id]);
  assert.equal(ok(await admin.get('/api/admin/notices')).total, 3);
  assert.equal((await otherAuthority.put(`/api/admin/notices/${local.id}`, { version: 1, title: 'x', body: 'y', districts: [district] })).status, 404);
  const edited = ok(await authority.put(`/api/admin/notices/${local.id}`, { version: 1, title: '关于五月月度评价的提醒（更正）', body: '请于 6 月 10 日前完成。', roles: ['contractor'], districts: [district] }));
  assert.equal(edited.version, 2);
  assert.equal((await authority.put(`/api/admin/notices/${local.id}`, { version: 1, title: 'x', body: 'y', districts: [district] })).status, 409);
  assert.equal(ok(await authority.get('/api/admin/notices')).items[0].reads, 1);
  ok(await authority.post(`/api/admin/notices/${local.id}/withdraw`, { version: 2 }));
  assert.deepEqual(ok(await contractor.get('/api/notices')).items.map((n) => n.id), [city.id]);
  assert.equal((await authority.post(`/api/admin/notices/${local.id}/withdraw`, { version: 3 })).status, 409);
  const trail = sqlRows(server, `SELECT action FROM audit_log WHERE entity = 'notice' AND entity_id = ${local.id} ORDER BY id`).map((r) => r[0]);
  assert.deepEqual(trail, ['publish', 'edit', 'withdraw']);
});
