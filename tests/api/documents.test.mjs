// Issue 26: printed documents a person can file, sign and verify. Each form is rendered with
// pdftoppm; the compact 月度评价表 of a month with 3 deductions is at most 3 pages (the full one
// longer); every printout carries its document number and a QR code that zbarimg decodes to
// /verify/<code>, a public page showing the record as it is now, whether the print is still current
// and the PDF's SHA-256; an altered, forged or malformed code answers "未找到" alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, certificateClient, accountClient, demoProject, sqlRows, ROOT } from '../lib/server.mjs';

const registry = JSON.parse(readFileSync(path.join(ROOT, 'share', 'demo', 'registry.json'), 'utf8'));
const CONTRACTOR = registry.enterprises.find((e) => e.kind === 'construction').uscc;
// The demo's accepted declaration without months (as monthly.test.mjs), and the evaluated one.
const GENERAL = registry.contracts.filter((c) => c.kind === 'general' && c.enterprise_uscc === CONTRACTOR)[1];
const REG_NO = GENERAL.project_registration_no;
const PROJECT = registry.projects.find((p) => p.registration_no === REG_NO);
const AUTHORITY = `jdz_${PROJECT.authority_code.toLowerCase()}`;
const EVALUATED = demoProject(2);
const NOW = '2026-05-20T10:00:00+08:00';

let server, contractor, authority, evaluatedContractor, evaluatedAuthority;
let files = 0;

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  contractor = await certificateClient(server, CONTRACTOR);
  evaluatedContractor = await certificateClient(server, EVALUATED.contractor);
  authority = await accountClient(server, AUTHORITY);
  evaluatedAuthority = await accountClient(server, EVALUATED.authority);
});
after(async () => { await server.stop(); });

/** A printout: its bytes, number, page count, the text, and the URL its QR code holds. */
async function printout(client, url) {
  const r = await client.bytes(url);
  assert.equal(r.status, 200, `${url}: ${r.body.toString().slice(0, 300)}`);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const n = ++files;
  const file = path.join(server.dir, `doc-${n}.pdf`);
  writeFileSync(file, r.body);
  execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', file, path.join(server.dir, `doc-${n}-page`)]);
  const pages = readdirSync(server.dir).filter((f) => f.startsWith(`doc-${n}-page`)).sort();
  // The QR code is on the first page; zbarimg prints "QR-Code:<text>".
  const decoded = execFileSync('zbarimg', ['--quiet', '--raw', path.join(server.dir, pages[0])], { encoding: 'utf8' }).trim();
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { body: r.body, number: r.headers.get('x-document-number'), pages: pages.length, qr: decoded, text };
}

async function verify(url) {
  const res = await fetch(url);  // no session: the page is public
  return { status: res.status, html: await res.text() };
}

test('the compact 月度评价表 of a month with 3 deductions is ≤ 3 pages; ?full=true lists every clause', async () => {
  const decl = (await contractor.get(`/api/declarations?status=accepted&q=${REG_NO}`)).json.items[0];
  const tmpl = (await contractor.get(`/api/templates/${decl.template.code}/${decl.template.version}`)).json;
  const clauses = tmpl.check_items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses.map((c) => c.code)));
  const m = await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: '2026-02' });
  assert.equal(m.status, 201, m.text);
  const picked = [clauses[0], clauses[7], clauses[clauses.length - 1]];
  const saved = await contractor.put(`/api/monthly/${m.json.id}/self-sheet`, {
    version: m.json.version, not_applicable: [], deductions: picked.map((clause) => ({ clause, problem: `条文 ${clause} 现场不符合要求` })),
  });
  assert.equal(saved.status, 200, saved.text);

  const compact = await printout(contractor, `/api/monthly/${m.json.id}/print.pdf`);
  assert.ok(compact.pages <= 3, `compact: ${compact.pages} pages`);
  assert.match(compact.text, /扣分条文（3 条）/);
  const flat = compact.text.replace(/\s+/g, '');
  for (const c of picked) assert.ok(flat.includes(`条文${c}现场不符合要求`), c);
  const untouched = clauses.find((c) => !picked.includes(c) && c !== clauses[1]);
  assert.ok(!compact.text.includes(`${clauses[1]} `), 'a clause without deduction is not listed in the compact form');
  assert.ok(compact.text.includes(`${clauses[7]} `), 'a deducted one is');
  for (const words of ['施工单位项目负责人', '监理单位总监理工程师', '（盖章）', '日期：', '签字：']) assert.ok(compact.text.includes(words), words);
  assert.match(compact.number, /^YP-20260520-\d{6}$/);
  assert.ok(compact.text.includes(`文件编号 ${compact.number}`), 'the number is in the footer');

  const full = await printout(contractor, `/api/monthly/${m.json.id}/print.pdf?full=true`);
  assert.ok(full.pages > compact.pages, `full ${full.pages} > compact ${compact.pages}`);
  assert.ok(full.text.includes(`${untouched} `), 'the full form lists every clause');
  assert.notEqual(full.number, compact.number, 'each printout has its own number');

  // The QR code opens the public page; it shows the month as it is and that the print is current.
  assert.equal(compact.qr.slice(0, compact.qr.lastIndexOf("/")), `${server.base}/verify`, "the request's own origin");
  assert.match(compact.qr, /\/verify\/[0-9a-f]{32}$/);
  const page = await verify(compact.qr.replace(/^https?:\/\/[^/]+/, server.base));
  assert.equal(page.status, 200);
  for (const words of ['月度评价表', compact.number, REG_NO, PROJECT.name, '2026-02', '待提交', '打印件与平台当前记录一致'])
    assert.ok(page.html.includes(words), `${words}: ${page.html.slice(-1500)}`);
  const sha = createHash('sha256').update(compact.body).digest('hex');
  assert.ok(page.html.includes(sha), 'the page lists the PDF file\'s SHA-256');

  // After a change the page says so, with the live state.
  const again = (await contractor.get(`/api/monthly/${m.json.id}`)).json;
  assert.equal((await contractor.post(`/api/monthly/${m.json.id}/submit`, { version: again.version })).status, 200);
  const changed = await verify(compact.qr.replace(/^https?:\/\/[^/]+/, server.base));
  assert.ok(changed.html.includes('打印后记录已发生变更'), changed.html);
  assert.ok(changed.html.includes('待复核') || changed.html.includes('已提交'), 'the live state');
  const json = await (await fetch(`${server.base}/api/verify/${compact.qr.split('/').pop()}`)).json();
  assert.equal(json.number, compact.number);
  assert.equal(json.current, false);
  assert.equal(json.sha256, sha);
});

