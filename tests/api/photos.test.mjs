// Issue 23 through HTTP: photo evidence on a self or review sheet's deduction and on a spot-check
// finding. Every accepted type (JPEG, PNG, WebP, HEIC: real files in tests/fixtures/photos) is decoded,
// rotated, watermarked and stripped of its metadata; what is not a photo this platform keeps (a
// truncated JPEG, a PNG bomb, an SVG, a PDF named .jpg, 25 MB, an animated WebP, a 10th photo on a
// clause) is refused with a Chinese message and stores nothing; scope answers 404; a submitted
// sheet's photos are frozen (409); a deduction taken off the sheet takes its photos; every upload and
// deletion is on the month's audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { startServer, certificateClient, siteClient, accountClient, demoProject, demoPerson, sqlRows, ROOT, DEMO_REGISTRY } from '../lib/server.mjs';

const NOW = '2026-05-20T10:00:00+08:00';
const P1 = demoProject(1);  // accepted three months back: months to create
const P2 = demoProject(2);  // five months filed: a spot-check
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'photos');
const fixture = (name) => readFileSync(path.join(FIXTURES, name));
const JPEG = fixture('photo.jpg');  // 640×480, EXIF DateTimeOriginal 2026:11:30 14:05:09, GPS, Make "TestCam"
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

let server, decl1, decl2, clauses;
const clients = {};

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  clients.contractor = await certificateClient(server, P1.contractor);
  clients.supervisor = await certificateClient(server, P1.supervision.enterprise_uscc);
  clients.siteSupervisor = await siteClient(server, 'site_supervisor', demoPerson(P1.supervision.manager_id_number), P1.supervision);
  clients.otherContractor = await certificateClient(server, DEMO_REGISTRY.enterprises.find((e) => e.kind === 'construction' && e.uscc !== P1.contractor).uscc);
  clients.authority2 = await accountClient(server, P2.authority);
  clients.otherAuthority2 = await accountClient(server, P2.otherAuthority);
  decl1 = (await clients.contractor.get(`/api/declarations?status=accepted&q=${P1.regNo}`)).json.items[0];
  decl2 = (await clients.authority2.get(`/api/declarations?status=accepted&q=${P2.regNo}`)).json.items[0];
  assert.ok(decl1 && decl2);
  const tmpl = (await clients.contractor.get(`/api/templates/${decl1.template.code}/${decl1.template.version}`)).json;
  clauses = tmpl.check_items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses.map((c) => c.code)));
});
after(async () => { if (process.env.QSM_DEBUG) console.log(server.stderr); await server.stop(); });

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
const photoCount = () => Number(sqlRows(server, 'SELECT COUNT(*) FROM photos')[0][0]);
const blobCount = () => Number(sqlRows(server, 'SELECT COUNT(*) FROM photo_blobs')[0][0]);

/** The text of a PDF answer (pdftotext). */
function pdfText(answer) {
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('content-type'), 'application/pdf');
  const file = path.join(server.dir, 'photos.pdf');
  writeFileSync(file, answer.body);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

/** Width and height from a JPEG's SOF marker. */
function jpegSize(buf) {
  assert.equal(buf.readUInt16BE(0), 0xffd8, 'not a JPEG');
  let i = 2;
  while (i < buf.length) {
    const marker = buf.readUInt16BE(i);
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xffc0 && marker <= 0xffc3) return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  throw new Error('no SOF');
}

