// Limits per client address (issue 11): failed password logins and SMS code requests are counted per
// address in the database; past the limit every attempt is 429 with retry_after, even a right one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO_PASSWORD, demoProject, demoPerson, lastSmsCode, strangerIdNumber } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

// First, while this address is still under its limits.
test('no secret reaches the server log: passwords, session tokens, SMS codes, ID-card numbers', async () => {
  const admin = new Client(server.base);
  await admin.loginPassword('admin');
  const wrong = await new Client(server.base).post('/api/auth/password', { username: 'admin', password: 'Not@thePass9' });
  assert.equal(wrong.status, 401);
  const person = demoPerson(demoProject(0).general.manager_id_number);
  const site = new Client(server.base);
  await site.loginSms(server, 'site_contractor', person.name, person.id_number);
  const code = lastSmsCode(server);
  await new Promise((r) => setTimeout(r, 1500));  // the log is flushed every second
  assert.match(server.stderr, /POST \/api\/auth\/password/, 'the access lines are there');
  for (const secret of [DEMO_PASSWORD, 'Not@thePass9', admin.token, site.token, code, person.id_number])
    assert.ok(!server.stderr.includes(secret), `the log holds a secret: ${secret.slice(0, 4)}…`);
});

test('50 failed password logins from one address: the next attempt is refused, even with the right password', async () => {
  const c = new Client(server.base);
  for (let i = 0; i < 50 - 1; i++) {  // the first test failed once already
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
  for (let i = 0; i < 30 - 1; i++) {  // the first test asked once already
    // A different well-formed number each time: no per-number limit is involved, only the address.
    const r = await c.post('/api/auth/sms-code', { role: 'site_contractor', name: `无此人${i}`, id_number: strangerIdNumber(i) });
    assert.equal(r.status, 200, `request ${i}: ${r.text}`);
  }
  const refused = await c.post('/api/auth/sms-code', { role: 'site_contractor', name: '无此人', id_number: strangerIdNumber(99) });
  assert.equal(refused.status, 429, refused.text);
  assert.ok(refused.json.error.details.retry_after > 0);
});

test('an address forwarded by a client that is not a trusted proxy is ignored', async () => {
  // This server has no --trusted-proxy, and the test above used up 127.0.0.1's failed logins:
  // X-Real-IP / X-Forwarded-For must not let a client pick another address to escape the limit.
  const r = await new Client(server.base).post('/api/auth/password', { username: 'admin', password: DEMO_PASSWORD },
    { 'x-real-ip': '10.9.9.9', 'x-forwarded-for': '10.8.8.8' });
  assert.equal(r.status, 429, r.text);
  assert.equal(r.json.error.code, 'rate_limited');
});
