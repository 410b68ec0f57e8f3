// Runs the browser tests against a real `qsm serve` with the demo data (fresh SQLite database).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const server = await startServer({ tls: true });
const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).map((f) => path.join(here, f));
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  env: {
    ...process.env,
    QSM_BASE_URL: server.base,
    QSM_TLS_BASE_URL: server.tlsBase,
    QSM_CERT_DIR: server.certs,
    QSM_CLI: JSON.stringify(server.cli),
  },
});
await server.stop();
process.exit(result.status ?? 1);
