// The foundation through HTTP: health, openapi, errors, limits, static UI, registry import, templates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, Client, ROOT } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const data = (name) => readFileSync(path.join(ROOT, 'tests', 'data', name), 'utf8');

test('health answers without a session', async () => {
  const r = await new Client(server.base).get('/api/health');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
  assert.equal(r.json.projects, 30);
  assert.ok(r.headers.get('x-request-id'));
});

test('openapi.json lists every route with its summary', async () => {
  const r = await new Client(server.base).get('/api/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi, '3.0.3');
  for (const p of ['/api/health', '/api/projects', '/api/admin/registry', '/api/templates/{code}/{version}', '/api/auth/password'])
    assert.ok(r.json.paths[p], `missing ${p}`);
  assert.ok(r.json.paths['/api/projects'].get.summary);
});

test('unknown API paths and methods answer with the error envelope', async () => {
  const c = new Client(server.base);
  const missing = await c.get('/api/nothing-here');
  assert.equal(missing.status, 404);
  assert.equal(missing.json.error.code, 'not_found');
  const method = await c.request('DELETE', '/api/health');
  assert.equal(method.status, 405);
  assert.equal(method.json.error.code, 'method_not_allowed');
});

test('protected endpoints need a session: 401, never data', async () => {
  const r = await new Client(server.base).get('/api/projects');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthenticated');
  assert.match(r.json.error.message, /登录/);
});

test('malformed JSON is 400 with a Chinese message; the body limit is 413', async () => {
  const c = new Client(server.base);
  const bad = await c.post('/api/auth/password', '{"username": ');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.code, 'bad_request');
  const big = await c.post('/api/auth/password', JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }));
  assert.equal(big.status, 413);
  assert.equal(big.json.error.code, 'payload_too_large');
});

