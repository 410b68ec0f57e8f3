// 整改指令单 (issue 24) end to end on a demo project no other browser test touches (JA2025-0158: its contractor
// 锦程, its 项目负责人 孙立新 and its 监理项目负责人 谭志伟 appear in no other test). Prepared through the API: the
// declaration declared, passed and accepted, its first month self-scored and submitted, and a spot-check saved with two
// clauses found not conforming (one with a note and a photo) and finished. Then, in the browsers:
//   1. 下发 (监督机构, desktop): the spot-check's page → 下发整改指令单; the dialog lists both clauses read-only, the
//      order is 停工整改 with a deadline 15 days on, one item added with a clause of the project's template; 下发
//      (confirmed) opens the order, where the authority adds a photo of the added item's problem; the order is in 整改管理.
//   2. 整改回复 (项目部, phone 390×844 with touch): SMS login, 待办 → 整改回复; 停工整改中 beside the project; 提交 with
//      nothing typed shows every item's message and sends nothing; a measure per item and a photo from the camera input;
//      the page reloaded offers the typed measures back (local draft); 提交整改回复 in the sticky footer (confirmed, naming
//      the items without a photo) → 已回复待监理确认, the draft cleared; 整改回复 list as cards.
//   3. 整改确认 (项目监理机构, phone): 待办 → 整改确认; 不同意 without an opinion is stopped in the page; 同意 (confirmed)
//      → 已确认待复查.
//   4. 复查 (监督机构, desktop): 整改管理 → 整改复查; one 不通过 asks for a new deadline; every item 通过 (confirmed: 销项)
//      → 已销项, no longer 停工整改中; 打印 (PDF in a new tab), 导出 (xlsx); 综合信息 lists the order as 已销项; the
//      逾期未整改 tab; 统计看板 shows the 整改 card.
// Every phone page: no sideways scrolling, the buttons tapped within the screen and 44 px tall, a screenshot
// (out/rect-*.png).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, PHONE, certificateLogin, clientCertificateOptions, confirmMessageBox, demoRegistry, expectNoSideScroll,
  expectTappable, formItem, latestSmsCode, nextAnswer, openBrowser, screenshot, submitPasswordLogin, tlsUrl, url, waitFor,
} from './helpers.mjs'

const registry = demoRegistry()
const REGISTRATION_NO = 'JA2025-0158'
const project = registry.projects.find((p) => p.registration_no === REGISTRATION_NO)
const contractOf = (kind) => registry.contracts.find((c) => c.kind === kind && c.project_registration_no === REGISTRATION_NO)
const general = contractOf('general')
const supervision = contractOf('supervision')
const personOf = (contract) => registry.persons.find((p) => p.id_number === contract?.manager_id_number)
const generalManager = personOf(general)
const supervisionManager = personOf(supervision)
const authorityUser = `jdz_${project?.authority_code.toLowerCase()}`

const PHOTO = new URL('../fixtures/photos/photo.jpg', import.meta.url)
const photoFile = () => ({ name: 'site-photo.jpg', mimeType: 'image/jpeg', buffer: readFileSync(PHOTO) })

const FINDING_NOTE = '现场抽查：钢筋保护层厚度不足，垫块设置不规范。'
const ADDED_PROBLEM = '（监督检查）部分部位存在同类问题，需一并整改。'

/** What the steps hand on to each other (they run in order). */
const shared = { declarationId: null, monthId: null, period: null, findings: [], orderId: null, number: null, items: 0 }

// ── API helpers (with a page's session and CSRF token, as the SPA sends them) ────────────────────
async function json(answer, what) {
  assert.ok(answer.ok(), `${what}: ${answer.status()} ${await answer.text()}`)
  return answer.status() === 204 ? null : answer.json()
}
async function read(page, base, path) {
  return json(await page.request.get(base(path)), `GET ${path}`)
}
async function csrf(page, base) {
  return (await read(page, base, '/api/me')).csrf_token
}
async function write(page, base, method, path, data) {
  const token = await csrf(page, base)
  return json(await page.request.fetch(base(path), { method, data, headers: { 'X-CSRF-Token': token } }), `${method} ${path}`)
}

