// Durability (issue 11): workers keep writing through the API — self-sheet saves, submits, review
// sheets, review submits, new months, a declaration's create/edit/submit/return/delete, photo uploads
// on a spot-check's findings (issue 23) — while the
// server is killed with SIGKILL at a random moment; it restarts on the same database and every
// acknowledged write must be there, nothing half-written: each stored sheet is one whole sheet some
// request sent, its totals and deduction history agree with its items, the audit trail agrees with
// status and version, `qsm audit verify` passes and SQLite's integrity check says ok.
// Replay a run with QSM_TEST_SEED=<the seed in the test names>.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, certificateClient, siteClient, Client, DEMO_PASSWORD, demoProject, demoPerson, qsmCli, sqlRows, ROOT } from '../lib/server.mjs';

const SEED = Number(process.env.QSM_TEST_SEED || Date.now());
const ROUNDS = 7;
const FULL_ROUND = 2; // this round runs with --sqlite-synchronous full, the others with the default (normal)
// The demo is seeded in May 2026; the server then runs four years later, so months never run out.
const DEMO_NOW = '2026-05-20T10:00:00+08:00';
const NOW = '2030-05-20T10:00:00+08:00';
const P = [0, 1, 2, 3].map(demoProject);
const EVALUATED = [1, 2, 3]; // accepted demo declarations whose months the workers create and score

// mulberry32: small, seedable, good enough to pick actions and delays.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let server, tmpl, clauses, projectId;
const c = {}; // sessions; they live in the database, so the same tokens serve every restart
const decls = {}; // demo index → declaration id
// Every record a worker touched: acknowledged writes (version, status, content) and every content sent.
const records = new Map();
let seq = 0;

const EMPTY = { not_applicable: [], deductions: [] };
const canonSheet = (s) => JSON.stringify({ na: [...s.not_applicable].sort(), d: s.deductions.map((d) => [d.clause, d.problem]).sort() });
const RANK = { draft: 0, submitted: 1, reviewed: 2, filed: 3, registered: 4 };

function track(kind, id, decl) {
  const key = `${kind}:${id}`;
  if (!records.has(key)) records.set(key, { kind, id, decl, acks: [], sent: [], deleteSent: false, deleted: false });
  return records.get(key);
}

// Rows of a query on the server's database, either backend.
const sql = (query) => sqlRows(server, query);

function randomSheet(rand) {
  const items = tmpl.check_items;
  const na = rand() < 0.3 ? [items[Math.floor(rand() * items.length)].code] : [];
  const pool = clauses.filter((x) => !na.includes(x.item));
  const picked = new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pool[Math.floor(rand() * pool.length)]));
  const n = ++seq;
  return { not_applicable: na, deductions: [...picked].map((x) => ({ clause: x.clause, problem: `写入 #${n}：条文 ${x.clause} 不符合` })) };
}

// One round's workers share this: `over` once the server is killed; `unexpected` collects refusals and 5xx.
let round;

// Sends one write. Content sent is remembered before the request leaves (it may be applied even if the
// answer never comes); a 2xx answer is an acknowledged write. Null when the connection died (the kill).
async function send(client, rec, method, url, body, content) {
  if (rec && content) rec.sent.push({ ...content, base: body.version ?? 0 });
  let r;
  try {
    r = await client.request(method, url, body);
  } catch {
    return null;
  }
  if (r.status >= 300) round.unexpected.push(`${method} ${url}: ${r.status} ${r.text.slice(0, 200)}`);
  else if (rec && r.json?.version !== undefined) rec.acks.push({ version: r.json.version, status: r.json.status, ...(content || {}) });
  if (r.status < 300) round.acknowledged();
  return r;
}
async function read(client, url) {
  try {
    const r = await client.get(url);
    return r.status === 200 ? r.json : null;
  } catch {
    return null;
  }
}

