// Issue 21, the server's own defences: a large body only from a caller allowed to send one (checked
// from the headers before the body is read), connections per address, CPU-heavy work on a pool of its
// own, HTTPS-only with a redirect, requests shaped for smuggling, JSON bodies that say so and name
// each key once, invisible formatting characters in text, and a site supervisor kept from drafts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import https from 'node:https';
import { statSync } from 'node:fs';
import { startServer, Client, DEMO_PASSWORD, accountClient, siteClient, certificateClient, demoProject, demoPerson } from '../lib/server.mjs';

let server;
before(async () => {
  server = await startServer({ tls: true, args: ['--trusted-proxy', '127.0.0.1/32', '--workers', '2', '--heavy-workers', '1',
    '--max-connections-per-address', '400'] });
});
after(async () => { await server.stop(); });

/** Sends raw bytes on a new connection; resolves with everything the server wrote before it closed (or after `ms`). */
function raw(base, bytes, { ms = 3000 } = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    let out = '';
    const timer = setTimeout(() => { socket.destroy(); resolve({ text: out, closed: false }); }, ms);
    socket.on('data', (d) => { out += d; });
    socket.on('close', () => { clearTimeout(timer); resolve({ text: out, closed: true }); });
    socket.on('error', () => {});
  });
}
const statusOf = (text) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
const hostOf = () => new URL(server.base).host;

test('a 60 MiB upload is refused from the headers alone unless the caller may import', async () => {
  const head = (extra) => `POST /api/admin/registry HTTP/1.1\r\nHost: ${hostOf()}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${60 << 20}\r\n${extra}\r\n`;
  // Nobody logged in: 401 at once, without the server waiting for (and buffering) 60 MiB.
  const anonymous = await raw(server.base, head(''));
  assert.equal(statusOf(anonymous.text), 401, anonymous.text);
  assert.ok(anonymous.closed);
  // An authority has a session but not the permission: 403.
  const authority = await accountClient(server, 'jdz_hp');
  const forbidden = await raw(server.base, head(`Authorization: Bearer ${authority.token}\r\n`));
  assert.equal(statusOf(forbidden.text), 403, forbidden.text);
  // The administrator may: the server waits for the body (no answer before it arrives).
  const admin = await accountClient(server, 'admin');
  const allowed = await raw(server.base, head(`Authorization: Bearer ${admin.token}\r\n`), { ms: 1500 });
  assert.equal(allowed.text, '', 'the administrator\'s upload is read, not refused');
});

test('requests shaped for smuggling, or HTTP/1.1 without Host, get 400 and the connection closes', async () => {
  const cases = [
    `POST /api/auth/password HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    `POST /api/auth/password HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}`,
    `POST /api/auth/password HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`,
    `GET /api/health HTTP/1.1\r\n\r\n`,
  ];
  for (const bytes of cases) {
    const r = await raw(server.base, bytes);
    assert.equal(statusOf(r.text), 400, `${JSON.stringify(bytes)} → ${r.text}`);
    assert.ok(r.closed, 'closed after the 400');
  }
  assert.equal(statusOf((await raw(server.base, `GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)).text), 200);
});

