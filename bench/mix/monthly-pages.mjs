// The authority's monthly list (issue 25: "≤ 10 ms per page at 20k projects, any page, any filter"),
// or with LIST=quarterly its quarter list, one client, against a running `qsm serve` on a `qsm
// bench-data` database: every sort × a set of filters × pages 1, 50, 500 and 1,000 (of the quarters,
// fewer: 1, 50, 230 and 450). Prints every page whose median answer is over 10 ms, then the count,
// mean and worst. Timings are printed for the record, never asserted.
//   node bench/mix/monthly-pages.mjs BASE_URL [ACCOUNT=jdz_mh]
import { login } from './login.mjs';

const [base, account = 'jdz_mh'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node bench/mix/monthly-pages.mjs BASE_URL [ACCOUNT]');
  process.exit(2);
}
const headers = await login(base, account);
await fetch(`${base}/api/monthly?page=1`, { headers });  // the session's first request is not measured

// LIST=quarterly asks the same of the authority's quarter list (GET /api/quarterly): its orders and
// the same kinds of filter (two states, a range, a state with a range, the searches).
const LIST = process.env.LIST || 'monthly';
const searches = [`&q=1206`, `&q=${encodeURIComponent('区')}`,
  // Two-character searches without an index: 新建 is in eight project kinds of ten, 住宅 in two.
  `&q=${encodeURIComponent('新建')}`, `&q=${encodeURIComponent('住宅')}`];
const SORTS = LIST === 'quarterly' ? ['-quarter', 'quarter', '-updated_at', 'registration_no', 'status']
  : ['-period', 'period', '-updated_at', 'registration_no', 'status'];
const FILTERS = LIST === 'quarterly'
  ? ['', '&status=pending', '&status=registered', '&quarter_from=2025-Q3&quarter_to=2026-Q2', '&status=registered&quarter_from=2026-Q1', ...searches]
  : ['', '&status=filed', '&status=submitted', '&period_from=2026-03&period_to=2026-05', '&status=reviewed&period_from=2026-01', ...searches];
// Each page is asked for REPEAT times in a row (QSM_BENCH_REPEAT, default 3) and judged by its median:
// a single answer on this virtual machine now and then takes 10 ms more for reasons of its own (a
// page past the end of a 12-month list did, session 30); the slowest single answer is printed too.
const REPEAT = Number(process.env.QSM_BENCH_REPEAT || 3);
let worst = 0, worstSingle = 0, n = 0, total = 0;
for (const filter of FILTERS) {
  for (const sort of SORTS) {
    for (const page of LIST === 'quarterly' ? [1, 50, 230, 450] : [1, 50, 500, 1000]) {
      const url = `${base}/api/${LIST}?page=${page}&page_size=20&sort=${sort}${filter}`;
      const times = [];
      let body;
      for (let i = 0; i < REPEAT; i++) {
        const t0 = performance.now();
        const r = await fetch(url, { headers });
        body = await r.json();
        times.push(performance.now() - t0);
        if (r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
      times.sort((a, b) => a - b);
      const ms = times[times.length >> 1];
      n++;
      total += ms;
      worst = Math.max(worst, ms);
      worstSingle = Math.max(worstSingle, times[times.length - 1]);
      if (ms > 10) console.log(`${ms.toFixed(1)} ms  sort=${sort} ${decodeURIComponent(filter)} page ${page} (total ${body.total})`);
    }
  }
}
console.log(`${n} pages, median of ${REPEAT} answers each: mean ${(total / n).toFixed(2)} ms, worst ${worst.toFixed(1)} ms` +
  ` (slowest single answer ${worstSingle.toFixed(1)} ms)`);
