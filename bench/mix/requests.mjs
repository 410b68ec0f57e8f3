// The requests of a city's morning (issue 25), written once before a run so that the load generator
// (wrk with mix.lua) does no work of its own: SESSIONS authority sessions spread over the districts,
// each sending its own mix — 55 % declaration lists (page 1–50, a status filter in half, one of five
// sort orders, a 名称/编号 search in one of five), 35 % the detail of a random month of its district,
// 10 % its inbox. Every line is "TOKEN<TAB>PATH"; consecutive lines come from different sessions.
//
// With MIX_SESSIONS=FILE (the JSON of `qsm bench-sessions --count C --drafts D --site S`), the mix of
// every role instead, writes included — per 100 requests:
//   50 authority   22 declaration lists as above, 5 month lists (page 1–50, a state in half, one of
//                  five sorts, a search in one of five), 18 month details, 4 inbox, 1 dashboard
//   25 contractor  4 declaration lists, 4 month lists, 6 own month details, 4 inbox, 1 dashboard,
//                  5 self-sheet saves (0–8 deductions), 1 submit of a draft month
//   15 监理现场    4 inbox, 3 the declaration's months, 4 month details, 4 review-sheet saves
//   10 项目部      4 inbox, 3 the declaration's months, 3 month details
// A write line names no month: "@self<TAB>J<TAB>SHEET" and "@review<TAB>J<TAB>SHEET" are saves of the
// J-th month of OUT_FILE.self / OUT_FILE.review (mix.lua gives each wrk thread months of its own and
// puts the version in), "@submit" takes the next month of OUT_FILE.submit (each submitted once).
//   [MIX_SESSIONS=FILE] node bench/mix/requests.mjs BASE_URL OUT_FILE [COUNT=50000] [SESSIONS=48]
import { readFileSync, writeFileSync } from 'node:fs';

const [base, out, count = '50000', sessions = '48'] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node bench/mix/requests.mjs BASE_URL OUT_FILE [COUNT] [SESSIONS]');
  process.exit(2);
}
const PASSWORD = process.env.QSM_BENCH_PASSWORD || 'Qsm@demo2026';  // what `qsm bench-data` gives its accounts
const DISTRICTS = ['HP', 'XH', 'CN', 'JA', 'PT', 'HK', 'YP', 'MH', 'BS', 'JD', 'JS', 'SJ', 'QP', 'FX', 'CM', 'PD'];
const SORTS = ['-updated_at', 'updated_at', 'registration_no', '-registration_no', 'status'];
const STATUSES = ['submitted', 'reviewed', 'accepted', 'returned'];
const MONTH_SORTS = ['-period', 'period', '-updated_at', 'registration_no', 'status'];
const MONTH_STATUSES = ['submitted', 'reviewed', 'filed', 'registered'];

// A fixed pseudo-random sequence (mulberry32), so that two runs send the same requests.
let seed = 20261203;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