// ── phone checks ────────────────────────────────────────────────────────────────────────────────
/** Taps a control after checking it lies within the screen and is big enough for a thumb. */
async function tap(locator, what, { minHeight = 44 } = {}) {
  await locator.scrollIntoViewIfNeeded()
  await expectTappable(locator, what, { minHeight })
  await locator.tap()
}

/** A phone page visited: no sideways scroll, and its screenshot. */
async function visited(page, name) {
  await page.waitForTimeout(300) // transitions settle
  await expectNoSideScroll(page, name)
  await screenshot(page, `rect-${name}`)
}

/** 现场用户登录 on the phone: role, name, ID number, the SMS code, then the contract. */
async function phoneSiteLogin(page, { roleLabel, person, reportNo }) {
  await page.goto(url('/login'))
  await page.getByRole('tab', { name: '现场用户登录', exact: true }).tap()
  const pane = page.locator('#pane-site')
  await pane.getByText(roleLabel, { exact: true }).tap()
  await pane.getByPlaceholder('请输入姓名').fill(person.name)
  await pane.getByPlaceholder('请输入 18 位身份证号').fill(person.id_number)
  const sent = nextAnswer(page, 'POST', '/api/auth/sms-code')
  await pane.getByRole('button', { name: '获取动态密码' }).tap()
  assert.equal((await sent).status(), 200, `sms-code: ${await (await sent).text()}`)
  await pane.getByPlaceholder('6 位动态密码').fill(latestSmsCode(person.id_number))
  const login = nextAnswer(page, 'POST', '/api/auth/sms-login')
  await pane.getByRole('button', { name: '登录', exact: true }).tap()
  assert.equal((await login).status(), 200, `sms-login: ${await (await login).text()}`)
  await page.waitForURL((u) => u.pathname !== '/login')
  if (new URL(page.url()).pathname === '/contract') {
    await page.getByPlaceholder('请输入合同信息报编号').fill(reportNo)
    const looked = nextAnswer(page, 'GET', '/api/auth/contracts')
    await page.getByRole('button', { name: '查询', exact: true }).tap()
    await looked
    const row = page.locator('.el-table__body tr.el-table__row', { hasText: reportNo })
    await row.waitFor()
    await row.getByRole('button', { name: '进入' }).tap()
    await page.waitForURL((u) => u.pathname !== '/contract')
  }
}

async function passwordLogin(page) {
  await page.goto(url('/login'))
  await submitPasswordLogin(page, authorityUser, DEMO_PASSWORD)
  await page.waitForURL((u) => u.pathname !== '/login')
}

/** From 待办 (on a phone: cards), the order's item with this action → the order's page. */
async function openFromInbox(page, actionLabel) {
  if (new URL(page.url()).pathname !== '/inbox') await page.goto(url('/inbox'))
  const row = page.locator('[data-test=inbox-table] .el-table__body tr.el-table__row', { hasText: shared.number })
  await row.first().waitFor()
  const action = row.first().locator('[data-test=task-action]')
  assert.equal((await action.innerText()).trim(), actionLabel)
  await visited(page, `inbox-${actionLabel}`)
  const loaded = nextAnswer(page, 'GET', `/api/rectifications/${shared.orderId}`)
  await tap(action, `待办: ${actionLabel}`)
  await page.waitForURL((u) => u.pathname === `/rectifications/${shared.orderId}`)
  return (await loaded).json()
}

/** The drafts this browser keeps in IndexedDB (the SPA's qsm-local database). */
function storedDrafts(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('qsm-local')
    open.onerror = () => resolve([])
    open.onsuccess = () => {
      const db = open.result
      if (!db.objectStoreNames.contains('drafts')) return resolve([])
      const all = db.transaction('drafts').objectStore('drafts').getAll()
      all.onsuccess = () => resolve(all.result)
      all.onerror = () => resolve([])
    }
  }))
}

const itemCard = (page, position) => page.locator(`[data-test=rectification-item][data-position="${position}"]`)
// The order's state: in its facts on a desk, in the heading on a phone (the facts are folded there).
const statusTag = (page) => page.locator('[data-test=rectification-status]:visible').first()
const footer = (page) => page.locator('[data-test=sticky-footer]')