test('a JSON endpoint takes only application/json: a cross-site form cannot post a login', async () => {
  const body = JSON.stringify({ username: 'admin', password: DEMO_PASSWORD });
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
    const r = await fetch(`${server.base}/api/auth/password`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
    assert.equal(r.status, 415, type);
    assert.equal((await r.json()).error.code, 'unsupported_media_type');
  }
  const ok = await fetch(`${server.base}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=utf-8' }, body });
  assert.equal(ok.status, 200);
});

test('a key named twice in one object is refused, not silently resolved', async () => {
  const admin = await accountClient(server, 'admin');
  const r = await admin.post('/api/auth/password/change', '{"old_password":"x","new_password":"Aa1!aaaaaaaa","new_password":"Bb2@bbbbbbbb"}');
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.error.message, /new_password.*两次/);
});

test('bidirectional overrides and zero-width characters are refused in names and free text', async () => {
  const contractor = await certificateClient(server, demoProject(0).contractor);
  const declarations = await contractor.get('/api/declarations?status=accepted');
  const d = declarations.json.items[0];
  for (const sneaky of ['\u202E', '\u200B', '\u2066', '\uFEFF', '\u200D']) {
    const r = await contractor.post(`/api/declarations/${d.id}/termination`, { reason: `工程停建${sneaky}，申请终止` });
    assert.equal(r.status, 422, `U+${sneaky.codePointAt(0).toString(16)}: ${r.text}`);
    assert.match(JSON.stringify(r.json.error.details), /不可见的格式字符/);
  }
  // In the address too (query text reaches statements).
  const q = await contractor.get(`/api/declarations?q=${encodeURIComponent('黄浦\u202E')}`);
  assert.equal(q.status, 422);
});

test('a site supervisor does not read the contractor\'s unsubmitted draft', async () => {
  const p = demoProject(4);  // a general contract of the first contractor whose project the demo did not declare
  const contractor = await certificateClient(server, p.contractor);
  const declarable = await contractor.get(`/api/projects?declarable=true&q=${p.regNo}`);
  assert.equal(declarable.json.total, 1, declarable.text);
  const person = (id) => { const x = demoPerson(id); return { name: x.name, mobile: x.mobile }; };
  const created = await contractor.post('/api/declarations', {
    project_id: declarable.json.items[0].id, quality_target: '合格', planned_start: '2026-03-01', planned_finish: '2027-12-31',
    overview: '草稿', contractor_manager: person(p.general.manager_id_number), supervision_manager: person(p.supervision.manager_id_number),
  });
  assert.equal(created.status, 201, created.text);
  const site = await siteClient(server, 'site_supervisor', demoPerson(p.supervision.manager_id_number), p.supervision);
  assert.equal((await site.get(`/api/declarations/${created.json.id}`)).status, 404, 'a draft is the contractor\'s own');
  assert.equal((await site.get('/api/declarations')).json.items.some((x) => x.id === created.json.id), false);
  const submitted = await contractor.post(`/api/declarations/${created.json.id}/submit`, { version: created.json.version });
  assert.equal(submitted.status, 200, submitted.text);
  assert.equal((await site.get(`/api/declarations/${created.json.id}`)).status, 200, 'once submitted it is the supervisor\'s to review');
});

test('a login burst runs on its own pool: a read is answered while the logins still wait', async () => {
  const started = Date.now();
  const order = [];
  const logins = Array.from({ length: 16 }, (_, i) => new Client(server.base)
    .post('/api/auth/password', { username: 'jdz_hp', password: `Wrong@burst${i}` }, { 'x-real-ip': `10.88.0.${i + 1}` })
    .then((r) => { order.push('login'); return r; }));
  await new Promise((r) => setTimeout(r, 50));
  const health = await fetch(`${server.base}/api/health`).then((r) => { order.push('health'); return r; });
  assert.equal(health.status, 200);
  await Promise.all(logins);
  // argon2id runs one at a time on the heavy pool; the read did not queue behind them.
  assert.ok(order.indexOf('health') < 8, `health answered after ${order.indexOf('health')} of 16 logins (${Date.now() - started} ms in all)`);
});

test('more heavy requests than the queue holds: 503 with Retry-After, nothing lost', async () => {
  const r = await Promise.all(Array.from({ length: 48 }, (_, i) => new Client(server.base)
    .post('/api/auth/password', { username: `nobody-${i}`, password: 'Wrong@pass1' }, { 'x-real-ip': `10.89.0.${i + 1}` })));
  const busy = r.filter((x) => x.status === 503);
  assert.ok(busy.length > 0, 'some were turned away');
  assert.ok(busy.every((x) => x.headers.get('retry-after') === '2' && x.json.error.code === 'unavailable'));
  assert.ok(r.every((x) => x.status === 503 || x.status === 401));
});

test('connections per address are capped; a trusted proxy is not', async () => {
  const capped = await startServer({ demo: false, args: ['--max-connections-per-address', '8'] });
  const { port } = new URL(capped.base);
  const sockets = [];
  try {
    for (let i = 0; i < 8; i++) {
      const s = net.connect(Number(port), '127.0.0.1');
      await new Promise((r) => s.once('connect', r));
      sockets.push(s);
    }
    const ninth = await raw(capped.base, `GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n`, { ms: 2000 });
    assert.equal(ninth.text, '', 'the ninth connection is closed unanswered');
    assert.ok(ninth.closed);
    sockets.pop().destroy();
    await new Promise((r) => setTimeout(r, 200));
    const again = await raw(capped.base, `GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(again.text), 200, 'a freed slot is usable');
  } finally {
    for (const s of sockets) s.destroy();
    await capped.stop();
  }
});