// The authority in charge of the evaluated project P[2]: photos on the findings of its filed months'
// spot-checks, clause after clause (a month whose limit is reached is left for the next).
const JPEG = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'photos', 'photo.jpg'));
const photoAcks = [];
let photoSeq = 0;
async function photoWorker() {
  const answer = await c.authority.get(`/api/declarations/${decls[2]}/monthly`).catch(() => null);
  if (answer && answer.status !== 200) round.unexpected.push(`photo worker: ${answer.status} ${answer.text.slice(0, 200)}`);
  const months = answer?.json?.items?.filter((m) => m.status === 'filed' || m.status === 'registered');
  if (!months?.length) { round.unexpected.push(`photo worker: no filed month of declaration ${decls[2]}`); return; }
  while (!round.over) {
    const n = photoSeq++;
    const month = months[Math.floor(n / 150) % months.length];
    const clause = clauses[n % clauses.length].clause;
    let r;
    try {
      r = await c.authority.upload(`/api/monthly/${month.id}/spot-check/findings/${clause}/photos`, JPEG);
    } catch {
      return;
    }
    if (r.status === 201) { photoAcks.push({ id: r.json.id, monthly: month.id, clause }); round.acknowledged(); round.photoAcknowledged(); }
    else if (r.status !== 409) round.unexpected.push(`photo upload: ${r.status} ${r.text.slice(0, 200)}`);
  }
}

// The contractor on one declaration: creates the next month, saves its self-sheet again and again, now and then submits.
async function selfWorker(i, rand) {
  const decl = decls[i];
  let list = await read(c.contractor, `/api/declarations/${decl}/monthly`);
  if (!list) return;
  let m = list.items.find((x) => x.status === 'draft');
  if (m) track('monthly', m.id, decl);
  while (!round.over) {
    if (!m) {
      if (!list.next?.period) return;
      const r = await send(c.contractor, null, 'POST', `/api/declarations/${decl}/monthly`, { period: list.next.period });
      if (r?.status !== 201) return;
      m = r.json;
      track('monthly', m.id, decl).acks.push({ version: m.version, status: m.status, field: 'self', value: canonSheet(EMPTY) });
    } else if (rand() < 0.05) {
      const r = await send(c.contractor, track('monthly', m.id, decl), 'POST', `/api/monthly/${m.id}/submit`, { version: m.version });
      if (r?.status !== 200) return;
      m = null;
      if (!(list = await read(c.contractor, `/api/declarations/${decl}/monthly`))) return;
    } else {
      const sheet = randomSheet(rand);
      const r = await send(c.contractor, track('monthly', m.id, decl), 'PUT', `/api/monthly/${m.id}/self-sheet`, { version: m.version, ...sheet },
        { field: 'self', value: canonSheet(sheet) });
      if (r?.status !== 200) return;
      m = r.json;
    }
  }
}

// The site supervisor on one declaration: the oldest submitted month is reviewed (saved a few times), then filed.
async function reviewWorker(i, rand) {
  const decl = decls[i];
  const site = c[`site${i}`];
  while (!round.over) {
    const list = await read(site, `/api/declarations/${decl}/monthly`);
    if (!list) return;
    let m = list.items.filter((x) => x.status === 'submitted' || x.status === 'reviewed').pop();
    if (!m) { await sleep(3); continue; }
    const rec = track('monthly', m.id, decl);
    while (!round.over && m.status !== 'filed') {
      const sheet = randomSheet(rand);
      const r = m.status === 'reviewed' && rand() < 0.25
        ? await send(site, rec, 'POST', `/api/monthly/${m.id}/review-submit`, { version: m.version })
        : await send(site, rec, 'PUT', `/api/monthly/${m.id}/review-sheet`, { version: m.version, ...sheet }, { field: 'review', value: canonSheet(sheet) });
      if (r?.status !== 200) return;
      m = r.json;
    }
  }
}

