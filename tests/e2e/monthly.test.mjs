// 月度评价 end to end on the demo's accepted declaration (the first construction enterprise's second
// general contract): the contractor (certificate) creates the acceptance month, ticks two clauses of one
// check item (a missing problem text is refused under its input), marks another item 不参与评价, sees the
// server's live score equal to SPEC §3.4 computed here by hand from the template, saves and submits. The
// site supervisor (SMS) reviews it — unticks one clause, ticks another — sees the differing rows
// highlighted and the recomputed 复核得分, saves (已复核待提交) and submits (已复核待季度评价监督信息登记).
// The next month, a clause deducted in the first month's review counts as the second occurrence
// (100% of its sub-item score); the 月度评价表 prints as a PDF; 综合信息 shows the months' scores. The
// acceptance month is submitted late: 逾期 is the contractor's until then, and the supervisor's review is
// not overdue on arrival (issue 26).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  certificateLogin, clientCertificateOptions, columnIndex, confirmMessageBox, demoRegistry, expectRole, nextAnswer,
  openBrowser, withBrowsers, screenshot, siteLogin, tableRows, tlsUrl, url, waitFor,
} from './helpers.mjs'

// ── the demo's accepted declaration and its people (share/demo/registry.json) ───────────────────
const registry = demoRegistry()
const contractor = registry.enterprises.find((e) => e.kind === 'construction')
const general = registry.contracts.filter((c) => c.kind === 'general' && c.enterprise_uscc === contractor.uscc)[1]
const project = registry.projects.find((p) => p.registration_no === general.project_registration_no)
const supervision = registry.contracts.find((c) => c.kind === 'supervision' && c.project_registration_no === project.registration_no)
const supervisionManager = registry.persons.find((p) => p.id_number === supervision.manager_id_number)

// ── SPEC §3.4 by hand, in thousandths of a point (50% of a 2-decimal score has 3 decimals) ─────
const milli = (score) => Math.round(score * 1000)

/** The deduction of the n-th occurrence: 50% of P_s, 100% of P_s, then the item's S_k. */
function pointsMilli(checkItem, subItem, n) {
  if (n === 1) return milli(subItem.score) / 2
  if (n === 2) return milli(subItem.score)
  return milli(checkItem.standard_score)
}

/** Where a clause sits in the template. */
function locate(template, clauseCode) {
  for (const checkItem of template.check_items) {
    for (const subItem of checkItem.sub_items) {
      if (subItem.clauses.some((c) => c.code === clauseCode)) return { checkItem, subItem }
    }
  }
  assert.fail(`clause ${clauseCode} not in the template`)
}

/**
 * The monthly score as the page must show it: Σ A_k / (100 − Σ S_k of not-applicable items) × 100,
 * A_k = max(0, S_k − Σ deductions), rounded half-up to 2 decimals. `deducted` maps clause → n.
 */
