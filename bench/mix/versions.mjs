// Before each wrk run of the mix: the version each month to be saved has now (a run before this one
// moved them on), as mix.lua reads them — FILE.versions, "MONTH_ID<TAB>VERSION" for every month of
// FILE.self and FILE.review, read with the session that saves it.
//   node bench/mix/versions.mjs BASE_URL FILE
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const [base, file] = process.argv.slice(2);
if (!base || !file) {
  console.error('usage: node bench/mix/versions.mjs BASE_URL FILE');
  process.exit(2);
}
const out = [];
for (const kind of ['self', 'review']) {
  if (!existsSync(`${file}.${kind}`)) continue;
  for (const line of readFileSync(`${file}.${kind}`, 'utf8').split('\n').filter(Boolean)) {
    const [token, id] = line.split('\t');
    const res = await fetch(`${base}/api/monthly/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    if (!res.ok) throw new Error(`month ${id}: ${res.status} ${JSON.stringify(body)}`);
    out.push(`${id}\t${body.version}`);
  }
}
writeFileSync(`${file}.versions`, out.join('\n') + '\n');
