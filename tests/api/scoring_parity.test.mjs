// Issue 26: the 打分表 scores a tick in the browser (web/src/views/monthly/sheet/scoring.ts) with the
// rule table the server's engine reads (domain::scoring::kOccurrenceRules, sent in the dictionary) and
// the clauses' history (the month's `history`). Here the page's own module, transpiled with the web
// build's TypeScript, scores 300 random sheets of a month whose clauses have earlier deductions, and
// each result must equal the server's preview of the same sheet, field by field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, certificateClient, demoProject, ROOT } from '../lib/server.mjs';

const FRESH = demoProject(1);  // accepted, no months yet
const EVALUATED = demoProject(2);  // every month filed
const NOW = '2026-05-20T10:00:00+08:00';

let server, contractor, scoreSheet;

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  contractor = await certificateClient(server, FRESH.contractor);
  const ts = createRequire(path.join(ROOT, 'web', 'package.json'))('typescript');
  const source = readFileSync(path.join(ROOT, 'web', 'src', 'views', 'monthly', 'sheet', 'scoring.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = path.join(server.dir, 'scoring.mjs');
  writeFileSync(file, js);
  ({ scoreSheet } = await import(pathToFileURL(file).href));
});
after(async () => { await server.stop(); });

/** A small deterministic generator, so a failing sheet can be replayed. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const strip = (r) => ({
  score: r.score, possible: r.possible, actual: r.actual, items: r.items,
  deductions: r.deductions.map(({ clause, sub_item, check_item, problem, n, points }) => ({ clause, sub_item, check_item, problem, n, points })),
});

test('the page scores 300 random sheets exactly as the server does, n counted from the history', async () => {
  const rules = (await (await fetch(`${server.base}/api/dictionary`)).json()).scoring.occurrences;
  assert.deepEqual(rules, [{ from_n: 1, basis: 'sub_item', percent: 50 }, { from_n: 2, basis: 'sub_item', percent: 100 }, { from_n: 3, basis: 'check_item', percent: 100 }]);
  const decl = (await contractor.get(`/api/declarations?status=accepted&q=${FRESH.regNo}`)).json.items[0];
  const tmpl = (await contractor.get(`/api/templates/${decl.template.code}/${decl.template.version}`)).json;
  // Two earlier months: the first deducts twelve clauses, the second six of them again, both submitted.
  const clauses = tmpl.check_items.flatMap((i) => i.sub_items.flatMap((sub) => sub.clauses.map((c) => c.code)));
  const picks = [clauses.filter((_, k) => k % 5 === 0).slice(0, 12)];
  picks.push(picks[0].slice(0, 6));
  for (const [k, period] of ['2026-02', '2026-03'].entries()) {
    let m = await contractor.post(`/api/declarations/${decl.id}/monthly`, { period });
    assert.equal(m.status, 201, m.text);
    m = await contractor.put(`/api/monthly/${m.json.id}/self-sheet`, { version: m.json.version, not_applicable: [], deductions: picks[k].map((clause) => ({ clause, problem: `问题 ${clause}` })) });
    assert.equal(m.status, 200, m.text);
    assert.equal((await contractor.post(`/api/monthly/${m.json.id}/submit`, { version: m.json.version })).status, 200);
  }
  const created = await contractor.post(`/api/declarations/${decl.id}/monthly`, { period: '2026-04' });
  assert.equal(created.status, 201, created.text);
  const month = (await contractor.get(`/api/monthly/${created.json.id}`)).json;
  assert.ok(Object.keys(month.history).length >= 2, `earlier deductions: ${JSON.stringify(month.history)}`);
  const repeated = Object.keys(month.history);
  const next = random(Number(process.env.QSM_TEST_SEED ?? 26));
  let withHistory = 0, floored = 0;
  for (let i = 0; i < 300; i++) {
    const notApplicable = tmpl.check_items.filter(() => next() < 0.15).map((c) => c.code).slice(0, tmpl.check_items.length - 1);
    const deductions = [];
    for (const item of tmpl.check_items) {
      if (notApplicable.includes(item.code)) continue;
      for (const sub of item.sub_items) for (const c of sub.clauses) {
        const odds = repeated.includes(c.code) ? 0.5 : i % 10 === 0 ? 0.6 : 0.08;  // every 10th sheet deducts most clauses (items at 0)
        if (next() < odds) deductions.push({ clause: c.code, problem: `问题 ${c.code}` });
      }
    }
    const input = { not_applicable: notApplicable, deductions };
    const server = await contractor.put(`/api/monthly/${month.id}/self-sheet?preview=true`, input);
    assert.equal(server.status, 200, server.text);
    const page = scoreSheet(tmpl, input, month.history, rules);
    assert.ok(page, `sheet ${i}: the page scored it`);
    assert.deepEqual(strip(page), strip(server.json.result), `sheet ${i}: ${JSON.stringify(input)}`);
    if (page.deductions.some((d) => d.n > 1)) withHistory++;
    if (page.items.some((it) => !it.not_applicable && it.actual === 0 && it.deducted > it.standard)) floored++;
  }
  assert.ok(withHistory > 50, `sheets with a second or later occurrence: ${withHistory}`);
  assert.ok(floored > 5, `sheets with an item floored at 0: ${floored}`);
  // What the page cannot score alone it leaves to the server.
  assert.equal(scoreSheet(tmpl, { not_applicable: [], deductions: [{ clause: 'X-99', problem: 'x' }] }, {}, rules), null);
  assert.equal(scoreSheet(tmpl, { not_applicable: tmpl.check_items.map((c) => c.code), deductions: [] }, {}, rules), null);
  assert.equal(scoreSheet(tmpl, { not_applicable: [], deductions: [] }, {}, []), null);
});

test('only whoever may edit a sheet gets the history', async () => {
  const list = (await contractor.get(`/api/monthly?q=${EVALUATED.regNo}&status=filed`)).json.items;
  assert.ok(list.length > 0);
  const filed = (await contractor.get(`/api/monthly/${list[0].id}`)).json;
  assert.equal(filed.history, undefined, 'a filed month is read, not edited');
});
