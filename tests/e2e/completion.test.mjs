// 季度评价监督信息登记 and 竣工评价 end to end on the demo's second accepted declaration (the first
// construction enterprise's third general contract, evaluated monthly since its acceptance five months
// ago, every quarter registered but the one holding the last due month). The contractor (certificate)
// asks for 竣工评价申请 and is refused with the unregistered quarter named; the district's authority
// (password) filters 待信息登记 and registers that quarter (the suggested grade preselected); the contractor
// applies; the site supervisor (SMS) reviews 不同意 and submits; the contractor sees 复核不同意, edits and
// 再次提交复核; the supervisor sees the first round's 不同意 beside it, agrees and submits; the authority registers the completion, which ends the
// project's management (已竣工). The 竣工评价表 prints as a PDF; 综合信息 shows the quarters and the completion.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  testNow,
  DEMO_PASSWORD, certificateLogin, clickConfirmed, clientCertificateOptions, demoRegistry, dialogTitled, expectNoSideScroll, expectRole,
  expectRowCell, formItem, nextAnswer, openBrowser, withBrowsers, screenshot, siteLogin, submitPasswordLogin, tableRow, tlsUrl, url, waitFor,
} from './helpers.mjs'

// ── the demo's project for completion and its people (share/demo/registry.json) ────────────────
const registry = demoRegistry()
const contractor = registry.enterprises.find((e) => e.kind === 'construction')
const general = registry.contracts.filter((c) => c.kind === 'general' && c.enterprise_uscc === contractor.uscc)[2]
const project = registry.projects.find((p) => p.registration_no === general.project_registration_no)
const supervision = registry.contracts.find((c) => c.kind === 'supervision' && c.project_registration_no === project.registration_no)
const supervisionManager = registry.persons.find((p) => p.id_number === supervision.manager_id_number)
/** The demo's MIS account of the project's 监督机构 (jdz_<code>). */
const authorityUser = `jdz_${project.authority_code.toLowerCase()}`

// ── the calendar rule (SPEC §3.6), on today's Shanghai date ────────────────────────────────────
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(testNow())

/** The last due month: the previous month on or before the 15th, else the current month. */
function lastDueMonth(date) {
  const [y, m, d] = date.split('-').map(Number)
  if (d > 15) return { y, m }
  return m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 }
}

const lastDue = lastDueMonth(today)
/** The quarter the demo leaves 待信息登记: the one holding the last due month. */
const pendingQuarter = `${lastDue.y}-Q${Math.ceil(lastDue.m / 3)}`

// ── page helpers ────────────────────────────────────────────────────────────────────────────────
/** The table row of the project (by 报监编号) in the page's list. */
function rowOf(page, text = project.registration_no) {
  return tableRow(page, text)
}

/** Resolves with the next GET answer of `pathname` whose query satisfies `match`. */
function nextListAnswer(page, pathname, match) {
  return page.waitForResponse((response) => {
    const u = new URL(response.url())
    return response.request().method() === 'GET' && u.pathname === pathname && match(u.searchParams)
  })
}

/** Types a date into an el-date-picker (inside a form item); Enter takes it and closes the panel. */
async function pickDate(item, date) {
  const input = item.locator('input')
  await input.click()
  await input.fill(date)
  await input.press('Enter')
  await waitFor(async () => (await input.inputValue()) === date, { message: `date ${date} taken` })
}

