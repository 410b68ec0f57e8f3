// 数据导入 → 登记数据 Excel 导入 (系统管理员): the template downloaded through the page, filled as a person would
// (openpyxl, tests/lib/fill_xlsx.py) once with problems in three sheets and once with good rows (a new 企业, a new
// 人员, a new 工程 of 闵行 and its 施工总包 合同; an existing 监督机构 and 企业 unchanged). The bad workbook's preview
// lists every problem with its place, sheet by sheet and row by row, and nothing can be imported; the good one's
// preview counts each kind (new / existing), 确认导入 names the counts and writes them, and 工程信息 then lists the
// new project. On a phone (390×844) the problems and the preview are readable without scrolling sideways.
// Screenshots: out/registry-xlsx-*.png.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import {
  DEMO_PASSWORD, PHONE, confirmMessageBox, demoRegistry, expectNoSideScroll, expectRole, nextAnswer,
  nextProjectsAnswer, screenshot, submitPasswordLogin, url, waitFor, withBrowser,
} from './helpers.mjs'

const FILL = path.join(import.meta.dirname, '..', 'lib', 'fill_xlsx.py')
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'qsm-e2e-xlsx-'))
const registry = demoRegistry()
after(() => fs.rmSync(WORK, { recursive: true, force: true }))

// GB 32100 (统一社会信用代码) and GB 11643 (身份证号) check characters, to make valid new keys.
function uscc(body17) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  const sum = [...body17].reduce((s, ch, i) => s + chars.indexOf(ch) * w[i], 0)
  return body17 + chars[(31 - (sum % 31)) % 31]
}
function idNumber(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body17].reduce((s, ch, i) => s + Number(ch) * w[i], 0)
  return body17 + '10X98765432'[sum % 11]
}

const authority = registry.authorities.find((a) => a.code === 'MH')
const existingEnterprise = registry.enterprises.find((e) => e.kind === 'construction')
const KIND = { construction: '施工企业', supervision: '监理企业' }
const COMPANY = uscc('91310112MA1H7E2X5')
const MANAGER = idNumber('31011219850315421')
const PROJECT = { registrationNo: 'MH2026-9801', name: 'Excel导入测试工程（闵行）' }
const REPORT_NO = 'HT2026-980101'

/** Good rows: each kind once, an existing authority and enterprise as they are (unchanged). */
const GOOD = {
  监督机构: [[authority.code, authority.name, authority.district]],
  企业: [
    [COMPANY, '上海闵导建设工程有限公司', '施工企业'],
    [existingEnterprise.uscc, existingEnterprise.name, KIND[existingEnterprise.kind]],
  ],
  人员: [[MANAGER, '闵导甲', '13700137001', COMPANY]],
  工程: [[PROJECT.registrationNo, PROJECT.name, '上海市闵行区测试路88号', '闵行区', authority.code, '框架', '23456.7', '2026-05-01', '2027-10-31']],
  合同: [[REPORT_NO, PROJECT.registrationNo, '施工总包', COMPANY, MANAGER]],
}
const GOOD_PREVIEW = [
  // 类别, 文件中的记录, 新增, 更新或不变
  ['监督机构', '1', '0', '1'],
  ['企业', '2', '1', '1'],
  ['人员', '1', '1', '0'],
  ['工程', '1', '1', '0'],
  ['合同', '1', '1', '0'],
]

/** Problems in three sheets (a good 企业 row first, so the bad ones are rows 3 and 4). */
const BAD = {
  企业: [
    [uscc('91310112MA1H7E2Y6'), '上海正确企业有限公司', '施工企业'],
    [uscc('91310112MA1H7E2W7'), '类型错的企业', '建筑公司'],
    [uscc('91310112MA1H7E3A8').slice(0, 17) + (uscc('91310112MA1H7E3A8').endsWith('0') ? '1' : '0'), '校验码错的企业', '施工企业'],
  ],
  人员: [[idNumber('31011219850315422'), '手机错', '1370013700', existingEnterprise.uscc]],
  工程: [['MH2026-9802', '日期错的工程', '上海市闵行区测试路90号', '闵行区', authority.code, '框架', '100', '2026-13-01', '2027-06-30']],
}
/** Places the problems table must name (位置), whatever else the server finds. */
const BAD_PLACES = [
  '企业 第 3 行 C 列（企业类型）',
  '企业 第 4 行 A 列（统一社会信用代码）',
  '人员 第 2 行 C 列（手机号）',
  '工程 第 2 行 H 列（计划开工日期）',
]