/** The sticky footer is on the screen (its bottom within the viewport) while the page is scrolled to the top. */
async function expectFooterInView(page, what) {
  await page.evaluate(() => window.scrollTo(0, 0))
  const box = await footer(page).boundingBox()
  const height = page.viewportSize().height
  assert.ok(box && box.y >= 0 && box.y + box.height <= height + 1, `${what}: the footer is on the screen (${JSON.stringify(box)})`)
}

test('准备: JA2025-0158 declared, passed and accepted; a month submitted; its spot-check finds two clauses not conforming (API)',
  { timeout: 120_000 }, async () => {
    assert.ok(project && general && supervision && generalManager && supervisionManager, `${REGISTRATION_NO} in registry.json`)
    const cb = await openBrowser('rect-setup-contractor', clientCertificateOptions(general.enterprise_uscc))
    const eb = await openBrowser('rect-setup-supervision', clientCertificateOptions(supervision.enterprise_uscc))
    const ab = await openBrowser('rect-setup-authority')
    try {
      assert.equal((await certificateLogin(cb.page)).status(), 200)
      const cp = cb.page
      const [found] = (await read(cp, tlsUrl, `/api/projects?declarable=true&q=${REGISTRATION_NO}`)).items
      const ap = ab.page
      await ap.goto(url('/login'))
      const login = await ap.request.post(url('/api/auth/password'), { data: { username: authorityUser, password: DEMO_PASSWORD } })
      assert.equal(login.status(), 200, `authority login: ${await login.text()}`)
      if (found) {
        let declaration = await write(cp, tlsUrl, 'POST', '/api/declarations', {
          project_id: found.id, quality_target: '合格', planned_start: project.planned_start, planned_finish: project.planned_finish,
          overview: `${project.name}，${project.structure_type}结构。`,
          contractor_manager: { name: generalManager.name, mobile: generalManager.mobile },
          supervision_manager: { name: supervisionManager.name, mobile: supervisionManager.mobile },
        })
        shared.declarationId = declaration.id
        declaration = await write(cp, tlsUrl, 'POST', `/api/declarations/${declaration.id}/submit`, { version: declaration.version })
        assert.equal((await certificateLogin(eb.page)).status(), 200)
        declaration = await write(eb.page, tlsUrl, 'POST', `/api/declarations/${declaration.id}/pass`, { version: declaration.version })
        await write(ap, url, 'POST', `/api/declarations/${declaration.id}/accept`, { version: declaration.version, opinion: '同意受理' })
      } else {
        const listed = await read(cp, tlsUrl, `/api/declarations?q=${REGISTRATION_NO}`)
        shared.declarationId = listed.items.find((d) => d.project.registration_no === REGISTRATION_NO)?.id
        assert.ok(shared.declarationId, `${REGISTRATION_NO} is declarable or declared`)
      }

      // The month: created, self-scored (nothing deducted) and submitted, so that it may be spot-checked.
      const months = await read(cp, tlsUrl, `/api/declarations/${shared.declarationId}/monthly`)
      let month = months.items.find((m) => m.status !== 'draft') ?? months.items[0]
      if (!month) {
        assert.ok(months.next?.period, `a month may be created: ${JSON.stringify(months.next)}`)
        month = await write(cp, tlsUrl, 'POST', `/api/declarations/${shared.declarationId}/monthly`, { period: months.next.period })
      }
      if (month.status === 'draft') {
        month = await write(cp, tlsUrl, 'PUT', `/api/monthly/${month.id}/self-sheet`, { version: month.version, not_applicable: [], deductions: [] })
        month = await write(cp, tlsUrl, 'POST', `/api/monthly/${month.id}/submit`, { version: month.version })
      }
      shared.monthId = month.id
      shared.period = month.period

      // The spot-check: two clauses not conforming — the first with a note and a photo, the second without a note
      // (its problem is then the clause's text) — saved, the photo added, then finished.
      const view = await read(ap, url, `/api/monthly/${month.id}/spot-check`)
      const clauses = view.items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses))
      shared.findings = [clauses[0], clauses[clauses.length - 1]].map((c) => ({ code: c.code, text: c.text }))
      const findings = [
        { clause: shared.findings[0].code, conforms: false, note: FINDING_NOTE },
        { clause: shared.findings[1].code, conforms: false, note: '' },
      ]
      let saved = view
      if (!view.spot_check || view.spot_check.status !== 'finished') {
        saved = await write(ap, url, 'PUT', `/api/monthly/${month.id}/spot-check`, { version: view.spot_check?.version ?? 0, findings, finished: false })
        const token = await csrf(ap, url)
        const photo = await ap.request.post(url(`/api/monthly/${month.id}/spot-check/findings/${encodeURIComponent(shared.findings[0].code)}/photos`), {
          data: readFileSync(PHOTO), headers: { 'Content-Type': 'image/jpeg', 'X-CSRF-Token': token },
        })
        assert.equal(photo.status(), 201, `finding photo: ${await photo.text()}`)
        saved = await write(ap, url, 'PUT', `/api/monthly/${month.id}/spot-check`, { version: saved.spot_check.version, findings, finished: true })
      }
      assert.equal(saved.spot_check.status, 'finished')
    } finally {
      await Promise.allSettled([cb.close(), eb.close(), ab.close()])
    }
  })