// The contractor and the supervisor on a declaration of the undeclared project: create, edit, submit, return, delete, again.
async function declarationWorker(rand) {
  const p = P[0];
  const list = await read(c.contractor, `/api/declarations?q=${p.regNo}`);
  if (!list) return;
  let d = list.items[0] ?? null;
  const manager = (k) => { const x = demoPerson(k.manager_id_number); return { name: x.name, mobile: x.mobile }; };
  const fields = () => ({ quality_target: '优良', planned_start: '2026-03-01', planned_finish: '2027-12-31', overview: `工程概况 #${++seq}` });
  while (!round.over) {
    const rec = d && track('declaration', d.id);
    let r;
    if (!d) {
      const body = { project_id: projectId, ...fields(), contractor_manager: manager(p.general), supervision_manager: manager(p.supervision) };
      if (!(r = await send(c.contractor, null, 'POST', '/api/declarations', body)) || r.status !== 201) return;
      track('declaration', r.json.id).acks.push({ version: r.json.version, status: r.json.status, field: 'overview', value: body.overview });
    } else if (d.status === 'submitted') {
      r = await send(c.supervisor, rec, 'POST', `/api/declarations/${d.id}/return`, { version: d.version, opinion: `请补充 #${++seq}` });
    } else if (d.status === 'draft' && rand() < 0.15) {
      rec.deleteSent = true;
      if (!(r = await send(c.contractor, null, 'DELETE', `/api/declarations/${d.id}?version=${d.version}`)) || r.status !== 200) return;
      rec.deleted = true;
      d = null;
      continue;
    } else if (rand() < 0.5) {
      const body = { version: d.version, ...fields() };
      r = await send(c.contractor, rec, 'PUT', `/api/declarations/${d.id}`, body, { field: 'overview', value: body.overview });
    } else {
      r = await send(c.contractor, rec, 'POST', `/api/declarations/${d.id}/submit`, { version: d.version });
    }
    if (r?.status !== 200 && r?.status !== 201) return;
    d = r.json;
  }
}

// SPEC §3.4 arithmetic on a stored result, in thousandths: each deduction's points from its n, item
// totals, the percentage; the result's deductions are the sheet's, and the history rows are the result's.
function resultProblems(label, sheet, result, historyRows) {
  const out = [];
  const milli = (x) => Math.round(x * 1000);
  let possible = 0, actual = 0;
  for (const item of tmpl.check_items) {
    const got = result.items.find((x) => x.code === item.code);
    const na = sheet.not_applicable.includes(item.code);
    const S = milli(item.standard_score);
    const mine = result.deductions.filter((d) => d.check_item === item.code);
    let deducted = 0;
    for (const d of mine) {
      const P_s = milli(item.sub_items.find((s) => s.code === d.sub_item).score);
      const want = d.n === 1 ? P_s / 2 : d.n === 2 ? P_s : S;
      if (milli(d.points) !== want) out.push(`${label}: ${d.clause} n=${d.n} points ${d.points}`);
      deducted += milli(d.points);
    }
    if (!got || got.not_applicable !== na) { out.push(`${label}: item ${item.code} not_applicable`); continue; }
    if (na) continue;
    if (milli(got.deducted) !== deducted || milli(got.actual) !== Math.max(0, S - deducted)) out.push(`${label}: item ${item.code} ${got.deducted}/${got.actual}`);
    possible += S;
    actual += Math.max(0, S - deducted);
  }
  const score = Math.floor((2 * actual * 10000 + possible) / (2 * possible)) / 100;
  if (milli(result.possible) !== possible || milli(result.actual) !== actual || result.score !== score)
    out.push(`${label}: totals ${result.possible}/${result.actual}/${result.score}, items give ${possible / 1000}/${actual / 1000}/${score}`);
  const line = (d) => `${d.clause} ${d.problem}`;
  if (JSON.stringify(result.deductions.map(line).sort()) !== JSON.stringify(sheet.deductions.map(line).sort())) out.push(`${label}: result deductions ≠ sheet`);
  const hist = (d) => `${d.clause} n=${d.n} ${d.points} ${d.problem}`;
  if (JSON.stringify(result.deductions.map(hist).sort()) !== JSON.stringify(historyRows.map(hist).sort())) out.push(`${label}: deduction history ≠ result`);
  return out;
}

