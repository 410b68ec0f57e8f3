// 中止/恢复 and 终止 end to end on the demo's project for them (PD2026-0112, the first construction
// enterprise's fourth general contract, accepted two months ago and 评价中). The contractor (certificate)
// asks for 中止 (reason, today), withdraws it while it awaits review and asks again; the site supervisor
// (SMS) 复核中止; the district's authority (password) 中止备案: the project is 已中止 and the months page
// says why no month may be evaluated; a 恢复 dated that same day is accepted (and withdrawn). Then the contractor asks for 终止 (confirming that it cannot be
// undone), the supervisor 复核终止 and the authority 终止备案: the project is 已终止, and 综合信息 shows the
// suspension period (未恢复) and the termination.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  testNow,
  DEMO_PASSWORD, certificateLogin, clickConfirmed, clientCertificateOptions, demoRegistry, dialogTitled,
  expectRole, expectRowCell, formItem, nextAnswer, openBrowser, withBrowsers, screenshot, siteLogin, submitPasswordLogin, tableRow, tlsUrl,
  url, waitFor,
} from './helpers.mjs'

// ── the demo's project and its people (share/demo/registry.json) ───────────────────────────────
const registry = demoRegistry()
const REGISTRATION_NO = 'PD2026-0112'
const project = registry.projects.find((p) => p.registration_no === REGISTRATION_NO)
const general = registry.contracts.find((c) => c.kind === 'general' && c.project_registration_no === REGISTRATION_NO)
const contractor = registry.enterprises.find((e) => e.uscc === general?.enterprise_uscc)
const supervision = registry.contracts.find((c) => c.kind === 'supervision' && c.project_registration_no === REGISTRATION_NO)
const supervisionManager = registry.persons.find((p) => p.id_number === supervision?.manager_id_number)
/** The demo's MIS account of the project's 监督机构 (jdz_<code>). */
const authorityUser = `jdz_${project?.authority_code.toLowerCase()}`

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(testNow())

const SUSPEND_REASON = '业主资金未到位，工程暂停施工。\n待复工后申请恢复。'
const TERMINATE_REASON = '建设单位决定终止本工程建设，项目转入工程监督流程。'

/** The table row of the project in the page's list. */
function rowOf(page) {
  return tableRow(page, REGISTRATION_NO)
}

/** Opens a menu entry and waits for its page and first list answer. */
async function openMenu(page, title, pathname, api) {
  const listed = nextAnswer(page, 'GET', api)
  await page.getByRole('menuitem', { name: title, exact: true }).click()
  await page.waitForURL((u) => u.pathname === pathname)
  return (await listed).json()
}

/**
 * On a 复核 / 备案 list: the quick filter to what awaits the user, then the row's step (a dialog), an
 * opinion, the step's button and its confirmation. Resolves with [the answer, the confirmation's text].
 */
async function takeStep(page, { shortcut, listApi, step, opinion, recordId, shot }) {
  const awaiting = nextAnswer(page, 'GET', listApi)
  await page.locator('[data-test=status-shortcut]').getByText(shortcut, { exact: true }).click()
  const items = (await (await awaiting).json()).items
  assert.ok(items.some((r) => r.id === recordId), `${shortcut} lists the request: ${JSON.stringify(items.map((r) => r.id))}`)
  const loaded = nextAnswer(page, 'GET', `${listApi}/${recordId}`)
  await rowOf(page).getByRole('button', { name: step, exact: true }).click()
  const shown = await (await loaded).json()
  assert.ok(shown.actions.includes(step.includes('复核') ? 'review' : 'register'), JSON.stringify(shown.actions))
  const dialog = dialogTitled(page, step)
  await dialog.waitFor()
  await dialog.locator('[data-test=request-reason]').getByText(shown.reason.split('\n')[0]).waitFor()
  await formItem(dialog, step.includes('复核') ? '复核意见' : '备案意见').locator('textarea').fill(opinion)
  if (shot) await screenshot(page, shot)
  const result = await clickConfirmed(page, dialog.getByRole('button', { name: step, exact: true }), step,
    'POST', `${listApi}/${recordId}/${step.includes('复核') ? 'review' : 'register'}`)
  await dialog.waitFor({ state: 'hidden' })
  return result
}

