// Limits per client address (issue 11): failed password logins and SMS code requests are counted per
// address in the database; past the limit every attempt is 429 with retry_after, even a right one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO_PASSWORD } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test('50 failed password logins from one address: the next attempt is refused, even with the right password', async () => {
  const c = new Client(server.base);
  for (let i = 0; i < 50; i++) {
    // A different unknown name each time: no account lock is involved, only the address.
    const r = await c.post('/api/auth/password', { username: `nobody${i}`, password: 'Wrong@pass1' });
    assert.equal(r.status, 401, `attempt ${i}: ${r.text}`);
  }
  const refused = await c.post('/api/auth/password', { username: 'admin', password: DEMO_PASSWORD });
  assert.equal(refused.status, 429, refused.text);
  assert.equal(refused.json.error.code, 'rate_limited');
  assert.ok(refused.json.error.details.retry_after > 0 && refused.json.error.details.retry_after <= 600);
  assert.match(refused.json.error.message, /分钟后再试/);
});

test('30 SMS code requests from one address in an hour: the next is refused before any lookup', async () => {
  const c = new Client(server.base);
  for (let i = 0; i < 30; i++) {
    const r = await c.post('/api/auth/sms-code', { role: 'site_contractor', name: `无此人${i}`, id_number: '110101199003077777' });
    assert.notEqual(r.status, 429, `request ${i}: ${r.text}`);
  }
  const refused = await c.post('/api/auth/sms-code', { role: 'site_contractor', name: '无此人', id_number: '110101199003077777' });
  assert.equal(refused.status, 429, refused.text);
  assert.ok(refused.json.error.details.retry_after > 0);
});
