// SPEC §3 "Concurrent actions on the same record: exactly one wins; the others get 409" through HTTP:
// the same action fired 2–20 times at once (prepared first, then released together with Promise.all)
// from several sessions of one actor, Bearer and cookie + CSRF alike, on every state machine the demo
// reaches — one 2xx, every other answer 409 (conflict or invalid_transition), the record in the
// winner's state with the winner's content, and exactly one audit entry for the action.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, certificateClient, siteClient, accountClient, demoProject, demoPerson, Client } from '../lib/server.mjs';

// Accepted demo declarations: 1 three months back (2026-02), 2 evaluated since 2025-12 (2026-Q2 waits
// for its registration), 3 managed since 2026-03; 0, 4 and 5 are not declared yet.
const NOW = '2026-05-20T10:00:00+08:00';
const P = Object.fromEntries([0, 1, 2, 3, 4, 5].map((i) => [i, demoProject(i)]));
const CONTRACTOR = P[0].contractor;

let server;
const s = {}; // sessions per actor

// A cookie session like a browser's: the certificate forwarded by the trusted proxy, then cookie + X-CSRF-Token.
async function cookieCertificate(uscc) {
  const c = new Client(server.base, { cookies: true });
  const pem = encodeURIComponent(readFileSync(path.join(server.certs, 'clients', `${uscc}.pem`), 'utf8'));
  const r = await c.post('/api/auth/certificate', {}, { 'x-ssl-client-cert': pem });
  assert.equal(r.status, 200, r.text);
  c.csrf = r.json.me.csrf_token;
  assert.ok(c.cookie && c.csrf, 'cookie and CSRF token');
  return c;
}
async function cookieAccount(username) {
  const c = new Client(server.base, { cookies: true });
  await c.loginPassword(username);
  assert.ok(c.cookie && c.csrf, 'cookie and CSRF token');
  return c;
}
// n separate sessions of one actor: half Bearer, half cookie + CSRF.
async function sessions(n, bearer, cookie) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await (i % 2 ? cookie() : bearer()));
  return out;
}

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  s.contractor = await sessions(4, () => certificateClient(server, CONTRACTOR), () => cookieCertificate(CONTRACTOR));
  for (const i of [0, 4, 5]) s[`supervisor${i}`] = await sessions(4, () => certificateClient(server, P[i].supervision.enterprise_uscc), () => cookieCertificate(P[i].supervision.enterprise_uscc));
  for (const a of new Set(Object.values(P).map((p) => p.authority))) s[a] = await sessions(4, () => accountClient(server, a), () => cookieAccount(a));
  // One SMS code a minute per person: one session each for the site supervisors.
  for (const i of [1, 2, 3]) s[`site${i}`] = [await siteClient(server, 'site_supervisor', demoPerson(P[i].supervision.manager_id_number), P[i].supervision)];
});
after(async () => { if (process.env.QSM_DEBUG) console.log(server.stderr); await server.stop(); });

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };

/**
 * Fires `n` requests at once, spread over `clients` (request i goes to clients[i % length] with
 * makeBody(i)), and checks exactly one got `want` and every other one 409 with one of `codes`.
 * Returns the winner's answer and the body it sent.
 */
async function race(clients, n, method, url, makeBody, want = 200, codes = ['conflict', 'invalid_transition']) {
  const bodies = Array.from({ length: n }, (_, i) => makeBody(i));
  const results = await Promise.all(bodies.map((b, i) => clients[i % clients.length].request(method, url, b)));
  const statuses = results.map((r) => r.status);
  const winners = results.flatMap((r, i) => (r.status === want ? [i] : []));
  assert.equal(winners.length, 1, `${method} ${url} ×${n}: exactly one ${want}, got ${statuses.join(',')}`);
  for (const r of results) {
    if (r.status === want) continue;
    assert.equal(r.status, 409, `${method} ${url}: a loser got ${r.status} ${r.text}`);
    assert.ok(codes.includes(r.json?.error?.code), `${method} ${url}: a loser's code ${r.text}`);
  }
  return { winner: results[winners[0]].json, body: bodies[winners[0]] };
}

// The declaration's whole audit timeline (综合信息) as "entity/action" strings; the contractor sees every entry.
const trail = async (declId) => ok(await s.contractor[0].get(`/api/declarations/${declId}/summary`)).audit.map((a) => `${a.entity}/${a.action}`);
// Runs `fire` and checks the trail grew by exactly `entries`: the winner's action and what it did to other records.
async function once(declId, entries, fire) {
  const before = await trail(declId);
  const out = await fire();
  const after = await trail(declId);
  assert.deepEqual(after.slice(0, before.length), before, 'the earlier trail is unchanged');
  assert.deepEqual(after.slice(before.length).sort(), [...entries].sort(), 'exactly one audit entry per winning action (and its side effects)');
  return out;
}

