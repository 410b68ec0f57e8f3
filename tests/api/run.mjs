// Runs the API test files (tests/api/*.test.mjs) with node:test's run(), which keeps the order it is
// given (`node --test` sorts its files by name). The files that mostly wait go first: refused logins
// are answered no sooner than 300 ms (src/api/routes.cpp, kLoginLatency) and a few files send a
// hundred of them one after another; so do the authorization matrix's shards, the longest files. Started
// last, they left a 2-core machine idle for the last ~50 s of the run.
//
//   node tests/api/run.mjs [--concurrency N] [--skip-pinned-clock] [FILE ...]
//
// --concurrency: files at once (default 3: the waiting files leave room for a third).
// --skip-pinned-clock: leaves out the files whose every server pins its own QSM_NOW (the clock passes of
//   scripts/test: such a file runs exactly as in the first pass, whatever the outer clock says).
// Prints TAP, ending with "# pass N" and "# fail N"; exits 1 when a test failed.
import { run } from 'node:test';
import { tap } from 'node:test/reporters';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIRST = ['security', 'ratelimit', 'account_security', 'identity', 'admin_console', 'authz_matrix_1', 'authz_matrix_2',
  'authz_matrix_3', 'hardening', 'clerks'];

const args = process.argv.slice(2);
let concurrency = 3;
let skipPinned = false;
const named = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--concurrency') concurrency = Number(args[++i]);
  else if (args[i] === '--skip-pinned-clock') skipPinned = true;
  else named.push(path.resolve(args[i]));
}
if (!(concurrency >= 1)) throw new Error('--concurrency wants a number ≥ 1');

// A file pins its clock when it starts servers and every start passes QSM_NOW (a shard file pins
// when the module it runs does).
function pinsClock(file) {
  const text = readFileSync(file, 'utf8');
  const module = text.match(/from '\.\/(\w+\.mjs)'/);
  const source = module && !text.includes('startServer(') ? readFileSync(path.join(here, module[1]), 'utf8') : text;
  const starts = source.match(/startServer\([^)]*\)/g) || [];
  return starts.length > 0 && starts.every((s) => s.includes('QSM_NOW'));
}

const rank = (f) => { const i = FIRST.indexOf(path.basename(f, '.test.mjs')); return i < 0 ? FIRST.length : i; };
let files = named.length ? named : readdirSync(here).filter((f) => f.endsWith('.test.mjs')).map((f) => path.join(here, f));
files = files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
if (skipPinned) {
  const pinned = files.filter(pinsClock);
  files = files.filter((f) => !pinned.includes(f));
  console.log(`# left out (their servers pin QSM_NOW): ${pinned.map((f) => path.basename(f)).join(' ')}`);
}

const stream = run({ files, concurrency });
stream.on('test:fail', () => { process.exitCode = 1; });
stream.compose(tap).pipe(process.stdout);
