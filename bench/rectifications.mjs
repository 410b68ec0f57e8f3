// A station's rectification work (issue 24) against a real `qsm serve` on a fresh demo database (SQLite,
// or PostgreSQL with QSM_TEST_BACKEND=postgresql QSM_TEST_PG_URL=…): ORDERS orders of three items
// issued by four sessions of one station at once, then each taken through its loop (reply by the
// contractor, confirm by the 监理, recheck by the station) by SITES parallel workers, while a fifth
// session reads the station's list with changing filters, pages and searches (a different URL each
// time). Prints requests per second of each kind with p50/p95, the list's latency before and during
// the writes, whether the numbers are gapless, and the response cache's hit rate over the run (from
// /metrics). Bounded: ORDERS × 4 writes. Timings are printed, never asserted.
//   node bench/rectifications.mjs      (ORDERS=200 SITES=4; QSM_BIN chooses the binary)
import assert from 'node:assert/strict';
import { startServer, certificateClient, siteClient, accountClient, demoProject, demoPerson, Client } from '../tests/lib/server.mjs';

const ORDERS = Number(process.env.ORDERS || 200);
const SITES = Number(process.env.SITES || 4);
const pct = (v, q) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * q))].toFixed(1) : '—'; };
const line = (name, v, ms) => console.log(`${name.padEnd(22)} ${String(v.length).padStart(5)}  ${(v.length / (ms / 1000)).toFixed(0).padStart(6)} /s  p50 ${pct(v, 0.5).padStart(7)} ms  p95 ${pct(v, 0.95).padStart(7)} ms`);

const server = await startServer({ tls: true, env: { QSM_NOW: '2026-05-20T10:00:00+08:00' }, args: ['--trusted-proxy', '127.0.0.1/32'] });
const metric = async (name) => Number((await new Client(server.base).get('/metrics')).text.match(new RegExp(`^${name} (\\d+)`, 'm'))?.[1] ?? 0);
try {
  const p = demoProject(2);
  const inspectors = await Promise.all([1, 2, 3, 4].map(() => accountClient(server, p.authority)));
  const reader = await accountClient(server, p.authority);
  const contractor = await certificateClient(server, p.contractor);
  const site = await siteClient(server, 'site_supervisor', demoPerson(p.supervision.manager_id_number), p.supervision);
  const decl = (await reader.get(`/api/declarations?status=accepted&q=${p.regNo}`)).json.items[0];
  const timed = async (out, f) => { const t = performance.now(); const r = await f(); out.push(performance.now() - t); return r; };

  const STATUSES = ['', 'issued', 'replied', 'confirmed', 'closed'];
  const SORTS = ['-issued_at', 'deadline', 'number', '-updated_at'];
  let n = 0;
  const readList = () => {
    const q = new URLSearchParams({ page: String(1 + (n % 5)), page_size: '20', sort: SORTS[n % 4] });
    if (STATUSES[n % 5]) q.set('status', STATUSES[n % 5]);
    if (n % 7 === 0) q.set('q', `整字第00${n % 10}`);
    if (n % 11 === 0) q.set('overdue', 'true');
    ++n;
    return reader.get(`/api/rectifications?${q}`);
  };
  const reads = async (ms, out) => { const end = Date.now() + ms; while (Date.now() < end) { await timed(out, readList); await new Promise((r) => setTimeout(r, 5)); } };
  const idle = [];
  await reads(1500, idle);
  const hits0 = await metric('qsm_response_cache_hits_total');
  const gets0 = await metric('qsm_http_requests_total\\{class="2xx"\\}');

  const busy = [];
  let stop = false;
  const readerLoop = (async () => { while (!stop) await reads(200, busy); })();
  const issue = [], reply = [], confirm = [], recheck = [];
  const t0 = performance.now();
  let next = 0;
  const made = [];
  await Promise.all(inspectors.map(async (c) => {
    while (next < ORDERS) {
      const i = next++;
      const r = await timed(issue, () => c.post('/api/rectifications', { declaration_id: decl.id, kind: 'rectify', deadline: '2026-06-20',
        items: [{ problem: `临边防护 ${i}` }, { problem: `材料堆放 ${i}` }, { problem: `养护记录 ${i}` }] }));
      assert.equal(r.status, 201, r.text);
      made.push(r.json);
    }
  }));
  const issueMs = performance.now() - t0;
  const t1 = performance.now();
  let k = 0;
  await Promise.all(Array.from({ length: SITES }, async () => {
    while (k < made.length) {
      let r = made[k++];
      const url = `/api/rectifications/${r.id}`;
      r = (await timed(reply, () => contractor.post(`${url}/reply`, { version: r.version, items: r.items.map((x) => ({ id: x.id, measure: '已整改' })) }))).json;
      r = (await timed(confirm, () => site.post(`${url}/confirm`, { version: r.version, agree: true }))).json;
      r = (await timed(recheck, () => inspectors[0].post(`${url}/recheck`, { version: r.version, items: r.items.map((x) => ({ id: x.id, passed: true })) }))).json;
      assert.equal(r.status, 'closed');
    }
  }));
  const loopMs = performance.now() - t1;
  stop = true;
  await readerLoop;
  const hits = (await metric('qsm_response_cache_hits_total')) - hits0;
  const answered = (await metric('qsm_http_requests_total\\{class="2xx"\\}')) - gets0;

  const seqs = made.map((m) => Number(m.number.match(/第(\d+)号/)[1])).sort((a, b) => a - b);
  const gapless = seqs.every((s, i) => i === 0 || s === seqs[i - 1] + 1);
  console.log(`backend ${server.db.split(':')[0]}, ${ORDERS} orders × 3 items, 4 inspectors, ${SITES} site workers`);
  line('issue', issue, issueMs);
  line('reply', reply, loopMs);
  line('confirm', confirm, loopMs);
  line('recheck', recheck, loopMs);
  line('list (idle)', idle, 1500);
  line('list (during writes)', busy, issueMs + loopMs);
  console.log(`numbers ${seqs[0]}…${seqs.at(-1)} gapless: ${gapless}; response cache hits ${hits} of ${answered} answers (${(100 * hits / Math.max(1, answered)).toFixed(1)} %)`);
} finally {
  await server.stop();
}