test('竣工评价: refused for an unregistered quarter → 季度登记 → 申请 → 复核不同意 → 再次提交 → 同意 → 登记 (已竣工)',
  { timeout: 300_000 }, async () => {
    assert.ok(project && supervisionManager, 'the demo registry has the project and its supervision manager')
    await withBrowsers(async (openBrowser) => {
      // ── 施工企业: 企业竣工评价 → 竣工评价申请, refused ────────────────────────────────────────
      const cb = await openBrowser('completion-contractor', clientCertificateOptions(contractor.uscc))
      const cp = cb.page
      const login = await certificateLogin(cp)
      assert.equal(login.status(), 200, `certificate login: ${await login.text()}`)
      await cp.waitForURL((u) => u.pathname !== '/login')
      await expectRole(cp, '施工企业用户')
      const declarations = nextAnswer(cp, 'GET', '/api/declarations')
      await cp.getByRole('menuitem', { name: '企业竣工评价' }).click()
      await cp.waitForURL((u) => u.pathname === '/enterprise/completions')
      assert.equal(new URL((await declarations).url()).searchParams.get('status'), 'accepted')
      const declaration = (await (await declarations).json()).items.find((d) => d.project.registration_no === project.registration_no)
      assert.ok(declaration, `the accepted declaration of ${project.registration_no} is listed`)
      assert.equal(declaration.management_status, 'active')
      assert.equal(declaration.completion, null)
      await rowOf(cp).getByText('未申请', { exact: true }).waitFor()

      const checked = nextAnswer(cp, 'GET', `/api/declarations/${declaration.id}/completion`)
      await rowOf(cp).getByRole('button', { name: '竣工评价申请', exact: true }).click()
      await cp.waitForURL((u) => u.pathname === `/enterprise/completions/${declaration.id}/apply`)
      const refusal = await (await checked).json()
      assert.equal(refusal.check.ready, false, JSON.stringify(refusal.check))
      assert.deepEqual(refusal.check.unregistered_quarters, [pendingQuarter], JSON.stringify(refusal.check))
      assert.deepEqual(refusal.check.missing_months, [], 'every due month is filed')
      const checkAlert = cp.locator('[data-test=completion-check]')
      await checkAlert.waitFor()
      assert.equal((await checkAlert.locator('[data-test=check-message]').innerText()).trim(), refusal.check.message.trim())
      assert.ok(refusal.check.message.includes(pendingQuarter), refusal.check.message)
      assert.equal((await checkAlert.locator('[data-test=unregistered-quarters] .el-tag').allInnerTexts()).join(), pendingQuarter)
      assert.ok(await cp.locator('button[data-test=apply-submit]').isDisabled(), '竣工评价申请 is disabled')
      await cp.locator('[data-test=quarter-scores] .el-table__body tr.el-table__row', { hasText: pendingQuarter })
        .getByText('待信息登记').waitFor()
      await screenshot(cp, 'completion-refused')

      // Had the page loaded while the record was complete, the server would still refuse on submit: the page
      // then shows the refusal the same way (the check is faked ready here, the 422 is the server's own).
      const completionPath = `/api/declarations/${declaration.id}/completion`
      const fakeReady = async (route) => {
        if (route.request().method() !== 'GET') return route.fallback()
        const response = await route.fetch()
        const body = await response.json()
        body.check = { ...body.check, ready: true, missing_months: [], unregistered_quarters: [], message: '' }
        return route.fulfill({ response, json: body })
      }
      await cp.route((u) => u.pathname === completionPath, fakeReady)
      await cp.reload()
      await cp.locator('[data-test=completion-ready]').waitFor()
      // Empty fields are refused in the page first.
      await cp.locator('button[data-test=apply-submit]').click()
      await formItem(cp, '竣工验收信息').locator('.el-form-item__error', { hasText: '请填写竣工验收信息' }).waitFor()
      await formItem(cp, '竣工日期').locator('.el-form-item__error', { hasText: '请选择竣工日期' }).waitFor()
      await pickDate(formItem(cp, '竣工日期'), today)
      await formItem(cp, '竣工验收信息').locator('textarea').fill('竣工验收合格。')
      await formItem(cp, '自评情况').locator('textarea').fill('自评良好。')
      const [early] = await clickConfirmed(cp, cp.locator('button[data-test=apply-submit]'), '竣工评价申请', 'POST', completionPath)
      assert.equal(early.status(), 422, `early apply: ${await early.text()}`)
      const earlyError = (await early.json()).error
      assert.deepEqual(earlyError.details.unregistered_quarters, [pendingQuarter])
      await checkAlert.waitFor()
      assert.equal((await checkAlert.locator('[data-test=check-message]').innerText()).trim(), earlyError.message.trim())
      assert.equal((await checkAlert.locator('[data-test=unregistered-quarters] .el-tag').allInnerTexts()).join(), pendingQuarter)
      assert.ok(await cp.locator('button[data-test=apply-submit]').isDisabled(), '竣工评价申请 is disabled again')
      await cp.unroute((u) => u.pathname === completionPath, fakeReady)

      // ── 监督机构: 季度评价监督信息登记 → 待信息登记 → 监督信息登记 ──────────────────────────────
      const ab = await openBrowser('completion-authority')
      const ap = ab.page
      await ap.bringToFront()
      await ap.goto(url('/login'))
      await submitPasswordLogin(ap, authorityUser, DEMO_PASSWORD)
      await ap.waitForURL((u) => u.pathname !== '/login')
      await expectRole(ap, '监督机构用户')
      const allQuarters = nextAnswer(ap, 'GET', '/api/quarterly')
      await ap.getByRole('menuitem', { name: '季度评价监督信息登记' }).click()
      await ap.waitForURL((u) => u.pathname === '/authority/quarterly')
      assert.equal(new URL((await allQuarters).url()).searchParams.get('status'), null, 'the list shows every state at first')
      await ap.locator('[data-test=status-filter]').click()
      await ap.locator('.el-select-dropdown__item:visible', { hasText: /^待信息登记$/ }).click()
      const pendingList = nextListAnswer(ap, '/api/quarterly', (q) => q.get('status') === 'pending')
      await ap.getByRole('button', { name: '搜索', exact: true }).click()
      const pendingAnswer = await pendingList
      assert.equal(new URL(pendingAnswer.url()).searchParams.get('status'), 'pending')
      const pendingItems = (await pendingAnswer.json()).items
      const quarter = pendingItems.find((q) => q.declaration.registration_no === project.registration_no)
      assert.ok(quarter, `the pending quarter of ${project.registration_no}: ${JSON.stringify(pendingItems.map((q) => q.quarter))}`)
      assert.equal(quarter.quarter, pendingQuarter)
      assert.deepEqual(quarter.actions, ['register'])
      assert.ok(pendingItems.every((q) => q.status === 'pending'))
      const quarterRow = rowOf(ap).filter({ hasText: pendingQuarter })
      await quarterRow.getByText('待信息登记').waitFor()

      const quarterDetail = nextAnswer(ap, 'GET', `/api/quarterly/${quarter.id}`)
      await quarterRow.getByRole('button', { name: '监督信息登记', exact: true }).click()
      const shownQuarter = await (await quarterDetail).json()
      const registerDialog = dialogTitled(ap, '季度评价监督信息登记')
      await registerDialog.waitFor({ state: 'visible' })
      await registerDialog.locator('[data-test=quarter-months] .el-table__body tr.el-table__row').nth(2).waitFor()
      assert.equal(shownQuarter.months.length, 3)
      assert.ok(shownQuarter.grade_label, `a suggested grade: ${JSON.stringify(shownQuarter)}`)
      assert.equal((await registerDialog.locator('[data-test=suggested-grade]').innerText()).trim(), shownQuarter.grade_label)
      assert.equal((await registerDialog.locator('[data-test=score-value]').innerText()).trim(), shownQuarter.score.toFixed(2))
      // 结论 is preselected with the suggested grade.
      assert.equal((await registerDialog.locator('[data-test=conclusion] .el-radio.is-checked').innerText()).trim(), shownQuarter.grade_label)

      // Each field 登记 requires carries its * (issue 26).
      for (const label of ['监督检查日期', '监督人员', '监督意见', '结论'])
        assert.ok(await formItem(registerDialog, label).evaluate((el) => el.classList.contains('is-required')), `${label} is starred`)
      // 登记 with the fields empty is refused in the dialog, nothing sent.
      await registerDialog.getByRole('button', { name: '登记', exact: true }).click()
      await formItem(registerDialog, '监督人员').locator('.el-form-item__error', { hasText: '请填写监督人员' }).waitFor()
      await formItem(registerDialog, '监督检查日期').locator('.el-form-item__error', { hasText: '请选择监督检查日期' }).waitFor()
      assert.equal(await ap.locator('.el-message-box').count(), 0)

      // A future date typed in is kept and refused for what it is (issue 26: it was dropped, and the form
      // said "请选择监督检查日期").
      const future = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.parse(`${today}T12:00:00+08:00`) + 86_400_000 * 3))
      const dateInput = formItem(registerDialog, '监督检查日期').locator('input')
      await dateInput.click()
      await dateInput.fill(future)
      await dateInput.press('Tab')
      await formItem(registerDialog, '监督检查日期').locator('.el-form-item__error', { hasText: `监督检查日期不能晚于今天（${today}）` }).waitFor()
      assert.equal(await formItem(registerDialog, '监督检查日期').locator('.el-form-item__error', { hasText: '请选择' }).count(), 0)
      await screenshot(ap, 'completion-quarter-register-future-date')
      await pickDate(formItem(registerDialog, '监督检查日期'), today)
      await formItem(registerDialog, '监督人员').locator('input').fill('王建国、李卫东')
      await formItem(registerDialog, '监督意见').locator('textarea')
        .fill('抽查主体结构及机电安装质量，质量管理体系运行正常。\n整改闭合情况良好。')
      // Leaving the fields revalidates them: the messages go once they are filled.
      await formItem(registerDialog, '监督意见').locator('textarea').press('Tab')
      await waitFor(async () => (await registerDialog.locator('.el-form-item__error').count()) === 0,
        { message: 'the filled fields pass validation' })
      await screenshot(ap, 'completion-quarter-register')
      const [registered, registerQuestion] = await clickConfirmed(ap, registerDialog.getByRole('button', { name: '登记', exact: true }),
        '登记', 'POST', `/api/quarterly/${quarter.id}/register`)
      assert.ok(registerQuestion.includes(pendingQuarter), registerQuestion)
      assert.equal(registered.status(), 200, `register: ${await registered.text()}`)
      const sent = registered.request().postDataJSON()
      assert.equal(sent.inspection_date, today)
      assert.equal(sent.conclusion, shownQuarter.grade)
      assert.equal(sent.version, shownQuarter.version)
      assert.equal((await registered.json()).status, 'registered')
      await registerDialog.waitFor({ state: 'hidden' })
      // The 待信息登记 list no longer holds it; 全部 shows it 已登记 with the conclusion.
      await waitFor(async () => (await rowOf(ap).filter({ hasText: pendingQuarter }).count()) === 0, { message: 'the quarter leaves 待信息登记' })
      await ap.locator('[data-test=status-shortcut]').getByText('全部', { exact: true }).click()
      await rowOf(ap).filter({ hasText: pendingQuarter }).getByText('已登记').waitFor()
      await screenshot(ap, 'completion-quarterly-list')

      // ── 施工企业: 竣工评价申请 ──────────────────────────────────────────────────────────────
      await cp.bringToFront() // the focused window gets blur events (form validation on blur)
      const rechecked = nextAnswer(cp, 'GET', `/api/declarations/${declaration.id}/completion`)
      await cp.reload()
      assert.equal((await (await rechecked).json()).check.ready, true)
      await cp.locator('[data-test=completion-ready]').waitFor()
      assert.equal(await cp.locator('[data-test=completion-check]').count(), 0)
      await pickDate(formItem(cp, '竣工日期'), today)
      await formItem(cp, '竣工验收信息').locator('textarea').fill('建设单位组织五方责任主体竣工验收，验收合格。')
      await formItem(cp, '自评情况').locator('textarea').fill('质量标准化管理各项制度落实，月度评价均已复核。')
      const [applied, applyQuestion] = await clickConfirmed(cp, cp.locator('button[data-test=apply-submit]'),
        '竣工评价申请', 'POST', `/api/declarations/${declaration.id}/completion`)
      assert.ok(applyQuestion.includes('监理机构复核'), applyQuestion)
      assert.equal(applied.status(), 201, `apply: ${await applied.text()}`)
      const completion = await applied.json()
      assert.equal(completion.status, 'pending_review')
      assert.deepEqual(applied.request().postDataJSON(), {
        completion_date: today,
        acceptance_info: '建设单位组织五方责任主体竣工验收，验收合格。',
        self_assessment: '质量标准化管理各项制度落实，月度评价均已复核。',
      })
      await cp.waitForURL((u) => u.pathname === '/enterprise/completions')
      await expectRowCell(cp, project.registration_no, '竣工评价', '竣工评价待复核')
      assert.equal(await rowOf(cp).getByRole('button', { name: '竣工评价申请', exact: true }).count(), 0)

      // ── 现场用户（监理机构）: 竣工复核 → 复核 不同意 → 提交 ───────────────────────────────────
      const sb = await openBrowser('completion-supervisor')
      const sp = sb.page
      await sp.bringToFront()
      await siteLogin(sp, {
        roleLabel: '监理项目负责人', name: supervisionManager.name, idNumber: supervisionManager.id_number,
        reportNo: supervision.report_no,
      })
      await expectRole(sp, '现场用户（监理机构）')
      await sp.getByRole('menuitem', { name: '竣工复核' }).click()
      await sp.waitForURL((u) => u.pathname === '/supervision/completions')
      await expectRowCell(sp, project.registration_no, '状态', '竣工评价待复核')
      assert.equal(await rowOf(sp).getByRole('button', { name: '提交', exact: true }).count(), 0, '提交 follows a saved review')
      await rowOf(sp).getByRole('button', { name: '复核', exact: true }).click()
      await sp.waitForURL((u) => u.pathname === `/completions/${completion.id}`)
      const reviewForm = sp.locator('[data-test=review-form]')
      await reviewForm.waitFor()
      assert.equal((await sp.locator('[data-test=completion-score]').innerText()).trim(),
        completion.score === null ? '—' : completion.score.toFixed(2))
      assert.ok(await sp.locator('button[data-test=review-submit]').isDisabled(), '提交 waits for a saved review')

      // 不同意 without an opinion is refused under the field.
      await formItem(reviewForm, '复核意见').getByText('不同意', { exact: true }).click()
      await reviewForm.getByRole('button', { name: '复核', exact: true }).click()
      await formItem(reviewForm, '意见说明').locator('.el-form-item__error', { hasText: '请填写意见说明' }).waitFor()
      const disagreement = '竣工验收信息未写明验收日期及参加单位，请补充。'
      await formItem(reviewForm, '意见说明').locator('textarea').fill(disagreement)
      const [reviewSaved] = await Promise.all([
        nextAnswer(sp, 'PUT', `/api/completions/${completion.id}/review`),
        reviewForm.getByRole('button', { name: '复核', exact: true }).click(),
      ])
      assert.equal(reviewSaved.status(), 200, `review: ${await reviewSaved.text()}`)
      assert.deepEqual(reviewSaved.request().postDataJSON(), { version: completion.version, agree: false, opinion: disagreement })
      assert.equal((await reviewSaved.json()).status, 'pending_review')
      await sp.locator('[data-test=completion-review]').getByText('不同意', { exact: true }).waitFor()
      await screenshot(sp, 'completion-review')
      const [rejected, rejectQuestion] = await clickConfirmed(sp, sp.locator('button[data-test=review-submit]'),
        '提交', 'POST', `/api/completions/${completion.id}/review-submit`)
      assert.ok(rejectQuestion.includes('退回施工企业再次提交复核'), rejectQuestion)
      assert.equal(rejected.status(), 200, `review-submit: ${await rejected.text()}`)
      assert.equal((await rejected.json()).status, 'rejected')
      await sp.waitForURL((u) => u.pathname === '/supervision/completions')
      await expectRowCell(sp, project.registration_no, '状态', '复核不同意')

      // ── 施工企业: 复核不同意 → 查看 → 再次提交复核 ─────────────────────────────────────────────
      await cp.bringToFront()
      await expectRowCell(cp, project.registration_no, '竣工评价', '复核不同意')
      await rowOf(cp).getByRole('button', { name: '查看', exact: true }).click()
      await cp.waitForURL((u) => u.pathname === `/completions/${completion.id}`)
      await cp.locator('[data-test=rejected-alert]', { hasText: disagreement }).waitFor()
      const resubmitForm = cp.locator('[data-test=resubmit-form]')
      await resubmitForm.waitFor()
      const amended = '2026 年竣工验收由建设单位组织，建设、勘察、设计、施工、监理五方参加，验收合格。'
      assert.equal(await formItem(resubmitForm, '竣工验收信息').locator('textarea').inputValue(), '建设单位组织五方责任主体竣工验收，验收合格。')
      await formItem(resubmitForm, '竣工验收信息').locator('textarea').fill(amended)
      await screenshot(cp, 'completion-resubmit')
      const [resubmitted, resubmitQuestion] = await clickConfirmed(cp, resubmitForm.getByRole('button', { name: '再次提交复核', exact: true }),
        '再次提交复核', 'POST', `/api/completions/${completion.id}/resubmit`)
      assert.ok(resubmitQuestion.includes('再次提交复核'), resubmitQuestion)
      assert.equal(resubmitted.status(), 200, `resubmit: ${await resubmitted.text()}`)
      assert.equal(resubmitted.request().postDataJSON().acceptance_info, amended)
      assert.equal((await resubmitted.json()).status, 'pending_review')
      await cp.waitForURL((u) => u.pathname === '/enterprise/completions')
      await expectRowCell(cp, project.registration_no, '竣工评价', '竣工评价待复核')

      // ── 监理机构: 同意 → 提交 (from the list) ──────────────────────────────────────────────────
      await sp.bringToFront()
      await expectRowCell(sp, project.registration_no, '状态', '竣工评价待复核')
      await rowOf(sp).getByRole('button', { name: '复核', exact: true }).click()
      await sp.waitForURL((u) => u.pathname === `/completions/${completion.id}`)
      await reviewForm.waitFor()
      await sp.locator('[data-test=acceptance-info-text]', { hasText: amended }).waitFor()
      // The first round's 不同意 stays on show beside the resubmitted application (issue 26: it vanished).
      const earlierRounds = sp.locator('[data-test=completion-rounds] .el-table__body tr.el-table__row')
      await earlierRounds.first().waitFor()
      assert.equal(await earlierRounds.count(), 1)
      const firstRound = (await earlierRounds.first().innerText()).replace(/\s+/g, ' ')
      assert.ok(firstRound.includes('第 1 轮') && firstRound.includes('不同意') && firstRound.includes(disagreement), firstRound)
      await screenshot(sp, 'completion-rounds')
      // The 监理项目负责人 works on a phone: at 390 px the rounds are cards, nothing scrolls sideways.
      await sp.setViewportSize({ width: 390, height: 844 })
      await sp.locator('[data-test=completion-rounds]').scrollIntoViewIfNeeded()
      await expectNoSideScroll(sp, 'the completion page with its rounds')
      await screenshot(sp, 'completion-rounds-phone')
      await sp.setViewportSize({ width: 1440, height: 900 })
      await formItem(reviewForm, '复核意见').getByText('同意', { exact: true }).click()
      await formItem(reviewForm, '意见说明').locator('textarea').fill('同意竣工评价。')
      const [agreed] = await Promise.all([
        nextAnswer(sp, 'PUT', `/api/completions/${completion.id}/review`),
        reviewForm.getByRole('button', { name: '复核', exact: true }).click(),
      ])
      assert.equal(agreed.status(), 200, `review: ${await agreed.text()}`)
      assert.equal(agreed.request().postDataJSON().agree, true)
      await sp.locator('.completion-detail').getByRole('button', { name: '返回', exact: true }).first().click()
      await sp.waitForURL((u) => u.pathname === '/supervision/completions')
      await expectRowCell(sp, project.registration_no, '复核意见', '同意')
      const [passed, passQuestion] = await clickConfirmed(sp, rowOf(sp).getByRole('button', { name: '提交', exact: true }),
        '提交', 'POST', `/api/completions/${completion.id}/review-submit`)
      assert.ok(passQuestion.includes('监督机构进行竣工评价监督信息登记'), passQuestion)
      assert.equal(passed.status(), 200, `review-submit: ${await passed.text()}`)
      assert.equal((await passed.json()).status, 'pending_registration')
      await expectRowCell(sp, project.registration_no, '状态', '竣工评价已提交待监督信息登记')

      // ── 监督机构: 竣工评价监督信息登记 → 登记 ────────────────────────────────────────────────
      await ap.bringToFront()
      await ap.getByRole('menuitem', { name: '竣工评价监督信息登记' }).click()
      await ap.waitForURL((u) => u.pathname === '/authority/completions')
      const awaiting = nextListAnswer(ap, '/api/completions', (q) => q.get('status') === 'pending_registration')
      await ap.locator('[data-test=status-shortcut]').getByText('竣工评价已提交待监督信息登记', { exact: true }).click()
      const awaitingItems = (await (await awaiting).json()).items
      assert.deepEqual(awaitingItems.map((c) => c.id), [completion.id])
      const completionDetail = nextAnswer(ap, 'GET', `/api/completions/${completion.id}`)
      await rowOf(ap).getByRole('button', { name: '登记', exact: true }).click()
      const shownCompletion = await (await completionDetail).json()
      const completionDialog = dialogTitled(ap, '竣工评价监督信息登记')
      await completionDialog.waitFor({ state: 'visible' })
      assert.ok(shownCompletion.quarters.every((q) => q.status === 'registered'), JSON.stringify(shownCompletion.quarters))
      await completionDialog.locator('[data-test=quarter-scores] .el-table__body tr.el-table__row', { hasText: pendingQuarter }).waitFor()
      assert.ok(shownCompletion.grade_label, `a suggested grade: ${JSON.stringify(shownCompletion)}`)
      assert.equal((await completionDialog.locator('[data-test=suggested-grade]').innerText()).trim(), shownCompletion.grade_label)
      assert.equal((await completionDialog.locator('[data-test=score-value]').innerText()).trim(), shownCompletion.score.toFixed(2))
      assert.equal((await completionDialog.locator('[data-test=conclusion] .el-radio.is-checked').innerText()).trim(), shownCompletion.grade_label)
      await formItem(completionDialog, '监督意见').locator('textarea').fill('竣工评价资料齐全，同意登记。')
      await screenshot(ap, 'completion-register')
      const [closed, closeQuestion] = await clickConfirmed(ap, completionDialog.getByRole('button', { name: '登记', exact: true }),
        '登记', 'POST', `/api/completions/${completion.id}/register`)
      assert.ok(closeQuestion.includes('结束质量标准化管理'), closeQuestion)
      assert.equal(closed.status(), 200, `register: ${await closed.text()}`)
      assert.equal(closed.request().postDataJSON().conclusion, shownCompletion.grade)
      const closedCompletion = await closed.json()
      assert.equal(closedCompletion.status, 'registered')
      assert.equal(closedCompletion.declaration.management_status, 'completed')
      await completionDialog.waitFor({ state: 'hidden' })
      await ap.locator('[data-test=status-shortcut]').getByText('全部', { exact: true }).click()
      await expectRowCell(ap, project.registration_no, '状态', '已登记')
      await screenshot(ap, 'completion-authority-list')

      // ── 施工企业: 已竣工 / 已登记, 打印, 综合信息 ──────────────────────────────────────────────
      await cp.bringToFront()
      await expectRowCell(cp, project.registration_no, '竣工评价', '已登记')
      await expectRowCell(cp, project.registration_no, '管理状态', '已竣工')
      assert.equal(await rowOf(cp).getByRole('button', { name: '竣工评价申请', exact: true }).count(), 0)
      const [printed] = await Promise.all([
        nextAnswer(cp, 'GET', `/api/completions/${completion.id}/print.pdf`),
        rowOf(cp).getByRole('button', { name: '打印', exact: true }).click(),
      ])
      assert.equal(printed.status(), 200)
      assert.match(printed.headers()['content-type'], /^application\/pdf/)
      await cp.bringToFront()
      await screenshot(cp, 'completion-contractor-list')

      await cp.goto(tlsUrl(`/declarations/${declaration.id}/summary`))
      const completionSection = cp.locator('[data-test=section-completion]')
      await completionSection.locator('[data-test=completion-status]', { hasText: '已登记' }).waitFor()
      assert.equal((await completionSection.locator('[data-test=completion-conclusion]').innerText()).trim(), shownCompletion.grade_label)
      const quarterRows = await cp.locator('[data-test=section-quarterly] [data-test=quarterly-scores] .el-table__body tr.el-table__row').allInnerTexts()
      assert.ok(quarterRows.length >= 2, JSON.stringify(quarterRows))
      assert.ok(quarterRows.every((r) => r.includes('已登记')), JSON.stringify(quarterRows))
      assert.ok(quarterRows.at(-1).includes(pendingQuarter) && quarterRows.at(-1).includes(today), quarterRows.at(-1))
      await cp.locator('[data-test=summary-states]').getByText('已竣工').waitFor()
      // The trail names the new workflows' steps.
      await cp.locator('[data-test=audit-item]', { hasText: '竣工评价' }).first().waitFor()
      await completionSection.scrollIntoViewIfNeeded()
      await screenshot(cp, 'completion-summary')
    })
  })
