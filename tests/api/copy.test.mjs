// qsm copy (issue 12): a running SQLite installation moved into an empty PostgreSQL database. A
// server on the copy, with the same secret file, answers exactly as the original did, site users
// still log in by name and ID-card number (keyed hashes), the audit chain verifies, and a second
// copy into the now non-empty database is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, accountClient, certificateClient, siteClient, demoProject, demoPerson, qsmCli, QSM, ROOT } from '../lib/server.mjs';

const PG = process.env.QSM_TEST_PG_URL;
const skip = !PG ? 'needs QSM_TEST_PG_URL (scripts/test starts a cluster)'
  : process.env.QSM_TEST_BACKEND === 'postgresql' ? 'runs once, with the SQLite pass' : false;

test('a SQLite installation copied to PostgreSQL serves the same answers and keeps its audit chain', { skip }, async () => {
  const original = await startServer({ tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  const name = `qsm_copy_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  execFileSync('psql', [PG, '-qc', `CREATE DATABASE ${name}`]);
  const target = PG.slice(0, PG.lastIndexOf('/') + 1) + name;
  let copy;
  try {
    const p = demoProject(1);
    const admin = await accountClient(original, 'admin');
    // A photo on a draft month's deduction (issue 23): its images travel in the database.
    const contractor = await certificateClient(original, p.contractor);
    const decl = (await contractor.get(`/api/declarations?status=accepted&q=${p.regNo}`)).json.items[0];
    const months = (await contractor.get(`/api/declarations/${decl.id}/monthly`)).json;
    const month = (await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: months.next.period })).json;
    const clause = (await contractor.get(`/api/templates/${decl.template.code}/${decl.template.version}`)).json.check_items[0].sub_items[0].clauses[0].code;
    const saved = await contractor.put(`/api/monthly/${month.id}/self-sheet`, { version: month.version, not_applicable: [], deductions: [{ clause, problem: '照片取证' }] });
    assert.equal(saved.status, 200, saved.text);
    const jpeg = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'photos', 'photo.jpg'));
    const photo = await contractor.upload(`/api/monthly/${month.id}/self-sheet/deductions/${clause}/photos`, jpeg);
    assert.equal(photo.status, 201, photo.text);
    const shown = await admin.bytes(photo.json.url);
    const sha = (b) => createHash('sha256').update(b).digest('hex');

    const pages = ['/api/declarations?page_size=50', '/api/monthly?page_size=50', '/api/quarterly?page_size=50', '/api/projects?page_size=50'];
    const before = {};
    for (const url of pages) before[url] = (await admin.get(url)).text;

    // Copied while the original keeps serving: the copy reads one consistent snapshot.
    const out = execFileSync(QSM, ['copy', '--from', original.db, '--to', target], { encoding: 'utf8' });
    assert.match(out, /复制完成：46 张表/);
    assert.match(out, /photo_blobs\s+2\s+[0-9a-f]{64}/);
    assert.match(out, /photos\s+1\s+[0-9a-f]{64}/);
    assert.match(out, /audit_log\s+\d+\s+[0-9a-f]{64}/);
    assert.match(out, /--secret-file/);

    copy = await startServer({ demo: false, db: target, secret: original.secret });
    const adminThere = await accountClient(copy, 'admin');
    for (const url of pages) assert.equal((await adminThere.get(url)).text, before[url], url);

    // ID-card numbers are kept only as keyed hashes: the same secret file finds the same persons.
    const site = await siteClient(copy, 'site_supervisor', demoPerson(p.supervision.manager_id_number), p.supervision);
    assert.equal((await site.get('/api/me')).status, 200);
    // The photo answers with the same bytes, the same checksum and the same listing.
    const copied = await adminThere.bytes(photo.json.url);
    assert.equal(copied.status, 200);
    assert.equal(sha(copied.body), sha(shown.body));
    assert.equal(copied.headers.get('etag'), shown.headers.get('etag'));
    assert.equal((await adminThere.get(`/api/monthly/${month.id}`)).json.self.photos[clause][0].id, photo.json.id);
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