test('下发 (监督机构): 抽查比对 → 下发整改指令单 (停工整改, the clauses read-only, one item added with a template clause) → the order, a problem photo',
  { timeout: 180_000 }, async () => {
    assert.ok(shared.monthId, 'the spot-check was prepared')
    const browser = await openBrowser('rect-issue')
    let failed = true
    try {
      const page = browser.page
      await passwordLogin(page)
      await page.goto(url(`/authority/spot-checks/monthly/${shared.monthId}`))
      await page.locator('[data-test=spot-check-status]', { hasText: '已完成' }).first().waitFor()
      const open = page.locator('.sheet-footer [data-test=open-issue]')
      await waitFor(async () => (await open.isEnabled()), { message: '下发整改指令单 enabled' })
      await screenshot(page, 'rect-issue-spotcheck')
      const declarationRead = nextAnswer(page, 'GET', `/api/declarations/${shared.declarationId}`)
      await open.click()
      const dialog = page.locator('[data-test=issue-dialog]')
      await dialog.waitFor()
      await declarationRead

      // The spot-check's clauses, read-only, first; the project fixed.
      const sourceItems = dialog.locator('[data-test=issue-source-item]')
      await waitFor(async () => (await sourceItems.count()) === 2, { message: 'two source items' })
      assert.deepEqual(await sourceItems.evaluateAll((els) => els.map((e) => e.dataset.code)), shared.findings.map((f) => f.code))
      assert.match(await sourceItems.first().innerText(), new RegExp(FINDING_NOTE.slice(0, 8)))
      assert.ok((await sourceItems.nth(1).innerText()).includes(`问题：${shared.findings[1].text}`), 'no note: the clause text is the problem')
      await dialog.locator('[data-test=issue-project-info]', { hasText: REGISTRATION_NO }).waitFor()
      assert.equal(await formItem(dialog, '工程').locator('.el-select__wrapper.is-disabled').count(), 1, 'the project is fixed')
      assert.equal(await dialog.locator('[data-test=issue-recheck-by]').inputValue() !== '', true, '复查人 starts as the user')

      // 停工整改, a deadline from the picker's shortcut (15 days on).
      await dialog.locator('[data-test=issue-kind-stop_work]').click()
      await dialog.getByText('停工整改：工程须停止施工').waitFor()
      const deadlineInput = formItem(dialog, '整改期限').locator('input')
      await deadlineInput.click()
      await page.locator('.el-picker-panel__shortcut:visible', { hasText: '15 天后' }).click()
      await waitFor(async () => (await deadlineInput.inputValue()) !== '', { message: 'deadline chosen' })
      const deadline = await deadlineInput.inputValue()
      await dialog.locator('[data-test=issue-basis]').fill('《建设工程质量管理条例》第二十八条')

      // One item added: a clause of the project's template (its text starts the problem), then more words.
      await dialog.locator('[data-test=issue-add-item]').click()
      const added = dialog.locator('[data-test=issue-item]').first()
      await added.locator('[data-test=issue-item-clause]').click()
      const templateClause = shared.findings[0].code
      await page.keyboard.type(templateClause)
      const option = page.locator('.el-select-dropdown__item:visible', { hasText: templateClause }).first()
      await option.waitFor()
      await option.click()
      const problem = added.locator('[data-test=issue-item-problem]')
      await waitFor(async () => (await problem.inputValue()) === shared.findings[0].text, { message: 'the clause text in the problem' })
      await problem.fill(`${shared.findings[0].text}${ADDED_PROBLEM}`)
      await screenshot(page, 'rect-issue-dialog')

      // 下发, confirmed; the order opens.
      await dialog.locator('[data-test=issue-submit]').click()
      const created = nextAnswer(page, 'POST', '/api/rectifications')
      const question = await confirmMessageBox(page, '下发')
      assert.match(question, /停工整改指令单（3 项，整改期限 \d{4}-\d{2}-\d{2}）/)
      const answer = await created
      assert.equal(answer.status(), 201, `issue: ${await answer.text()}`)
      const order = await answer.json()
      assert.equal(order.kind, 'stop_work')
      assert.equal(order.deadline, deadline)
      assert.deepEqual(order.source, { spot_check: Number(shared.monthId), period: shared.period })
      assert.deepEqual(order.items.map((i) => i.clause), [shared.findings[0].code, shared.findings[1].code, templateClause])
      assert.equal(order.items[0].problem, FINDING_NOTE)
      assert.equal(order.items[0].photos.length, 1, "the finding's photo goes with its item")
      assert.equal(order.items[2].problem, `${shared.findings[0].text}${ADDED_PROBLEM}`)
      shared.orderId = order.id
      shared.number = order.number
      shared.items = order.items.length
      await page.waitForURL((u) => u.pathname === `/rectifications/${order.id}`)
      await page.locator('[data-test=rectification-item]').first().waitFor()
      assert.equal(await page.locator('[data-test=rectification-item]').count(), 3)
      assert.equal((await statusTag(page).innerText()).trim(), order.status_label)
      await page.locator('[data-test=rectification-info] [data-test=stop-work]').waitFor()
      await itemCard(page, 1).locator('[data-test=photo-thumb]').first().waitFor()

      // The authority adds a photo of the added item's problem (before any reply).
      assert.deepEqual(order.photo_sides, ['issue'])
      const uploaded = nextAnswer(page, 'POST', `/api/rectifications/${order.id}/items/${order.items[2].id}/photos`)
      await itemCard(page, 3).locator('[data-side=issue] [data-test=photo-album-input]').setInputFiles(photoFile())
      const photo = await uploaded
      assert.equal(photo.status(), 201, `issue photo: ${await photo.text()}`)
      assert.equal((await photo.json()).side, 'issue')
      await itemCard(page, 3).locator('[data-test=photo-thumb]').first().waitFor()
      await screenshot(page, 'rect-issued')

      // 整改管理 lists it: 停工整改 in red, its state.
      const listed = nextAnswer(page, 'GET', '/api/rectifications')
      await page.goto(url('/authority/rectifications'))
      await listed
      const row = page.locator('[data-test=rectification-table] .el-table__body tr.el-table__row', { hasText: order.number })
      await row.waitFor()
      await row.locator('[data-test=rectification-kind][data-kind=stop_work]').waitFor()
      assert.equal((await row.locator('[data-test=rectification-status]').innerText()).trim(), order.status_label)
      await screenshot(page, 'rect-list-authority')
      failed = false
    } finally {
      await browser.close({ failed })
    }
  })

