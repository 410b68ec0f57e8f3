// The registry from Excel (issue 27): the template downloaded, filled as a person would (openpyxl),
// previewed and imported; a workbook with problems in three sheets answers all of them with sheet, row
// and column, and writes nothing. Both backends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, accountClient, sqlRows, DEMO_REGISTRY } from '../lib/server.mjs';

const FILL = path.join(import.meta.dirname, '..', 'lib', 'fill_xlsx.py');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let server, admin, template;

before(async () => {
  server = await startServer();
  admin = await accountClient(server, 'admin');
});
after(async () => { await server.stop(); });

// GB 32100 (统一社会信用代码) and GB 11643 (身份证号) check characters, to make valid new keys.
function uscc(body17) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...body17].reduce((s, ch, i) => s + chars.indexOf(ch) * w[i], 0);
  return body17 + chars[(31 - (sum % 31)) % 31];
}
function idNumber(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, ch, i) => s + Number(ch) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}

async function upload(name, rows, query = '') {
  const out = path.join(server.dir, name);
  const rowsFile = path.join(server.dir, `${name}.json`);
  writeFileSync(rowsFile, JSON.stringify(rows));
  execFileSync('/usr/bin/python3', [FILL, template, out, rowsFile], { encoding: 'utf8' });
  return send(readFileSync(out), query);
}
// The workbook's bytes as the body (Client.request would send JSON).
async function send(bytes, query = '') {
  const res = await fetch(`${server.base}/api/admin/registry.xlsx${query}`, {
    method: 'POST', headers: { authorization: `Bearer ${admin.token}`, 'content-type': XLSX }, body: bytes,
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text };
}
const counts = () => sqlRows(server, 'SELECT (SELECT COUNT(*) FROM enterprises), (SELECT COUNT(*) FROM persons), (SELECT COUNT(*) FROM projects), (SELECT COUNT(*) FROM contracts)')[0].join(',');

test('the template: a 说明 sheet and one sheet per kind with starred Chinese headers, every column text', async () => {
  const r = await admin.bytes('/api/admin/registry/template.xlsx');
  assert.equal(r.status, 200);
  template = path.join(server.dir, 'template.xlsx');
  writeFileSync(template, r.body);
  const sheets = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `
import json, openpyxl
b = openpyxl.load_workbook('${template}')
print(json.dumps({s.title: [[c.value for c in row] for row in s.iter_rows(max_row=1)] + [[s.column_dimensions['A'].number_format if 'A' in s.column_dimensions else '']] for s in b.worksheets}, ensure_ascii=False))
`], { encoding: 'utf8' }));
  assert.deepEqual(Object.keys(sheets), ['说明', '监督机构', '企业', '人员', '工程', '合同']);
  assert.deepEqual(sheets['人员'][0], ['*身份证号', '*姓名', '*手机号', '*所属企业统一社会信用代码']);
  assert.equal(sheets['人员'][1][0], '@', 'text format');
  assert.match(JSON.stringify(sheets['说明']), /登记数据导入模板/);
  assert.equal((await (await accountClient(server, 'jdz_hp')).bytes('/api/admin/registry/template.xlsx')).status, 403);
});

