// Issue 12: the platform scaled out. One PostgreSQL, two `qsm serve` processes, and Debian's nginx
// in front. nginx ends TLS, checks enterprise certificates and balances round-robin. Everything
// goes through nginx, as a browser would: certificate, password and SMS logins, a declaration
// from 申报 to 已受理, and a monthly evaluation from 自评 to 复核提交. Requests land on both processes.
// In the middle one process is stopped with SIGTERM (it must drain), restarted, and then the other is
// killed with SIGKILL. Every acknowledged answer must read back at the end.
// The nginx site file is share/deploy/nginx.conf.template, the same file docs/deploy.md shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QSM, ROOT, DEMO_PASSWORD, demoProject, demoPerson, strangerIdNumber } from '../lib/server.mjs';

const PG = process.env.QSM_TEST_PG_URL;
const skip = PG ? false : 'QSM_TEST_PG_URL is not set: the scale-out test needs PostgreSQL (scripts/test starts a throwaway cluster)';
const NGINX = '/usr/sbin/nginx';
// A fixed clock, so the demo's dates, the reminders due and the month evaluated do not depend on
// the day the test runs. At 10:00 in Shanghai the 09:00 reminders are due.
const NOW = '2026-05-20T10:00:00+08:00';
const TODAY = '2026-05-20';
const PERIOD = '2026-05';
const REMINDER_TIME = '09:00';
// The first construction enterprise's first general contract: a project the demo leaves undeclared.
const P = demoProject(0);
const CONTRACTOR_MANAGER = demoPerson(P.general.manager_id_number);
const SUPERVISION_MANAGER = demoPerson(P.supervision.manager_id_number);
const MIGRATIONS = readdirSync(path.join(ROOT, 'src', 'store', 'migrations')).filter((f) => /^V\d+__.*\.sql$/.test(f)).length;

// Every process this file started, killed if the file ends early. The whole file is bounded: after
// BUDGET_MS the processes are killed, so whatever is still running fails at once and after() cleans up.
const children = new Set();
// nginx runs in a process group of its own (its workers outlive a killed master): the group is killed.
const killAll = () => {
  for (const c of children) try { if (c.group) process.kill(-c.pid, 'SIGKILL'); else c.kill('SIGKILL'); } catch { /* gone */ }
};
process.on('exit', killAll);
const BUDGET_MS = 120000;
let watchdog;

// ---------------------------------------------------------------------------------------------
// Processes: the cluster's databases, qsm serve, nginx.

let dir, db, dbName, migDb, migDbName, secret, certs, nginx;
const servers = {};  // A, B: the processes behind nginx now ({ name, port, child, stderr, exit })
const started = [];  // every qsm serve process behind nginx, in the order started

