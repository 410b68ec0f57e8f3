// 监督机构抽查比对 end to end on the demo's XH2025-0274 (徐汇区, months filed and registered). The district's
// authority (password) finds the project, opens its months and spot-checks a filed one: unticks 是否符合条文要求
// on a clause neither sheet deducted (both agreement rates drop, recomputed in the page), writes a note,
// 保存并退出; reopens it (the finding is kept), 完成抽查 (confirmed) and sees it read-only and 已完成. Then
// 抽查比对分析 shows the construction and supervision enterprises with that one spot-check, its rates as the
// mean agreement, the clause among the common disagreements, a chart, and the threshold applied.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, clickConfirmed, columnIndex, demoRegistry, expectRole, nextAnswer, screenshot, submitPasswordLogin,
  tableRow, tableRows, url, waitFor, withBrowser,
} from './helpers.mjs'

// ── the demo's project and enterprises (share/demo/registry.json) ──────────────────────────────
const registry = demoRegistry()
const REGISTRATION_NO = 'XH2025-0274'
const project = registry.projects.find((p) => p.registration_no === REGISTRATION_NO)
const enterpriseOf = (kind) => {
  const contract = registry.contracts.find((c) => c.kind === kind && c.project_registration_no === REGISTRATION_NO)
  return registry.enterprises.find((e) => e.uscc === contract?.enterprise_uscc)
}
const contractor = enterpriseOf('general')
const supervisor = enterpriseOf('supervision')
const authorityUser = `jdz_${project?.authority_code.toLowerCase()}`

const NOTE = '现场抽查：质量责任制签字不全，与自评、复核结论不符。'