function declarationForm(p, projectId) {
  const manager = (c) => { const x = demoPerson(c.manager_id_number); return { name: x.name, mobile: x.mobile }; };
  return { project_id: projectId, quality_target: '优良', planned_start: '2026-03-01', planned_finish: '2027-12-31',
    overview: '框架结构，地上 12 层。', contractor_manager: manager(p.general), supervision_manager: manager(p.supervision) };
}
async function declarableId(p) {
  const r = ok(await s.contractor[0].get(`/api/projects?declarable=true&q=${p.regNo}`));
  assert.equal(r.total, 1, `${p.regNo} is declarable`);
  return r.items[0].id;
}

test('a project declared 20 times (and twice) at once has one declaration; submit, pass and accept ×20 each win once', async () => {
  for (const [i, n] of [[0, 20], [5, 2]]) {
    const p = P[i];
    const form = declarationForm(p, await declarableId(p));
    const { winner } = await race(s.contractor, n, 'POST', '/api/declarations', () => form, 201);
    const listed = ok(await s.contractor[0].get(`/api/declarations?q=${p.regNo}`));
    assert.equal(listed.total, 1, `${p.regNo}: one declaration`);
    assert.equal(listed.items[0].id, winner.id);
    assert.deepEqual(await trail(winner.id), ['declaration/create']);
  }
  let d = ok(await s.contractor[0].get(`/api/declarations?q=${P[0].regNo}`)).items[0];
  const steps = [
    ['submit', s.contractor, 'submitted', {}],
    ['pass', s.supervisor0, 'reviewed', {}],
    ['accept', s[P[0].authority], 'accepted', { opinion: '同意受理。' }],
  ];
  for (const [action, clients, to, extra] of steps) {
    const v = d.version;
    d = (await once(d.id, [`declaration/${action}`], () => race(clients, 20, 'POST', `/api/declarations/${d.id}/${action}`, () => ({ version: v, ...extra })))).winner;
    assert.equal(d.status, to);
    assert.equal(d.version, v + 1);
    const stored = ok(await clients[0].get(`/api/declarations/${d.id}`));
    assert.equal(stored.status, to);
    assert.equal(stored.version, v + 1);
  }
  assert.equal(d.management_status, 'active');
  assert.deepEqual(await trail(d.id), ['declaration/create', 'declaration/submit', 'declaration/pass', 'declaration/accept']);
});

test('different actions on one record at once: edit vs submit, return vs pass — one wins, the record follows it', async () => {
  const p = P[4];
  let d = ok(await s.contractor[0].post('/api/declarations', declarationForm(p, await declarableId(p))), 201);
  const edit = { quality_target: '合格', planned_start: '2026-03-01', planned_finish: '2027-12-31', overview: '修改后的工程概况。' };
  const cases = [
    { clients: s.contractor, requests: [['PUT', '', edit, 'draft'], ['POST', '/submit', {}, 'submitted']] },
    { clients: s.supervisor4, requests: [['POST', '/return', { opinion: '请补充资料。' }, 'returned'], ['POST', '/pass', {}, 'reviewed']] },
  ];
  for (const { clients, requests } of cases) {
    // If the edit wins the first round, the next round starts by submitting.
    if (d.status === 'draft' && clients !== s.contractor) d = ok(await s.contractor[0].post(`/api/declarations/${d.id}/submit`, { version: d.version }));
    const v = d.version;
    const before = await trail(d.id);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => {
      const [method, suffix, body] = requests[i % 2];
      return clients[i % clients.length].request(method, `/api/declarations/${d.id}${suffix}`, { ...body, version: v });
    }));
    const wins = results.flatMap((r, i) => (r.status === 200 ? [i] : []));
    assert.equal(wins.length, 1, results.map((r) => r.status).join(','));
    for (const r of results) if (r.status !== 200) assert.equal(r.status, 409, r.text);
    const [, suffix, , to] = requests[wins[0] % 2];
    d = ok(await s.contractor[0].get(`/api/declarations/${d.id}`));
    assert.equal(d.status, to);
    assert.equal(d.version, v + 1);
    const added = (await trail(d.id)).slice(before.length);
    assert.deepEqual(added, [`declaration/${suffix ? suffix.slice(1) : 'edit'}`]);
    if (suffix === '') assert.equal(d.overview, edit.overview);
  }
});