const adminUrl = (name) => PG.slice(0, PG.lastIndexOf('/') + 1) + name;
const psql = (url, sql) => execFileSync('psql', [url, '-XAtqc', sql], { encoding: 'utf8' }).trim();
const qsm = (args) => execFileSync(QSM, ['--db', db, '--secret-file', secret, ...args], { env: { ...process.env, QSM_NOW: NOW }, encoding: 'utf8' });

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// `qsm serve` on 127.0.0.1:port (0: any); resolves when it prints its address.
function startQsm(name, { url = db, port = 0, args = [] } = {}) {
  const child = spawn(QSM, ['--db', url, '--secret-file', secret, 'serve', '--listen', `127.0.0.1:${port}`,
    '--web-root', path.join(ROOT, 'web', 'dist'), '--workers', '2',
    '--trusted-proxy', '127.0.0.1/32', '--client-ca', path.join(certs, 'ca.pem'), '--second-factor', 'optional', ...args],
  { env: { ...process.env, QSM_NOW: NOW }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const s = { name, child, stderr: '', exit: new Promise((r) => child.once('exit', (code, signal) => { children.delete(child); r({ code, signal }); })) };
  child.stderr.on('data', (d) => { s.stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`qsm serve ${name} did not start:\n${s.stderr}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); s.port = Number(m[1]); s.addr = `127.0.0.1:${s.port}`; resolve(s); }
    });
    s.exit.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`qsm serve ${name} exited ${code ?? signal}:\n${s.stderr}`)); });
  });
}

async function stopQsm(s, signal) {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill(signal);
  return s.exit;
}

// The site file from share/deploy, filled in, inside a minimal nginx.conf whose paths all lie in
// the test's directory. One worker, so that round-robin strictly alternates between the servers.
function writeNginxConfig(port, upstreams) {
  const nginxDir = path.join(dir, 'nginx');
  mkdirSync(path.join(nginxDir, 'temp'), { recursive: true });
  const site = readFileSync(path.join(ROOT, 'share', 'deploy', 'nginx.conf.template'), 'utf8')
    .replace('{{UPSTREAM_SERVERS}}', upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=2s;`).join('\n'))
    .replace('{{LISTEN}}', `127.0.0.1:${port}`)
    .replace('{{SERVER_NAME}}', 'localhost')
    .replace('{{ACCESS_LOG}}', path.join(nginxDir, 'access.log'))
    .replace('{{SERVER_CERT}}', path.join(certs, 'server.pem'))
    .replace('{{SERVER_KEY}}', path.join(certs, 'server.key'))
    .replace('{{CLIENT_CA}}', path.join(certs, 'ca.pem'))
    .replace('{{VERIFY_DEPTH}}', '2');
  assert.ok(!/\{\{\w+\}\}/.test(site), 'every placeholder of the template is filled in');
  writeFileSync(path.join(nginxDir, 'qsm.conf'), site);
  const temp = (what) => `${what}_temp_path ${path.join(nginxDir, 'temp', what)};`;
  writeFileSync(path.join(nginxDir, 'nginx.conf'), [
    process.getuid() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    'events { worker_connections 512; }',
    'http {',
    `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
    `  access_log ${path.join(nginxDir, 'access.log')};`,
    `  include ${path.join(nginxDir, 'qsm.conf')};`,
    '}', ''].join('\n'));
  return nginxDir;
}

async function startNginx(upstreams) {
  const port = await freePort();
  const nginxDir = writeNginxConfig(port, upstreams);
  // Its output goes to a file, not a pipe: a worker left behind by a killed master would hold a pipe
  // open and keep this file's process alive for ever (seen under load: the watchdog killed the master).
  const stderrPath = path.join(nginxDir, 'stderr.log');
  const child = spawn(NGINX, ['-p', nginxDir, '-c', path.join(nginxDir, 'nginx.conf'),
    '-g', `daemon off; pid ${path.join(nginxDir, 'nginx.pid')}; error_log ${path.join(nginxDir, 'error.log')};`],
  { stdio: ['ignore', 'ignore', openSync(stderrPath, 'w')], detached: true });
  child.group = true;
  children.add(child);
  const stderr = () => readFileSync(stderrPath, 'utf8');
  const exit = new Promise((r) => child.once('exit', (code, signal) => { children.delete(child); r({ code, signal }); }));
  for (let i = 0; ; ++i) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}: ${stderr()}\n${readFileSync(path.join(nginxDir, 'error.log'), 'utf8')}`);
    const up = await new Promise((r) => { const s = net.connect(port, '127.0.0.1', () => { s.end(); r(true); }); s.on('error', () => r(false)); });
    if (up) break;
    if (i > 100) throw new Error(`nginx did not listen on ${port}: ${stderr()}`);
    await sleep(30);
  }
  return { child, port, base: `https://127.0.0.1:${port}`, dir: nginxDir, exit };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Clients through nginx (HTTPS, the dev CA trusted, an enterprise certificate when given).

// Every answer through nginx, and which server gave it (nginx's X-Upstream: "A" or "A, B" after a retry).
const answers = [];
// The acknowledged changes: what the server said it stored. Read back at the end.
const acked = {};
const recoveries = [];

class Browser {
  constructor(label, { uscc, cookies = false, localAddress } = {}) {
    this.label = label;
    this.cookies = cookies;
    const tls = { ca: readFileSync(path.join(certs, 'ca.pem')), rejectUnauthorized: true };
    if (uscc) Object.assign(tls, { cert: readFileSync(path.join(certs, 'clients', `${uscc}.pem`)), key: readFileSync(path.join(certs, 'clients', `${uscc}.key`)) });
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 16, localAddress, ...tls });
  }
  request(method, url, body, headers = {}) {
    const h = { ...headers };
    const data = body === undefined ? undefined : JSON.stringify(body);
    if (data !== undefined) h['content-type'] = 'application/json';
    if (this.token && !this.cookies) h.authorization = `Bearer ${this.token}`;
    if (this.cookie && this.cookies) {
      h.cookie = this.cookie;
      if (method !== 'GET') h['x-csrf-token'] = this.csrf;
    }
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const req = https.request(nginx.base + url, { method, headers: h, agent: this.agent, timeout: 10000 }, (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let json = null;
          try { json = JSON.parse(text); } catch { /* not JSON */ }
          const setCookie = res.headers['set-cookie'];
          if (setCookie) this.cookie = setCookie[0].split(';')[0];
          const upstream = res.headers['x-upstream'] || '';
          const a = { who: this.label, method, url, status: res.statusCode, json, text, raw, headers: res.headers, upstream,
            servers: upstream.split(', ').filter(Boolean).map(serverOf), started, ended: Date.now() };
          answers.push(a);
          resolve(a);
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in 10 s`)));
      req.on('error', reject);
      req.end(data);
    });
  }
  get(url, headers) { return this.request('GET', url, undefined, headers); }
  post(url, body = {}, headers) { return this.request('POST', url, body, headers); }
  put(url, body = {}, headers) { return this.request('PUT', url, body, headers); }
  remember(r) {
    this.token = r.json.token;
    this.csrf = r.json.me.csrf_token;
    return r.json.me;
  }
}

// "127.0.0.1:41234" → "A" (the process on that port now or before a restart).
const ports = {};
const serverOf = (addr) => ports[addr] || addr;

async function certificateLogin(label, uscc) {
  const b = new Browser(label, { uscc });
  const r = await b.post('/api/auth/certificate');
  assert.equal(r.status, 200, `${label} certificate login: ${r.text}`);
  b.me = b.remember(r);
  b.loginServer = r.servers.at(-1);
  return b;
}

async function passwordLogin(label, username, options) {
  const b = new Browser(label, options);
  const r = await b.post('/api/auth/password', { username, password: DEMO_PASSWORD });
  assert.equal(r.status, 200, `${label} password login: ${r.text}`);
  b.me = b.remember(r);
  b.loginServer = r.servers.at(-1);
  return b;
}

// SMS login of a site user; the code is read from the outbox of the same database.
async function smsLogin(label, role, person) {
  const b = new Browser(label);
  const sent = await b.post('/api/auth/sms-code', { role, name: person.name, id_number: person.id_number });
  assert.equal(sent.status, 200, `${label} sms-code: ${sent.text}`);
  const line = qsm(['sms-outbox', '--purpose', 'login', '--last', '1']).trim();
  assert.ok(line.includes(person.mobile), `the newest code went to ${label}'s mobile`);
  const code = line.split('\t')[2].match(/(\d{6})/)[1];
  const r = await b.post('/api/auth/sms-login', { role, name: person.name, id_number: person.id_number, code });
  assert.equal(r.status, 200, `${label} sms-login: ${r.text}`);
  b.me = b.remember(r);
  return b;
}

// Until an answer for this session comes from `server`: round-robin alternates, so it takes one or two.
async function getOn(b, url, server) {
  for (let i = 0; i < 6; ++i) {
    const r = await b.get(url);
    if (r.servers.at(-1) === server) return r;
  }
  throw new Error(`no answer from ${server} in 6 tries`);
}

// A state change that a dying server may leave unanswered. On 502/504 (or a 409 after nginx
// replayed an idempotent PUT on the other server), the client does what a person would: it reads
// the record; if the change is there, it is done; otherwise it sends it again with the version read.
async function change(b, method, url, body, { key, read, done }) {
  let r = await b.request(method, url, body);
  const replayed = r.status === 409 && r.servers.length > 1;
  if (r.status === 502 || r.status === 504 || replayed) {
    const now = await read();
    assert.equal(now.status, 200, `read back after ${r.status}: ${now.text}`);
    recoveries.push({ key, status: r.status, upstream: r.upstream, applied: done(now.json) });
    if (done(now.json)) r = { ...now, recoveredFrom: r.status };
    else r = await b.request(method, url, body.version === undefined ? body : { ...body, version: now.json.version });
  }
  assert.ok(r.status === 200 || r.status === 201, `${key}: ${r.status} ${r.text}`);
  acked[key] = r.json;
  return r.json;
}

// ---------------------------------------------------------------------------------------------

const rc = {};   // the clients, by role
let decl, month, tmpl;

before(async () => {
  if (skip) return;
  watchdog = setTimeout(() => { console.error(`scale-out test: over ${BUDGET_MS / 1000} s, killing its processes`); killAll(); }, BUDGET_MS);
  watchdog.unref();
  dir = mkdtempSync(path.join(tmpdir(), 'qsm-scaleout-'));
  secret = path.join(dir, 'qsm.secret');
  certs = path.join(dir, 'certs');
  const suffix = `${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  dbName = `qsm_scale_${suffix}`;
  migDbName = `qsm_scale_mig_${suffix}`;
  psql(PG, `CREATE DATABASE ${dbName}`);
  psql(PG, `CREATE DATABASE ${migDbName}`);
  db = adminUrl(dbName);
  migDb = adminUrl(migDbName);
  // The demo data and the dev CA (certs/ beside the secret file): server.pem, ca.pem, clients/<USCC>.pem.
  qsm(['demo', '--quiet']);
  assert.equal(qsm(['sms-outbox', '--purpose', 'reminder', '--last', '1000']).trim(), '', 'no reminder before the servers start');
  // Two servers started at the same moment; each runs the due reminders as soon as it is up.
  const [a, b] = await Promise.all(['A', 'B'].map((name) => startQsm(name, { args: ['--reminder-time', REMINDER_TIME] })));
  Object.assign(servers, { A: a, B: b });
  started.push(a, b);
  ports[a.addr] = 'A';
  ports[b.addr] = 'B';
  nginx = await startNginx([a.addr, b.addr]);
});

after(async () => {
  if (skip) return;
  clearTimeout(watchdog);
  const report = [];
  if (nginx) {
    nginx.child.kill('SIGQUIT');
    await nginx.exit;
    try { process.kill(-nginx.child.pid, 'SIGKILL'); } catch { /* the group is gone */ }
  }
  for (const s of Object.values(servers)) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      const { code } = await stopQsm(s, 'SIGTERM');
      if (code !== 0) report.push(`qsm serve ${s.name} exited ${code} on SIGTERM:\n${s.stderr.slice(-3000)}`);
    }
  }
  if (process.env.QSM_DEBUG) {
    for (const s of started) console.log(`--- qsm serve ${s.name} (${s.child.pid})\n${s.stderr}`);
    if (nginx) console.log(`--- nginx error.log\n${readFileSync(path.join(nginx.dir, 'error.log'), 'utf8')}`);
  }
  for (const name of [dbName, migDbName]) if (name) psql(PG, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (report.length) throw new Error(report.join('\n'));
});

test('two qsm serve processes started at once on an empty database migrate it exactly once', { skip, timeout: 20000 }, async () => {
  const pair = await Promise.all(['M1', 'M2'].map((name) => startQsm(name, { url: migDb, args: ['--reminder-time', 'off'] })));
  assert.equal(psql(migDb, 'SELECT count(*) || \' \' || count(DISTINCT version) FROM schema_migrations'), `${MIGRATIONS} ${MIGRATIONS}`);
  for (const s of pair) {
    const { code } = await stopQsm(s, 'SIGTERM');
    assert.equal(code, 0, `${s.name} exits 0 on SIGTERM:\n${s.stderr}`);
  }
});

test('nginx checks enterprise certificates, and qsm believes only the certificate nginx forwards', { skip, timeout: 15000 }, async () => {
  rc.contractor = await certificateLogin('contractor', P.contractor);
  assert.equal(rc.contractor.me.role, 'contractor');
  assert.equal(rc.contractor.me.enterprise.uscc, P.contractor);
  rc.supervisor = await certificateLogin('supervisor', P.supervision.enterprise_uscc);
  assert.equal(rc.supervisor.me.role, 'supervisor');

  // No certificate, but the header nginx would send: nginx replaces it, so qsm sees none.
  const pem = encodeURIComponent(readFileSync(path.join(certs, 'clients', `${P.contractor}.pem`), 'utf8'));
  const forged = await new Browser('forger').post('/api/auth/certificate', {}, { 'x-ssl-client-cert': pem });
  assert.equal(forged.status, 401, forged.text);
  assert.match(forged.json.error.message, /未检测到企业数字证书/);

  // A certificate of another CA is refused by nginx itself (ssl_verify_client optional: 400).
  const foreign = path.join(dir, 'foreign-ca');
  qsm(['dev-ca', '--out', foreign]);
  const stranger = new Browser('stranger');
  stranger.agent = new https.Agent({ ca: readFileSync(path.join(certs, 'ca.pem')), cert: readFileSync(path.join(foreign, 'clients', `${P.contractor}.pem`)),
    key: readFileSync(path.join(foreign, 'clients', `${P.contractor}.key`)) });
  const refused = await stranger.post('/api/auth/certificate');
  assert.equal(refused.status, 400);
  assert.equal(refused.upstream, '', 'nginx answered without asking a server');

  // qsm checks the forwarded certificate against --client-ca again: a proxy that let a foreign
  // certificate through (a misconfiguration) still gets no session.
  const foreignPem = encodeURIComponent(readFileSync(path.join(foreign, 'clients', `${P.contractor}.pem`), 'utf8'));
  const direct = await fetch(`http://${servers.A.addr}/api/auth/certificate`, { method: 'POST', headers: { 'x-ssl-client-cert': foreignPem, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(direct.status, 401);
  assert.match((await direct.json()).error.message, /数字证书无效/);

  // The authority logs in by password like a browser: cookie + CSRF token.
  rc.authority = await passwordLogin('authority', P.authority, { cookies: true });
  assert.equal(rc.authority.me.role, 'authority');
  assert.ok(rc.authority.cookie, 'a session cookie');
  const login = answers.findLast((a) => a.who === 'authority' && a.url === '/api/auth/password');
  assert.match(login.headers['set-cookie'][0], /; Secure/, 'Secure: nginx says it ended TLS (X-Forwarded-Proto)');

  // A web UI file one server lacks (a rolling upgrade) is asked of the other server.
  const asset = await rc.contractor.get('/assets/not-on-this-server-0000.js');
  assert.equal(asset.status, 404);
  assert.deepEqual([...asset.servers].sort(), ['A', 'B'], `both servers were asked: ${asset.upstream}`);

  // The servers' counters are per process: not through nginx, but on each server's own port.
  assert.equal((await rc.contractor.get('/metrics')).status, 404);
  for (const s of [servers.A, servers.B]) assert.match(await (await fetch(`http://${s.addr}/metrics`)).text(), /qsm_http_requests_total/);
});

test('site users log in by SMS through nginx; the code sent by one server is accepted by the other', { skip, timeout: 15000 }, async () => {
  rc.siteContractor = await smsLogin('site_contractor', 'site_contractor', CONTRACTOR_MANAGER);
  rc.siteSupervisor = await smsLogin('site_supervisor', 'site_supervisor', SUPERVISION_MANAGER);
  for (const b of [rc.siteContractor, rc.siteSupervisor]) {
    const [code, login] = answers.filter((a) => a.who === b.label && a.method === 'POST').slice(-2);
    assert.notEqual(code.servers.at(-1), login.servers.at(-1), `${b.label}: code and login on different servers`);
    assert.equal(b.me.contract_pending, true);
  }
});

test('a session made through one server is used on the other at once', { skip, timeout: 10000 }, async () => {
  for (const b of [rc.contractor, rc.supervisor, rc.authority]) {
    const other = b.loginServer === 'A' ? 'B' : 'A';
    const me = await getOn(b, '/api/me', other);
    assert.equal(me.status, 200, `${b.label} on ${other}: ${me.text}`);
    assert.equal(me.json.role, b.me.role);
  }
  // A cookie session's CSRF token, issued by one server, is checked by the other.
  const other = rc.authority.loginServer === 'A' ? 'B' : 'A';
  for (let i = 0; i < 4; ++i) {
    const r = await rc.authority.post('/api/auth/contract', { contract_id: 1 });  // a state change the role may not make
    assert.equal(r.status, 403, r.text);
    assert.notEqual(r.json.error.code, 'csrf_failed');
    if (r.servers.at(-1) === other) break;
  }
});

test('a password lockout counted on both servers locks the account on both', { skip, timeout: 10000 }, async () => {
  // Another authority's account, so that the workflow's authority is not locked.
  const b = new Browser('lockout');
  const tries = [];
  for (let i = 0; i < 5; ++i) tries.push(await b.post('/api/auth/password', { username: P.otherAuthority, password: 'wrong-password-1A' }));
  assert.deepEqual(tries.map((r) => r.status), [401, 401, 401, 401, 423]);
  assert.deepEqual(new Set(tries.map((r) => r.servers.at(-1))), new Set(['A', 'B']), 'the failures were counted by both servers');
  const right = [];
  for (let i = 0; i < 4; ++i) right.push(await b.post('/api/auth/password', { username: P.otherAuthority, password: DEMO_PASSWORD }));
  assert.deepEqual(new Set(right.map((r) => r.servers.at(-1))), new Set(['A', 'B']));
  for (const r of right) assert.equal(r.status, 423, `locked on ${r.servers.at(-1)} too, even with the right password: ${r.text}`);
});

// Found here: each process keeps session rows for up to a second (app::SessionCache::kTtl), and
// choosing a contract made only the process that took the choice forget its copy. Rows of sessions
// still waiting for their contract are no longer cached.
const choices = [];
test('a site user\'s contract, chosen on one server, is seen by the other at once', { skip, timeout: 10000 }, async () => {
  for (const [b, contract] of [[rc.siteContractor, P.general], [rc.siteSupervisor, P.supervision]]) {
    // Round-robin alternates: the contract list comes from one server (which reads the session),
    // the choice goes to the other, and the next request back to the first.
    const list = await b.get(`/api/auth/contracts?report_no=${encodeURIComponent(contract.report_no)}`);
    assert.equal(list.json?.items?.length, 1, list.text);
    const chosen = await b.post('/api/auth/contract', { contract_id: list.json.items[0].id });
    assert.equal(chosen.status, 200, chosen.text);
    const next = await b.get(`/api/declarations?page_size=1`);
    choices.push({ b, contract, at: chosen.ended, servers: [list, chosen, next].map((r) => r.servers.at(-1)), next });
  }
  for (const { b, servers: [listed, chose, asked], next } of choices) {
    assert.ok(listed === asked && chose !== asked, `list on ${listed}, choice on ${chose}, next request on ${asked}`);
    assert.equal(next.status, 200, `${b.label}: the contract chosen on ${chose} is known on ${asked}: ${next.text}`);
  }
});

test('a site user\'s contract is known on every server a second after the choice', { skip, timeout: 10000 }, async () => {
  assert.equal(choices.length, 2, 'both site users chose their contract');
  for (const { b, contract, at } of choices) {
    await sleep(Math.max(0, at + 1100 - Date.now()));
    for (const server of ['A', 'B']) {
      const me = await getOn(b, '/api/me', server);
      assert.equal(me.json.contract_pending, false, `${b.label} on ${server}`);
      assert.equal(me.json.contract.report_no, contract.report_no);
    }
  }
});

const form = (projectId) => ({
  project_id: projectId, quality_target: '优良', planned_start: '2026-03-01', planned_finish: '2027-12-31',
  overview: '框架-核心筒结构，地上 32 层，地下 3 层。',
  contractor_manager: { name: CONTRACTOR_MANAGER.name, mobile: CONTRACTOR_MANAGER.mobile },
  supervision_manager: { name: SUPERVISION_MANAGER.name, mobile: SUPERVISION_MANAGER.mobile },
});

const readDecl = () => rc.contractor.get(`/api/declarations/${decl.id}`);

test('a declaration goes from 申报 to 已受理 with requests on both servers', { skip, timeout: 10000 }, async () => {
  const { contractor, supervisor, authority } = rc;
  const projects = await contractor.get(`/api/projects?declarable=true&q=${P.regNo}`);
  assert.equal(projects.json.total, 1, projects.text);
  const projectId = projects.json.items[0].id;
  decl = await change(contractor, 'POST', '/api/declarations', form(projectId), {
    key: 'declaration.create',
    read: async () => { const l = await contractor.get(`/api/declarations?q=${P.regNo}`); return { ...l, json: l.json.items[0] ?? {} }; },
    done: (d) => d.status === 'draft',
  });
  assert.equal(decl.status, 'draft');
  const step = (b, action, body, to) => change(b, 'POST', `/api/declarations/${decl.id}/${action}`, { version: decl.version, ...body },
    { key: `declaration.${action}`, read: readDecl, done: (d) => d.status === to });
  decl = await step(contractor, 'submit', {}, 'submitted');
  decl = await step(supervisor, 'pass', {}, 'reviewed');
  decl = await step(authority, 'accept', { opinion: '同意受理' }, 'accepted');
  assert.equal(decl.status, 'accepted');
  assert.equal(decl.status_label, '已受理');
  assert.equal(decl.management_status, 'active');

  const writes = answers.filter((a) => a.method !== 'GET' && a.url.startsWith('/api/declarations'));
  const by = new Set(writes.map((a) => a.servers.at(-1)));
  assert.deepEqual([...by].sort(), ['A', 'B'], `the declaration's steps were answered by both servers: ${writes.map((a) => a.upstream).join(' | ')}`);
  tmpl = (await contractor.get(`/api/templates/${decl.template.code}/${decl.template.version}`)).json;
});

// Several slow requests at once (a PDF each, rendered on the servers' worker threads), so that
// some are in flight on a server when it is stopped.
function burst(b, url, n) {
  return Promise.all(Array.from({ length: n }, () => b.get(url).catch((e) => ({ status: 0, error: e, servers: [], upstream: '' }))));
}

const deduct = (...codes) => codes.map((clause) => ({ clause, problem: `条文 ${clause} 现场不符合要求` }));
const readMonth = () => rc.contractor.get(`/api/monthly/${month.id}`);
const sheetOf = (side) => ({ not_applicable: [...side.not_applicable].sort(), deductions: side.deductions.map((d) => ({ clause: d.clause, problem: d.problem })) });
let selfSheet, reviewSheet;

test('SIGTERM: server A drains its in-flight requests and exits 0; the monthly evaluation starts meanwhile', { skip, timeout: 15000 }, async (t) => {
  const { contractor } = rc;
  const pdfs = burst(contractor, `/api/declarations/${decl.id}/print.pdf`, 8);
  await sleep(40);
  const stoppedAt = Date.now();
  const stopped = stopQsm(servers.A, 'SIGTERM');
  // The month is created while A drains: A no longer accepts connections, so nginx, which has not
  // sent the POST anywhere yet, may pass it on to B.
  month = await change(contractor, 'POST', `/api/declarations/${decl.id}/monthly`, { period: PERIOD }, {
    key: 'monthly.create',
    read: async () => { const l = await contractor.get(`/api/declarations/${decl.id}/monthly`); return { ...l, json: (l.json.items ?? []).find((m) => m.period === PERIOD) ?? {} }; },
    done: (m) => m.period === PERIOD,
  });
  assert.equal(month.status, 'draft');
  const done = await pdfs;
  for (const r of done) {
    assert.equal(r.status, 200, `a PDF during the drain: ${r.status} ${r.error ?? ''} via ${r.upstream}`);
    assert.equal(r.raw.subarray(0, 5).toString(), '%PDF-');
  }
  const created = answers.findLast((a) => a.method === 'POST' && a.url === `/api/declarations/${decl.id}/monthly`);
  t.diagnostic(`PDFs (server@ms after SIGTERM): ${done.map((r) => `${r.servers.join('>')}@${r.ended - stoppedAt}`).join(' ')}; month created via ${created.servers.join('>')}`);
  const drained = done.filter((r) => r.servers.length === 1 && r.servers[0] === 'A' && r.ended > stoppedAt);
  assert.ok(drained.length > 0, 'A finished requests it had when SIGTERM came');
  const { code } = await stopped;
  assert.equal(code, 0, `A exits 0 after draining:\n${servers.A.stderr.slice(-2000)}`);
  assert.match(servers.A.stderr, /finishing in-flight requests/);

  // With A gone, B answers everything.
  const item = tmpl.check_items.find((i) => i.sub_items.length >= 2);
  const na = tmpl.check_items.find((i) => i.code !== item.code);
  selfSheet = { not_applicable: [na.code], deductions: deduct(item.sub_items[0].clauses[0].code, item.sub_items[1].clauses[0].code) };
  month = await change(contractor, 'PUT', `/api/monthly/${month.id}/self-sheet`, { version: month.version, ...selfSheet }, {
    key: 'monthly.self-sheet', read: readMonth, done: (m) => m.version > month.version,
  });
  assert.equal(month.self_score, month.self.result.score);
  const later = answers.filter((a) => a.started > stoppedAt + 50 && a.who === 'contractor');
  assert.ok(later.every((a) => a.status < 500 && a.servers.at(-1) === 'B'), `after A stopped, B answers: ${later.map((a) => a.upstream).join(' | ')}`);
});

test('SIGKILL: server B dies with a POST in flight; the client recovers, nginx moves to the restarted A, nothing acknowledged is lost', { skip, timeout: 20000 }, async (t) => {
  const { siteSupervisor, contractor } = rc;
  // A comes back on its port; nginx tries it again after fail_timeout (2 s).
  servers.A = await startQsm('A', { port: servers.A.port, args: ['--reminder-time', REMINDER_TIME] });
  started.push(servers.A);
  let onA = false;
  for (let i = 0; i < 60 && !onA; ++i) {
    onA = (await contractor.get('/api/me')).servers.at(-1) === 'A';
    if (!onA) await sleep(100);
  }
  assert.ok(onA, 'nginx sends requests to the restarted A');

  // The months' table is locked from outside (psql holds ACCESS EXCLUSIVE, which blocks reads too),
  // so every request that reads the month waits inside whichever server takes it. Round-robin
  // alternates: after a request on B, 15 PDFs (8 on A, 7 on B) wait on the lock, and the 17th
  // request, the submission, goes to B and waits there too; B is killed with all of them in flight,
  // and the lock is let go. (A row lock let B's PDFs finish before the kill on a fast machine.)
  const locker = spawn('psql', [db, '-XAtq'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const locked = new Promise((resolve) => {
    let out = '';
    locker.stdout.on('data', (d) => { out += d; if (out.includes('locked')) resolve(); });
  });
  locker.stdin.write("BEGIN; LOCK TABLE monthly_evaluations IN ACCESS EXCLUSIVE MODE; SELECT 'locked';\n");
  await locked;
  await getOn(contractor, '/api/me', 'B');
  const pdfs = burst(contractor, `/api/monthly/${month.id}/print.pdf`, 15);
  await sleep(40);
  const submitting = change(contractor, 'POST', `/api/monthly/${month.id}/submit`, { version: month.version }, {
    key: 'monthly.submit', read: readMonth, done: (m) => m.status === 'submitted',
  });
  await sleep(300);
  const killedAt = Date.now();
  servers.B.child.kill('SIGKILL');
  locker.stdin.end('ROLLBACK;\n');
  month = await submitting;
  assert.equal(month.status, 'submitted');
  const { signal } = await servers.B.exit;
  assert.equal(signal, 'SIGKILL');
  // nginx does not send a POST it already sent to a second server: the client saw 502, read the
  // month (still 待提交: B died before its turn) and submitted again, on A.
  const tries = answers.filter((a) => a.method === 'POST' && a.url === `/api/monthly/${month.id}/submit`);
  t.diagnostic(`submission: ${tries.map((a) => `${a.status} via ${a.servers.join('>')}`).join(', then ')}; recoveries ${JSON.stringify(recoveries)}`);
  assert.deepEqual(tries.map((a) => [a.status, a.servers.join('>')]), [[502, 'B'], [200, 'A']]);
  assert.deepEqual(recoveries.at(-1), { key: 'monthly.submit', status: 502, upstream: tries[0].upstream, applied: false });
  for (const r of await pdfs) {
    // A GET in flight on B is replayed on A by nginx; none fails.
    assert.equal(r.status, 200, `a PDF while B died: ${r.status} ${r.error ?? ''} via ${r.upstream}`);
    assert.equal(r.raw.subarray(0, 5).toString(), '%PDF-');
  }
  const inFlight = answers.filter((a) => a.started < killedAt && a.ended > killedAt);
  t.diagnostic(`in flight at SIGKILL: ${inFlight.map((r) => `${r.method} ${r.url.replace(/^\/api\/\w+\/\d+\//, '')} ${r.status} ${r.servers.join('>')}`).join('; ')}`);
  assert.ok(inFlight.some((r) => r.method === 'GET' && r.servers.join('>') === 'B>A'), 'a GET in flight on B was answered by A');

  // The review, on the survivor.
  const r0 = await siteSupervisor.get(`/api/monthly/${month.id}`);
  assert.equal(r0.status, 200, r0.text);
  const item = tmpl.check_items.find((i) => i.sub_items.length >= 2);
  reviewSheet = { not_applicable: [...selfSheet.not_applicable], deductions: deduct(item.sub_items[0].clauses[0].code, item.sub_items[0].clauses[1].code) };
  month = await change(siteSupervisor, 'PUT', `/api/monthly/${month.id}/review-sheet`, { version: r0.json.version, ...reviewSheet }, {
    key: 'monthly.review-sheet', read: readMonth, done: (m) => m.status === 'reviewed',
  });
  assert.equal(month.status, 'reviewed');
  month = await change(siteSupervisor, 'POST', `/api/monthly/${month.id}/review-submit`, { version: month.version }, {
    key: 'monthly.review-submit', read: readMonth, done: (m) => m.status === 'filed',
  });
  assert.equal(month.status, 'filed');
  const later = answers.filter((a) => a.started > killedAt + 50);
  assert.ok(later.length > 0 && later.every((a) => a.status < 500 && a.servers.at(-1) === 'A'), `after B died, A answers: ${later.map((a) => `${a.status}@${a.upstream}`).join(' | ')}`);
});

test('the day\'s overdue reminders went out once across all the processes', { skip, timeout: 10000 }, async () => {
  const runs = psql(db, `SELECT holder || '|' || (finished_at IS NOT NULL) || '|' || sent FROM reminder_runs WHERE day = '${TODAY}'`).split('\n').filter(Boolean);
  assert.equal(runs.length, 1, 'one run row (the lease) for the day');
  const [holder, finished, sent] = runs[0].split('|');
  assert.equal(finished, 'true');
  assert.ok(started.slice(0, 2).some((s) => holder === `qsm serve ${s.child.pid}`), `the lease is held by the first A or B: ${holder}`);
  const rows = psql(db, `SELECT declaration_id || ' ' || period || ' ' || lateness FROM reminders WHERE day = '${TODAY}'`).split('\n').filter(Boolean);
  assert.ok(rows.length > 0, 'the demo has overdue months');
  assert.equal(new Set(rows).size, rows.length, 'one reminder per month and lateness');
  // And the demo's overdue rectification order (issue 24), under the same lease.
  const orders = psql(db, `SELECT rectification_id FROM rectification_reminders WHERE day = '${TODAY}'`).split('\n').filter(Boolean);
  assert.equal(orders.length, 1, 'the demo\'s overdue order');
  assert.equal(Number(sent), rows.length + orders.length);
  const outbox = qsm(['sms-outbox', '--purpose', 'reminder', '--last', '1000']).trim().split('\n').filter(Boolean);
  assert.equal(outbox.length, rows.length + orders.length, `one SMS per reminder:\n${outbox.join('\n')}`);
  assert.equal(new Set(outbox.map((l) => l.split('\t').slice(1).join('\t'))).size, outbox.length, 'no SMS twice');
  // The first A and B, and the restarted A, all checked at start-up; one of them sent.
  const senders = started.filter((s) => new RegExp(`reminders of ${TODAY}: \\d+ sent`).test(s.stderr));
  assert.equal(senders.length, 1, `one process logged a run: ${senders.map((s) => `${s.name} ${s.child.pid}`)}`);
  assert.equal(holder, `qsm serve ${senders[0].child.pid}`);
});

test('everything acknowledged reads back through nginx, and the audit chain verifies', { skip, timeout: 10000 }, async () => {
  const d = (await readDecl()).json;
  assert.equal(d.status, 'accepted');
  assert.equal(d.version, acked['declaration.accept'].version);
  assert.equal(d.overview, form(0).overview);
  const summary = (await rc.contractor.get(`/api/declarations/${decl.id}/summary`)).json;
  // The declaration's timeline, its month's included; "open" is the quarter's registration opening
  // when the month is filed. Every acknowledged change is there once.
  assert.deepEqual(summary.audit.map((a) => a.action),
    ['create', 'submit', 'pass', 'accept', 'create', 'save_self', 'submit', 'save_review', 'review_submit', 'open']);

  const m = (await readMonth()).json;
  assert.equal(m.status, 'filed');
  assert.equal(m.version, acked['monthly.review-submit'].version);
  assert.deepEqual(sheetOf(m.self), sheetOf(selfSheet));
  assert.deepEqual(sheetOf(m.review), sheetOf(reviewSheet));
  assert.equal(m.self_score, acked['monthly.self-sheet'].self_score);
  assert.equal(m.review_score, acked['monthly.review-sheet'].review.result.score);
  const months = (await rc.contractor.get(`/api/declarations/${decl.id}/monthly`)).json.items.filter((x) => x.period === PERIOD);
  assert.equal(months.length, 1, 'one evaluation for the month');
  const verify = qsm(['audit', 'verify']);
  assert.match(verify, /审计链完整/);
});

test('the client\'s own address reaches qsm behind nginx (audit trail, login log, per-address limits)', { skip, timeout: 10000 }, async () => {
  // The client connects from 127.0.0.2; nginx connects to qsm from 127.0.0.1 and says so in X-Real-IP.
  // The login log is the auditor's (issue 21).
  const auditor = await passwordLogin('auditor', 'auditor', { localAddress: '127.0.0.2' });
  const log = await auditor.get('/api/admin/login-log?page_size=1');
  assert.equal(log.status, 200, log.text);
  assert.equal(log.json.items[0].who.includes('auditor'), true);
  assert.equal(log.json.items[0].ip, '127.0.0.2');
});

test('the per-address limit on SMS codes counts each client behind nginx, not nginx', { skip, timeout: 15000 }, async () => {
  // 30 requests an hour per address (service/auth_service.hpp kSmsCodesPerAddress), counted before
  // the person is looked up. 30 clients on 30 addresses ask once each; a 31st, elsewhere, asks once.
  const ask = (i) => new Browser(`sms ${i}`, { localAddress: `127.0.0.${10 + i}` })
    .post('/api/auth/sms-code', { role: 'site_contractor', name: '无此人', id_number: strangerIdNumber(700 + i) });  // one number each: no per-number limit in the way
  const first = [];
  for (let i = 0; i < 30; ++i) first.push((await ask(i)).status);
  assert.ok(first.every((s) => s !== 429), `30 clients, one request each: ${first}`);
  const r = await ask(40);
  assert.notEqual(r.status, 429, `a client's first request is not refused for other clients' requests: ${r.text}`);
});

test('docs/deploy.md shows the nginx template that this test runs', { skip: false }, () => {
  const doc = readFileSync(path.join(ROOT, 'docs', 'deploy.md'), 'utf8');
  const template = readFileSync(path.join(ROOT, 'share', 'deploy', 'nginx.conf.template'), 'utf8');
  assert.ok(doc.includes(template.trim()), 'docs/deploy.md contains share/deploy/nginx.conf.template verbatim');
});
