// Single URLs of an authority, one client, against a running `qsm serve` on a `qsm bench-data`
// database: each URL asked REPEAT times in a row (QSM_BENCH_REPEAT, default 15), its median and
// slowest answer printed. For pages outside the list benchmarks (the dashboard, the overdue months);
// run it against two builds in turn on the same data to compare them. Timings are printed for the
// record, never asserted.
//   node bench/mix/endpoints.mjs BASE_URL PATH… (ACCOUNT=jdz_mh by default)
import { login } from './login.mjs';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: node bench/mix/endpoints.mjs BASE_URL PATH…');
  process.exit(2);
}
const account = process.env.ACCOUNT || 'jdz_mh';
const headers = await login(base, account);
const REPEAT = Number(process.env.QSM_BENCH_REPEAT || 15);
for (const path of paths) {
  const times = [];
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    const r = await fetch(base + path, { headers });
    await r.arrayBuffer();
    times.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
  }
  times.sort((a, b) => a - b);
  console.log(`${path}: median ${times[times.length >> 1].toFixed(1)} ms, slowest ${times[times.length - 1].toFixed(1)} ms (${REPEAT} answers)`);
}