test('filled, previewed, imported: new records created, an existing one updated; nothing written by the preview', async () => {
  const company = uscc('91310000MA1K' + '39T2A');
  const manager = idNumber('31011519800101123');
  const existing = DEMO_REGISTRY.persons[0];
  const rows = {
    企业: [[company, '上海测试导入建设有限公司', '施工企业']],
    人员: [[manager, '导入甲', '13800138000', company], [existing.id_number, existing.name, '13900139000', existing.enterprise_uscc]],
    工程: [['HP2026-9001', '导入测试工程', '上海市黄浦区测试路1号', '黄浦区', 'HP', '框架', '12345.5', '2026-03-01', '2027-06-30']],
    合同: [['HT2026-900001', 'HP2026-9001', '施工总包', company, manager]],
  };
  const before = counts();
  const preview = await upload('good.xlsx', rows, '?preview=true');
  assert.equal(preview.status, 200, preview.text);
  assert.deepEqual(preview.json.counts, { authorities: 0, enterprises: 1, persons: 2, projects: 1, contracts: 1 });
  assert.deepEqual(preview.json.created, { authorities: 0, enterprises: 1, persons: 1, projects: 1, contracts: 1 });
  assert.equal(counts(), before, 'the preview wrote nothing');

  const done = await upload('good.xlsx', rows);
  assert.equal(done.status, 200, done.text);
  assert.deepEqual(done.json.counts, preview.json.counts);
  const [e, p, j, c] = before.split(',').map(Number);
  assert.equal(counts(), [e + 1, p + 1, j + 1, c + 1].join(','));
  assert.deepEqual(sqlRows(server, "SELECT name, floor_area_centi, planned_start FROM projects WHERE registration_no = 'HP2026-9001'")[0], ['导入测试工程', '1234550', '2026-03-01']);
  assert.equal(sqlRows(server, `SELECT mobile FROM persons WHERE name = '${existing.name}'`)[0][0], '13900139000');
  assert.equal(sqlRows(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'registry' AND action = 'import'")[0][0] >= '1', true);
});

test('problems in three sheets: every one answered with sheet, row, column and header; nothing written', async () => {
  const before = counts();
  const r = await upload('bad.xlsx', {
    企业: [[uscc('91310000MA1K39T2B').slice(0, 17) + '0', '校验码错的企业', '施工企业'], [uscc('91310000MA1K39T2C'), '类型错的企业', '建筑公司']],
    人员: [[idNumber('31011519800101124'), '手机错', '1380013800', DEMO_REGISTRY.enterprises[0].uscc]],
    工程: [['HP2026-9002', '日期错的工程', '上海市黄浦区测试路2号', '黄浦区', 'HP', '框架', '100', '2026-13-01', '2027-06-30']],
    合同: [['HT2026-900002', 'NO-SUCH-PROJECT', '监理', DEMO_REGISTRY.enterprises[0].uscc, idNumber('31011519800101125')]],
  });
  assert.equal(r.status, 422, r.text);
  const where = r.json.error.details.problems.map((p) => `${p.sheet}!${p.column ?? ''}${p.row ?? ''}`);
  for (const cell of ['企业!A2', '企业!C3', '人员!C2', '工程!H2', '合同!B2'])
    assert.ok(where.includes(cell), `${cell} in ${where.join(' ')}\n${r.text}`);
  assert.ok(r.json.error.details.problems.every((p) => p.reason && p.where && p.header !== undefined && !p.reason.includes('$.')), r.text);
  // In the workbook's order: 企业, 人员, 工程, 合同; rows ascending within a sheet.
  const sheetOrder = ['监督机构', '企业', '人员', '工程', '合同'];
  const keys = r.json.error.details.problems.map((p) => [sheetOrder.indexOf(p.sheet), p.row ?? 0]);
  assert.deepEqual(keys, [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]), where.join(' '));
  if (process.env.QSM_DEBUG) console.log(r.json.error.details.problems.map((p) => `${p.where}: ${p.reason}`).join('\n'));
  assert.match(r.json.error.message, /未写入任何数据（共 \d+ 处）/);
  assert.equal(counts(), before, 'nothing written');

  // A sheet missing, an unknown column: said too.
  const noSheet = await upload('nosheet.xlsx', { '-人员': null });
  assert.equal(noSheet.status, 422);
  assert.ok(noSheet.json.error.details.problems.some((p) => p.sheet === '人员' && /缺少工作表/.test(p.reason)));
  // Not a workbook; not the workbook's type.
  const junk = await send(Buffer.from('PK\u0003\u0004 not really'));
  assert.equal(junk.status, 422);
  assert.match(junk.json.error.message, /不是 .xlsx 工作簿/);
  assert.equal((await admin.post('/api/admin/registry.xlsx', {})).status, 415);
});

test('hostile workbooks: an XML entity declaration and a part that unpacks past 64 MB are refused, nothing written', async () => {
  const before = counts();
  const craft = (name, script) => {
    const file = path.join(server.dir, name);
    execFileSync('/usr/bin/python3', ['-c', `
import zipfile, sys
z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)
${script}
z.close()
`, file]);
    return readFileSync(file);
  };
  const entity = await send(craft('entity.xlsx', `
z.writestr('xl/workbook.xml', '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><workbook><sheets><sheet name="&b;" r:id="rId1"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships/>')`));
  assert.equal(entity.status, 422, entity.text);
  assert.match(entity.json.error.message, /格式错误/);
  const bomb = await send(craft('bomb.xlsx', `
z.writestr('xl/workbook.xml', '<workbook><sheets><sheet name="企业" r:id="rId1"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr('xl/worksheets/sheet1.xml', '<worksheet>' + ' ' * (70 << 20) + '</worksheet>')`));
  assert.equal(bomb.status, 422, bomb.text);
  assert.match(bomb.json.error.message, /解压后超过上限/);
  assert.equal(counts(), before);
});