test('中止 → 撤回 → 中止 → 复核中止 → 中止备案 (已中止) → 终止 → 复核终止 → 终止备案 (已终止)', { timeout: 300_000 }, async () => {
  assert.ok(project && contractor && supervisionManager, 'the demo registry has the project, its contractor and supervision manager')
  await withBrowsers(async (openBrowser) => {
    // ── 施工企业: 企业中止评价 → 中止 ─────────────────────────────────────────────────────────────
    const cb = await openBrowser('suspension-contractor', clientCertificateOptions(contractor.uscc))
    const cp = cb.page
    const login = await certificateLogin(cp)
    assert.equal(login.status(), 200, `certificate login: ${await login.text()}`)
    await cp.waitForURL((u) => u.pathname !== '/login')
    await expectRole(cp, '施工企业用户')
    const listed = await openMenu(cp, '企业中止评价', '/enterprise/suspensions', '/api/declarations')
    const declaration = listed.items.find((d) => d.project.registration_no === REGISTRATION_NO)
    assert.ok(declaration, `the accepted declaration of ${REGISTRATION_NO} is listed`)
    assert.equal(declaration.management_status, 'active')
    assert.equal(declaration.suspension, null)
    assert.ok(declaration.request_actions.includes('suspend'), JSON.stringify(declaration.request_actions))
    await expectRowCell(cp, REGISTRATION_NO, '管理状态', '评价中')
    await expectRowCell(cp, REGISTRATION_NO, '中止/恢复', '无')
    assert.equal(await rowOf(cp).getByRole('button', { name: '恢复', exact: true }).count(), 0)

    const suspensionsPath = `/api/declarations/${declaration.id}/suspensions`
    await rowOf(cp).getByRole('button', { name: '中止', exact: true }).click()
    let dialog = dialogTitled(cp, '中止申请')
    await dialog.waitFor()
    assert.equal(await formItem(dialog, '中止日期').locator('input').inputValue(), today, '中止日期 defaults to today')
    // 中止原因 is required: refused in the dialog, nothing sent.
    await dialog.getByRole('button', { name: '提交', exact: true }).click()
    await formItem(dialog, '中止原因').locator('.el-form-item__error', { hasText: '请填写中止原因' }).waitFor()
    assert.equal(await cp.locator('.el-message-box').count(), 0)
    await formItem(dialog, '中止原因').locator('textarea').fill('资金原因暂停施工。')
    let [asked, question] = await clickConfirmed(cp, dialog.getByRole('button', { name: '提交', exact: true }), '中止',
      'POST', suspensionsPath)
    assert.ok(question.includes('中止备案') && question.includes(project.name), question)
    assert.equal(asked.status(), 201, `suspend: ${await asked.text()}`)
    assert.deepEqual(asked.request().postDataJSON(), { kind: 'suspend', reason: '资金原因暂停施工。', date: today })
    let suspension = await asked.json()
    assert.equal(suspension.status_label, '已中止待复核')
    await dialog.waitFor({ state: 'hidden' })
    await expectRowCell(cp, REGISTRATION_NO, '中止/恢复', '已中止待复核')
    assert.equal(await rowOf(cp).getByRole('button', { name: '中止', exact: true }).count(), 0, 'one request at a time')

    // 撤回 while it awaits review (confirmed), then ask again.
    const [withdrawn] = await clickConfirmed(cp, rowOf(cp).getByRole('button', { name: '撤回', exact: true }), '撤回',
      'POST', `/api/suspensions/${suspension.id}/withdraw`)
    assert.equal(withdrawn.status(), 200, `withdraw: ${await withdrawn.text()}`)
    assert.deepEqual(withdrawn.request().postDataJSON(), { version: suspension.version })
    assert.equal((await withdrawn.json()).status, 'withdrawn')
    await expectRowCell(cp, REGISTRATION_NO, '中止/恢复', '已撤回')
    assert.equal(await rowOf(cp).getByRole('button', { name: '撤回', exact: true }).count(), 0)

    await rowOf(cp).getByRole('button', { name: '中止', exact: true }).click()
    dialog = dialogTitled(cp, '中止申请')
    await dialog.waitFor()
    await formItem(dialog, '中止原因').locator('textarea').fill(SUSPEND_REASON)
    ;[asked] = await clickConfirmed(cp, dialog.getByRole('button', { name: '提交', exact: true }), '中止', 'POST', suspensionsPath)
    assert.equal(asked.status(), 201, `suspend again: ${await asked.text()}`)
    suspension = await asked.json()
    await expectRowCell(cp, REGISTRATION_NO, '中止/恢复', '已中止待复核')
    await screenshot(cp, 'suspension-requested')

    // ── 现场用户（监理机构）: 中止复核 → 复核中止 ──────────────────────────────────────────────────
    const sb = await openBrowser('suspension-supervisor')
    const sp = sb.page
    await sp.bringToFront()
    await siteLogin(sp, {
      roleLabel: '监理项目负责人', name: supervisionManager.name, idNumber: supervisionManager.id_number,
      reportNo: supervision.report_no,
    })
    await expectRole(sp, '现场用户（监理机构）')
    await openMenu(sp, '中止复核', '/supervision/suspensions', '/api/suspensions')
    const [reviewed, reviewQuestion] = await takeStep(sp, {
      shortcut: '待复核', listApi: '/api/suspensions', step: '复核中止', opinion: '情况属实，同意中止。', recordId: suspension.id,
    })
    assert.ok(reviewQuestion.includes('监督机构中止备案'), reviewQuestion)
    assert.equal(reviewed.status(), 200, `review: ${await reviewed.text()}`)
    assert.equal(reviewed.request().postDataJSON().opinion, '情况属实，同意中止。')
    assert.equal((await reviewed.json()).status_label, '已复核中止待监督信息登记')
    await waitFor(async () => (await rowOf(sp).count()) === 0, { message: 'the request leaves 待复核' })
    await sp.locator('[data-test=status-shortcut]').getByText('全部', { exact: true }).click()
    await expectRowCell(sp, REGISTRATION_NO, '状态', '已复核中止待监督信息登记')
    await screenshot(sp, 'suspension-reviewed')

    // ── 监督机构: 中止评价监督信息登记 → 中止备案 ───────────────────────────────────────────────────
    const ab = await openBrowser('suspension-authority')
    const ap = ab.page
    await ap.bringToFront()
    await ap.goto(url('/login'))
    await submitPasswordLogin(ap, authorityUser, DEMO_PASSWORD)
    await ap.waitForURL((u) => u.pathname !== '/login')
    await expectRole(ap, '监督机构用户')
    await openMenu(ap, '中止评价监督信息登记', '/authority/suspensions', '/api/suspensions')
    const [registered, registerQuestion] = await takeStep(ap, {
      shortcut: '待信息登记', listApi: '/api/suspensions', step: '中止备案', opinion: '', recordId: suspension.id,
      shot: 'suspension-register-dialog',
    })
    assert.ok(registerQuestion.includes('已中止'), registerQuestion)
    assert.equal(registered.status(), 200, `register: ${await registered.text()}`)
    const registeredSuspension = await registered.json()
    assert.equal(registeredSuspension.status_label, '已登记')
    assert.equal(registeredSuspension.declaration.management_status, 'suspended')
    await ap.locator('[data-test=status-shortcut]').getByText('全部', { exact: true }).click()
    await expectRowCell(ap, REGISTRATION_NO, '状态', '已登记')

    // ── 施工企业: 已中止; 查看 shows the period; no month may be evaluated ──────────────────────────
    await cp.bringToFront()
    await expectRowCell(cp, REGISTRATION_NO, '管理状态', '已中止')
    await expectRowCell(cp, REGISTRATION_NO, '中止/恢复', '已登记')
    await rowOf(cp).getByRole('button', { name: '恢复', exact: true }).waitFor()
    assert.equal(await rowOf(cp).getByRole('button', { name: '中止', exact: true }).count(), 0)
    await rowOf(cp).getByRole('button', { name: '查看', exact: true }).click()
    const drawer = cp.locator('[data-test=request-detail]')
    await drawer.locator('[data-test=request-status]', { hasText: '已登记' }).waitFor()
    const periods = drawer.locator('[data-test=suspension-intervals] .el-table__body tr.el-table__row')
    await periods.first().waitFor()
    assert.deepEqual(await periods.allInnerTexts().then((rows) => rows.map((r) => r.split(/\s+/).filter(Boolean))),
      [['1', today, '未恢复']])
    await screenshot(cp, 'suspension-registered')
    await drawer.locator('.el-drawer__close-btn').click()
    await drawer.waitFor({ state: 'hidden' })

    // 恢复 on the suspension's own day (issue 26: refused with "恢复日期应晚于中止日期" after the
    // confirmation, and no later date could be picked): the date defaults to today and is accepted.
    await rowOf(cp).getByRole('button', { name: '恢复', exact: true }).click()
    dialog = dialogTitled(cp, '恢复申请')
    await dialog.waitFor()
    assert.equal(await formItem(dialog, '恢复日期').locator('input').inputValue(), today, '恢复日期 defaults to today')
    ;[asked] = await clickConfirmed(cp, dialog.getByRole('button', { name: '提交', exact: true }), '恢复', 'POST', suspensionsPath)
    assert.equal(asked.status(), 201, `resume on the suspension's day: ${await asked.text()}`)
    assert.equal(asked.request().postDataJSON().date, today)
    const resumption = await asked.json()
    await dialog.waitFor({ state: 'hidden' })
    await expectRowCell(cp, REGISTRATION_NO, '中止/恢复', '已中止恢复待复核')
    // Withdrawn again: the project stays 已中止 for the termination below.
    const [resumeWithdrawn] = await clickConfirmed(cp, rowOf(cp).getByRole('button', { name: '撤回', exact: true }), '撤回',
      'POST', `/api/suspensions/${resumption.id}/withdraw`)
    assert.equal(resumeWithdrawn.status(), 200, `withdraw the resumption: ${await resumeWithdrawn.text()}`)
    await expectRowCell(cp, REGISTRATION_NO, '中止/恢复', '已撤回')

    await openMenu(cp, '企业月度评价', '/enterprise/monthly', '/api/declarations')
    const months = nextAnswer(cp, 'GET', `/api/declarations/${declaration.id}/monthly`)
    await rowOf(cp).getByRole('button', { name: '评价', exact: true }).click()
    const next = (await (await months).json()).next
    assert.equal(next.period, null)
    const refusal = cp.locator('[data-test=next-message]')
    await refusal.waitFor()
    const refusalText = (await refusal.innerText()).trim()
    assert.ok(refusalText.includes('中止') && refusalText.includes(today), refusalText)
    assert.ok(await cp.locator('button[data-test=create-month]').isDisabled(), '新增评价 is disabled')
    await screenshot(cp, 'suspension-months')

    // ── 施工企业: 企业终止评价 → 终止 ─────────────────────────────────────────────────────────────
    const terminations = await openMenu(cp, '企业终止评价', '/enterprise/terminations', '/api/declarations')
    const suspended = terminations.items.find((d) => d.id === declaration.id)
    assert.ok(suspended.request_actions.includes('terminate'), JSON.stringify(suspended.request_actions))
    await expectRowCell(cp, REGISTRATION_NO, '终止', '无')
    await rowOf(cp).getByRole('button', { name: '终止', exact: true }).click()
    dialog = dialogTitled(cp, '终止申请')
    await dialog.waitFor()
    await dialog.getByRole('button', { name: '提交', exact: true }).click()
    await formItem(dialog, '终止原因').locator('.el-form-item__error', { hasText: '请填写终止原因' }).waitFor()
    await formItem(dialog, '终止原因').locator('textarea').fill(TERMINATE_REASON)
    await screenshot(cp, 'termination-request')
    const terminationPath = `/api/declarations/${declaration.id}/termination`
    const [terminated, terminateQuestion] = await clickConfirmed(cp, dialog.getByRole('button', { name: '提交', exact: true }),
      '终止', 'POST', terminationPath)
    assert.ok(terminateQuestion.includes('项目将退出质量标准化管理，进入工程监督流程，不可撤销'), terminateQuestion)
    assert.equal(terminated.status(), 201, `terminate: ${await terminated.text()}`)
    assert.deepEqual(terminated.request().postDataJSON(), { reason: TERMINATE_REASON })
    const termination = await terminated.json()
    assert.equal(termination.status_label, '已终止待复核')
    await expectRowCell(cp, REGISTRATION_NO, '终止', '已终止待复核')
    assert.equal(await rowOf(cp).getByRole('button', { name: '终止', exact: true }).count(), 0)

    // ── 监理机构: 终止复核 → 复核终止 ────────────────────────────────────────────────────────────
    await sp.bringToFront()
    await openMenu(sp, '终止复核', '/supervision/terminations', '/api/terminations')
    const [reviewedTermination, terminationReviewQuestion] = await takeStep(sp, {
      shortcut: '待复核', listApi: '/api/terminations', step: '复核终止', opinion: '同意终止。', recordId: termination.id,
    })
    assert.ok(terminationReviewQuestion.includes('监督机构终止备案'), terminationReviewQuestion)
    assert.equal(reviewedTermination.status(), 200, `review termination: ${await reviewedTermination.text()}`)
    assert.equal((await reviewedTermination.json()).status_label, '已复核终止待监督信息登记')

    // ── 监督机构: 终止评价监督信息登记 → 终止备案 ───────────────────────────────────────────────────
    await ap.bringToFront()
    await openMenu(ap, '终止评价监督信息登记', '/authority/terminations', '/api/terminations')
    const [closed, closeQuestion] = await takeStep(ap, {
      shortcut: '待信息登记', listApi: '/api/terminations', step: '终止备案', opinion: '准予终止备案。', recordId: termination.id,
    })
    assert.ok(closeQuestion.includes('已终止') && closeQuestion.includes('不可撤销'), closeQuestion)
    assert.equal(closed.status(), 200, `register termination: ${await closed.text()}`)
    const closedTermination = await closed.json()
    assert.equal(closedTermination.status_label, '已登记')
    assert.equal(closedTermination.declaration.management_status, 'terminated')
    await ap.locator('[data-test=status-shortcut]').getByText('全部', { exact: true }).click()
    await expectRowCell(ap, REGISTRATION_NO, '状态', '已登记')
    await screenshot(ap, 'termination-registered')

    // ── 施工企业: 已终止; 综合信息 ──────────────────────────────────────────────────────────────
    await cp.bringToFront()
    await expectRowCell(cp, REGISTRATION_NO, '管理状态', '已终止')
    await expectRowCell(cp, REGISTRATION_NO, '终止', '已登记')
    assert.equal(await rowOf(cp).getByRole('button', { name: '终止', exact: true }).count(), 0)
    await cp.goto(tlsUrl(`/declarations/${declaration.id}/summary`))
    await cp.locator('[data-test=summary-states]').getByText('已终止').waitFor()
    const suspensionSection = cp.locator('[data-test=section-suspensions]')
    const summaryPeriods = suspensionSection.locator('[data-test=suspension-intervals] .el-table__body tr.el-table__row')
    await summaryPeriods.first().waitFor()
    assert.deepEqual(await summaryPeriods.allInnerTexts().then((rows) => rows.map((r) => r.split(/\s+/).filter(Boolean))),
      [['1', today, '未恢复（已终止）']])
    const requests = await suspensionSection.locator('[data-test=suspension-requests] .el-table__body tr.el-table__row').allInnerTexts()
    // Newest first: the withdrawn same-day 恢复, the registered 中止, the withdrawn 中止.
    assert.equal(requests.length, 3, JSON.stringify(requests))
    assert.ok(requests[0].includes('恢复') && requests[0].includes('已撤回') && requests[0].includes(today), requests[0])
    assert.ok(requests[1].includes('中止') && requests[1].includes('已登记') && requests[1].includes(today), requests[1])
    assert.ok(requests[2].includes('已撤回'), requests[2])
    const terminationSection = cp.locator('[data-test=section-termination]')
    await terminationSection.locator('[data-test=request-status]', { hasText: '已登记' }).waitFor()
    assert.equal((await terminationSection.locator('[data-test=request-reason]').innerText()).trim(), TERMINATE_REASON)
    assert.equal((await terminationSection.locator('[data-test=review-opinion]').innerText()).trim(), '同意终止。')
    assert.equal((await terminationSection.locator('[data-test=registration-opinion]').innerText()).trim(), '准予终止备案。')
    await terminationSection.scrollIntoViewIfNeeded()
    await screenshot(cp, 'termination-summary')
  })
})
