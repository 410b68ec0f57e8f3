// Runs the browser tests, each file against a real `qsm serve` of its own with the demo data (a fresh
// SQLite database) and an HTTPS listener with the dev CA, QSM_E2E_WORKERS files at once (default 2),
// the largest files first so that the small ones fill the end. A file's own server makes it start
// from the demo data whatever ran before it, in any order. Each file runs in a child
// `node --test` started asynchronously, so this process keeps reading the servers' output (a blocked
// log pipe would stall a server); its TAP is printed when it ends, one file after another. The run
// ends with the sums over the files ("# tests N", "# pass N", "# fail N"); it exits 1 when any file
// failed or ended without its summary.
//   [QSM_E2E_ONLY=completion,monthly] [QSM_E2E_WORKERS=2] node tests/e2e/run.mjs
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// QSM_E2E_ONLY=completion,monthly runs only the test files whose names contain one of the words.
const only = (process.env.QSM_E2E_ONLY ?? '').split(',').map((w) => w.trim()).filter(Boolean);
const workers = Number(process.env.QSM_E2E_WORKERS ?? 2);
if (!(workers >= 1)) throw new Error('QSM_E2E_WORKERS wants a number ≥ 1');
// A file's size stands for its time (the largest took 70-140 s, the smallest 5-10 s).
const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
  .map((f) => path.join(here, f))
  .sort((a, b) => statSync(b).size - statSync(a).size);

const sums = { tests: 0, pass: 0, fail: 0 };
let failed = false;

async function runFile(file) {
  const started = Date.now();
  const server = await startServer({ tls: true });
  const child = spawn(process.execPath, ['--test', '--test-reporter=tap', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      QSM_BASE_URL: server.base,
      QSM_TLS_BASE_URL: server.tlsBase,
      QSM_CERT_DIR: server.certs,
      QSM_CLI: JSON.stringify(server.cli),
    },
  });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  try {
    await server.stop();
  } catch (e) {
    out += `\nnot ok - the file's server: ${e.message}\n`;
    failed = true;
  }
  const count = (name) => {
    const m = out.match(new RegExp(`^# ${name} (\\d+)$`, 'm'));
    return m ? Number(m[1]) : null;
  };
  const [tests, pass, fail] = [count('tests'), count('pass'), count('fail')];
  if (tests === null || pass === null || fail === null) {
    // No summary: the file did not run to its end. It counts as one failed test.
    sums.tests += 1;
    sums.fail += 1;
    failed = true;
  } else {
    sums.tests += tests;
    sums.pass += pass;
    sums.fail += fail;
    if (fail > 0 || status !== 0) failed = true;
  }
  // The file's own lines, without its summary (the run prints the sums).
  const lines = out.split('\n').filter((l) => !/^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(l) && l !== 'TAP version 13');
  process.stdout.write(`# ${path.basename(file)} (${((Date.now() - started) / 1000).toFixed(1)} s, exit ${status})\n${lines.join('\n')}\n`);
}

const queue = [...files];
await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, async () => {
  for (let file = queue.shift(); file; file = queue.shift()) await runFile(file);
}));
process.stdout.write(`# tests ${sums.tests}\n# pass ${sums.pass}\n# fail ${sums.fail}\n`);
process.exit(failed ? 1 : 0);
