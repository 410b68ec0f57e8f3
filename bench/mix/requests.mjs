// The requests of a city's morning (issue 25), written once before a run so that the load generator
// (wrk with mix.lua) does no work of its own: SESSIONS authority sessions spread over the districts,
// each sending its own mix — 55 % declaration lists (page 1–50, a status filter in half, one of five
// sort orders, a 名称/编号 search in one of five), 35 % the detail of a random month of its district,
// 10 % its inbox. Every line is "TOKEN<TAB>PATH"; consecutive lines come from different sessions.
//   node bench/mix/requests.mjs BASE_URL OUT_FILE [COUNT=50000] [SESSIONS=48]
import { writeFileSync } from 'node:fs';

const [base, out, count = '50000', sessions = '48'] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node bench/mix/requests.mjs BASE_URL OUT_FILE [COUNT] [SESSIONS]');
  process.exit(2);
}
const PASSWORD = process.env.QSM_BENCH_PASSWORD || 'Qsm@demo2026';  // what `qsm bench-data` gives its accounts
const DISTRICTS = ['HP', 'XH', 'CN', 'JA', 'PT', 'HK', 'YP', 'MH', 'BS', 'JD', 'JS', 'SJ', 'QP', 'FX', 'CM', 'PD'];
const SORTS = ['-updated_at', 'updated_at', 'registration_no', '-registration_no', 'status'];
const STATUSES = ['submitted', 'reviewed', 'accepted', 'returned'];

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

const people = [];
for (let i = 0; i < Number(sessions); i++) {
  const username = `jdz_${DISTRICTS[i % DISTRICTS.length].toLowerCase()}`;
  const login = await call('/api/auth/password', null, { username, password: PASSWORD });
  people.push({ username, token: login.token });
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
for (let i = 0; i < Number(count); i++) {
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
const kinds = { list: 0, monthly: 0, tasks: 0 };
for (const l of lines) kinds[l.includes('/api/declarations') ? 'list' : l.includes('/api/monthly') ? 'monthly' : 'tasks']++;
console.error(`${lines.length} requests of ${people.length} sessions (${scope.size} districts): ${JSON.stringify(kinds)}`);
