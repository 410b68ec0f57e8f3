// Sheet saves (issue 25: "at 8 and 32 clients: ≥ 3,000/s on SQLite; ≥ 1,000/s on PostgreSQL"):
// CLIENTS contractors at once, each saving its own draft month's self sheet over and over for SECONDS
// (0–8 deductions over the template's clauses, the version of the last answer each time), as
// `PUT /api/monthly/{id}/self-sheet` — route, session, JSON, scoring with the history, the write
// transaction with its deductions and audit record, and the answer with both sheets. The sessions
// and months come from `qsm bench-sessions` (a JSON file). Prints saves/s, p50, p99 and refusals.
//   node bench/mix/saves.mjs BASE_URL SESSIONS_JSON CLIENTS SECONDS
import { readFileSync } from 'node:fs';

const [base, file, clientsArg = '8', secondsArg = '10'] = process.argv.slice(2);
if (!base || !file) {
  console.error('usage: node bench/mix/saves.mjs BASE_URL SESSIONS_JSON CLIENTS SECONDS');
  process.exit(2);
}
const { sessions, clauses } = JSON.parse(readFileSync(file, 'utf8'));
const clients = Number(clientsArg);
if (sessions.length < clients) throw new Error(`${clients} clients need ${clients} sessions, the file has ${sessions.length}`);

let seed = 20261203;  // mulberry32: the same sheets on every run
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const latencies = [];
let refused = 0;
const until = performance.now() + Number(secondsArg) * 1000;
async function client(s) {
  // Where the version stands now (a run before this one moved it on).
  const current = await fetch(`${base}/api/monthly/${s.monthly_id}`, { headers: { authorization: `Bearer ${s.token}` } });
  let { version } = await current.json();
  while (performance.now() < until) {
    const deductions = [];
    const n = Math.floor(random() * 9);
    const used = new Set();
    for (let k = 0; k < n; k++) {
      const clause = clauses[Math.floor(random() * clauses.length)];
      if (!used.has(clause)) used.add(clause), deductions.push({ clause, problem: '现场检查发现的问题描述' });
    }
    const t0 = performance.now();
    const r = await fetch(`${base}/api/monthly/${s.monthly_id}/self-sheet`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version, not_applicable: [], deductions }),
    });
    const body = await r.json();
    latencies.push(performance.now() - t0);
    if (r.ok) version = body.version;
    else if (++refused <= 3) console.error(`refused: ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
}
const t0 = performance.now();
await Promise.all(sessions.slice(0, clients).map(client));
const seconds = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))].toFixed(2);
console.log(`${clients}\t${latencies.length}\t${(latencies.length / seconds).toFixed(0)}\t${at(0.5)}\t${at(0.99)}\t${refused}`);
