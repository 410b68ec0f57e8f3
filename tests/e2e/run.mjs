// Runs the browser tests against a real `qsm serve` with the demo data (fresh SQLite database) and
// an HTTPS listener with the dev CA. The tests run in a child process started asynchronously, so this
// process keeps reading the server's output (a blocked log pipe would stall the server).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const server = await startServer({ tls: true });
// QSM_E2E_ONLY=completion,monthly runs only the test files whose names contain one of the words.
const only = (process.env.QSM_E2E_ONLY ?? '').split(',').map((w) => w.trim()).filter(Boolean);
const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((w) => f.includes(w))).sort().map((f) => path.join(here, f));
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  env: {
    ...process.env,
    QSM_BASE_URL: server.base,
    QSM_TLS_BASE_URL: server.tlsBase,
    QSM_CERT_DIR: server.certs,
    QSM_CLI: JSON.stringify(server.cli),
  },
});
const status = await new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
await server.stop();
process.exit(status);
