// Byte-compares two servers' answers to the mix's requests (bench/mix/requests.mjs's file): sends the
// first COUNT requests to both, each to both at once, and reports per request kind how many answers
// (status and body; headers ignored) are identical, printing for each kind the first differing pair
// around the first differing byte. Starts nothing itself. Exits 1 unless every answer is identical.
//   node bench/peer/compare.mjs BASE_A BASE_B REQUESTS_FILE [COUNT=2000] [PARALLEL=4]
import { readFileSync } from 'node:fs';

const [a, b, file, count = '2000', parallel = '4'] = process.argv.slice(2);
if (!a || !b || !file) {
  console.error('usage: node bench/peer/compare.mjs BASE_A BASE_B REQUESTS_FILE [COUNT] [PARALLEL]');
  process.exit(2);
}
const requests = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, Number(count)).map((line) => {
  const [token, path] = line.split('\t');
  return { token, path };
});
const kindOf = (path) => (path.startsWith('/api/declarations') ? 'list' : path.startsWith('/api/monthly/') ? 'monthly' : path.startsWith('/api/tasks') ? 'tasks' : 'other');

async function get(base, { token, path }) {
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

// The first differing byte, moved back to the start of its UTF-8 character, and the text around it.
function firstDifference(x, y) {
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  while (i > 0 && ((x[i] ?? 0) & 0xc0) === 0x80) i--;
  const around = (buf) => buf.subarray(Math.max(0, i - 160), i + 160).toString('utf8');
  return { at: i, a: around(x), b: around(y) };
}

const stats = new Map();
let next = 0;
async function worker() {
  while (next < requests.length) {
    const r = requests[next++];
    const [x, y] = await Promise.all([get(a, r), get(b, r)]);
    const kind = kindOf(r.path);
    const s = stats.get(kind) ?? { sent: 0, identical: 0, statuses: new Map(), first: null };
    stats.set(kind, s);
    s.sent++;
    s.statuses.set(x.status, (s.statuses.get(x.status) ?? 0) + 1);
    if (x.status === y.status && x.body.equals(y.body)) s.identical++;
    else if (!s.first) s.first = { path: r.path, status: [x.status, y.status], lengths: [x.body.length, y.body.length], ...firstDifference(x.body, y.body) };
  }
}
await Promise.all(Array.from({ length: Number(parallel) }, worker));

let all = 0;
let same = 0;
for (const [kind, s] of [...stats].sort()) {
  all += s.sent;
  same += s.identical;
  const statuses = [...s.statuses].map(([k, v]) => `${v}×${k}`).join(' ');
  console.log(`${kind}\t${s.identical}/${s.sent} identical\t(${a}: ${statuses})`);
  if (s.first) {
    const f = s.first;
    console.log(`  first difference: ${f.path}: status ${f.status[0]} / ${f.status[1]}, ${f.lengths[0]} / ${f.lengths[1]} bytes, from byte ${f.at}:`);
    console.log(`  < ${f.a}`);
    console.log(`  > ${f.b}`);
  }
}
console.log(`all\t${same}/${all} identical`);
process.exit(same === all && all > 0 ? 0 : 1);
