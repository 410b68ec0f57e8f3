// The response cache (issue 10; opt-in since issue 25): a repeated GET is answered from memory, and any commit — through the
// API or behind the server's back in another process — is seen by the very next request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, accountClient, Client, sqlRows } from '../lib/server.mjs';

const SQLITE = (process.env.QSM_TEST_BACKEND || 'sqlite') !== 'postgresql';
const LIST = '/api/declarations?page=1&page_size=5';

let server;
// Off by default since issue 25 (`--response-cache on` turns it on).
before(async () => { server = await startServer({ args: ['--response-cache', 'on'] }); });
after(async () => { await server.stop(); });

async function hits() {
  const r = await new Client(server.base).get('/metrics');
  const m = r.text.match(/^qsm_response_cache_hits_total (\d+)$/m);
  return m ? Number(m[1]) : null;
}

test('a repeated GET is answered from the cache, byte for byte (SQLite only)', { skip: !SQLITE && 'no data version on PostgreSQL: every GET is computed' }, async () => {
  const authority = await accountClient(server, 'jdz_pd');
  const first = await authority.get(LIST);
  assert.equal(first.status, 200);
  const before = await hits();
  const second = await authority.get(LIST);
  assert.equal(second.text, first.text);
  assert.equal(second.headers.get('x-content-type-options'), 'nosniff', 'security headers on a cached answer too');
  assert.equal(await hits(), before + 1);
});

test('answers are kept per session: another session computes its own', { skip: !SQLITE && 'cache off on PostgreSQL' }, async () => {
  const a = await accountClient(server, 'jdz_pd');
  const b = await accountClient(server, 'jdz_pd');
  await a.get(LIST);
  const before = await hits();
  const r = await b.get(LIST);
  assert.equal(r.status, 200);
  assert.equal(await hits(), before, 'the first GET of a new session is not a hit');
});

test('a change written by another process is seen at once', { skip: !SQLITE && 'cache off on PostgreSQL' }, async () => {
  const authority = await accountClient(server, 'jdz_pd');
  const first = await authority.get(LIST);
  const item = first.json.items[0];
  await authority.get(LIST);  // now cached
  const renamed = `${item.project.name}（更名）`;
  sqlRows(server, `UPDATE projects SET name = '${renamed}' WHERE id = ${item.project.id}`);
  const after = await authority.get(LIST);
  assert.equal(after.json.items.find((d) => d.id === item.id).project.name, renamed);
});

test('a change through the API is seen at once by every session', async () => {
  // Another account's password change: a change of one's own would end the other sessions.
  const authority = await accountClient(server, 'jdz_xh');
  const other = await accountClient(server, 'jdz_pd');
  const list = await other.get(LIST);
  const item = list.json.items.find((d) => d.management_status === 'active');
  await other.get(LIST);  // cached for `other`
  await other.get(`/api/declarations/${item.id}`);
  const before = (await other.get(`/api/declarations/${item.id}`)).json;
  // Any commit changes the data version; here another authority changes its password and back.
  const changed = await authority.post('/api/auth/password/change', { old_password: 'Qsm@demo2026', new_password: 'Qsm@demo2027' });
  assert.equal(changed.status, 200);
  const back = await authority.post('/api/auth/password/change', { old_password: 'Qsm@demo2027', new_password: 'Qsm@demo2026' });
  assert.equal(back.status, 200);
  const h = await hits();
  const again = await other.get(`/api/declarations/${item.id}`);
  assert.deepEqual(again.json, before, 'same data, recomputed');
  if (SQLITE) assert.equal(await hits(), h, 'a commit anywhere invalidates the kept answers');
});