test('整改回复 on the phone (项目部): 待办 → the order, a measure per item and a photo, 提交整改回复 → 已回复待监理确认',
  { timeout: 180_000 }, async () => {
    assert.ok(shared.orderId, 'the order was issued')
    const browser = await openBrowser('rect-reply', PHONE)
    let failed = true
    try {
      const page = browser.page
      await phoneSiteLogin(page, { roleLabel: '施工总包项目负责人', person: generalManager, reportNo: general.report_no })
      const order = await openFromInbox(page, '整改回复')
      assert.deepEqual(order.actions, ['reply'])
      assert.deepEqual(order.photo_sides, ['reply'])
      await page.locator('[data-test=rectification-item]').first().waitFor()
      // The phone's own heading (no desktop page header), 停工整改中 beside the project.
      assert.equal(await page.locator('.el-page-header').count(), 0)
      await page.locator('[data-test=key-facts] [data-test=stop-work]').waitFor()
      assert.equal((await page.locator('[data-test=key-facts] [data-test=deadline]').innerText()).trim(), order.deadline)
      await page.locator('[data-test=step-hint]').waitFor()
      await expectFooterInView(page, 'reply')
      await visited(page, 'reply-open')

      // Submitting with nothing typed: every item's message, nothing sent.
      let sent = false
      const watch = (r) => { if (r.url().endsWith('/reply')) sent = true }
      page.on('request', watch)
      await tap(footer(page).locator('[data-test=submit-reply]'), '提交整改回复 (empty)')
      await waitFor(async () => (await page.locator('[data-test=rectification-item] .cell-error').count()) === shared.items,
        { message: 'a message under every item' })
      await visited(page, 'reply-missing')
      page.off('request', watch)
      assert.equal(sent, false, 'nothing is sent while a measure is missing')

      for (let position = 1; position <= shared.items; position++) {
        await itemCard(page, position).locator('[data-test=item-measure]').fill(`第 ${position} 项已按要求整改：重新设置垫块并复测保护层厚度，合格。`)
      }
      await waitFor(async () => (await page.locator('[data-test=rectification-item] .cell-error').count()) === 0, { message: 'messages gone' })

      // A photo from the camera input of item 1 (拍照 opens the camera on a phone: capture=environment).
      const camera = itemCard(page, 1).locator('[data-side=reply] [data-test=photo-input]')
      assert.equal(await camera.getAttribute('capture'), 'environment')
      await expectTappable(itemCard(page, 1).locator('[data-side=reply] [data-test=photo-camera]'), '拍照')
      await expectTappable(itemCard(page, 1).locator('[data-side=reply] [data-test=photo-album]'), '相册')
      const uploaded = nextAnswer(page, 'POST', `/api/rectifications/${shared.orderId}/items/${order.items[0].id}/photos`)
      await camera.setInputFiles(photoFile())
      const photo = await uploaded
      assert.equal(photo.status(), 201, `reply photo: ${await photo.text()}`)
      assert.equal((await photo.json()).side, 'reply')
      await itemCard(page, 1).locator('[data-side=reply] [data-test=photo-thumb]').first().waitFor()
      await itemCard(page, 1).scrollIntoViewIfNeeded()
      await visited(page, 'reply-filled')
      await page.locator('[data-test=unsaved]').waitFor()
      await expectFooterInView(page, 'reply filled')

      // Nothing typed is lost: the measures are kept on the phone as they are typed; the page opened again offers
      // them back (the photo is on the server already).
      await waitFor(async () => {
        const drafts = await storedDrafts(page)
        return drafts.length === 1 && Object.values(drafts[0].data.measures).filter(Boolean).length === shared.items
      }, { message: 'the measures kept as a draft' })
      const leave = (dialog) => void dialog.accept() // 离开此网站? (the page asks while something is not sent)
      page.on('dialog', leave)
      await page.reload()
      page.off('dialog', leave)
      const draftDialog = page.locator('[data-test=draft-dialog]')
      await draftDialog.waitFor()
      assert.equal(await draftDialog.locator('[data-test=draft-change]').count(), shared.items)
      await visited(page, 'reply-draft-offered')
      await tap(draftDialog.locator('[data-test=draft-restore]'), '恢复')
      await draftDialog.waitFor({ state: 'hidden' })
      for (let position = 1; position <= shared.items; position++) {
        assert.match(await itemCard(page, position).locator('[data-test=item-measure]').inputValue(), new RegExp(`^第 ${position} 项已按要求整改`))
      }
      await itemCard(page, 1).locator('[data-side=reply] [data-test=photo-thumb]').first().waitFor()

      // 提交整改回复, confirmed (it names the items without a photo).
      await tap(footer(page).locator('[data-test=submit-reply]'), '提交整改回复')
      const replied = nextAnswer(page, 'POST', `/api/rectifications/${shared.orderId}/reply`)
      const box = page.locator('.el-message-box')
      await box.waitFor()
      assert.match(await box.innerText(), /第 2、3 项未上传整改照片/)
      await visited(page, 'reply-confirm')
      await tap(box.getByRole('button', { name: '提交', exact: true }), '确认提交')
      const answer = await replied
      assert.equal(answer.status(), 200, `reply: ${await answer.text()}`)
      const after = await answer.json()
      assert.equal(after.status, 'replied')
      await waitFor(async () => (await statusTag(page).innerText()).trim() === after.status_label, { message: 'status 已回复待监理确认' })
      assert.equal(await page.locator('[data-test=item-measure]').count(), 0, 'read-only once replied')
      await waitFor(async () => (await storedDrafts(page)).length === 0, { message: 'the draft cleared once sent' })
      await visited(page, 'reply-done')

      // 项目部 → 整改回复: the list as cards.
      await page.goto(url('/site/rectifications'))
      const card = page.locator('[data-test=rectification-table] .el-table__body tr.el-table__row', { hasText: shared.number })
      await card.waitFor()
      await card.locator('[data-test=stop-work]').waitFor()
      await visited(page, 'reply-list')
      failed = false
    } finally {
      await browser.close({ failed })
    }
  })