/** A valid PNG signature and header claiming width × height, with a little compressed data. */
function pngBomb(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const t = Buffer.from(type, 'ascii');
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0); t.copy(out, 4); data.copy(out, 8);
    out.writeUInt32BE(crc(Buffer.concat([t, data])), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 2;
  const rows = deflateSync(Buffer.alloc((width * 3 + 1) * 64));  // 64 rows of zeros; the rest would follow
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

async function draftMonth() {
  const { contractor } = clients;
  const list = ok(await contractor.get(`/api/declarations/${decl1.id}/monthly`));
  const draft = list.items.find((m) => m.status === 'draft');
  if (draft) return ok(await contractor.get(`/api/monthly/${draft.id}`));
  return ok(await contractor.post(`/api/declarations/${decl1.id}/monthly`, { period: list.next.period }), 201);
}

test('upload every type, serve it stripped and watermarked, list it with the deduction, refuse the rest', async () => {
  const { contractor, supervisor, otherContractor } = clients;
  let month = await draftMonth();
  const [C1, C2, C3] = clauses;
  month = ok(await contractor.put(`/api/monthly/${month.id}/self-sheet`, {
    version: month.version, not_applicable: [], deductions: [{ clause: C1, problem: '钢筋保护层不足' }, { clause: C2, problem: '模板支撑间距过大' }],
  }));
  const url = (clause) => `/api/monthly/${month.id}/self-sheet/deductions/${clause}/photos`;

  // JPEG: the answer's fields, the original's checksum and EXIF time.
  const before = photoCount();
  const p = ok(await contractor.upload(url(C1), JPEG, 'image/jpeg'), 201);
  assert.deepEqual(Object.keys(p).sort(), ['bytes', 'clause', 'height', 'id', 'sha256', 'taken_at', 'target', 'thumbnail_url', 'uploaded_at', 'uploaded_by', 'url', 'width'].sort());
  assert.equal(p.sha256, sha256(JPEG));
  assert.equal(p.bytes, JPEG.length);
  assert.deepEqual([p.width, p.height], [640, 480]);
  assert.equal(p.taken_at, '2026-11-30T14:05:09+08:00');
  assert.equal(p.url, `/api/photos/${p.id}`);
  assert.equal(p.thumbnail_url, `/api/photos/${p.id}/thumbnail`);
  assert.ok(p.uploaded_by.length > 0);
  assert.equal(photoCount(), before + 1);
  // EXIF GPS is kept as metadata, not served.
  assert.deepEqual(sqlRows(server, `SELECT gps, original_format FROM photos WHERE id = ${p.id}`)[0], ['31.230517,121.473703', 'jpeg']);

  // The display image: JPEG, no EXIF, no GPS, no camera name; a strong ETag and private long caching.
  const img = await contractor.bytes(p.url);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/jpeg');
  assert.match(img.headers.get('cache-control'), /private/);
  assert.match(img.headers.get('cache-control'), /max-age=31536000/);
  const etag = img.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{64}"$/);
  assert.equal(etag, `"${sha256(img.body)}"`);
  assert.ok(!img.body.includes('Exif') && !img.body.includes('TestCam') && !img.body.includes('GPS'), 'metadata stripped');
  assert.deepEqual(jpegSize(img.body), { width: 640, height: 480 });
  assert.equal((await contractor.bytes(p.url, { 'if-none-match': etag })).status, 304);
  const thumb = await contractor.bytes(p.thumbnail_url);
  assert.equal(thumb.status, 200);
  const t = jpegSize(thumb.body);
  assert.ok(Math.max(t.width, t.height) <= 320, JSON.stringify(t));

  // PNG, WebP and HEIC are decoded as what they are, whatever the header says.
  for (const [name, type, format] of [['photo.png', 'image/png', 'png'], ['photo.webp', 'image/webp', 'webp'], ['photo.heic', 'image/heic', 'heif'], ['photo.png', 'image/jpeg', 'png']]) {
    const r = ok(await contractor.upload(url(C2), fixture(name), type), 201);
    assert.deepEqual([r.width, r.height], [320, 240], name);
    assert.equal(sqlRows(server, `SELECT original_format FROM photos WHERE id = ${r.id}`)[0][0], format);
    assert.equal(jpegSize((await contractor.bytes(r.url)).body).width, 320);
  }

  // Refusals: a clear Chinese message, nothing stored.
  const count = photoCount(), blobs = blobCount();
  const refused = async (bytes, type, status, words) => {
    const r = await contractor.upload(url(C1), bytes, type);
    assert.equal(r.status, status, `${type}: ${r.text}`);
    assert.match(r.json.error.message, words);
    assert.equal(photoCount(), count);
    assert.equal(blobCount(), blobs);
  };
  await refused(JPEG.subarray(0, Math.floor(JPEG.length * 0.6)), 'image/jpeg', 422, /无法完整解码/);
  await refused(pngBomb(30000, 30000), 'image/png', 422, /像素过多/);
  await refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'), 'image/svg+xml', 415, /JPEG、PNG、WebP 或 HEIC/);
  await refused(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), 'image/jpeg', 415, /JPEG、PNG、WebP 或 HEIC/);
  await refused(fixture('anim.webp'), 'image/webp', 422, /动图/);
  await refused(Buffer.alloc(25 * 1024 * 1024, 0xff), 'image/jpeg', 413, /20 MB/);
  await refused(JPEG, 'application/json', 415, /照片须以图片本身上传/);
  await refused(Buffer.alloc(0), 'image/jpeg', 415, /JPEG、PNG、WebP 或 HEIC/);
  assert.equal((await contractor.upload(`/api/monthly/${month.id}/self-sheet/deductions/99.99.99/photos`, JPEG)).status, 404);

  // Nine per clause: eight more of the same photo (its images stored once), the tenth refused.
  for (let i = 0; i < 8; i++) ok(await contractor.upload(url(C1), JPEG), 201);
  assert.equal(blobCount(), blobs, 'the same display and thumbnail are stored once');
  const tenth = await contractor.upload(url(C1), JPEG);
  assert.equal(tenth.status, 409, tenth.text);
  assert.match(tenth.json.error.message, /最多 9 张/);
  assert.equal(photoCount(), count + 8);

  // Listed with the sheet, by clause and with each deduction.
  month = ok(await contractor.get(`/api/monthly/${month.id}`));
  assert.equal(month.self.photos[C1].length, 9);
  assert.equal(month.self.photos[C2].length, 4);
  assert.deepEqual(Object.keys(month.self.photos[C1][0]).sort(), ['id', 'taken_at', 'thumbnail_url', 'uploaded_at', 'uploaded_by', 'url'].sort());
  const d1 = month.self.result.deductions.find((d) => d.clause === C1);
  assert.equal(d1.photos.length, 9);

  // Scope and roles: another enterprise sees nothing (404), the supervisor may not add to the self sheet.
  assert.equal((await otherContractor.bytes(p.url)).status, 404);
  assert.equal((await otherContractor.bytes(p.thumbnail_url)).status, 404);
  assert.equal((await otherContractor.upload(url(C1), JPEG)).status, 404);
  assert.equal((await otherContractor.delete(p.url)).status, 404);
  assert.equal((await supervisor.upload(url(C1), JPEG)).status, 403);
  assert.equal((await contractor.upload(`/api/monthly/${month.id}/review-sheet/deductions/${C1}/photos`, JPEG)).status, 403);
  assert.equal((await contractor.bytes('/api/photos/999999')).status, 404);

  // Deleting one; taking C2's deduction off the sheet removes its photos.
  const doomed = month.self.photos[C1][8].id;
  assert.equal((await contractor.delete(`/api/photos/${doomed}`)).status, 204);
  assert.equal((await contractor.bytes(`/api/photos/${doomed}`)).status, 404);
  month = ok(await contractor.get(`/api/monthly/${month.id}`));
  month = ok(await contractor.put(`/api/monthly/${month.id}/self-sheet`, {
    version: month.version, not_applicable: [], deductions: [{ clause: C1, problem: '钢筋保护层不足' }, { clause: C3, problem: '新问题' }],
  }));
  assert.equal(month.self.photos[C2], undefined);
  assert.equal(month.self.photos[C1].length, 8);
  assert.equal(Number(sqlRows(server, `SELECT COUNT(*) FROM photos WHERE monthly_id = ${month.id} AND clause = '${C2}'`)[0][0]), 0);

  // The audit trail of the month has every upload and deletion.
  const trail = ok(await contractor.get(`/api/declarations/${decl1.id}/summary`)).audit.filter((a) => a.entity === 'monthly_evaluation');
  const added = trail.filter((a) => a.action === 'photo_add' && a.action_label === '添加照片').length;
  const removed = trail.filter((a) => a.action === 'photo_remove' && a.action_label === '删除照片').length;
  assert.equal(added, 13, JSON.stringify(trail.map((a) => a.action)));
  assert.equal(removed, 5);

  // Submitted: frozen. No deletion, no upload.
  month = ok(await contractor.post(`/api/monthly/${month.id}/submit`, { version: month.version }));
  const frozen = await contractor.delete(p.url);
  assert.equal(frozen.status, 409, frozen.text);
  assert.equal((await contractor.upload(url(C1), JPEG)).status, 409);
  assert.equal((await contractor.bytes(p.url)).status, 200);

  // The printed 月度评价表 shows them under 扣分项照片, each with its clause, time and uploader.
  const printed = pdfText(await contractor.bytes(`/api/monthly/${month.id}/print.pdf`));
  assert.match(printed, /扣分项照片/);
  assert.match(printed, /自评（8 张）/);
  assert.match(printed, new RegExp(`条文 ${C1.replace(/\./g, '\\.')}`));
  assert.match(printed, /拍摄 2026-11-30 14:05/);

  // The review sheet has photos of its own, by the site supervisor, while it may review.
  const { siteSupervisor } = clients;
  const review = `/api/monthly/${month.id}/review-sheet/deductions/${C1}/photos`;
  const rp = ok(await siteSupervisor.upload(review, fixture('photo.webp'), 'image/webp'), 201);
  month = ok(await siteSupervisor.get(`/api/monthly/${month.id}`));
  assert.equal(month.review.photos[C1].length, 1);
  assert.equal(month.review.photos[C1][0].id, rp.id);
  assert.equal(month.self.photos[C1].length, 8, 'the contractor’s photos stay with the self sheet');
  assert.equal((await siteSupervisor.bytes(p.url)).status, 200, 'the reviewer sees the self sheet’s photos');
});