test('--http-redirect: the plain port only redirects to HTTPS, HTTPS answers carry HSTS', async () => {
  const secure = await startServer({ demo: false, tls: true, args: ['--http-redirect'] });
  try {
    const r = await fetch(`${secure.base}/login?next=%2Fdashboard`, { redirect: 'manual' });
    assert.equal(r.status, 308);
    const tlsPort = new URL(secure.tlsBase).port;
    assert.equal(r.headers.get('location'), `https://127.0.0.1:${tlsPort}/login?next=%2Fdashboard`);
    const login = await fetch(`${secure.base}/api/auth/password`, { method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/json' }, body: '{"username":"admin","password":"x"}' });
    assert.equal(login.status, 308, 'a password never goes over plain HTTP');
    const hsts = await new Promise((resolve, reject) => {
      https.get(`${secure.tlsBase}/api/health`, { rejectUnauthorized: false }, (res) => { res.resume(); resolve(res.headers['strict-transport-security']); })
        .on('error', reject);
    });
    assert.match(hsts ?? '', /max-age=\d+/);
  } finally { await secure.stop(); }
});

test('the database and secret files are the owner\'s alone', { skip: !server?.db?.startsWith?.('sqlite:') && (process.env.QSM_TEST_BACKEND === 'postgresql') && 'SQLite only' }, () => {
  if (!server.db.startsWith('sqlite:')) return;
  assert.equal(statSync(server.db.slice('sqlite:'.length)).mode & 0o777, 0o600);
  assert.equal(statSync(server.secret).mode & 0o777, 0o600);
});

test('a workflow action refuses a role its state machine never lets take it with 403, before the body is read (issue 22)', async () => {
  const p = demoProject(0);
  const supervisor = await certificateClient(server, p.supervision.enterprise_uscc);
  const contractor = await certificateClient(server, p.contractor);
  const site = await siteClient(server, 'site_contractor', demoPerson(p.general.manager_id_number), p.general);
  // Another station's account: an earlier test here locks the project's own with wrong passwords.
  const authority = await accountClient(server, p.otherAuthority);
  const cases = [
    [supervisor, 'POST', '/api/declarations/1/accept'],      // the authority's
    [supervisor, 'POST', '/api/declarations/1/submit'],      // the contractor's
    [contractor, 'POST', '/api/declarations/1/pass'],        // the supervisor's
    [authority, 'PUT', '/api/declarations/1'],               // the contractor's edit
    [contractor, 'PUT', '/api/monthly/1/review-sheet'],      // the site supervisor's
    [site, 'PUT', '/api/monthly/1/self-sheet'],              // the enterprise's
    [authority, 'POST', '/api/completions/1/resubmit'],      // the contractor's
    [contractor, 'POST', '/api/suspensions/1/register'],     // the authority's
    [authority, 'POST', '/api/suspensions/1/withdraw'],      // the contractor's
  ];
  for (const [who, method, url] of cases) {
    for (const body of [{}, 'not json', { version: 1, opinion: 'x'.repeat(5000) }]) {
      const r = await who.request(method, url, body);
      assert.equal(r.status, 403, `${method} ${url} ${JSON.stringify(body).slice(0, 20)} → ${r.status} ${r.text}`);
      assert.equal(r.json.error.code, 'forbidden');
    }
  }
  // openapi's x-roles are the actors: accept is the authority's alone.
  const api = await (await fetch(`${server.base}/api/openapi.json`)).json();
  assert.deepEqual(api.paths['/api/declarations/{id}/accept'].post['x-roles'], ['authority']);
  assert.deepEqual(api.paths['/api/declarations/{id}/pass'].post['x-roles'], ['supervisor']);
  assert.deepEqual(api.paths['/api/monthly/{id}/self-sheet'].put['x-roles'], ['contractor']);
});