test('整改确认 on the phone (监理机构): 待办 → the order; 不同意 needs an opinion; 同意 → 已确认待复查', { timeout: 180_000 }, async () => {
  assert.ok(shared.orderId, 'the order was replied')
  const browser = await openBrowser('rect-confirm', PHONE)
  let failed = true
  try {
    const page = browser.page
    await phoneSiteLogin(page, { roleLabel: '监理项目负责人', person: supervisionManager, reportNo: supervision.report_no })
    const order = await openFromInbox(page, '整改确认')
    assert.deepEqual(order.actions, ['confirm'])
    await page.locator('[data-test=confirm-form]').waitFor()
    // The reply is shown: each item's measure, item 1's photo.
    await itemCard(page, 1).locator('[data-test=item-measure-text]', { hasText: '重新设置垫块' }).waitFor()
    await itemCard(page, 1).locator('[data-test=photo-thumb]').nth(1).waitFor()
    await expectFooterInView(page, 'confirm')
    await visited(page, 'confirm-open')

    // 不同意 without an opinion: stopped in the page.
    await tap(page.locator('[data-test=confirm-disagree]'), '不同意')
    await tap(footer(page).locator('[data-test=submit-confirm]'), '提交确认 (不同意)')
    await page.locator('[data-test=confirm-form] .el-form-item.is-error', { hasText: '不同意时请填写意见' }).waitFor()
    await visited(page, 'confirm-opinion-missing')

    await tap(page.locator('[data-test=confirm-agree]'), '同意')
    await page.locator('[data-test=confirm-opinion]').fill('已现场核查，整改到位。')
    await tap(footer(page).locator('[data-test=submit-confirm]'), '提交确认')
    const confirmed = nextAnswer(page, 'POST', `/api/rectifications/${shared.orderId}/confirm`)
    const question = await confirmMessageBox(page, '提交')
    assert.match(question, /同意/)
    const answer = await confirmed
    assert.equal(answer.status(), 200, `confirm: ${await answer.text()}`)
    const after = await answer.json()
    assert.equal(after.status, 'confirmed')
    await waitFor(async () => (await statusTag(page).innerText()).trim() === after.status_label, { message: 'status 已确认待复查' })
    await page.locator('[data-test=rectification-timeline]', { hasText: '监理确认：同意' }).waitFor()
    await visited(page, 'confirm-done')
    failed = false
  } finally {
    await browser.close({ failed })
  }
})