// Everything the brief's (a)–(d) ask after a restart; returns the problems found.
async function checkAll() {
  const problems = [];
  const audit = new Map();
  for (const [entity, id, action, from, to] of sql("SELECT entity, entity_id, action, COALESCE(from_state, ''), COALESCE(to_state, '') FROM audit_log WHERE entity IN ('declaration', 'monthly_evaluation') AND action NOT IN ('photo_add', 'photo_remove') ORDER BY id")) {
    const key = `${entity === 'declaration' ? 'declaration' : 'monthly'}:${id}`;
    if (!audit.has(key)) audit.set(key, []);
    audit.get(key).push({ action, from, to });
  }
  const history = new Map();
  for (const i of EVALUATED) {
    const h = await c.contractor.get(`/api/declarations/${decls[i]}/deductions`);
    if (h.status !== 200) { problems.push(`deductions of declaration ${decls[i]}: ${h.status}`); continue; }
    for (const d of h.json.items) {
      const key = `${decls[i]}/${d.period}/${d.sheet}`;
      if (!history.has(key)) history.set(key, []);
      history.get(key).push(d);
    }
  }
  for (const [key, rec] of records) {
    const r = await c.contractor.get(rec.kind === 'monthly' ? `/api/monthly/${rec.id}` : `/api/declarations/${rec.id}`);
    const trail = audit.get(key) || [];
    if (rec.deleted || (rec.deleteSent && r.status === 404)) {
      if (r.status !== 404) problems.push(`${key}: deleted (acknowledged) but answers ${r.status}`);
      if (trail.at(-1)?.action !== 'delete') problems.push(`${key}: deleted without a delete entry`);
      continue;
    }
    if (r.status !== 200) { problems.push(`${key}: ${r.status} ${r.text.slice(0, 200)}`); continue; }
    const stored = r.json;
    // (a) every acknowledged write is there: version at least the acknowledged one, and when equal, its state and content.
    for (const a of rec.acks) {
      if (stored.version < a.version) problems.push(`${key}: acknowledged version ${a.version} (${a.status}) lost, stored ${stored.version}`);
      if (rec.kind === 'monthly' && RANK[stored.status] < RANK[a.status]) problems.push(`${key}: acknowledged ${a.status}, stored ${stored.status}`);
      if (stored.version === a.version && stored.status !== a.status) problems.push(`${key}: version ${a.version} acknowledged as ${a.status}, stored ${stored.status}`);
    }
    // (b) the stored content is one whole content some request sent: the last acknowledged or one sent after it.
    const fields = rec.kind === 'monthly' ? ['self', ...(stored.review?.saved ? ['review'] : [])] : ['overview'];
    for (const field of fields) {
      const value = rec.kind === 'monthly' ? canonSheet(stored[field]) : stored.overview;
      const last = rec.acks.filter((a) => a.field === field).at(-1);
      const exact = rec.acks.find((a) => a.version === stored.version && a.field);
      const allowed = last
        ? [last.value, ...rec.sent.filter((s) => s.field === field && s.base >= last.version).map((s) => s.value)]
        : [...(field === 'self' ? [canonSheet(EMPTY)] : []), ...rec.sent.filter((s) => s.field === field).map((s) => s.value)];
      const known = last || rec.sent.some((s) => s.field === field); // else written before the workers (the demo's months)
      if (exact?.field === field && value !== exact.value) problems.push(`${key}: ${field} at acknowledged version ${exact.version} differs: ${value}`);
      else if (known && !allowed.includes(value)) problems.push(`${key}: ${field} is no sheet sent after the last acknowledged one: ${value}`);
      if (rec.kind === 'monthly')
        problems.push(...resultProblems(`${key} ${field}`, stored[field], stored[field].result, history.get(`${rec.decl}/${stored.period}/${field}`) || []));
    }
    // Status and history agree: one audit entry per version, each starting where the previous ended, the last ending in the status.
    if (trail.length !== stored.version) problems.push(`${key}: ${trail.length} audit entries for version ${stored.version}`);
    if (trail[0]?.action !== 'create') problems.push(`${key}: the trail does not start with create`);
    trail.forEach((e, k) => { if (k && e.from !== trail[k - 1].to) problems.push(`${key}: audit ${e.action} from ${e.from} after ${trail[k - 1].to}`); });
    if (trail.at(-1)?.to !== stored.status) problems.push(`${key}: last audit entry ends in ${trail.at(-1)?.to}, status ${stored.status}`);
  }
  // Photos: every acknowledged upload is served whole; no photo without its images or its audit record.
  for (const a of photoAcks) {
    for (const url of [`/api/photos/${a.id}`, `/api/photos/${a.id}/thumbnail`]) {
      const r = await c.authority.bytes(url);
      if (r.status !== 200 || r.body.readUInt16BE(0) !== 0xffd8 || r.body.readUInt16BE(r.body.length - 2) !== 0xffd9)
        problems.push(`photo ${a.id}: ${url} answers ${r.status} with ${r.body.length} bytes`);
    }
  }
  const [[orphans]] = sql('SELECT COUNT(*) FROM photos p WHERE NOT EXISTS (SELECT 1 FROM photo_blobs b WHERE b.sha256 = p.display_sha256) OR NOT EXISTS (SELECT 1 FROM photo_blobs b WHERE b.sha256 = p.thumbnail_sha256)');
  if (orphans !== '0') problems.push(`${orphans} photos without their images`);
  const [[photos]] = sql('SELECT COUNT(*) FROM photos');
  const [[audited]] = sql("SELECT COUNT(*) FROM audit_log WHERE action = 'photo_add'");
  if (photos !== audited) problems.push(`${photos} photos, ${audited} photo_add audit records`);
  // (c) the audit chain, (d) the SQLite file.
  try { qsmCli(server, ['audit', 'verify']); } catch (e) { problems.push(`qsm audit verify exited ${e.status}: ${e.stdout}`); }
  if (server.db.startsWith('sqlite:')) {
    const integrity = sql('PRAGMA integrity_check').map((r) => r.join('\t')).join('\n');
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
  }
  return problems;
}