const files = {}

/** Fills the downloaded template with `rows` into WORK/name. */
function fill(template, name, rows) {
  const out = path.join(WORK, name)
  const rowsFile = path.join(WORK, `${name}.json`)
  fs.writeFileSync(rowsFile, JSON.stringify(rows))
  execFileSync('/usr/bin/python3', [FILL, template, out, rowsFile], { encoding: 'utf8' })
  return out
}

async function signInAsAdmin(page) {
  await page.goto(url('/login'))
  await submitPasswordLogin(page, 'admin', DEMO_PASSWORD)
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await expectRole(page, '系统管理员')
}

const card = (page) => page.locator('[data-test=import-xlsx]')

/** Chooses `file` in the card (a second choice replaces the first). */
async function choose(page, file) {
  await card(page).locator('input[type=file]').setInputFiles(file)
  const name = typeof file === 'string' ? path.basename(file) : file.name
  await card(page).locator('[data-test=xlsx-file]', { hasText: name }).waitFor()
}

/** 预览; resolves with the answer. */
async function preview(page) {
  const [answer] = await Promise.all([
    nextAnswer(page, 'POST', '/api/admin/registry.xlsx'),
    card(page).locator('[data-test=xlsx-preview]').click(),
  ])
  assert.equal(new URL(answer.url()).searchParams.get('preview'), 'true')
  assert.equal(answer.request().headers()['content-type'], XLSX)
  return answer
}

/** The body rows' cell texts of a table inside the card. */
function rowsOf(page, test) {
  return card(page).locator(`[data-test=${test}] .el-table__body tr.el-table__row`).evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td')).map((td) => td.innerText.trim())))
}

async function expectImportDisabled(page, why) {
  assert.ok(await card(page).locator('[data-test=xlsx-import]').isDisabled(), `确认导入 disabled: ${why}`)
}

/**
 * The workbook checked through the API with the page's session (the browser's own answer to an uploaded body is
 * not kept by the inspector): the server's list to compare the page's with.
 */
async function apiPreview(page, file) {
  const { csrf_token: token } = await page.request.get(url('/api/me')).then((r) => r.json())
  const answer = await page.request.post(url('/api/admin/registry.xlsx?preview=true'), {
    headers: { 'Content-Type': XLSX, 'X-CSRF-Token': token }, data: fs.readFileSync(file),
  })
  return { status: answer.status(), body: await answer.json() }
}

/** The problems table of the bad workbook: the server's every problem by its place, sheet by sheet and row by row. */
async function expectProblems(page, answer, { phone = false } = {}) {
  assert.equal(answer.status(), 422)
  const server = await apiPreview(page, files.bad)
  assert.equal(server.status, 422)
  const { error } = server.body
  const count = error.details.problems.length
  assert.match(error.message, new RegExp(`未写入任何数据（共 ${count} 处）`))
  await card(page).locator('[data-test=xlsx-problems-summary]', { hasText: `未写入任何数据（共 ${count} 处）` }).waitFor()
  const rows = await rowsOf(page, 'xlsx-problems')
  assert.equal(rows.length, Math.min(count, 20), `problem rows ${JSON.stringify(rows)}`)
  // 序号, 位置, 工作表, 行, 列, 列名, 问题 (on a phone: 序号, 位置, 问题 as a card).
  const places = rows.map((cells) => cells[1])
  for (const place of BAD_PLACES) assert.ok(places.includes(place), `${place} in ${JSON.stringify(places)}`)
  assert.deepEqual([...places].sort(), error.details.problems.map((p) => p.where).sort(), 'every problem the server names')
  const sheets = ['监督机构', '企业', '人员', '工程', '合同']
  const order = rows.map((cells) => {
    const m = /^(\S+) 第 (\d+) 行/.exec(cells[1])
    return [sheets.indexOf(m ? m[1] : cells[1].split(' ')[0]), m ? Number(m[2]) : 0]
  })
  for (let i = 1; i < order.length; i++) {
    const [a, b] = [order[i - 1], order[i]]
    assert.ok(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), `sorted by sheet then row: ${JSON.stringify(places)}`)
  }
  for (const problem of error.details.problems) {
    assert.equal(rows.find((cells) => cells[1] === problem.where).at(-1), problem.reason, `the reason of ${problem.where}`)
  }
  if (!phone) {
    const mobile = rows.find((cells) => cells[1] === '人员 第 2 行 C 列（手机号）')
    assert.deepEqual(mobile.slice(2, 6), ['人员', '2', 'C', '手机号'])
  }
  await expectImportDisabled(page, 'a workbook with problems')
}

