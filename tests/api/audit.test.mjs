// The tamper-evident audit (issue 11): `qsm audit verify` passes on a live installation and names the
// first record edited behind the server's back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, accountClient, qsmCli } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

// Runs SQL on the server's database the way an intruder with file or database access would.
function behindTheBack(sql) {
  if (server.db.startsWith('sqlite:')) execFileSync('sqlite3', [server.db.slice('sqlite:'.length), sql]);
  else execFileSync('psql', [server.db, '-qc', sql]);
}

function verify() {
  try {
    return { code: 0, out: qsmCli(server, ['audit', 'verify']) };
  } catch (e) {
    return { code: e.status, out: String(e.stdout) };
  }
}

test('the chain of a working installation holds, and an edit is named by record', async () => {
  // Some records through the API on top of the demo's.
  const authority = await accountClient(server, 'jdz_pd');
  await authority.post('/api/auth/logout');
  const ok = verify();
  assert.equal(ok.code, 0, ok.out);
  const total = Number(ok.out.match(/共 (\d+) 条/)[1]);
  assert.ok(total > 10, ok.out);

  behindTheBack("UPDATE audit_log SET opinion = '同意（已改）' WHERE id = (SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 5)");
  const broken = verify();
  assert.equal(broken.code, 1, broken.out);
  const id = broken.out.match(/记录 #(\d+)/);
  assert.ok(id, broken.out);
  assert.match(broken.out, /被改动/);
  assert.match(broken.out, /此前 5 条完好/);
});
