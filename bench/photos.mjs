// Photo uploads end to end (issue 23): a real `qsm serve` on a fresh demo database (SQLite, or
// PostgreSQL with QSM_TEST_BACKEND=postgresql QSM_TEST_PG_URL=…), a 12-megapixel camera JPEG (made by
// qsm_photo_bench --write) uploaded to a self sheet's deductions 8 at a time, ROUNDS times, while one
// client keeps reading the month every 10 ms (GET /api/monthly/{id}, which the uploads change: no
// cached answer).
// Prints per photo the server's CPU (from /proc/PID/stat) and the upload's wall time, the server's
// peak RSS (VmHWM) and the reads' latency before and during the uploads. Bounded: ROUNDS × 8 uploads.
//   node bench/photos.mjs            (ROUNDS=3; READER=0 leaves out the reads; QSM_BIN, QSM_PHOTO_BENCH choose the binaries)
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, certificateClient, demoProject, ROOT } from '../tests/lib/server.mjs';

const ROUNDS = Number(process.env.ROUNDS || 3);
const PARALLEL = 8;
const tool = process.env.QSM_PHOTO_BENCH || path.join(ROOT, 'build', 'qsm_photo_bench');
const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'qsm-photo-')), 'camera.jpg');
execFileSync(tool, ['--write', file]);
const jpeg = readFileSync(file);

const server = await startServer({ tls: true, env: { QSM_NOW: '2026-05-20T10:00:00+08:00' }, args: ['--trusted-proxy', '127.0.0.1/32'] });
const pid = server.child.pid;
const ticks = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
const status = (key) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${key}:\\s+(\\d+)`))[1]) / 1024;
const HZ = 100;
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const p95 = (v) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * 0.95))];

try {
  const p = demoProject(1);
  const contractor = await certificateClient(server, p.contractor);
  const decl = (await contractor.get(`/api/declarations?status=accepted&q=${p.regNo}`)).json.items[0];
  const tmpl = (await contractor.get(`/api/templates/${decl.template.code}/${decl.template.version}`)).json;
  const clauses = tmpl.check_items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses.map((c) => c.code))).slice(0, PARALLEL);
  const list = (await contractor.get(`/api/declarations/${decl.id}/monthly`)).json;
  let month = (await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: list.next.period })).json;
  month = (await contractor.put(`/api/monthly/${month.id}/self-sheet`, { version: month.version, not_applicable: [], deductions: clauses.map((c) => ({ clause: c, problem: '压测' })) })).json;

  const reads = async (ms) => {
    const out = [];
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const t = performance.now();
      await contractor.get(`/api/monthly/${month.id}`);
      out.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));  // another user's pace, not a busy loop
    }
    return out;
  };
  const idle = await reads(1500);
  const rssBefore = status('VmRSS');
  const cpu0 = ticks();
  const wall = [];
  let stop = false;
  const busy = [];
  // READER=0: no reads during the uploads, so the CPU figure is the uploads' alone.
  const reader = (async () => { while (!stop && process.env.READER !== '0') busy.push(...await reads(200)); })();
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    await Promise.all(clauses.map(async (c) => {
      const t = performance.now();
      const res = await contractor.upload(`/api/monthly/${month.id}/self-sheet/deductions/${c}/photos`, jpeg, 'image/jpeg');
      if (res.status !== 201) throw new Error(`upload ${res.status} ${res.text}`);
      wall.push(performance.now() - t);
    }));
  }
  const elapsed = performance.now() - t0;
  stop = true;
  await reader;
  const photos = ROUNDS * PARALLEL;
  const cpuMs = ((ticks() - cpu0) / HZ) * 1000;
  console.log(`backend ${server.db.split(':')[0]}; ${photos} uploads of a ${(jpeg.length / 1e6).toFixed(1)} MB 4000×3000 JPEG, ${PARALLEL} at a time, in ${(elapsed / 1000).toFixed(1)} s`);
  console.log(`server CPU per photo ${(cpuMs / photos).toFixed(0)} ms (all threads, with the reads); upload wall median ${median(wall).toFixed(0)} ms, p95 ${p95(wall).toFixed(0)} ms`);
  console.log(`server RSS before ${rssBefore.toFixed(0)} MB, peak (VmHWM, whole life) ${status('VmHWM').toFixed(0)} MB`);
  console.log(`GET /api/monthly/{id}: idle median ${median(idle).toFixed(1)} ms p95 ${p95(idle).toFixed(1)} ms (${idle.length}); during uploads ${busy.length ? `median ${median(busy).toFixed(1)} ms p95 ${p95(busy).toFixed(1)} ms` : '(none: READER=0)'} (${busy.length})`);
} finally {
  await server.stop();
}