test('spot-check findings: the authority in charge adds photos; nobody else sees or adds them', async () => {
  const { authority2, otherAuthority2 } = clients;
  const months = ok(await authority2.get(`/api/declarations/${decl2.id}/monthly`)).items;
  const month = months.find((m) => m.status === 'filed' || m.status === 'registered');
  const view0 = ok(await authority2.get(`/api/monthly/${month.id}/spot-check`));
  const clause = view0.items[0].sub_items[0].clauses[0].code;
  const url = `/api/monthly/${month.id}/spot-check/findings/${clause}/photos`;
  const p = ok(await authority2.upload(url, JPEG), 201);
  assert.equal(p.target, 'spot_check');
  const view = ok(await authority2.get(`/api/monthly/${month.id}/spot-check`));
  const c = view.items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses)).find((x) => x.code === clause);
  assert.equal(c.photos.length, 1);
  assert.equal(c.photos[0].id, p.id);
  assert.equal((await otherAuthority2.bytes(p.url)).status, 404);
  assert.equal((await otherAuthority2.upload(url, JPEG)).status, 404);
  // The contractor of that project may not add to, nor see, the authority's record.
  const contractor2 = await certificateClient(server, P2.contractor);
  assert.equal((await contractor2.upload(url, JPEG)).status, 403);
  assert.equal((await contractor2.bytes(p.url)).status, 404);

  // Finished: frozen.
  const saved = ok(await authority2.put(`/api/monthly/${month.id}/spot-check`, { version: 0, findings: [{ clause, conforms: false, note: '见照片' }], finished: true }));
  // The printed 抽查比对记录: the clause found not conforming, with the note and the photo.
  const printed = pdfText(await authority2.bytes(`/api/monthly/${month.id}/spot-check/print.pdf`));
  assert.match(printed, /抽查比对记录/);
  assert.match(printed, /见照片/);
  assert.match(printed, /抽查照片（1\s?张）/);
  assert.equal((await otherAuthority2.bytes(`/api/monthly/${month.id}/spot-check/print.pdf`)).status, 404);
  assert.equal((await contractor2.bytes(`/api/monthly/${month.id}/spot-check/print.pdf`)).status, 403);
  assert.equal(saved.spot_check.status, 'finished');
  assert.equal((await authority2.delete(p.url)).status, 409);
  assert.equal((await authority2.upload(url, JPEG)).status, 409);
});