test('复查 (监督机构): 整改管理 → 整改复查, every item 通过 → 已销项; 综合信息 and 统计看板', { timeout: 180_000 }, async () => {
  assert.ok(shared.orderId, 'the order was confirmed')
  const browser = await openBrowser('rect-recheck')
  let failed = true
  try {
    const page = browser.page
    await passwordLogin(page)
    const listed = nextAnswer(page, 'GET', '/api/rectifications')
    await page.goto(url('/authority/rectifications'))
    await listed
    const row = page.locator('[data-test=rectification-table] .el-table__body tr.el-table__row', { hasText: shared.number })
    await row.waitFor()
    const loaded = nextAnswer(page, 'GET', `/api/rectifications/${shared.orderId}`)
    await row.locator('[data-test=row-recheck]').click()
    await page.waitForURL((u) => u.pathname === `/rectifications/${shared.orderId}`)
    const order = await (await loaded).json()
    assert.deepEqual(order.actions, ['recheck'])
    await page.locator('[data-test=item-recheck]').first().waitFor()

    // One 不通过 shows the new deadline; back to 通过 hides it.
    await itemCard(page, 2).locator('[data-test=recheck-fail]').click()
    await page.locator('[data-test=recheck-deadline]').waitFor()
    await itemCard(page, 2).locator('[data-test=recheck-pass]').click()
    await page.locator('[data-test=recheck-deadline]').waitFor({ state: 'detached' })
    for (let position = 1; position <= shared.items; position++) await itemCard(page, position).locator('[data-test=recheck-pass]').click()
    await screenshot(page, 'rect-recheck-items')

    await footer(page).locator('[data-test=submit-recheck]').click()
    const rechecked = nextAnswer(page, 'POST', `/api/rectifications/${shared.orderId}/recheck`)
    const question = await confirmMessageBox(page, '提交')
    assert.match(question, /全部复查通过，整改指令单将销项/)
    const answer = await rechecked
    assert.equal(answer.status(), 200, `recheck: ${await answer.text()}`)
    const after = await answer.json()
    assert.equal(after.status, 'closed')
    await waitFor(async () => (await statusTag(page).innerText()).trim() === after.status_label, { message: 'status 已销项' })
    assert.equal(await page.locator('[data-test=rectification-info] [data-test=stop-work]').count(), 0, 'no longer 停工整改中')
    await page.locator('[data-test=rectification-timeline]', { hasText: '已销项' }).waitFor()
    await screenshot(page, 'rect-closed')

    // 打印: the 整改指令单 (with its 整改回复单) as a PDF in a new tab.
    const pdf = nextAnswer(page, 'GET', `/api/rectifications/${shared.orderId}/print.pdf`)
    const [tab] = await Promise.all([page.waitForEvent('popup'), page.locator('[data-test=print]').click()])
    const printed = await pdf
    assert.equal(printed.status(), 200, `print: ${printed.status()}`)
    assert.match(printed.headers()['content-type'] ?? '', /application\/pdf/)
    await tab.close()

    // 整改管理 → 导出: the filtered list as a workbook.
    await page.goto(url('/authority/rectifications'))
    await page.locator('[data-test=rectification-table] .el-table__body tr.el-table__row', { hasText: shared.number }).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出', exact: true }).click()])
    assert.match(download.suggestedFilename(), /\.xlsx$/)

    // 综合信息 → 整改: the order, 已销项.
    const orders = nextAnswer(page, 'GET', `/api/declarations/${shared.declarationId}/rectifications`)
    await page.goto(url(`/declarations/${shared.declarationId}/summary`))
    await orders
    const section = page.locator('[data-test=section-rectifications]')
    const summaryRow = section.locator('.el-table__body tr.el-table__row', { hasText: shared.number })
    await summaryRow.waitFor()
    assert.equal((await summaryRow.locator('[data-test=rectification-status]').innerText()).trim(), after.status_label)
    assert.equal(await page.locator('[data-test=stop-work]').count(), 0, 'the summary no longer says 停工整改中')
    await section.scrollIntoViewIfNeeded()
    await screenshot(page, 'rect-summary')

    // 逾期 → 逾期未整改: the tab's own list (this order was never late).
    const late = nextAnswer(page, 'GET', '/api/rectifications')
    await page.goto(url('/overdue/rectifications'))
    assert.equal(new URL((await late).url()).searchParams.get('overdue'), 'true')
    await page.locator('[data-test=overdue-tabs] .el-tabs__item.is-active', { hasText: '逾期未整改' }).waitFor()
    await page.locator('[data-test=rectification-table]').waitFor()
    await screenshot(page, 'rect-overdue-tab')

    // 统计看板: the 整改 card.
    const stats = nextAnswer(page, 'GET', '/api/rectifications/stats')
    await page.goto(url('/dashboard'))
    const figures = await (await stats).json()
    assert.ok(figures.closed_this_month >= 1, `closed this month: ${JSON.stringify(figures)}`)
    await page.locator('[data-test=card-rectification] [data-test=rect-closed]', { hasText: String(figures.closed_this_month) }).waitFor()
    await screenshot(page, 'rect-dashboard')
    failed = false
  } finally {
    await browser.close({ failed })
  }
})
