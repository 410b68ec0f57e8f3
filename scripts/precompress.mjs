#!/usr/bin/env node
// Writes gzip (level 9) and brotli (quality 11) variants beside every compressible file of the built
// web UI (web/dist), once per build, so `qsm serve` answers Accept-Encoding without compressing per
// request. Node's own zlib; a variant that is not smaller is not written.
// Usage: node scripts/precompress.mjs [web/dist]
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = process.argv[2] ?? new URL('../web/dist', import.meta.url).pathname;
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map', '.ttf']);
const MIN_BYTES = 1024;

let files = 0, before = 0, gz = 0, br = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    if (name.endsWith('.gz') || name.endsWith('.br')) { unlinkSync(path); continue; }  // from an earlier run
    if (!compressible.has(extname(name))) continue;
    const body = readFileSync(path);
    if (body.length < MIN_BYTES) continue;
    const g = gzipSync(body, { level: 9 });
    const b = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    if (g.length < body.length) { writeFileSync(path + '.gz', g); gz += g.length; }
    if (b.length < body.length) { writeFileSync(path + '.br', b); br += b.length; }
    files += 1; before += body.length;
  }
}
walk(root);
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(`precompress: ${files} files, ${kb(before)} → gzip ${kb(gz)}, brotli ${kb(br)}`);
