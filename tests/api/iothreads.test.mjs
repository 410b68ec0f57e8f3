// Several I/O threads (serve --io-threads 2): connections are resumed on either thread. This crashed
// under load until coroutine frames stopped being recycled through a thread-local cache (see
// CMakeLists.txt); under the ASan build of scripts/test any such use-after-free fails here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, accountClient, certificateClient, demoProject } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer({ args: ['--io-threads', '2', '--workers', '2', '--trusted-proxy', '127.0.0.1/32'], tls: true }); });
after(async () => { await server?.stop(); });

test('64 clients at once on two I/O threads: every answer complete and identical, two sessions, clean exit', async () => {
  const p = demoProject(1);
  const authority = await accountClient(server, p.authority);
  const contractor = await certificateClient(server, p.contractor);
  const list = '/api/declarations?page=1&page_size=20';
  const expected = (await authority.get(list)).text;
  const declaration = (await contractor.get(`/api/declarations?q=${encodeURIComponent(p.regNo)}`)).json.items[0];
  let reads = 0, others = 0;
  const worker = async (w) => {
    for (let i = 0; i < 40; i++) {
      if (w % 8 === 0 && i % 4 === 0) {
        // Another session and another handler in between (the contractor's months of a declaration).
        const r = await contractor.get(`/api/declarations/${declaration.id}/monthly`);
        assert.equal(r.status, 200, r.text);
        others++;
        continue;
      }
      const r = await authority.get(list);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.text, expected);
      reads++;
    }
  };
  await Promise.all(Array.from({ length: 64 }, (_, w) => worker(w)));
  assert.ok(reads > 2000 && others > 0, `${reads} list reads, ${others} other requests`);
  const health = await authority.get('/api/health');
  assert.equal(health.status, 200);
});