/** agree / total × 100 half-up to 2 decimals, as text (integers only, like the page and the server). */
function rateText(agree, total) {
  const hundredths = Math.floor((agree * 20000 + total) / (2 * total))
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`
}

/** The header's rate text of one sheet (自评符合率 / 复核符合率). */
async function shownRate(page, sheet) {
  return (await page.locator(`[data-test=${sheet}-agreement] [data-test=rate-text]`).innerText()).trim()
}

async function expectRate(page, sheet, text) {
  await waitFor(async () => (await shownRate(page, sheet)) === text, { message: `${sheet} rate ${text}` })
}

/** A cell of the comparison's authority columns on one clause (conforms, note, mark). */
function findingCell(page, field, clause) {
  return page.locator(`[data-test=${field}-cell][data-code="${clause}"]`)
}

/** Opens a menu entry; resolves with the first answer of `api` (a GET). */
async function openMenu(page, title, pathname, api) {
  const listed = nextAnswer(page, 'GET', api)
  await page.getByRole('menuitem', { name: title, exact: true }).click()
  await page.waitForURL((u) => u.pathname === pathname)
  return listed
}

/** The text of `header`'s cell in the body row holding `rowText`. */
async function cellText(page, rowText, header) {
  const column = await columnIndex(page, header)
  const rows = await tableRows(page)
  const row = rows.find((cells) => cells.some((c) => c.includes(rowText)))
  assert.ok(row, `a row with ${rowText}: ${JSON.stringify(rows)}`)
  return row[column]
}

test('抽查比对: 取消勾选 + 备注 → 保存并退出 → 再次打开 → 完成抽查（只读、已完成）→ 抽查比对分析', { timeout: 240_000 }, async () => {
  assert.ok(project && contractor && supervisor, 'the demo registry has the project and its enterprises')
  await withBrowser('spotcheck', async (page) => {
    await page.goto(url('/login'))
    await submitPasswordLogin(page, authorityUser, DEMO_PASSWORD)
    await page.waitForURL((u) => u.pathname !== '/login')
    await expectRole(page, '监督机构用户')

    // ── 监督机构抽查比对: the accepted projects, searched by 报监编号 ─────────────────────────────
    const first = await openMenu(page, '监督机构抽查比对', '/authority/spot-checks', '/api/declarations')
    assert.equal(new URL(first.url()).searchParams.get('status'), 'accepted')
    await page.getByPlaceholder('工程名称或报监编号').fill(REGISTRATION_NO)
    const searched = nextAnswer(page, 'GET', '/api/declarations')
    await page.getByRole('button', { name: '搜索', exact: true }).click()
    const found = await (await searched).json()
    assert.equal(new URL((await searched).url()).searchParams.get('q'), REGISTRATION_NO)
    const declaration = found.items.find((d) => d.project.registration_no === REGISTRATION_NO)
    assert.ok(declaration, `${REGISTRATION_NO} is listed: ${JSON.stringify(found.items.map((d) => d.project.registration_no))}`)
    await tableRow(page, REGISTRATION_NO).waitFor()

    // ── its months (submitted or later), each 未抽查 ────────────────────────────────────────────
    const monthsAnswer = nextAnswer(page, 'GET', `/api/declarations/${declaration.id}/monthly`)
    await tableRow(page, REGISTRATION_NO).getByRole('button', { name: '抽查比对', exact: true }).click()
    await page.waitForURL((u) => u.pathname === `/authority/spot-checks/projects/${declaration.id}`)
    const months = (await (await monthsAnswer).json()).items.filter((m) => m.status !== 'draft')
    // A reviewed month: filed, or registered once the completion test (same server) registered its quarter.
    const month = months.find((m) => m.status === 'filed' || m.status === 'registered')
    assert.ok(month, `a reviewed month: ${JSON.stringify(months.map((m) => [m.period, m.status]))}`)
    assert.equal(month.spot_check, null, 'the month has not been spot-checked')
    await tableRow(page, month.period).waitFor()
    assert.equal((await tableRows(page)).length, months.length, 'every month submitted or later is listed')
    assert.equal(await cellText(page, month.period, '抽查状态'), '未抽查')
    assert.equal(await cellText(page, month.period, '状态'), month.status_label)
    await screenshot(page, 'spotcheck-months')

    // ── 抽查比对 of the month: both rates from the server, then one clause unticked ─────────────────
    const spotPath = `/api/monthly/${month.id}/spot-check`
    let loaded = nextAnswer(page, 'GET', spotPath)
    await tableRow(page, month.period).getByRole('button', { name: '抽查比对', exact: true }).click()
    await page.waitForURL((u) => u.pathname === `/authority/spot-checks/monthly/${month.id}`)
    const before = await (await loaded).json()
    assert.equal(before.spot_check, null)
    assert.deepEqual(before.actions, ['save', 'finish'])
    assert.ok(before.agreement.review, 'the month has a review sheet')
    const total = before.agreement.clauses
    const clauses = before.items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses))
    assert.equal(clauses.length, total)
    await expectRate(page, 'self', `${before.agreement.self.rate.toFixed(2)}%（${before.agreement.self.agree}/${total} 条）`)
    await expectRate(page, 'review', `${before.agreement.review.rate.toFixed(2)}%（${before.agreement.review.agree}/${total} 条）`)
    assert.equal((await page.locator('[data-test=spot-check-status]').innerText()).trim(), '未抽查')
    assert.equal((await page.locator('[data-test=period]').innerText()).trim(), month.period)

    // A clause neither sheet deducted, so the authority's "not conforming" contradicts both.
    const target = clauses.find((c) => !c.self.deducted && c.review && !c.review.deducted)
    assert.ok(target, 'a clause neither sheet deducted')
    assert.equal(await findingCell(page, 'conforms', target.code).locator('.el-checkbox.is-checked').count(), 1, 'conforms by default')
    assert.equal((await page.locator(`[data-test=self-cell][data-code="${target.code}"]`).innerText()).trim(), '符合')
    assert.equal((await findingCell(page, 'mark', target.code).innerText()).trim(), '')
    await findingCell(page, 'conforms', target.code).locator('.el-checkbox').click()
    assert.equal(await findingCell(page, 'conforms', target.code).locator('.el-checkbox.is-checked').count(), 0)

    // Recomputed in the page before any save: one agreement fewer on each sheet.
    const selfAfter = `${rateText(before.agreement.self.agree - 1, total)}%（${before.agreement.self.agree - 1}/${total} 条）`
    const reviewAfter = `${rateText(before.agreement.review.agree - 1, total)}%（${before.agreement.review.agree - 1}/${total} 条）`
    await expectRate(page, 'self', selfAfter)
    await expectRate(page, 'review', reviewAfter)
    await page.locator('[data-test=rates-live]').waitFor()
    const mark = (await findingCell(page, 'mark', target.code).innerText()).replace(/\s+/g, ' ').trim()
    assert.equal(mark, '与自评不一致 与复核不一致')
    await page.locator('[data-test=unsaved]').waitFor()
    await findingCell(page, 'note', target.code).locator('textarea').fill(NOTE)
    await screenshot(page, 'spotcheck-editing')

    // ── 保存并退出: the finding is sent, the server agrees with the page, back to the months ─────────
    const saved = nextAnswer(page, 'PUT', spotPath)
    await page.getByRole('button', { name: '保存并退出', exact: true }).click()
    const savedAnswer = await saved
    assert.equal(savedAnswer.status(), 200, `save: ${await savedAnswer.text()}`)
    assert.deepEqual(savedAnswer.request().postDataJSON(), {
      version: 0, findings: [{ clause: target.code, conforms: false, note: NOTE }], finished: false,
    })
    const afterSave = await savedAnswer.json()
    assert.equal(afterSave.spot_check.status, 'in_progress')
    assert.equal(afterSave.agreement.self.agree, before.agreement.self.agree - 1)
    assert.equal(`${afterSave.agreement.self.rate.toFixed(2)}`, rateText(before.agreement.self.agree - 1, total))
    assert.equal(`${afterSave.agreement.review.rate.toFixed(2)}`, rateText(before.agreement.review.agree - 1, total))
    await page.waitForURL((u) => u.pathname === `/authority/spot-checks/projects/${declaration.id}`)
    await waitFor(async () => (await cellText(page, month.period, '抽查状态')) === '抽查中', { message: '抽查中 in the months' })
    assert.equal(await tableRow(page, month.period).getByRole('button', { name: '抽查比对', exact: true }).count(), 1)

    // ── reopened: the finding and its note are kept, the rates are the server's ──────────────────
    loaded = nextAnswer(page, 'GET', spotPath)
    await tableRow(page, month.period).getByRole('button', { name: '抽查比对', exact: true }).click()
    const reopened = await (await loaded).json()
    assert.equal(reopened.spot_check.version, afterSave.spot_check.version)
    await expectRate(page, 'self', selfAfter)
    await expectRate(page, 'review', reviewAfter)
    assert.equal(await page.locator('[data-test=rates-live]').count(), 0, 'the saved figures are the server\'s')
    assert.equal((await page.locator('[data-test=spot-check-status]').innerText()).trim(), '抽查中')
    await findingCell(page, 'conforms', target.code).locator('.el-checkbox').waitFor()
    assert.equal(await findingCell(page, 'conforms', target.code).locator('.el-checkbox.is-checked').count(), 0)
    assert.equal(await findingCell(page, 'note', target.code).locator('textarea').inputValue(), NOTE)
    assert.equal((await page.locator('[data-test=non-conforming]').innerText()).trim(), '1')

    // ── 完成抽查 (confirmed): final and read-only ────────────────────────────────────────────────
    const [finished, question] = await clickConfirmed(page, page.getByRole('button', { name: '完成抽查', exact: true }),
      '完成抽查', 'PUT', spotPath)
    assert.ok(question.includes('只读') && question.includes(month.period), question)
    assert.equal(finished.status(), 200, `finish: ${await finished.text()}`)
    assert.deepEqual(finished.request().postDataJSON(), {
      version: reopened.spot_check.version, findings: [{ clause: target.code, conforms: false, note: NOTE }], finished: true,
    })
    const final = await finished.json()
    assert.equal(final.spot_check.status, 'finished')
    assert.deepEqual(final.actions, [])
    await waitFor(async () => (await page.locator('[data-test=spot-check-status]').innerText()).trim() === '已完成',
      { message: 'status 已完成' })
    await page.locator('[data-test=read-only]', { hasText: '不可修改' }).waitFor()
    for (const button of ['保存并退出', '保存', '完成抽查']) {
      assert.equal(await page.getByRole('button', { name: button, exact: true }).count(), 0, `no ${button} once finished`)
    }
    assert.equal(await page.locator('[data-test=compare-table] .el-checkbox').count(), 0, 'no checkbox once finished')
    assert.equal(await page.locator('[data-test=compare-table] textarea').count(), 0, 'no note input once finished')
    assert.equal((await findingCell(page, 'conforms', target.code).innerText()).trim(), '不符合')
    assert.equal((await findingCell(page, 'note', target.code).innerText()).trim(), NOTE)
    await expectRate(page, 'self', selfAfter)
    await screenshot(page, 'spotcheck-finished')

    await page.getByRole('button', { name: '返回', exact: true }).first().click()
    await page.waitForURL((u) => u.pathname === `/authority/spot-checks/projects/${declaration.id}`)
    await waitFor(async () => (await cellText(page, month.period, '抽查状态')) === '已完成', { message: '已完成 in the months' })
    await tableRow(page, month.period).getByRole('button', { name: '查看', exact: true }).waitFor()

    // ── 抽查比对分析: the two enterprises with this one spot-check ───────────────────────────────
    const analyticsAnswer = await openMenu(page, '抽查比对分析', '/authority/spot-check-analytics', '/api/spot-checks/analytics')
    assert.equal(new URL(analyticsAnswer.url()).searchParams.get('threshold'), null, 'the server\'s default threshold at first')
    const analytics = await analyticsAnswer.json()
    assert.equal(await page.locator('[data-test=threshold] input').inputValue(), analytics.threshold.toFixed(2))
    const contractorRow = analytics.contractors.find((r) => r.enterprise.name === contractor.name)
    const supervisorRow = analytics.supervisors.find((r) => r.enterprise.name === supervisor.name)
    assert.ok(contractorRow && supervisorRow, JSON.stringify(analytics))
    // One spot-check: its mean agreement is that spot-check's rate.
    assert.equal(contractorRow.spot_checks, 1)
    assert.equal(contractorRow.mean_agreement, final.agreement.self.rate)
    assert.equal(supervisorRow.spot_checks, 1)
    assert.equal(supervisorRow.mean_agreement, final.agreement.review.rate)
    // Its common disagreements: the clauses where the self-sheet and the authority differ on that spot-check
    // (the one unticked, and those the self-sheet deducted), once each.
    const finalClauses = final.items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses))
    const selfDisputed = finalClauses.filter((c) => !c.self_agrees).map((c) => c.code)
    assert.ok(selfDisputed.includes(target.code), JSON.stringify(selfDisputed))
    assert.deepEqual(contractorRow.disputed.map((d) => d.clause).sort(), selfDisputed.slice(0, 5).sort())
    assert.ok(contractorRow.disputed.every((d) => d.count === 1), JSON.stringify(contractorRow.disputed))

    const contractors = page.locator('[data-test=section-contractors]')
    const supervisors = page.locator('[data-test=section-supervisors]')
    const contractorTableRow = contractors.locator('.el-table__body tr.el-table__row', { hasText: contractor.name })
    await contractorTableRow.waitFor()
    const cells = (await contractorTableRow.locator('td').allInnerTexts()).map((t) => t.trim())
    assert.deepEqual(cells.slice(1, 6), [
      contractor.name, contractor.uscc, '1', `${final.agreement.self.rate.toFixed(2)}%`, contractorRow.low ? '是' : '否',
    ])
    // Each common disagreement with its clause's text, not the bare code (issue 26).
    const disputedItems = contractorTableRow.locator('[data-test=disputed]')
    assert.equal(await disputedItems.count(), contractorRow.disputed.length)
    for (const [i, d] of contractorRow.disputed.entries()) {
      const item = (await disputedItems.nth(i).innerText()).replace(/\s+/g, ' ')
      assert.ok(d.text.length > 0 && item.includes(d.clause) && item.includes(d.text) && item.includes(`${d.count} 次`), item)
    }
    const supervisorCells = (await supervisors.locator('.el-table__body tr.el-table__row', { hasText: supervisor.name })
      .locator('td').allInnerTexts()).map((t) => t.trim())
    assert.deepEqual(supervisorCells.slice(3, 5), ['1', `${final.agreement.review.rate.toFixed(2)}%`])

    // The charts: SVG bars named by enterprise, the threshold line labelled.
    for (const [section, name] of [['contractors', contractor.name], ['supervisors', supervisor.name]]) {
      const chart = page.locator(`[data-test=chart-${section}] svg`)
      await chart.waitFor()
      const text = await chart.locator('text').allTextContents()
      assert.ok(text.some((t) => name.startsWith(t.replace(/…$/, '').replace(/\.\.\.$/, ''))), `${name} in ${JSON.stringify(text)}`)
      assert.ok(text.includes(`阈值 ${analytics.threshold.toFixed(2)}%`), JSON.stringify(text))
    }
    assert.ok((await page.locator('[data-test=analytics-summary]').innerText()).includes(`已完成抽查比对 ${analytics.spot_checks} 次`))
    await screenshot(page, 'spotcheck-analytics')

    // A threshold above the rate: the enterprise is below it, its row red.
    await page.locator('[data-test=threshold] input').fill('100')
    const strict = nextAnswer(page, 'GET', '/api/spot-checks/analytics')
    await page.getByRole('button', { name: '查询', exact: true }).click()
    const strictAnswer = await strict
    assert.equal(new URL(strictAnswer.url()).searchParams.get('threshold'), '100')
    assert.equal((await strictAnswer.json()).contractors.find((r) => r.enterprise.name === contractor.name).low, true)
    await waitFor(async () => (await contractors.locator('tr.row-low', { hasText: contractor.name }).count()) === 1,
      { message: 'the contractor highlighted below 100%' })
    assert.equal((await contractors.locator('tr.row-low', { hasText: contractor.name }).locator('td').nth(5).innerText()).trim(), '是')

    // 综合信息 lists the spot-checked month with its rates.
    await page.goto(url(`/declarations/${declaration.id}/summary`))
    const section = page.locator('[data-test=section-spot_checks]')
    await section.locator('.el-table__body tr.el-table__row', { hasText: month.period }).waitFor()
    const summaryRow = (await section.locator('.el-table__body tr.el-table__row', { hasText: month.period }).innerText())
    assert.ok(summaryRow.includes('已完成') && summaryRow.includes(`${final.agreement.self.rate.toFixed(2)}%`), summaryRow)
  })
})