// A new `qsm serve` on the same database, set up for round k (FULL_ROUND writes with synchronous full).
// killWhileStarting: first one more SIGKILL a few milliseconds into start-up (migrations, audit sealing).
async function restart(k, killWhileStarting = 0) {
  const args = k === FULL_ROUND ? ['--sqlite-synchronous', 'full'] : [];
  if (killWhileStarting) {
    const starting = server.restart({ env: { QSM_NOW: NOW }, args }).catch(() => {}); // it may be listening already, or not
    await sleep(killWhileStarting);
    await server.stop('SIGKILL', { keep: true });
    await starting;
  }
  await server.restart({ env: { QSM_NOW: NOW }, args });
  for (const client of Object.values(c)) client.base = server.base;
}

before(async () => {
  server = await startServer({ env: { QSM_NOW: DEMO_NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  await server.stop('SIGTERM', { keep: true });
  await restart(1);
  c.contractor = await certificateClient(server, P[0].contractor);
  c.supervisor = await certificateClient(server, P[0].supervision.enterprise_uscc);
  // The authority's password has expired by 2030: changed once, as its owner would.
  c.authority = new Client(server.base);
  await c.authority.loginPassword(P[2].authority);
  const changed = await c.authority.post('/api/auth/password/change', { old_password: DEMO_PASSWORD, new_password: 'Durable#Pass2030' });
  assert.ok(changed.status < 300, changed.text);
  await c.authority.loginPassword(P[2].authority, 'Durable#Pass2030');
  for (const i of EVALUATED) {
    c[`site${i}`] = await siteClient(server, 'site_supervisor', demoPerson(P[i].supervision.manager_id_number), P[i].supervision);
    decls[i] = (await c.contractor.get(`/api/declarations?status=accepted&q=${P[i].regNo}`)).json.items[0].id;
  }
  projectId = (await c.contractor.get(`/api/projects?declarable=true&q=${P[0].regNo}`)).json.items[0].id;
  const d = (await c.contractor.get(`/api/declarations/${decls[1]}`)).json;
  tmpl = (await c.contractor.get(`/api/templates/${d.template.code}/${d.template.version}`)).json;
  clauses = tmpl.check_items.flatMap((item) => item.sub_items.flatMap((sub) => sub.clauses.map((x) => ({ item: item.code, clause: x.code }))));
  // The checker itself first, on the demo's own months (seeded, never killed): it must find nothing.
  for (const i of EVALUATED) for (const m of (await c.contractor.get(`/api/declarations/${decls[i]}/monthly`)).json.items) track('monthly', m.id, decls[i]);
  assert.deepEqual(await checkAll(), [], 'the demo passes the checks');
});
after(async () => { if (process.env.QSM_DEBUG) console.log(server.stderr); await server.stop(); });

for (let k = 1; k <= ROUNDS; k++) {
  const full = k === FULL_ROUND;
  const twice = k % 2 === 0; // the restart is killed once more while starting
  test(`round ${k}/${ROUNDS}${full ? ' (--sqlite-synchronous full)' : ''}: writes under way, SIGKILL, restart${twice ? ' (killed again while starting)' : ''} — every acknowledged write kept, nothing half-written, audit and file sound (seed ${SEED})`, async () => {
    const rand = random(SEED * 31 + k);
    let acknowledged;
    let photoAcknowledged;
    const first = new Promise((resolve) => { acknowledged = resolve; });
    const firstPhoto = new Promise((resolve) => { photoAcknowledged = resolve; });
    round = { over: false, unexpected: [], acknowledged, photoAcknowledged };
    const acksBefore = [...records.values()].reduce((n, r) => n + r.acks.length, 0);
    const workers = [
      ...EVALUATED.map((i) => selfWorker(i, random(rand() * 2 ** 32))),
      ...EVALUATED.map((i) => reviewWorker(i, random(rand() * 2 ** 32))),
      declarationWorker(random(rand() * 2 ** 32)),
      photoWorker(),
    ];
    // The random delay runs from the first acknowledged write, so a slow start-up still leaves writes under way.
    // A photo upload (decoded on the heavy pool) takes longer than a sheet save, most of all on the
    // sanitizer build: the round waits for one of each, so photos are under way at the kill too.
    await Promise.race([Promise.all([first, firstPhoto]), sleep(10000, null, { ref: false })]);
    await sleep(30 + Math.floor(rand() * 370));
    await server.stop('SIGKILL', { keep: true });
    round.over = true;
    await Promise.all(workers);
    const acked = [...records.values()].reduce((n, r) => n + r.acks.length, 0) - acksBefore;
    await restart(k + 1, twice ? 2 + Math.floor(rand() * 28) : 0);
    assert.deepEqual(round.unexpected, [], 'no refusal or server error while writing');
    assert.deepEqual(await checkAll(), [], `after the kill (${acked} writes acknowledged this round; seed ${SEED})`);
    assert.ok(acked > 0, 'the round wrote something before the kill');
  });
}

test('the rounds uploaded photos (their checks above were not vacuous)', () => {
  assert.ok(photoAcks.length > 0, 'no photo upload was acknowledged');
});
