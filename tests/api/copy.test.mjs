// qsm copy (issue 12): a running SQLite installation moved into an empty PostgreSQL database. A
// server on the copy, with the same secret file, answers exactly as the original did, site users
// still log in by name and ID-card number (keyed hashes), the audit chain verifies, and a second
// copy into the now non-empty database is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, accountClient, siteClient, demoProject, demoPerson, qsmCli, QSM } from '../lib/server.mjs';

const PG = process.env.QSM_TEST_PG_URL;
const skip = !PG ? 'needs QSM_TEST_PG_URL (scripts/test starts a cluster)'
  : process.env.QSM_TEST_BACKEND === 'postgresql' ? 'runs once, with the SQLite pass' : false;

test('a SQLite installation copied to PostgreSQL serves the same answers and keeps its audit chain', { skip }, async () => {
  const original = await startServer();
  const name = `qsm_copy_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  execFileSync('psql', [PG, '-qc', `CREATE DATABASE ${name}`]);
  const target = PG.slice(0, PG.lastIndexOf('/') + 1) + name;
  let copy;
  try {
    const p = demoProject(1);
    const admin = await accountClient(original, 'admin');
    const pages = ['/api/declarations?page_size=50', '/api/monthly?page_size=50', '/api/quarterly?page_size=50', '/api/projects?page_size=50'];
    const before = {};
    for (const url of pages) before[url] = (await admin.get(url)).text;

    // Copied while the original keeps serving: the copy reads one consistent snapshot.
    const out = execFileSync(QSM, ['copy', '--from', original.db, '--to', target], { encoding: 'utf8' });
    assert.match(out, /复制完成：27 张表/);
    assert.match(out, /audit_log\s+\d+\s+[0-9a-f]{64}/);
    assert.match(out, /--secret-file/);

    copy = await startServer({ demo: false, db: target, secret: original.secret });
    const adminThere = await accountClient(copy, 'admin');
    for (const url of pages) assert.equal((await adminThere.get(url)).text, before[url], url);

    // ID-card numbers are kept only as keyed hashes: the same secret file finds the same persons.
    const site = await siteClient(copy, 'site_supervisor', demoPerson(p.supervision.manager_id_number), p.supervision);
    assert.equal((await site.get('/api/me')).status, 200);
    assert.match(qsmCli(copy, ['audit', 'verify']), /审计链完整/);

    const again = spawnSync(QSM, ['copy', '--from', original.db, '--to', target], { encoding: 'utf8' });
    assert.equal(again.status, 1);
    assert.match(again.stderr + again.stdout, /已有数据/);
  } finally {
    await copy?.stop();
    await original.stop();
    execFileSync('psql', [PG, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  }
});