test('the web UI is served with history fallback and cache headers', async () => {
  const c = new Client(server.base);
  const index = await c.get('/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /text\/html/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const route = await c.get('/registry/projects');
  assert.equal(route.status, 200);
  assert.equal(route.text, index.text);
  const asset = index.text.match(/\/assets\/[^"]+\.js/);
  assert.ok(asset, 'index.html references a hashed asset');
  const js = await c.get(asset[0]);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /javascript/);
  assert.match(js.headers.get('cache-control'), /immutable/);
  assert.equal((await c.get('/assets/nope.js')).status, 404);

  // Precompressed variants (scripts/precompress.mjs): the smallest one the client accepts, the same bytes.
  const raw = (path, encoding) => new Promise((resolve, reject) => {
    http.get(server.base + path, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  const plain = await raw(asset[0]);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.headers.vary, 'Accept-Encoding');
  const br = await raw(asset[0], 'gzip, deflate, br');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.ok(br.body.length < plain.body.length);
  assert.deepEqual(zlib.brotliDecompressSync(br.body), plain.body);
  const gz = await raw(asset[0], 'gzip, br;q=0');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.deepEqual(zlib.gunzipSync(gz.body), plain.body);
  assert.match(gz.headers['cache-control'], /immutable/);
});

test('every answer carries the security headers: no inline script, never framed, no sniffing', async () => {
  const c = new Client(server.base);
  for (const url of ['/', '/api/health', '/api/declarations', '/assets/nothing.js']) {
    const r = await c.get(url);
    const csp = r.headers.get('content-security-policy') || '';
    assert.match(csp, /script-src 'self'(;|$)/, `${url}: ${csp}`);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-(inline|eval)/, url);
    assert.match(csp, /frame-ancestors 'none'/, url);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', url);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', url);
    assert.equal(r.headers.get('referrer-policy'), 'same-origin', url);
  }
  // The built page loads its script from a file, so the policy does not stop the UI.
  const page = await c.get('/');
  assert.doesNotMatch(page.text, /<script(?![^>]*\bsrc=)[^>]*>/);
});

test('a login always starts a new session (no fixation): the token sent along is not kept', async () => {
  const a = new Client(server.base, { cookies: true });
  await a.loginPassword('admin');
  const first = a.cookie;
  await a.loginPassword('admin');
  assert.notEqual(a.cookie, first);
  assert.match(a.cookie, /^qsm_session=[0-9a-f]{64}$/);
});

test('only the admin imports the registry; a bad file names both problems and changes nothing', async () => {
  const authority = new Client(server.base);
  await authority.loginPassword('jdz_hp');
  const forbidden = await authority.post('/api/admin/registry', data('registry-small.json'));
  assert.equal(forbidden.status, 403);

  const admin = new Client(server.base);
  await admin.loginPassword('admin');
  const before = (await admin.get('/api/projects?page_size=1')).json.total;
  const refused = await admin.post('/api/admin/registry', data('registry-bad.json'));
  assert.equal(refused.status, 422);
  assert.equal(refused.json.error.code, 'validation_failed');
  const paths = refused.json.error.details.problems.map((p) => p.path);
  assert.deepEqual(paths, ['$.enterprises[1].uscc', '$.contracts[2].project_registration_no']);
  assert.equal((await admin.get('/api/projects?page_size=1')).json.total, before);

  const ok = await admin.post('/api/admin/registry', data('registry-small.json'));
  assert.equal(ok.status, 200);
  assert.equal(ok.json.counts.projects, 2);
  assert.equal((await admin.get('/api/projects?page_size=1')).json.total, before + 2);
});

test('templates: load with every problem listed, read back by code and version', async () => {
  const admin = new Client(server.base);
  await admin.loginPassword('admin');
  const bad = await admin.post('/api/admin/templates', data('template-bad.json'));
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.details.problems.length >= 4);
  const t = await admin.get('/api/templates/SH-QS/1');
  assert.equal(t.status, 200);
  const sum = t.json.check_items.reduce((s, c) => s + c.standard_score, 0);
  assert.equal(sum, 100);
  assert.equal((await admin.get('/api/templates/SH-QS/99')).status, 404);
  assert.equal((await admin.get('/api/templates/current')).json.version, 1);
});

test('project list: scope, query, sorting, paging and its validation', async () => {
  const hp = new Client(server.base);
  await hp.loginPassword('jdz_hp');
  const page = await hp.get('/api/projects?page_size=100');
  assert.equal(page.status, 200);
  assert.ok(page.json.total > 0 && page.json.total < 30);
  for (const p of page.json.items) assert.equal(p.authority.code, 'HP');
  const first = page.json.items[0];
  assert.match(first.general.manager.mobile_masked, /^1\d\d\*\*\*\*\d{4}$/);
  const sorted = await hp.get('/api/projects?sort=-registration_no&page_size=100');
  const nos = sorted.json.items.map((p) => p.registration_no);
  assert.deepEqual(nos, [...nos].sort().reverse());
  const found = await hp.get(`/api/projects?q=${encodeURIComponent(first.name.slice(0, 4))}`);
  assert.ok(found.json.items.some((p) => p.id === first.id));
  const paged = await hp.get('/api/projects?page=2&page_size=2');
  assert.equal(paged.json.page, 2);
  assert.ok(paged.json.items.length <= 2);
  const bad = await hp.get('/api/projects?page_size=1000&sort=evil');
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.details.fields.page_size);
  const wild = await hp.get('/api/projects?q=%25');
  assert.equal(wild.json.total, 0, 'a % in the query is a literal, not a wildcard');
});

test('no response carries a full ID-card number', async () => {
  const admin = new Client(server.base);
  await admin.loginPassword('admin');
  const registry = JSON.parse(readFileSync(path.join(ROOT, 'share', 'demo', 'registry.json'), 'utf8'));
  const ids = registry.persons.map((p) => p.id_number);
  const r = await admin.get('/api/projects?page_size=100');
  for (const id of ids) assert.equal(r.text.includes(id), false);
});

test('SIGTERM drains and exits 0', async () => {
  const other = await startServer({ demo: false });
  const code = await other.stop('SIGTERM');
  assert.equal(code, 0);
});
