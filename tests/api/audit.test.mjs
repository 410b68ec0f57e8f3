// The keyed audit chain (issue 21) on a running server, attacked through the database as an intruder
// with `sqlite3`/`psql` would: the server links records within seconds and signs its head into a
// checkpoint file beside the secret; `qsm audit verify` only reads, names an edited record, never lets
// a raw INSERT into the chain (not at the next start either), and with --checkpoints finds the last
// records removed even with the head moved back to match.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, accountClient, qsmCli, sqlRows, DEMO_REGISTRY } from '../lib/server.mjs';

let server, checkpoints;
before(async () => {
  server = await startServer({ args: ['--audit-checkpoint-interval', '1'] });
  checkpoints = path.join(server.dir, 'qsm.audit-checkpoints'); // the default: beside the secret file
});
after(async () => { await server.stop(); });

// Runs SQL on the server's database the way an intruder with file or database access would; rows as arrays.
const behindTheBack = (query) => sqlRows(server, query);
const one = (query) => behindTheBack(query)[0]?.[0];

function verify(...args) {
  try {
    return { code: 0, out: qsmCli(server, ['audit', 'verify', ...args]) };
  } catch (e) {
    return { code: e.status, out: String(e.stdout) + String(e.stderr) };
  }
}

async function until(what, check, ms = 15000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (check()) return;
  assert.fail(`${what} did not happen within ${ms} ms`);
}

// The checkpoint lines the server wrote so far.
const checkpointLines = () => (existsSync(checkpoints) ? readFileSync(checkpoints, 'utf8').split('\n').filter(Boolean) : []);
const lastCheckpointSeq = () => Number(checkpointLines().at(-1)?.match(/ seq=(\d+) /)?.[1] ?? -1);
// Everything the chain is made of, to show that verification wrote nothing.
const chainState = () => JSON.stringify([behindTheBack('SELECT id, mac, chain_seq, link, opinion FROM audit_log ORDER BY id'),
  behindTheBack('SELECT last_seq, last_link, legacy_max_id, legacy_sealed_at FROM audit_chain')]);

test('records written through the API are linked within seconds and a signed checkpoint of the head reaches the file', async () => {
  const admin = await accountClient(server, 'admin');
  const imported = await admin.post('/api/admin/registry', DEMO_REGISTRY);
  assert.equal(imported.status, 200, imported.text);
  const total = Number(one('SELECT COUNT(*) FROM audit_log'));
  assert.ok(total > 10, `${total} audit records`);
  await until('every record linked', () => one('SELECT COUNT(*) FROM audit_log WHERE chain_seq IS NULL') === '0');
  await until('a checkpoint of the whole chain', () => lastCheckpointSeq() === total);
  assert.match(checkpointLines().at(-1), /^qsm-audit-checkpoint v1 time=\S+ seq=\d+ link=[0-9a-f]{64} mac=[0-9a-f]{64}$/);
  await until('the server log repeating the checkpoints', () => checkpointLines().some((l) => server.stderr.includes(l)));

  const ok = verify('--checkpoints', checkpoints);
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, new RegExp(`审计链完整：共 ${total} 条记录，已入链 ${total} 条`));
  assert.match(ok.out, /所记的记录都在链中/);
});

test('an edit behind the server\'s back is named by record, and verify changes nothing', async () => {
  const [id, opinion] = behindTheBack('SELECT id, COALESCE(opinion, \'\') FROM audit_log ORDER BY id LIMIT 1 OFFSET 5')[0];
  behindTheBack(`UPDATE audit_log SET opinion = '同意（已改）' WHERE id = ${id}`);
  const before = chainState();
  const broken = verify();
  assert.equal(broken.code, 1, broken.out);
  assert.match(broken.out, new RegExp(`记录 #${id}（链中第 \\d+ 条）：内容与其 MAC 不符：本条记录被改动或伪造`));
  assert.match(broken.out, /共 1 处/);
  assert.equal(chainState(), before, 'qsm audit verify wrote to the database');

  // Put back as it was, the record holds again: the MAC is over the content, nothing else changed.
  behindTheBack(`UPDATE audit_log SET opinion = ${opinion ? `'${opinion}'` : 'NULL'} WHERE id = ${id}`);
  assert.equal(verify().code, 0);
});

test('a raw INSERT is never linked: not by the running server, not after a restart, not by verify', async () => {
  const [[id]] = behindTheBack('INSERT INTO audit_log (at, entity, entity_id, action, actor_role, actor_name, opinion) '
    + "VALUES (1764000000000, 'declaration', 1, 'accept', 'authority', '浦东新区建设工程质量监督站', '同意') RETURNING id");
  await until('the sealer refusing it', () => server.stderr.includes(`record #${id} refused by the sealer`));
  const before = chainState();
  for (let k = 0; k < 2; k++) {
    const v = verify();
    assert.equal(v.code, 1, v.out);
    assert.match(v.out, new RegExp(`记录 #${id}（未入链）：没有 MAC`));
  }
  assert.equal(chainState(), before, 'qsm audit verify wrote to the database');

  // A restart migrates and runs the sealer's first pass: still left out.
  await server.stop('SIGTERM', { keep: true });
  await server.restart();
  await sleep(1500);
  assert.equal(one(`SELECT COALESCE(chain_seq, 0) FROM audit_log WHERE id = ${id}`), '0');
  assert.equal(verify().code, 1);
  // Removing a record that was never linked leaves the chain whole.
  behindTheBack(`DELETE FROM audit_log WHERE id = ${id}`);
  assert.equal(verify().code, 0);
});

test('the last records removed and the head moved back are found against the checkpoint file', async () => {
  const seq = Number(one('SELECT last_seq FROM audit_chain'));
  await until('a checkpoint of the current head', () => lastCheckpointSeq() === seq);
  behindTheBack(`DELETE FROM audit_log WHERE chain_seq > ${seq - 2}`);
  behindTheBack(`UPDATE audit_chain SET last_seq = ${seq - 2}, last_link = (SELECT link FROM audit_log WHERE chain_seq = ${seq - 2})`);

  // Inside the database the shorter chain is consistent: only a record kept elsewhere shows the loss.
  assert.equal(verify().code, 0);
  const found = verify('--checkpoints', checkpoints);
  assert.equal(found.code, 1, found.out);
  assert.match(found.out, new RegExp(`第 ${seq - 2} 条之后的记录缺失：检查点（[^）]+）时链已有 ${seq} 条`));
  // The server notices too, at its next checkpoint, and says so in its log.
  await until('the server logging the loss', () => server.stderr.includes(`no longer holds record ${seq}`));
});
