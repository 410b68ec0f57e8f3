// Issue 26: the .xlsx exports are read back the way a spreadsheet reads them (openpyxl, through
// tests/lib/read_xlsx.py): scores and counts are numbers with their formats, dates and times are
// Excel dates on Shanghai's clock, a title row says the conditions and the time, the header has an
// autofilter and stays frozen, and an export past the row limit is refused with a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, accountClient, certificateClient, demoProject } from '../lib/server.mjs';

const READER = path.join(import.meta.dirname, '..', 'lib', 'read_xlsx.py');
const { contractor: CONTRACTOR, regNo: REG_NO, authority: AUTHORITY } = demoProject(2);
const NOW = '2026-05-10T10:00:00+08:00';

let server, authority, contractor;
let files = 0;

before(async () => {
  server = await startServer({ env: { QSM_NOW: NOW }, tls: true, args: ['--trusted-proxy', '127.0.0.1/32'] });
  authority = await accountClient(server, AUTHORITY);
  contractor = await certificateClient(server, CONTRACTOR);
});
after(async () => { await server.stop(); });

/** The export at `url` as the reader sees it: {sheet, freeze, autofilter, merged, rows}. */
async function readExport(client, url) {
  const r = await client.bytes(url);
  assert.equal(r.status, 200, `${url}: ${r.body.toString().slice(0, 200)}`);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  const file = path.join(server.dir, `export-${++files}.xlsx`);
  writeFileSync(file, r.body);
  return JSON.parse(execFileSync('/usr/bin/python3', [READER, file], { encoding: 'utf8' }));
}