test('a month created 2 and 20 times at once exists once; sheet saves ×2 and ×10 with one version store exactly the winner\'s sheet; submit, review and review-submit win once', async () => {
  const decl = ok(await s.contractor[0].get(`/api/declarations?status=accepted&q=${P[1].regNo}`)).items[0];
  const tmpl = ok(await s.contractor[0].get(`/api/templates/${decl.template.code}/${decl.template.version}`));
  const clauses = tmpl.check_items.flatMap((i) => i.sub_items.flatMap((sub) => sub.clauses.map((c) => ({ item: i.code, clause: c.code }))));
  // Request i's sheet: its own clauses and not-applicable item, so any mix of two sheets would show.
  const sheet = (i, who) => {
    const na = tmpl.check_items[i % tmpl.check_items.length].code;
    const picked = [clauses[(7 * i) % clauses.length], clauses[(7 * i + 3) % clauses.length]].filter((c) => c.item !== na);
    return { not_applicable: [na], deductions: picked.map((c) => ({ clause: c.clause, problem: `${who} 请求 ${i}：条文 ${c.clause} 不符合` })) };
  };
  const months = async () => ok(await s.contractor[0].get(`/api/declarations/${decl.id}/monthly`)).items;
  const site = s.site1;

  for (const [period, creations] of [['2026-02', 2], ['2026-03', 20]]) {
    const created = await once(decl.id, ['monthly_evaluation/create'],
      () => race(s.contractor, creations, 'POST', `/api/declarations/${decl.id}/monthly`, () => ({ period }), 201));
    let m = created.winner;
    assert.equal(m.period, period);
    assert.equal((await months()).filter((x) => x.period === period).length, 1, `one ${period}`);

    for (const [url, clients, n, who, key] of [['self-sheet', s.contractor, 2, '自评', 'self'], ['self-sheet', s.contractor, 10, '自评', 'self'],
      ['submit', s.contractor, 20], ['review-sheet', site, 2, '复核', 'review'], ['review-sheet', site, 10, '复核', 'review'], ['review-submit', site, 20]]) {
      const v = m.version;
      const method = key ? 'PUT' : 'POST';
      const action = { 'self-sheet': 'save_self', submit: 'submit', 'review-sheet': 'save_review', 'review-submit': 'review_submit' }[url];
      // The first filed month of a quarter opens its registration.
      const sides = action === 'review_submit' && period === '2026-02' ? ['quarterly_registration/open'] : [];
      const r = await once(decl.id, [`monthly_evaluation/${action}`, ...sides],
        // A stale sheet save is a version conflict (saving is allowed in the state either way).
        () => race(clients, n, method, `/api/monthly/${m.id}/${url}`, (i) => ({ version: v, ...(key ? sheet(i + n, who) : {}) }), 200,
          key ? ['conflict'] : undefined));
      m = ok(await clients[0].get(`/api/monthly/${m.id}`));
      assert.equal(m.version, v + 1, `${url}: version advanced by one`);
      assert.equal(m.status, r.winner.status);
      if (!key) continue;
      // The stored sheet is the winner's, whole: its items, and the deductions history written with it.
      assert.deepEqual({ not_applicable: m[key].not_applicable, deductions: m[key].deductions }, { not_applicable: r.body.not_applicable, deductions: r.body.deductions });
      assert.deepEqual(m[key].result, r.winner[key].result);
      assert.deepEqual(m[key].result.deductions.map((d) => d.clause).sort(), r.body.deductions.map((d) => d.clause).sort());
      const history = ok(await s.contractor[0].get(`/api/declarations/${decl.id}/deductions`)).items
        .filter((d) => d.period === period && d.sheet === key).map((d) => `${d.clause} ${d.problem}`).sort();
      assert.deepEqual(history, r.body.deductions.map((d) => `${d.clause} ${d.problem}`).sort());
    }
    assert.equal(m.status, 'filed');
  }
});