test('申报表, 竣工评价表 and 整改指令单 carry a number, signature blocks and a QR code that verifies', async () => {
  const evaluated = (await evaluatedContractor.get(`/api/declarations?q=${EVALUATED.regNo}`)).json.items[0];
  const forms = [[evaluatedContractor, `/api/declarations/${evaluated.id}/print.pdf`, /^SB-/, '申报表', ['施工单位项目负责人', '监理单位总监理工程师', '监督机构（受理）']]];
  const rect = (await evaluatedAuthority.get('/api/rectifications')).json.items[0];
  if (rect) forms.push([evaluatedAuthority, `/api/rectifications/${rect.id}/print.pdf`, /^ZG-/, '整改指令单', ['监督机构（监督人员）', '施工单位签收人']]);
  const completions = (await evaluatedAuthority.get('/api/completions')).json.items;
  if (completions[0]) forms.push([evaluatedAuthority, `/api/completions/${completions[0].id}/print.pdf`, /^JG-/, '竣工评价表', ['监督机构']]);
  for (const [client, url, prefix, kind, signers] of forms) {
    const p = await printout(client, url);
    assert.match(p.number, prefix, url);
    for (const s of signers) assert.ok(p.text.includes(s), `${url}: ${s}`);
    assert.ok(p.text.includes('（盖章）'), url);
    const page = await verify(p.qr.replace(/^https?:\/\/[^/]+/, server.base));
    assert.equal(page.status, 200, url);
    assert.ok(page.html.includes(kind) && page.html.includes(p.number), url);
  }
  assert.ok(forms.length >= 2, 'the demo has a rectification order to print');
});

test('an altered, forged or malformed code answers 未找到 alike, and reveals nothing', async () => {
  const decl = (await evaluatedContractor.get(`/api/declarations?q=${EVALUATED.regNo}`)).json.items[0];
  const p = await printout(evaluatedContractor, `/api/declarations/${decl.id}/print.pdf`);
  const code = p.qr.split('/').pop();
  const altered = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
  const answers = [];
  for (const c of [altered, '0'.repeat(32), code.toUpperCase(), code.slice(0, 31), `${code}0`, '..%2F..%2Fetc', '<script>']) {
    const r = await verify(`${server.base}/verify/${encodeURIComponent(c)}`);
    assert.equal(r.status, 404, c);
    assert.ok(r.html.includes('未找到该文件'), c);
    assert.ok(!r.html.includes(EVALUATED.regNo) && !r.html.includes('<script>'), c);
    answers.push(r.html);
    const j = await fetch(`${server.base}/api/verify/${encodeURIComponent(c)}`);
    assert.equal(j.status, 404, c);
  }
  assert.equal(new Set(answers).size, 1, 'one answer for every code that names no printout');
  // The right code still works, and the database keeps only its hash.
  assert.equal((await verify(`${server.base}/verify/${code}`)).status, 200);
  const stored = JSON.stringify(sqlRows(server, 'SELECT code_hash, number, sha256 FROM printed_documents'));
  assert.ok(stored.includes(createHash('sha256').update(code).digest('hex')), 'its hash is stored');
  assert.ok(!stored.includes(code), 'the code itself is not stored');
});