test('Excel 导入: template downloaded, a workbook with problems listed in full, a good one previewed and imported', { timeout: 120_000 }, async () => {
  await withBrowser('registry-xlsx', async (page) => {
    await signInAsAdmin(page)
    await page.getByRole('menuitem', { name: '数据导入' }).click()
    await page.waitForURL((u) => u.pathname === '/admin/import')
    await card(page).waitFor()
    // The JSON imports stay beside it.
    await page.locator('[data-test=import-registry]').waitFor()
    await page.locator('[data-test=import-template]').waitFor()
    assert.ok(await card(page).locator('[data-test=xlsx-preview]').isDisabled(), '预览 needs a file')
    await expectImportDisabled(page, 'no file')

    // 下载模板: the workbook (a zip: "PK").
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card(page).getByRole('button', { name: '下载模板' }).click(),
    ])
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const template = path.join(WORK, 'template.xlsx')
    await download.saveAs(template)
    assert.equal(fs.readFileSync(template).subarray(0, 2).toString('latin1'), 'PK')
    files.bad = fill(template, 'bad.xlsx', BAD)
    files.good = fill(template, 'good.xlsx', GOOD)

    // Not a workbook: refused at once, nothing sent.
    await choose(page, { name: '登记数据.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n') })
    await card(page).locator('[data-test=xlsx-file-error]', { hasText: '请选择 .xlsx 格式' }).waitFor()
    assert.ok(await card(page).locator('[data-test=xlsx-preview]').isDisabled())
    // Named .xlsx but no workbook: the server's reason, no list, nothing importable.
    await choose(page, { name: '不是工作簿.xlsx', mimeType: '', buffer: Buffer.from('PK\u0003\u0004 not really') })
    assert.equal((await preview(page)).status(), 422)
    await card(page).locator('[data-test=xlsx-failure]', { hasText: /不是 \.xlsx 工作簿.*未写入任何数据/ }).waitFor()
    assert.equal(await card(page).locator('[data-test=xlsx-problems]').count(), 0)
    await expectImportDisabled(page, 'not a workbook')

    // The bad workbook: every problem with its place; nothing importable, nothing written.
    await choose(page, files.bad)
    await expectProblems(page, await preview(page))
    await card(page).locator('[data-test=xlsx-problems]').scrollIntoViewIfNeeded()
    await screenshot(page, 'registry-xlsx-problems')

    // The good one: 确认导入 only after its preview.
    await choose(page, files.good)
    assert.equal(await card(page).locator('[data-test=xlsx-problems]').count(), 0, 'another file clears the problems')
    await expectImportDisabled(page, 'not previewed yet')
    assert.equal((await preview(page)).status(), 200)
    await card(page).locator('[data-test=xlsx-preview-summary]', { hasText: '共 6 条记录，其中新增 4 条' }).waitFor()
    assert.deepEqual(await rowsOf(page, 'xlsx-preview-table'), GOOD_PREVIEW)
    await waitFor(async () => !(await card(page).locator('[data-test=xlsx-import]').isDisabled()), { message: '确认导入 enabled' })
    await card(page).locator('[data-test=xlsx-preview-table]').scrollIntoViewIfNeeded()
    await screenshot(page, 'registry-xlsx-preview')

    // 确认导入: the question names the counts; cancelled first, nothing sent.
    await card(page).locator('[data-test=xlsx-import]').click()
    const box = page.locator('.el-message-box')
    await box.waitFor({ state: 'visible' })
    await box.getByRole('button', { name: '取消', exact: true }).click()
    await box.waitFor({ state: 'hidden' })
    await card(page).locator('[data-test=xlsx-import]').click()
    const imported = nextAnswer(page, 'POST', '/api/admin/registry.xlsx')
    const question = await confirmMessageBox(page, '确认导入')
    for (const part of ['「good.xlsx」', '6 条', '监督机构 1 条', '企业 2 条', '人员 1 条', '工程 1 条', '合同 1 条', '新增 4 条', '不可撤销']) {
      assert.ok(question.includes(part), `${part} in "${question}"`)
    }
    const answer = await imported
    assert.equal(answer.status(), 200)
    assert.equal(new URL(answer.url()).searchParams.get('preview'), null)
    await page.locator('.el-message--success', { hasText: '导入成功' }).waitFor()
    await card(page).locator('[data-test=xlsx-success]', { hasText: '导入成功：监督机构 1 条、企业 2 条、人员 1 条、工程 1 条、合同 1 条' }).waitFor()
    await expectImportDisabled(page, 'imported already')
    await screenshot(page, 'registry-xlsx-success')

    // 工程信息 lists the new project.
    await page.getByRole('menuitem', { name: '工程信息' }).click()
    await page.waitForURL((u) => u.pathname === '/registry/projects')
    await page.getByPlaceholder('工程名称或报监编号').fill(PROJECT.registrationNo)
    await Promise.all([
      nextProjectsAnswer(page, (q) => q.get('q') === PROJECT.registrationNo),
      page.getByRole('button', { name: '搜索', exact: true }).click(),
    ])
    await page.locator('.el-table__body tr.el-table__row', { hasText: PROJECT.name }).waitFor()
    const projects = await page.request.get(url(`/api/projects?q=${PROJECT.registrationNo}`)).then((r) => r.json())
    assert.equal(projects.total, 1)
    const [project] = projects.items
    assert.equal(project.authority.code, authority.code)
    assert.equal(project.floor_area, 23456.7)
    assert.equal(project.general?.report_no, REPORT_NO)
    assert.equal(project.general?.enterprise.uscc, COMPANY)
  })
})