async function call(path, token, body) {
  const res = await fetch(base + path, {
    method: body ? 'POST' : 'GET',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const mix = process.env.MIX_SESSIONS ? JSON.parse(readFileSync(process.env.MIX_SESSIONS, 'utf8')) : null;
// The authority's sessions: with MIX_SESSIONS holding inspectors (`--inspectors N`), theirs (a
// district's inspectors share its scope); otherwise SESSIONS logins of the districts' accounts.
const people = [];
if (mix?.inspectors?.length) {
  for (const i of mix.inspectors) people.push({ username: `jdz_${i.district.toLowerCase()}`, token: i.token });
} else {
  for (let i = 0; i < Number(sessions); i++) {
    const username = `jdz_${DISTRICTS[i % DISTRICTS.length].toLowerCase()}`;
    const login = await call('/api/auth/password', null, { username, password: PASSWORD });
    people.push({ username, token: login.token });
  }
}
// Each district's months and project names, read once per district (its sessions share them).
const scope = new Map();
for (const p of people) {
  if (scope.has(p.username)) continue;
  const months = [];
  for (let page = 1; page <= 5; page++) {
    const list = await call(`/api/monthly?page=${page}&page_size=100`, p.token);
    months.push(...list.items.map((m) => m.id));
    if (list.items.length < 100) break;
  }
  const names = (await call('/api/declarations?page_size=100', p.token)).items.map((d) => d.project.name);
  scope.set(p.username, { months, names });
}

const lines = [];
if (mix) await roles(mix);
else for (let i = 0; i < Number(count); i++) {
  const p = people[i % people.length];
  const { months, names } = scope.get(p.username);
  const r = random();
  let path;
  if (r < 0.55 || months.length === 0) {
    const q = new URLSearchParams({ page: String(1 + Math.floor(random() * 50)), page_size: '20', sort: pick(SORTS) });
    if (random() < 0.5) q.set('status', pick(STATUSES));
    if (random() < 0.2 && names.length) q.set('q', pick(names).slice(2, 6));
    path = `/api/declarations?${q}`;
  } else if (r < 0.9) {
    path = `/api/monthly/${pick(months)}`;
  } else {
    path = '/api/tasks';
  }
  lines.push(`${p.token}\t${path}`);
}
writeFileSync(out, lines.join('\n') + '\n');
const kinds = {};
const kind = (l) => l.startsWith('@') ? l.split('\t')[0] : l.split('\t')[1].replace(/\?.*/, '').replace(/\d+/g, 'N');
for (const l of lines) kinds[kind(l)] = (kinds[kind(l)] || 0) + 1;
console.error(`${lines.length} requests of ${people.length} authority sessions (${scope.size} districts)${mix ? ` and ${
  new Set([...mix.sessions, ...mix.reviews, ...mix.site_contractors].map((s) => s.token)).size} others` : ''}: ${JSON.stringify(kinds)}`);

// The mix of every role (MIX_SESSIONS).
async function roles({ sessions, drafts, reviews, site_contractors: site, clauses }) {
  if (!sessions.length || !drafts.length || !reviews.length) throw new Error(`${process.env.MIX_SESSIONS}: needs contractors, drafts and reviews`);
  writeFileSync(`${out}.self`, sessions.map((s) => `${s.token}\t${s.monthly_id}`).join('\n') + '\n');
  writeFileSync(`${out}.review`, reviews.map((s) => `${s.token}\t${s.monthly_id}`).join('\n') + '\n');
  writeFileSync(`${out}.submit`, drafts.map((s) => `${s.token}\t${s.monthly_id}\t${s.version}`).join('\n') + '\n');
  // What each contractor and site user may open: its months, as its own pages list them.
  const contractors = [];
  for (const s of sessions) {
    const months = (await call('/api/monthly?page_size=100', s.token)).items.map((m) => m.id);
    contractors.push({ token: s.token, months });
  }
  const siteUsers = async (list) => {
    const users = [];
    for (const s of list) users.push({ token: s.token, declaration: s.declaration_id,
      months: (await call(`/api/declarations/${s.declaration_id}/monthly`, s.token)).items.map((m) => m.id) });
    return users;
  };
  const reviewers = await siteUsers(reviews), managers = await siteUsers(site);
  const sheet = () => {
    const used = new Set();
    const deductions = [];
    for (let k = Math.floor(random() * 9); k > 0; k--) {
      const clause = pick(clauses);
      if (!used.has(clause)) used.add(clause), deductions.push({ clause, problem: '现场检查发现的问题描述' });
    }
    return JSON.stringify({ not_applicable: [], deductions }).slice(1, -1);
  };
  const siteReads = (u, r) => r < 0.4 ? '/api/tasks' : r < 0.7 ? `/api/declarations/${u.declaration}/monthly` : `/api/monthly/${pick(u.months)}`;
  let self = 0, review = 0;
  for (let i = 0; i < Number(count); i++) {
    const r = random() * 100;
    if (r < 50) {
      const p = people[i % people.length];
      const { months, names } = scope.get(p.username);
      const q = new URLSearchParams({ page: String(1 + Math.floor(random() * 50)), page_size: '20', sort: pick(SORTS) });
      if (random() < 0.5) q.set('status', pick(STATUSES));
      if (random() < 0.2 && names.length) q.set('q', pick(names).slice(2, 6));
      if (r < 27 && r >= 22) {  // the month list, with the same kinds of filter
        q.set('sort', pick(MONTH_SORTS));
        if (q.has('status')) q.set('status', pick(MONTH_STATUSES));
      }
      lines.push(`${p.token}\t${r < 22 ? `/api/declarations?${q}` : r < 27 ? `/api/monthly?${q}` : r < 45 ? `/api/monthly/${pick(months)}`
        : r < 49 ? '/api/tasks' : '/api/dashboard'}`);
    } else if (r < 75) {
      const c = contractors[i % contractors.length];
      const page = String(1 + Math.floor(random() * 3));
      if (r < 54) lines.push(`${c.token}\t/api/declarations?page=${page}&page_size=20`);
      else if (r < 58) lines.push(`${c.token}\t/api/monthly?page=${page}&page_size=20`);
      else if (r < 64) lines.push(`${c.token}\t/api/monthly/${pick(c.months)}`);
      else if (r < 68) lines.push(`${c.token}\t/api/tasks`);
      else if (r < 69) lines.push(`${c.token}\t/api/dashboard`);
      else if (r < 74) lines.push(`@self\t${self++}\t${sheet()}`);
      else lines.push('@submit');
    } else if (r < 90) {
      const u = reviewers[i % reviewers.length];
      if (r < 86) lines.push(`${u.token}\t${siteReads(u, (r - 75) / 11)}`);
      else lines.push(`@review\t${review++}\t${sheet()}`);
    } else {
      const u = managers[i % managers.length];
      lines.push(`${u.token}\t${siteReads(u, (r - 90) / 10)}`);
    }
  }
}