function handScore(template, notApplicable, deducted) {
  let possible = 0
  let actual = 0
  for (const item of template.check_items) {
    if (notApplicable.includes(item.code)) continue
    let lost = 0
    for (const [clause, n] of Object.entries(deducted)) {
      const { checkItem, subItem } = locate(template, clause)
      if (checkItem.code === item.code) lost += pointsMilli(checkItem, subItem, n)
    }
    possible += milli(item.standard_score)
    actual += Math.max(0, milli(item.standard_score) - lost)
  }
  // Hundredths of a percent, half-up: floor((2·a·10⁴ + p) / 2p).
  const hundredths = Math.floor((2 * actual * 10_000 + possible) / (2 * possible))
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`
}

/** How the page prints points (up to 3 decimals, no trailing zeros). */
const pointsText = (m) => String(Number((m / 1000).toFixed(3)))

// ── page helpers ────────────────────────────────────────────────────────────────────────────────
const cell = (page, field, kind, code) => page.locator(`[data-test="${field}-${kind}"][data-code="${code}"]`)

async function tick(page, kind, clause) {
  await cell(page, 'deducted', kind, clause).locator('.el-checkbox').click()
}

/** Waits for the live preview to settle on `expected` and returns the shown score. */
async function expectScore(page, kind, expected) {
  const card = page.locator(`[data-test="score-${kind}"]`)
  await waitFor(async () => (await card.locator('[data-test=score-pending]').count()) === 0 &&
    (await card.locator('[data-test=score-value]').innerText()).trim() === expected,
  { timeout: 10_000, message: `${kind} score ${expected}` }).catch(() => undefined)
  assert.equal((await card.locator('[data-test=score-value]').innerText()).trim(), expected, `${kind} score`)
}

function monthRow(page, text) {
  return page.locator('[data-test=monthly-table] .el-table__body tr.el-table__row', { hasText: text })
}

/** 刷新 until the row containing all `texts` reads `status` in the 状态 column. */
async function expectMonthStatus(page, texts, status) {
  await page.locator('[data-test=monthly-table] .el-table__header th').first().waitFor()
  const statusColumn = await columnIndex(page, '状态')
  await waitFor(async () => {
    await page.getByRole('button', { name: '刷新', exact: true }).click()
    const rows = await tableRows(page)
    return rows.some((cells) => texts.every((t) => cells.some((c) => c === t)) && cells[statusColumn] === status)
  }, { timeout: 10_000, interval: 500, message: `${texts.join(' ')} shows ${status}` })
}

/** 新增评价 on the declaration's month list, confirmed; resolves with the created month (on its 打分表). */
async function createMonth(page, declarationId, expectedPeriod) {
  const button = page.locator('button[data-test=create-month]')
  await waitFor(async () => (await button.innerText()).includes(expectedPeriod), { message: `新增评价（${expectedPeriod}）` })
  await button.click()
  const created = nextAnswer(page, 'POST', `/api/declarations/${declarationId}/monthly`)
  const question = await confirmMessageBox(page, '新增评价')
  assert.ok(question.includes(expectedPeriod), `the confirmation names the month: ${question}`)
  const answer = await created
  assert.equal(answer.status(), 201, `create: ${await answer.text()}`)
  const month = await answer.json()
  assert.equal(month.period, expectedPeriod)
  assert.equal(month.status, 'draft')
  await page.waitForURL((u) => u.pathname === `/monthly/${month.id}/self`)
  await page.locator('[data-test=score-sheet]').waitFor()
  return month
}

function nextPeriod(period) {
  const [y, m] = period.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

test('月度评价: 自评 → 提交 → 复核 (differences highlighted) → 提交, then months 2 and 3 count n = 2 and n = 3',
  { timeout: 300_000 }, async () => {
    assert.ok(project && supervisionManager, 'the demo registry has the project and its supervision manager')
    await withBrowsers(async (openBrowser) => {
      // ── 施工企业: 企业月度评价 → 评价 → 新增评价 ──────────────────────────────────────────────
      const cb = await openBrowser('monthly-contractor', clientCertificateOptions(contractor.uscc))
      const cp = cb.page
      const login = await certificateLogin(cp)
      assert.equal(login.status(), 200, `certificate login: ${await login.text()}`)
      await cp.waitForURL((u) => u.pathname !== '/login')
      await expectRole(cp, '施工企业用户')
      const declarations = nextAnswer(cp, 'GET', '/api/declarations')
      await cp.getByRole('menuitem', { name: '企业月度评价' }).click()
      await cp.waitForURL((u) => u.pathname === '/enterprise/monthly')
      assert.equal(new URL((await declarations).url()).searchParams.get('status'), 'accepted')
      const declaration = (await (await declarations).json()).items.find((d) => d.project.registration_no === project.registration_no)
      assert.ok(declaration, `the accepted declaration of ${project.registration_no} is listed`)
      assert.equal(declaration.management_status, 'active')
      const declarationRow = cp.locator('.el-table__body tr.el-table__row', { hasText: project.registration_no })
      await declarationRow.getByText(declaration.management_status_label).waitFor()

      const months = nextAnswer(cp, 'GET', `/api/declarations/${declaration.id}/monthly`)
      await declarationRow.getByRole('button', { name: '评价', exact: true }).click()
      await cp.waitForURL((u) => u.pathname === `/enterprise/monthly/${declaration.id}`)
      const firstList = await (await months).json()
      // The first month due is the month of acceptance.
      const period1 = declaration.accepted_at.slice(0, 7)
      assert.equal(firstList.next.period, period1, `next month: ${JSON.stringify(firstList.next)}`)
      const month1 = await createMonth(cp, declaration.id, period1)

      const templateAnswer = await cp.request.get(tlsUrl(`/api/templates/${month1.template.code}/${month1.template.version}`))
      assert.equal(templateAnswer.status(), 200)
      const template = await templateAnswer.json()
      const itemA = template.check_items[0]
      const itemB = template.check_items[1]
      const itemOut = template.check_items[template.check_items.length - 3]
      const c1 = itemA.sub_items[0].clauses[0].code // self only
      const c2 = itemA.sub_items[1].clauses[0].code // self and review
      const c3 = itemB.sub_items[1].clauses[0].code // review only

      // Two clauses of one check item; the second's problem is left empty at first.
      await tick(cp, 'self', c1)
      await cell(cp, 'problem', 'self', c1).locator('textarea').fill('项目质量责任制未经项目技术负责人签字确认')
      await tick(cp, 'self', c2)
      // Another check item 不参与评价: its ticks are cleared and disabled — after asking, as it has one
      // (issue 26: wiped without a word). 取消 keeps the tick.
      await tick(cp, 'self', itemOut.sub_items[0].clauses[0].code)
      await cell(cp, 'na', 'self', itemOut.code).locator('.el-checkbox').click()
      const naBox = cp.locator('.el-message-box')
      await naBox.waitFor()
      assert.ok((await naBox.innerText()).includes(`“${itemOut.name}”设为不参与评价将取消其已勾选的 1 项扣分`), await naBox.innerText())
      await naBox.getByRole('button', { name: '取消' }).click()
      await naBox.waitFor({ state: 'hidden' })
      assert.equal(await cell(cp, 'deducted', 'self', itemOut.sub_items[0].clauses[0].code).locator('.el-checkbox.is-checked').count(), 1)
      await cell(cp, 'na', 'self', itemOut.code).locator('.el-checkbox').click()
      await confirmMessageBox(cp, '不参与评价')
      assert.equal(await cell(cp, 'deducted', 'self', itemOut.sub_items[0].clauses[0].code).locator('.el-checkbox.is-checked').count(), 0)
      assert.equal(await cell(cp, 'deducted', 'self', itemOut.sub_items[0].clauses[0].code).locator('.el-checkbox.is-disabled').count(), 1)

      const selfScore1 = handScore(template, [itemOut.code], { [c1]: 1, [c2]: 1 })
      await expectScore(cp, 'self', selfScore1)
      assert.equal((await cell(cp, 'n', 'self', c1).innerText()).trim(), '1')
      assert.equal((await cell(cp, 'points', 'self', c1).innerText()).trim(), pointsText(milli(itemA.sub_items[0].score) / 2))
      assert.equal((await cell(cp, 'possible', 'self', itemOut.code).innerText()).trim(), '0')
      assert.match(await cp.locator('[data-test="score-self"] [data-test=formula]').innerText(), /实得分合计 \/ 应得分合计 × 100/)

      // 保存并退出 with a ticked clause lacking its problem: refused in the page, nothing sent.
      const saves = []
      cp.on('request', (r) => {
        const u = new URL(r.url())
        if (r.method() === 'PUT' && u.pathname.endsWith('/self-sheet') && !u.searchParams.has('preview')) saves.push(r)
      })
      await cp.getByRole('button', { name: '保存并退出', exact: true }).click()
      await cell(cp, 'problem', 'self', c2).locator('.cell-error', { hasText: '请填写扣分的问题描述' }).waitFor()
      assert.equal(saves.length, 0, 'nothing is saved while a problem is missing')
      await screenshot(cp, 'monthly-self-invalid')
      await cell(cp, 'problem', 'self', c2).locator('textarea').fill('危大工程专项施工方案未组织专家论证')
      await cell(cp, 'problem', 'self', c2).locator('.cell-error').waitFor({ state: 'detached' })

      // 扣减分项 lists the two ticked clauses.
      await cp.getByRole('tab', { name: '扣减分项', exact: true }).click()
      const selfDeductions = await cp.locator('[data-test=deductions-self] .el-table__body tr.el-table__row').allInnerTexts()
      assert.equal(selfDeductions.length, 2, `扣减分项: ${JSON.stringify(selfDeductions)}`)
      await cp.getByRole('tab', { name: '打分表', exact: true }).click()
      await screenshot(cp, 'monthly-self')

      const [saved] = await Promise.all([
        nextAnswer(cp, 'PUT', `/api/monthly/${month1.id}/self-sheet`),
        cp.getByRole('button', { name: '保存并退出', exact: true }).click(),
      ])
      assert.equal(saved.status(), 200, `save: ${await saved.text()}`)
      const savedBody = saved.request().postDataJSON()
      assert.deepEqual(savedBody.not_applicable, [itemOut.code])
      assert.deepEqual(savedBody.deductions.map((d) => d.clause), [c1, c2])
      assert.equal((await saved.json()).self.result.score.toFixed(2), selfScore1)
      await cp.waitForURL((u) => u.pathname === `/enterprise/monthly/${declaration.id}`)
      await expectMonthStatus(cp, [period1, selfScore1], '待提交')

      // The acceptance month is months old: its 自评 is late (逾期, the contractor's).
      await monthRow(cp, period1).locator('[data-test=month-overdue]').waitFor()
      // 提交 (confirmed with the month named).
      await monthRow(cp, period1).getByRole('button', { name: '提交', exact: true }).click()
      const submitted = nextAnswer(cp, 'POST', `/api/monthly/${month1.id}/submit`)
      const question = await confirmMessageBox(cp, '提交')
      assert.equal(question, `提交后自评结果不可修改，确认提交 ${period1} 月度评价？`)
      assert.equal((await submitted).status(), 200)
      await expectMonthStatus(cp, [period1], '已提交待复核评价')
      assert.equal(await monthRow(cp, period1).getByRole('button', { name: '评价', exact: true }).count(), 0)

      // ── 现场用户（监理机构）: 月度复核 → 复核 ─────────────────────────────────────────────────
      const sb = await openBrowser('monthly-supervisor')
      const sp = sb.page
      await siteLogin(sp, {
        roleLabel: '监理项目负责人', name: supervisionManager.name, idNumber: supervisionManager.id_number,
        reportNo: supervision.report_no,
      })
      await expectRole(sp, '现场用户（监理机构）')
      await sp.getByRole('menuitem', { name: '月度复核' }).click()
      await sp.waitForURL((u) => u.pathname === '/supervision/monthly')
      await expectMonthStatus(sp, [project.registration_no, period1], '已提交待复核评价')
      const reviewRow = monthRow(sp, project.registration_no).filter({ hasText: period1 })
      // Submitted late, the month leaves the supervisor its days (issue 26): no 逾期 on the day it
      // arrives, though the review day of the month after it has long passed.
      const overdueColumn = await columnIndex(sp, '逾期')
      assert.equal((await reviewRow.locator('td').nth(overdueColumn).innerText()).trim(), '', 'the review is not overdue on arrival')
      assert.equal(await reviewRow.locator('[data-test=month-overdue]').count(), 0)
      await reviewRow.getByRole('button', { name: '复核', exact: true }).click()
      await sp.waitForURL((u) => u.pathname === `/monthly/${month1.id}/review`)
      await sp.locator('[data-test=score-sheet]').waitFor()
      // The review starts as the self-sheet: same ticks, same score, nothing highlighted.
      await expectScore(sp, 'review', selfScore1)
      await expectScore(sp, 'self', selfScore1)
      assert.equal(await sp.locator('tr:has(.tick-diff)').count(), 0)
      await sp.locator('[data-test=legend]').waitFor()

      await tick(sp, 'review', c1) // untick
      await tick(sp, 'review', c3)
      await cell(sp, 'problem', 'review', c3).locator('textarea').fill('技术交底记录缺少接受交底人签字')
      const reviewScore1 = handScore(template, [itemOut.code], { [c2]: 1, [c3]: 1 })
      await expectScore(sp, 'review', reviewScore1)
      await expectScore(sp, 'self', selfScore1)
      // The two changed rows are highlighted, the unchanged deduction is not.
      // Highlighted: the row's cells are painted (the 复核 是否扣分 cell marks its row, CSS paints the row).
      const painted = (code) => cell(sp, 'deducted', 'self', code).evaluate((div) => getComputedStyle(div.closest('td')).backgroundColor)
      const plain = await painted(c2)
      assert.notEqual(await painted(c1), plain, `${c1} highlighted`)
      assert.notEqual(await painted(c3), plain, `${c3} highlighted`)
      assert.equal(await painted(c1), await painted(c3))
      assert.equal(await sp.locator('tr:has(.tick-diff)').count(), 2)
      // The self column still shows the contractor's ticks, read-only.
      assert.equal((await cell(sp, 'deducted', 'self', c1).innerText()).trim(), '✓')
      assert.equal(await cell(sp, 'deducted', 'self', c1).locator('.el-checkbox').count(), 0)
      await cell(sp, 'deducted', 'review', c3).scrollIntoViewIfNeeded()
      await screenshot(sp, 'monthly-review')

      const [reviewSaved] = await Promise.all([
        nextAnswer(sp, 'PUT', `/api/monthly/${month1.id}/review-sheet`),
        sp.getByRole('button', { name: '保存并退出', exact: true }).click(),
      ])
      assert.equal(reviewSaved.status(), 200, `review save: ${await reviewSaved.text()}`)
      const reviewed = await reviewSaved.json()
      assert.equal(reviewed.status, 'reviewed')
      assert.equal(reviewed.review.result.score.toFixed(2), reviewScore1)
      await sp.waitForURL((u) => u.pathname === '/supervision/monthly')
      await expectMonthStatus(sp, [project.registration_no, period1, reviewScore1], '已复核待提交')

      await reviewRow.getByRole('button', { name: '提交', exact: true }).click()
      const reviewSubmitted = nextAnswer(sp, 'POST', `/api/monthly/${month1.id}/review-submit`)
      const reviewQuestion = await confirmMessageBox(sp, '提交')
      assert.ok(reviewQuestion.includes('提交后复核结果将报监督机构季度登记，确认提交？'), reviewQuestion)
      assert.equal((await reviewSubmitted).status(), 200)
      await expectMonthStatus(sp, [project.registration_no, period1], '已复核待季度评价监督信息登记')
      assert.equal(await reviewRow.getByRole('button', { name: '复核', exact: true }).count(), 0)
      await screenshot(sp, 'monthly-review-list')

      // ── 施工企业: the second month; c3 was deducted in month 1's review → n = 2 ─────────────
      await cp.getByRole('button', { name: '刷新', exact: true }).click()
      await expectMonthStatus(cp, [period1], '已复核待季度评价监督信息登记')
      const period2 = nextPeriod(period1)
      const month2 = await createMonth(cp, declaration.id, period2)
      await tick(cp, 'self', c3)
      await cell(cp, 'problem', 'self', c3).locator('textarea').fill('技术交底仍未签字，重复出现')
      // c1 was deducted only in month 1's self-sheet, which the review replaced: still the first time.
      await tick(cp, 'self', c1)
      await cell(cp, 'problem', 'self', c1).locator('textarea').fill('质量责任制签字不全')
      const selfScore2 = handScore(template, [], { [c3]: 2, [c1]: 1 })
      await expectScore(cp, 'self', selfScore2)
      assert.equal((await cell(cp, 'n', 'self', c3).innerText()).trim(), '2')
      assert.equal((await cell(cp, 'points', 'self', c3).innerText()).trim(), pointsText(milli(itemB.sub_items[1].score)))
      assert.equal((await cell(cp, 'n', 'self', c1).innerText()).trim(), '1')
      await cell(cp, 'deducted', 'self', c3).scrollIntoViewIfNeeded()
      await screenshot(cp, 'monthly-self-second')

      // 查看: the history lists month 1's deductions of both sheets.
      const historyAnswer = nextAnswer(cp, 'GET', `/api/declarations/${declaration.id}/deductions`)
      await cp.getByRole('tab', { name: '查看', exact: true }).click()
      const history = await (await historyAnswer).json()
      assert.ok(history.items.some((h) => h.period === period1 && h.sheet === 'review' && h.clause === c3))
      await waitFor(async () => (await cp.locator('[data-test=history] .el-table__body tr.el-table__row').count()) === history.items.length,
        { message: 'history rows' })
      await cp.getByRole('tab', { name: '打分表', exact: true }).click()

      // 返回 with unsaved changes asks first; 取消 stays.
      await cp.locator('.sheet-footer').getByRole('button', { name: '返回', exact: true }).click()
      await confirmMessageBox(cp, '取消')
      assert.equal(new URL(cp.url()).pathname, `/monthly/${month2.id}/self`)

      const [saved2] = await Promise.all([
        nextAnswer(cp, 'PUT', `/api/monthly/${month2.id}/self-sheet`),
        cp.getByRole('button', { name: '保存并退出', exact: true }).click(),
      ])
      assert.equal(saved2.status(), 200, `save: ${await saved2.text()}`)
      const stored2 = (await saved2.json()).self.result
      assert.equal(stored2.score.toFixed(2), selfScore2)
      assert.deepEqual(stored2.deductions.map((d) => [d.clause, d.n]).sort(), [[c1, 1], [c3, 2]].sort())
      await cp.waitForURL((u) => u.pathname === `/enterprise/monthly/${declaration.id}`)
      await expectMonthStatus(cp, [period2, selfScore2], '待提交')

      // 月度评定打印: the 月度评价表 as a PDF.
      const [printed] = await Promise.all([
        nextAnswer(cp, 'GET', `/api/monthly/${month1.id}/print.pdf`),
        monthRow(cp, period1).getByRole('button', { name: '月度评定打印', exact: true }).click(),
      ])
      assert.equal(printed.status(), 200)
      assert.match(printed.headers()['content-type'], /^application\/pdf/)
      await cp.bringToFront()
      await screenshot(cp, 'monthly-months')

      // 综合信息: the months' scores, oldest first, as a trend chart and a table.
      await cp.goto(tlsUrl(`/declarations/${declaration.id}/summary`))
      const section = cp.locator('[data-test=section-monthly]')
      await section.locator('[data-test=monthly-trend] svg circle').first().waitFor()
      const scoreRows = await section.locator('[data-test=monthly-scores] .el-table__body tr.el-table__row').allInnerTexts()
      assert.equal(scoreRows.length, 2, JSON.stringify(scoreRows))
      assert.ok(scoreRows[0].includes(period1) && scoreRows[0].includes(selfScore1) && scoreRows[0].includes(reviewScore1), scoreRows[0])
      assert.ok(scoreRows[1].includes(period2) && scoreRows[1].includes(selfScore2), scoreRows[1])
      await section.scrollIntoViewIfNeeded()
      await screenshot(cp, 'monthly-summary')

      // ── The third month: c3 was deducted in month 1's review and month 2's self-sheet → n = 3,
      // the check item's whole standard score. Month 2 is submitted first (months go in order).
      await cp.goto(tlsUrl(`/enterprise/monthly/${declaration.id}`))
      await expectMonthStatus(cp, [period2], '待提交')
      await monthRow(cp, period2).getByRole('button', { name: '提交', exact: true }).click()
      const submitted2 = nextAnswer(cp, 'POST', `/api/monthly/${month2.id}/submit`)
      await confirmMessageBox(cp, '提交')
      assert.equal((await submitted2).status(), 200)
      await expectMonthStatus(cp, [period2], '已提交待复核评价')
      const period3 = nextPeriod(period2)
      const month3 = await createMonth(cp, declaration.id, period3)
      await tick(cp, 'self', c3)
      await cell(cp, 'problem', 'self', c3).locator('textarea').fill('技术交底签字问题第三次出现')
      const selfScore3 = handScore(template, [], { [c3]: 3 })
      await expectScore(cp, 'self', selfScore3)
      assert.equal((await cell(cp, 'n', 'self', c3).innerText()).trim(), '3')
      assert.equal((await cell(cp, 'points', 'self', c3).innerText()).trim(), pointsText(milli(itemB.standard_score)))
      const [saved3] = await Promise.all([
        nextAnswer(cp, 'PUT', `/api/monthly/${month3.id}/self-sheet`),
        cp.getByRole('button', { name: '保存并退出', exact: true }).click(),
      ])
      assert.equal(saved3.status(), 200, `save: ${await saved3.text()}`)
      assert.equal((await saved3.json()).self.result.score.toFixed(2), selfScore3)
      await cp.waitForURL((u) => u.pathname === `/enterprise/monthly/${declaration.id}`)
      await monthRow(cp, period3).getByRole('button', { name: '提交', exact: true }).click()
      const submitted3 = nextAnswer(cp, 'POST', `/api/monthly/${month3.id}/submit`)
      await confirmMessageBox(cp, '提交')
      assert.equal((await submitted3).status(), 200)
      await expectMonthStatus(cp, [period3, selfScore3], '已提交待复核评价')

      // The site supervisor reviews month 2 as scored (the review starts as its copy) and submits.
      await sp.goto(url('/supervision/monthly'))
      await expectMonthStatus(sp, [project.registration_no, period2], '已提交待复核评价')
      await monthRow(sp, project.registration_no).filter({ hasText: period2 }).getByRole('button', { name: '复核', exact: true }).click()
      await sp.waitForURL((u) => u.pathname === `/monthly/${month2.id}/review`)
      await sp.locator('[data-test=score-sheet]').waitFor()
      await expectScore(sp, 'review', selfScore2)
      const [reviewSaved2] = await Promise.all([
        nextAnswer(sp, 'PUT', `/api/monthly/${month2.id}/review-sheet`),
        sp.getByRole('button', { name: '保存并退出', exact: true }).click(),
      ])
      assert.equal(reviewSaved2.status(), 200, `review save: ${await reviewSaved2.text()}`)
      assert.equal((await reviewSaved2.json()).review.result.score.toFixed(2), selfScore2)
      await sp.waitForURL((u) => u.pathname === '/supervision/monthly')
      const reviewRow2 = monthRow(sp, project.registration_no).filter({ hasText: period2 })
      await expectMonthStatus(sp, [project.registration_no, period2], '已复核待提交')
      await reviewRow2.getByRole('button', { name: '提交', exact: true }).click()
      const reviewSubmitted2 = nextAnswer(sp, 'POST', `/api/monthly/${month2.id}/review-submit`)
      await confirmMessageBox(sp, '提交')
      assert.equal((await reviewSubmitted2).status(), 200)
      await expectMonthStatus(sp, [project.registration_no, period2], '已复核待季度评价监督信息登记')
    })
  })