test('a quarter registered 20 times at once is registered once; a completion applied for ×20, reviewed and registered ×20 each wins once', async () => {
  const p = P[2];
  const authority = s[p.authority];
  const decl = ok(await s.contractor[0].get(`/api/declarations?status=accepted&q=${p.regNo}`)).items[0];
  const quarter = ok(await authority[0].get(`/api/declarations/${decl.id}/quarterly`)).items.find((q) => q.status === 'pending');
  assert.equal(quarter.quarter, '2026-Q2');
  const reg = await once(decl.id, ['quarterly_registration/register', 'monthly_evaluation/register', 'monthly_evaluation/register'],
    () => race(authority, 20, 'POST', `/api/quarterly/${quarter.id}/register`,
      (i) => ({ version: quarter.version, inspection_date: '2026-05-19', inspectors: `检查组 ${i}`, opinion: `登记 ${i}`, conclusion: 'excellent' })));
  const q = ok(await authority[0].get(`/api/quarterly/${quarter.id}`));
  assert.equal(q.status, 'registered');
  assert.equal(q.registrations.length, 1, 'one registration in the history');
  assert.equal(q.registration.inspectors, reg.body.inspectors);
  assert.deepEqual(q.months.filter((m) => m.status).map((m) => m.status), ['registered', 'registered']);

  const application = { completion_date: '2026-05-18', acceptance_info: '竣工验收合格。', self_assessment: '质量目标实现。' };
  let c = (await once(decl.id, ['completion/apply'],
    () => race(s.contractor, 20, 'POST', `/api/declarations/${decl.id}/completion`, () => application, 201))).winner;
  assert.equal(ok(await s.contractor[0].get(`/api/completions?q=${p.regNo}`)).total, 1, 'one completion');
  for (const [method, url, clients, body, to] of [
    ['PUT', 'review', s.site2, (i) => ({ agree: true, opinion: `同意 ${i}` }), 'pending_review'],
    ['POST', 'review-submit', s.site2, () => ({}), 'pending_registration'],
    ['POST', 'register', authority, (i) => ({ opinion: `登记 ${i}`, conclusion: 'excellent' }), 'registered'],
  ]) {
    const v = c.version;
    const before = (await trail(decl.id)).length;
    const r = await race(clients, 20, method, `/api/completions/${c.id}/${url}`, (i) => ({ version: v, ...body(i) }));
    c = ok(await authority[0].get(`/api/completions/${c.id}`));
    assert.equal(c.status, to);
    assert.equal(c.version, v + 1);
    if (url === 'review') assert.equal(c.review.opinion, r.body.opinion);
    if (url === 'register') assert.equal(c.registration.opinion, r.body.opinion);
    const added = (await trail(decl.id)).slice(before).filter((e) => e.startsWith('completion/'));
    assert.equal(added.length, 1, `one completion entry for ${url}: ${added}`);
  }
  assert.equal(ok(await s.contractor[0].get(`/api/declarations/${decl.id}`)).management_status, 'completed');
});

test('suspension and termination: requested, withdrawn vs reviewed, reviewed and registered ×20 — one winner each, the project follows', async () => {
  const p = P[3];
  const authority = s[p.authority];
  const site = s.site3;
  const decl = ok(await s.contractor[0].get(`/api/declarations?status=accepted&q=${p.regNo}`)).items[0];
  const request = (kind, body) => once(decl.id, [`${kind === 'termination' ? 'termination' : 'suspension'}/request`],
    () => race(s.contractor, 20, 'POST', `/api/declarations/${decl.id}/${kind === 'termination' ? 'termination' : 'suspensions'}`, () => body, 201));
  const base = { suspension: '/api/suspensions', termination: '/api/terminations' };

  // The contractor withdraws while the site supervisor reviews: one of them, never both.
  let r = (await request('suspension', { kind: 'suspend', reason: '资金原因停工', date: '2026-05-01' })).winner;
  const before = await trail(decl.id);
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2
    ? site[0].post(`/api/suspensions/${r.id}/review`, { version: r.version })
    : s.contractor[i % 4].post(`/api/suspensions/${r.id}/withdraw`, { version: r.version }))));
  assert.equal(results.filter((x) => x.status === 200).length, 1, results.map((x) => x.status).join(','));
  for (const x of results) if (x.status !== 200) assert.equal(x.status, 409, x.text);
  const won = results.find((x) => x.status === 200).json;
  assert.ok(['withdrawn', 'pending_registration'].includes(won.status), won.status);
  assert.equal(ok(await site[0].get(`/api/suspensions/${r.id}`)).status, won.status);
  assert.deepEqual((await trail(decl.id)).slice(before.length), [`suspension/${won.status === 'withdrawn' ? 'withdraw' : 'review'}`]);
  if (won.status === 'withdrawn') r = (await request('suspension', { kind: 'suspend', reason: '资金原因停工', date: '2026-05-01' })).winner;

  for (const [kind, body, managed] of [['suspension', null, 'suspended'], ['termination', { reason: '建设单位决定终止' }, 'terminated']]) {
    if (body) r = (await request(kind, body)).winner;
    for (const [action, clients, to] of [['review', site, 'pending_registration'], ['register', authority, 'registered']]) {
      r = ok(await clients[0].get(`${base[kind]}/${r.id}`));
      if (r.status !== 'pending_review' && action === 'review') continue; // reviewed in the withdraw race
      const v = r.version;
      const sides = action === 'register' ? [`declaration/${{ suspension: 'suspend', termination: 'terminate' }[kind]}`] : [];
      await once(decl.id, [`${kind}/${action}`, ...sides], () => race(clients, 20, 'POST', `${base[kind]}/${r.id}/${action}`, (i) => ({ version: v, opinion: `意见 ${i}` })));
      r = ok(await clients[0].get(`${base[kind]}/${r.id}`));
      assert.equal(r.status, to);
      assert.equal(r.version, v + 1);
    }
    assert.equal(ok(await s.contractor[0].get(`/api/declarations/${decl.id}`)).management_status, managed);
  }
});
