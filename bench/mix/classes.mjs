// Where a mix's time goes, one kind of request at a time: the first COUNT GET lines of a
// bench/mix/run.sh requests.txt ("TOKEN<TAB>PATH"; the saves and submits are left out) sent by one
// client in turn, twice; the second pass is timed. Prints for each kind (the path with its ids as N,
// "q" with a search, "status" with a status filter, "deep" past page 10) the count, the mean, p50,
// p90 and the kind's total, largest total first. Used to compare two databases (20k and 100k
// projects) request by request, without the queueing of 64 connections. Never asserted.
//   node bench/mix/classes.mjs BASE_URL REQUESTS_FILE [COUNT=3000]
import { readFileSync } from 'node:fs';

const [base, file, count = '3000'] = process.argv.slice(2);
if (!base || !file) {
  console.error('usage: node bench/mix/classes.mjs BASE_URL REQUESTS_FILE [COUNT]');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('@')).slice(0, Number(count));

function kind(path) {
  const [p, query = ''] = path.split('?');
  const params = new URLSearchParams(query);
  let k = p.replace(/\/\d+/g, '/N');
  if (params.get('q')) k += ' q';
  else if (params.get('status')) k += ' status';
  if (Number(params.get('page') || 1) > 10) k += ' deep';
  return k;
}

const times = new Map();
for (let pass = 0; pass < 2; pass++) {
  for (const line of lines) {
    const [token, path] = line.split('\t');
    const t0 = performance.now();
    const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    if (pass === 0) continue;
    const k = kind(path);
    if (!times.has(k)) times.set(k, []);
    times.get(k).push(performance.now() - t0);
  }
}
const rows = [...times].map(([k, v]) => {
  v.sort((a, b) => a - b);
  const total = v.reduce((a, b) => a + b, 0);
  return { k, n: v.length, mean: total / v.length, p50: v[v.length >> 1], p90: v[Math.floor(v.length * 0.9)], total };
});
rows.sort((a, b) => b.total - a.total);
console.log('kind\tcount\tmean ms\tp50 ms\tp90 ms\ttotal ms');
for (const r of rows) console.log([r.k, r.n, r.mean.toFixed(2), r.p50.toFixed(2), r.p90.toFixed(2), r.total.toFixed(0)].join('\t'));
console.log(['all', rows.reduce((a, r) => a + r.n, 0), '', '', '', rows.reduce((a, r) => a + r.total, 0).toFixed(0)].join('\t'));