test('ten large uploads at once: each is stored, and other requests are answered meanwhile', async () => {
  const { contractor } = clients;
  const month = await draftMonth();
  // A valid JPEG of about 2.6 MB: the photo behind forty comment segments (over the 1 MB small-body
  // limit, so each upload waits for one of the server's places for large bodies).
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0xff, 0xff]), Buffer.alloc(65533, 0x20)]);
  const big = Buffer.concat([JPEG.subarray(0, 2), ...Array(40).fill(comment), JPEG.subarray(2)]);
  assert.ok(big.length > 2_500_000);
  const count = photoCount();
  let reads = 0, answered = 0;
  let uploading = true;
  const reader = (async () => {
    while (uploading) {
      reads++;
      if ((await contractor.get('/api/me')).status === 200) answered++;
    }
  })();
  const results = await Promise.all(clauses.slice(0, 10).map((c) => contractor.upload(`/api/monthly/${month.id}/self-sheet/deductions/${c}/photos`, big)));
  uploading = false;
  await reader;
  assert.deepEqual(results.map((r) => r.status), Array(10).fill(201), results.map((r) => r.text).join('\n'));
  assert.equal(photoCount(), count + 10);
  assert.ok(reads > 0);
  assert.equal(answered, reads);
  // The original's checksum is of what was sent, comments and all; what is served has none of them.
  assert.equal(results[0].json.sha256, sha256(big));
  assert.ok((await contractor.bytes(results[0].json.url)).body.length < 200_000);
});