/** Rows under the header as objects keyed by the header's titles. */
function records(book) {
  const header = book.rows[1].map((c) => c?.v);
  return book.rows.slice(2).map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

/** "2026-03-15T09:30:00+08:00" → the wall clock the cell must hold. */
const wallClock = (iso) => iso.slice(0, 19);

test('月度评价: scores are numbers with two decimals, times are Excel dates in Shanghai time', async () => {
  const url = `/api/monthly?q=${REG_NO}&page_size=100`;
  const list = (await authority.get(url)).json;
  assert.ok(list.total >= 3, 'the demo declaration has evaluated months');
  const book = await readExport(authority, `/api/monthly/export.xlsx?q=${REG_NO}`);
  assert.equal(book.sheet, '月度评价');
  const title = book.rows[0][0].v;
  assert.match(title, /^月度评价　导出条件：关键字 /);
  assert.ok(title.includes(REG_NO), title);
  assert.match(title, /导出时间：2026-05-10 10:00/);
  assert.ok(book.merged.some((m) => m.startsWith('A1:')), 'the title spans the columns');
  assert.equal(book.freeze, 'A3');
  assert.match(book.autofilter, /^A2:K\d+$/);
  const rows = records(book);
  assert.equal(rows.length, list.total);
  let scored = 0;
  for (const item of list.items) {
    const row = rows.find((r) => r['评价期间'].v === item.period);
    assert.ok(row, item.period);
    if (item.self_score !== null) {
      assert.deepEqual(row['自评得分'], { v: item.self_score, type: 'number', format: '0.00' });
      scored++;
    }
    if (item.review_score !== null) assert.deepEqual(row['复核得分'], { v: item.review_score, type: 'number', format: '0.00' });
    if (item.submitted_at) {
      assert.equal(row['提交时间'].type, 'date', JSON.stringify(row['提交时间']));
      assert.equal(row['提交时间'].v, wallClock(item.submitted_at));
      assert.equal(row['提交时间'].format, 'yyyy-mm-dd hh:mm:ss');
    }
  }
  assert.ok(scored >= 3, 'numbers were compared');
});

test('申报: planned days are Excel dates; the conditions name the status', async () => {
  const list = (await contractor.get('/api/declarations?status=accepted&page_size=100')).json;
  assert.ok(list.total >= 1);
  const book = await readExport(contractor, '/api/declarations/export.xlsx?status=accepted');
  assert.match(book.rows[0][0].v, /^申报　导出条件：状态 已受理　导出时间：/);
  const rows = records(book);
  assert.equal(rows.length, list.total);
  const item = list.items.find((d) => d.project.registration_no === REG_NO) ?? list.items[0];
  const row = rows.find((r) => r['报监编号'].v === item.project.registration_no);
  assert.deepEqual(row['计划开工'], { v: `${item.planned_start}T00:00:00`, type: 'date', format: 'yyyy-mm-dd' });
  assert.deepEqual(row['计划竣工'], { v: `${item.planned_finish}T00:00:00`, type: 'date', format: 'yyyy-mm-dd' });
  assert.equal(row['申报时间'].v, wallClock(item.created_at));
});

test('季度评价: month counts are whole numbers, scores two decimals', async () => {
  const list = (await authority.get(`/api/quarterly?q=${REG_NO}&status=registered`)).json;
  assert.ok(list.total >= 1);
  const rows = records(await readExport(authority, `/api/quarterly/export.xlsx?q=${REG_NO}&status=registered`));
  assert.equal(rows.length, list.total);
  for (const item of list.items) {
    const row = rows.find((r) => r['季度'].v === item.quarter);
    assert.deepEqual(row['已复核月数'], { v: item.month_count, type: 'number', format: '0' });
    assert.deepEqual(row['季度得分'], { v: item.score, type: 'number', format: '0.00' });
  }
});

test('every export has its title row, a frozen header with an autofilter, and no text where a number belongs', async () => {
  for (const [url, name] of [['/api/declarations/export.xlsx', '申报'], ['/api/monthly/export.xlsx', '月度评价'],
    ['/api/quarterly/export.xlsx', '季度评价'], ['/api/completions/export.xlsx', '竣工评价'], ['/api/suspensions/export.xlsx', '中止恢复评价'],
    ['/api/terminations/export.xlsx', '终止评价'], ['/api/rectifications/export.xlsx', '整改指令单'],
    ['/api/spot-checks/analytics.xlsx', '抽查比对分析']]) {
    const book = await readExport(authority, url);
    assert.equal(book.sheet, name, url);
    assert.ok(book.rows[0][0].v.startsWith(`${name}　导出条件：`), `${url}: ${book.rows[0][0].v}`);
    assert.equal(book.freeze, 'A3', url);
    assert.match(book.autofilter ?? '', /^A2:[A-Z]+\d+$/, url);
    const header = book.rows[1].map((c) => c.v);
    for (const row of records(book))
      for (const [i, title] of header.entries()) {
        const c = row[title];
        if (!c) continue;
        if (/得分|次数|月数|天数|项数|未销项|轮次|符合率/.test(title)) assert.equal(c.type, 'number', `${url} ${title} ${JSON.stringify(c)} (column ${i})`);
        if (/时间$|日期$|计划开工|计划竣工|整改期限/.test(title)) assert.equal(c.type, 'date', `${url} ${title} ${JSON.stringify(c)}`);
      }
  }
});

test('an export past the row limit is refused with what to do; a narrower one is answered', async () => {
  const limited = await startServer({ env: { QSM_NOW: NOW }, args: ['--export-row-limit', '2'] });
  try {
    const a = await accountClient(limited, AUTHORITY);
    const all = (await a.get('/api/monthly')).json;
    assert.ok(all.total > 2);
    const r = await a.get('/api/monthly/export.xlsx');
    assert.equal(r.status, 422, r.text);
    assert.match(r.json.error.message, /导出结果超过 2 行，请缩小查询条件/);
    const one = (await a.get(`/api/monthly?q=${REG_NO}&period_from=2026-03&period_to=2026-03`)).json;
    assert.equal(one.total, 1);
    assert.equal((await a.bytes(`/api/monthly/export.xlsx?q=${REG_NO}&period_from=2026-03&period_to=2026-03`)).status, 200);
  } finally { await limited.stop(); }
});