test('Excel 导入 on a phone: the problems as cards and the preview, nothing scrolls sideways', { timeout: 90_000 }, async () => {
  assert.ok(files.bad && files.good, 'the workbooks of the first test')
  await withBrowser('registry-xlsx-phone', PHONE, async (page) => {
    await signInAsAdmin(page)
    await page.goto(url('/admin/import'))
    await card(page).waitFor()
    await expectNoSideScroll(page, '数据导入')

    await choose(page, files.bad)
    await expectProblems(page, await preview(page), { phone: true })
    await expectNoSideScroll(page, 'the problems')
    await card(page).locator('[data-test=xlsx-problems]').scrollIntoViewIfNeeded()
    await screenshot(page, 'registry-xlsx-phone-problems')

    // Imported already: every record of the good workbook exists now.
    await choose(page, files.good)
    assert.equal((await preview(page)).status(), 200)
    assert.deepEqual(await rowsOf(page, 'xlsx-preview-table'), GOOD_PREVIEW.map(([label, total]) => [label, total, '0', total]))
    await card(page).locator('[data-test=xlsx-preview-summary]', { hasText: '其中新增 0 条' }).waitFor()
    await expectNoSideScroll(page, 'the preview')
    await card(page).locator('[data-test=xlsx-preview-table]').scrollIntoViewIfNeeded()
    await screenshot(page, 'registry-xlsx-phone-preview')
  })
})
