// Field-ready (issue 23) on a phone: 390×844, touch, device scale 2. One month of a demo project nobody else's
// test touches (JA2026-0337: its contractor, supervision enterprise and 监理项目负责人 张慧 appear in no other
// browser test) is declared, passed and accepted through the API; then, each step on the phone's viewport:
//   1. 草稿: the contractor (certificate) opens the month's 打分表, ticks two clauses and types their problems;
//      the session is killed (logout through the API with the same cookie), 保存 fails with 401, the user signs
//      in again and the page offers the local draft listing both clauses; 恢复 brings the ticks and texts back,
//      保存 stores them and clears the draft; 提交 (confirmed).
//   2. 复核: the 监理项目负责人 signs in by SMS, picks the contract, opens the month from 待办, ticks two more
//      clauses with problems, adds a photo (a real JPEG drawn by chromium), 保存, 提交 (confirmed).
//   3. 抽查比对: the district's authority finds the project, opens the month, marks a clause 不符合 with a note
//      and a photo, 保存.
// On every page: no horizontal scrolling (scrollWidth ≤ innerWidth), every button tapped lies within 0…390,
// and a screenshot (out/field-*.png). The photo steps run when the server answers with `photos` (the photo API);
// otherwise they are skipped and said so.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, certificateLogin, clientCertificateOptions, demoRegistry, latestSmsCode, nextAnswer, openBrowser,
  screenshot, tlsUrl, url, waitFor,
} from './helpers.mjs'

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
const WIDTH = PHONE.viewport.width

const registry = demoRegistry()
const REGISTRATION_NO = 'JA2026-0337'
const project = registry.projects.find((p) => p.registration_no === REGISTRATION_NO)
const contractOf = (kind) => registry.contracts.find((c) => c.kind === kind && c.project_registration_no === REGISTRATION_NO)
const general = contractOf('general')
const supervision = contractOf('supervision')
const personOf = (contract) => registry.persons.find((p) => p.id_number === contract?.manager_id_number)
const generalManager = personOf(general)
const supervisionManager = personOf(supervision)
const authorityUser = `jdz_${project?.authority_code.toLowerCase()}`

/** What the steps hand on to each other (they run in order). */
const shared = { monthId: null, declarationId: null, template: null, selfClauses: [], reviewClauses: [], photos: null }

// ── phone checks ────────────────────────────────────────────────────────────────────────────────
async function expectNoSideScroll(page, where) {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])
  assert.ok(scrollWidth <= innerWidth, `${where}: no horizontal scrolling (scrollWidth ${scrollWidth} > innerWidth ${innerWidth})`)
}

/** Taps a button after checking it lies within the screen's width (scrolled into view vertically only). */
async function tap(locator, what) {
  await locator.scrollIntoViewIfNeeded()
  const box = await locator.boundingBox()
  assert.ok(box, `${what} is visible`)
  assert.ok(box.x >= 0 && box.x + box.width <= WIDTH, `${what} lies within the screen: x ${box.x}, width ${box.width}`)
  await locator.tap()
}

/** A page visited: no sideways scroll, and its screenshot. */
async function visited(page, name) {
  await page.waitForTimeout(300) // transitions settle
  await expectNoSideScroll(page, name)
  await screenshot(page, `field-${name}`)
}

// ── API helpers (with a page's session and CSRF token, as the SPA sends them) ────────────────────
async function json(answer, what) {
  assert.ok(answer.ok(), `${what}: ${answer.status()} ${await answer.text()}`)
  return answer.status() === 204 ? null : answer.json()
}
async function read(page, base, path) {
  return json(await page.request.get(base(path)), `GET ${path}`)
}
async function write(page, base, method, path, data) {
  const { csrf_token: token } = await read(page, base, '/api/me')
  return json(await page.request.fetch(base(path), { method, data, headers: { 'X-CSRF-Token': token } }), `${method} ${path}`)
}

/** A small real JPEG, drawn by chromium: a "site photo" of 800×600. */
async function jpegFixture(page) {
  const data = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 800
    canvas.height = 600
    const g = canvas.getContext('2d')
    const grad = g.createLinearGradient(0, 0, 800, 600)
    grad.addColorStop(0, '#8a9bb0')
    grad.addColorStop(1, '#3b4a5c')
    g.fillStyle = grad
    g.fillRect(0, 0, 800, 600)
    g.fillStyle = '#c9302c'
    g.fillRect(260, 180, 280, 200)
    g.fillStyle = '#fff'
    g.font = '40px sans-serif'
    g.fillText('现场照片', 320, 290)
    return canvas.toDataURL('image/jpeg', 0.85).split(',')[1]
  })
  return { name: 'site-photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(data, 'base64') }
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

const card = (page, code) => page.locator(`[data-test=clause-card][data-code="${code}"]`)

async function tickClause(page, code, problem) {
  await tap(card(page, code).locator('[data-test=deduct-toggle]'), `是否扣分 ${code}`)
  await card(page, code).locator('[data-test=deduct-toggle][aria-checked=true]').waitFor()
  await card(page, code).locator('textarea').fill(problem)
}

/** 现场用户登录 on the phone: role, name, ID number, the SMS code, then the contract if asked. */
async function phoneSiteLogin(page, { roleLabel, person, reportNo }) {
  await page.goto(url('/login'))
  await visited(page, 'login')
  await tap(page.getByRole('tab', { name: '现场用户登录', exact: true }), 'tab 现场用户登录')
  const pane = page.locator('#pane-site')
  await pane.getByText(roleLabel, { exact: true }).tap()
  await pane.getByPlaceholder('请输入姓名').fill(person.name)
  await pane.getByPlaceholder('请输入 18 位身份证号').fill(person.id_number)
  const sent = nextAnswer(page, 'POST', '/api/auth/sms-code')
  await tap(pane.getByRole('button', { name: '获取动态密码' }), '获取动态密码')
  assert.equal((await sent).status(), 200, `sms-code: ${await (await sent).text()}`)
  await pane.getByPlaceholder('6 位动态密码').fill(latestSmsCode(person.id_number))
  await visited(page, 'login-sms')
  const login = nextAnswer(page, 'POST', '/api/auth/sms-login')
  await tap(pane.getByRole('button', { name: '登录', exact: true }), '登录')
  assert.equal((await login).status(), 200, `sms-login: ${await (await login).text()}`)
  await page.waitForURL((u) => u.pathname !== '/login')
  if (new URL(page.url()).pathname === '/contract') {
    await visited(page, 'contract')
    await page.getByPlaceholder('请输入合同信息报编号').fill(reportNo)
    const looked = nextAnswer(page, 'GET', '/api/auth/contracts')
    await tap(page.getByRole('button', { name: '查询', exact: true }), '查询')
    await looked
    const row = page.locator('.el-table__body tr.el-table__row', { hasText: reportNo })
    await row.waitFor()
    await visited(page, 'contract-found')
    await tap(row.getByRole('button', { name: '进入' }), '进入')
    await page.waitForURL((u) => u.pathname !== '/contract')
  }
}

test('准备: JA2026-0337 declared, passed and accepted; its first month created (API)', { timeout: 120_000 }, async () => {
  assert.ok(project && general && supervision && generalManager && supervisionManager, `${REGISTRATION_NO} in registry.json`)
  const cb = await openBrowser('field-setup-contractor', clientCertificateOptions(general.enterprise_uscc))
  const eb = await openBrowser('field-setup-supervision', clientCertificateOptions(supervision.enterprise_uscc))
  const ab = await openBrowser('field-setup-authority')
  try {
    assert.equal((await certificateLogin(cb.page)).status(), 200)
    const cp = cb.page
    let [found] = (await read(cp, tlsUrl, `/api/projects?declarable=true&q=${REGISTRATION_NO}`)).items
    let declarationId
    if (found) {
      let declaration = await write(cp, tlsUrl, 'POST', '/api/declarations', {
        project_id: found.id, quality_target: '合格', planned_start: project.planned_start, planned_finish: project.planned_finish,
        overview: `${project.name}，${project.structure_type}结构。`,
        contractor_manager: { name: generalManager.name, mobile: generalManager.mobile },
        supervision_manager: { name: supervisionManager.name, mobile: supervisionManager.mobile },
      })
      declarationId = declaration.id
      declaration = await write(cp, tlsUrl, 'POST', `/api/declarations/${declarationId}/submit`, { version: declaration.version })
      assert.equal((await certificateLogin(eb.page)).status(), 200)
      declaration = await write(eb.page, tlsUrl, 'POST', `/api/declarations/${declarationId}/pass`, { version: declaration.version })
      const ap = ab.page
      await ap.goto(url('/login'))
      const login = await ap.request.post(url('/api/auth/password'), { data: { username: authorityUser, password: DEMO_PASSWORD } })
      assert.equal(login.status(), 200, `authority login: ${await login.text()}`)
      await write(ap, url, 'POST', `/api/declarations/${declarationId}/accept`, { version: declaration.version, opinion: '同意受理' })
    } else {
      const listed = await read(cp, tlsUrl, `/api/declarations?q=${REGISTRATION_NO}`)
      declarationId = listed.items.find((d) => d.project.registration_no === REGISTRATION_NO)?.id
      assert.ok(declarationId, `${REGISTRATION_NO} is declarable or declared`)
    }
    const months = await read(cp, tlsUrl, `/api/declarations/${declarationId}/monthly`)
    let month = months.items.find((m) => m.actions.includes('save_self'))
    if (!month) {
      assert.ok(months.next.period, `a month may be created: ${JSON.stringify(months.next)}`)
      month = await write(cp, tlsUrl, 'POST', `/api/declarations/${declarationId}/monthly`, { period: months.next.period })
    }
    shared.monthId = month.id
    shared.declarationId = declarationId
    shared.template = await read(cp, tlsUrl, `/api/templates/${month.template.code}/${month.template.version}`)
    const detail = await read(cp, tlsUrl, `/api/monthly/${month.id}`)
    shared.photos = Object.prototype.hasOwnProperty.call(detail.self, 'photos')
    if (!shared.photos) process.stderr.write('[field] the server has no photo API yet: photo steps are skipped\n')
    const items = shared.template.check_items
    shared.selfClauses = [items[0].sub_items[0].clauses[0].code, items[1].sub_items[0].clauses[0].code]
    shared.reviewClauses = [items[2].sub_items[0].clauses[0].code, items[3].sub_items[0].clauses[0].code]
  } finally {
    await Promise.allSettled([cb.close(), eb.close(), ab.close()])
  }
})

test('草稿: 自评 on the phone, the session killed, 保存 fails, signed in again, the draft restored, saved, 提交',
  { timeout: 180_000 }, async () => {
    assert.ok(shared.monthId, 'the month was prepared')
    const browser = await openBrowser('field-draft', { ...PHONE, ...clientCertificateOptions(general.enterprise_uscc) })
    let failed = true
    try {
      const page = browser.page
      assert.equal((await certificateLogin(page)).status(), 200)
      await page.waitForURL((u) => u.pathname !== '/login')
      const sheetPath = `/monthly/${shared.monthId}/self`
      await page.goto(tlsUrl(sheetPath))
      await page.locator('[data-test=sheet-cards]').waitFor()
      // The desktop table's fixed columns do not exist on a phone.
      assert.equal(await page.locator('[data-test=score-sheet]').count(), 0, 'no table on a phone')
      await visited(page, 'self-open')

      const [c1, c2] = shared.selfClauses
      const problems = { [c1]: '项目质量责任制未经项目技术负责人签字确认', [c2]: '施工方案交底记录缺少作业班组签字' }
      await tickClause(page, c1, problems[c1])
      await tickClause(page, c2, problems[c2])
      await page.locator('[data-test=unsaved]').waitFor()
      // The draft is written as the user types (debounced).
      await waitFor(async () => {
        const drafts = await storedDrafts(page)
        return drafts.length === 1 && drafts[0].data.deductions.length === 2
      }, { message: 'the draft in IndexedDB' })
      await visited(page, 'self-ticked')

      // The session ends (as if it expired): the same cookie logs out through the API.
      await write(page, tlsUrl, 'POST', '/api/auth/logout', {})
      const refused = nextAnswer(page, 'PUT', `/api/monthly/${shared.monthId}/self-sheet`)
      await tap(page.locator('[data-test=sticky-footer] [data-test=save]'), '保存')
      assert.equal((await refused).status(), 401, 'the save is refused: the session is gone')
      const box = page.locator('.el-message-box')
      await box.waitFor()
      assert.match(await box.innerText(), /登录已过期/)
      await page.getByText('本页的修改已暂存在本机').waitFor()
      await visited(page, 'self-expired')
      assert.equal((await storedDrafts(page)).length, 1, 'the draft is kept')
      await tap(box.getByRole('button', { name: '重新登录' }), '重新登录')
      await page.waitForURL((u) => u.pathname === '/login')
      assert.equal(new URL(page.url()).searchParams.get('redirect'), sheetPath)

      // Signed in again (on this login page, which keeps where to go back to): back on the sheet, which offers
      // the draft and says what differs from the server's.
      await tap(page.getByRole('tab', { name: '企业数字证书登录', exact: true }), 'tab 企业数字证书登录')
      const login = nextAnswer(page, 'POST', '/api/auth/certificate')
      await tap(page.locator('#pane-certificate').getByRole('button', { name: '证书登录' }), '证书登录')
      assert.equal((await login).status(), 200)
      await page.waitForURL((u) => u.pathname === sheetPath)
      const dialog = page.locator('[data-test=draft-dialog]')
      await dialog.waitFor()
      const changes = await dialog.locator('[data-test=draft-change]').evaluateAll((els) => els.map((e) => [e.dataset.code, e.innerText]))
      assert.deepEqual(changes.map(([code]) => code).sort(), [c1, c2].sort(), `the changes listed: ${JSON.stringify(changes)}`)
      for (const [code, text] of changes) assert.ok(text.includes(problems[code]), `${code}: ${text}`)
      await visited(page, 'self-draft-offered')
      await tap(dialog.locator('[data-test=draft-restore]'), '恢复')
      await dialog.waitFor({ state: 'hidden' })
      for (const code of [c1, c2]) {
        await card(page, code).locator('[data-test=deduct-toggle][aria-checked=true]').waitFor()
        assert.equal(await card(page, code).locator('textarea').inputValue(), problems[code])
      }
      await visited(page, 'self-restored')

      const saved = nextAnswer(page, 'PUT', `/api/monthly/${shared.monthId}/self-sheet`)
      await tap(page.locator('[data-test=sticky-footer] [data-test=save]'), '保存')
      const answer = await saved
      assert.equal(answer.status(), 200, `save: ${await answer.text()}`)
      assert.deepEqual((await answer.json()).self.deductions.map((d) => [d.clause, d.problem]), [[c1, problems[c1]], [c2, problems[c2]]])
      await page.locator('[data-test=unsaved]').waitFor({ state: 'detached' })
      await waitFor(async () => (await storedDrafts(page)).length === 0, { message: 'the draft cleared after the save' })

      // 提交, confirmed (irreversible).
      await tap(page.locator('[data-test=sticky-footer] [data-test=submit]'), '提交')
      const submitted = nextAnswer(page, 'POST', `/api/monthly/${shared.monthId}/submit`)
      const confirm = page.locator('.el-message-box')
      await confirm.waitFor()
      await visited(page, 'self-submit-confirm')
      await tap(confirm.getByRole('button', { name: '提交', exact: true }), '确认提交')
      assert.equal((await submitted).status(), 200)
      await page.waitForURL((u) => u.pathname !== sheetPath)
      failed = false
    } finally {
      await browser.close({ failed })
    }
  })

test('复核 on the phone: SMS login, contract, 待办 → 复核评价, two clauses ticked with problems and a photo, 保存, 提交',
  { timeout: 180_000 }, async () => {
    assert.ok(shared.monthId, 'the month was submitted')
    const browser = await openBrowser('field-review', PHONE)
    let failed = true
    try {
      const page = browser.page
      await phoneSiteLogin(page, { roleLabel: '监理项目负责人', person: supervisionManager, reportNo: supervision.report_no })
      if (new URL(page.url()).pathname !== '/inbox') await page.goto(url('/inbox'))
      const row = page.locator('[data-test=inbox-table] .el-table__body tr.el-table__row', { hasText: REGISTRATION_NO })
        .filter({ hasText: '复核评价' })
      await row.first().waitFor()
      await visited(page, 'inbox')
      await tap(row.first().getByRole('button', { name: '复核评价', exact: true }), '复核评价')
      const sheetPath = `/monthly/${shared.monthId}/review`
      await page.waitForURL((u) => u.pathname === sheetPath)
      await page.locator('[data-test=sheet-cards]').waitFor()
      await visited(page, 'review-open')

      // The contractor's 自评 is shown read-only beside each clause.
      const [s1] = shared.selfClauses
      await card(page, s1).locator('[data-test=verdict][data-kind=self]', { hasText: '扣分' }).waitFor()

      const [r1, r2] = shared.reviewClauses
      const problems = { [r1]: '钢筋进场复试报告未见见证取样记录', [r2]: '隐蔽工程验收记录监理签字不全' }
      await tickClause(page, r1, problems[r1])
      await tickClause(page, r2, problems[r2])
      await page.locator('[data-test=score-review] [data-test=score-pending]').waitFor({ state: 'detached' })
      await visited(page, 'review-ticked')

      // 只看已扣分: only the clauses some sheet deducts (the self's two and the review's two).
      await tap(page.locator('label.only-deducted'), '只看已扣分')
      await waitFor(async () => (await page.locator('[data-test=clause-card]').count()) === 4, { message: '4 deducted clauses' })
      await visited(page, 'review-only-deducted')
      await tap(page.locator('label.only-deducted'), '只看已扣分 (off)')

      if (shared.photos) {
        const uploaded = nextAnswer(page, 'POST', `/api/monthly/${shared.monthId}/review-sheet/deductions/${r1}/photos`)
        await card(page, r1).locator('[data-test=photo-input]').setInputFiles(await jpegFixture(page))
        const answer = await uploaded
        assert.equal(answer.status(), 201, `upload: ${await answer.text()}`)
        const photo = await answer.json()
        assert.equal(photo.url, `/api/photos/${photo.id}`)
        await card(page, r1).locator('[data-test=photo-thumb]').first().waitFor()
        await card(page, r1).scrollIntoViewIfNeeded()
        await visited(page, 'review-photo')
        // Tapped: shown large.
        await card(page, r1).locator('[data-test=photo-thumb] img').first().tap()
        await page.locator('.el-image-viewer__wrapper').waitFor()
        await visited(page, 'review-photo-large')
        await page.keyboard.press('Escape')
        await page.locator('.el-image-viewer__wrapper').waitFor({ state: 'detached' })
      }

      const saved = nextAnswer(page, 'PUT', `/api/monthly/${shared.monthId}/review-sheet`)
      await tap(page.locator('[data-test=sticky-footer] [data-test=save]'), '保存')
      const answer = await saved
      assert.equal(answer.status(), 200, `save: ${await answer.text()}`)
      const stored = await answer.json()
      const clauses = stored.review.deductions.map((d) => d.clause)
      for (const code of [...shared.selfClauses, r1, r2]) assert.ok(clauses.includes(code), `${code} deducted in the review`)
      if (shared.photos) assert.equal(stored.review.photos?.[r1]?.length, 1, 'the photo stays with its deduction')
      await page.locator('[data-test=unsaved]').waitFor({ state: 'detached' })
      await visited(page, 'review-saved')

      await tap(page.locator('[data-test=sticky-footer] [data-test=submit]'), '提交')
      const submitted = nextAnswer(page, 'POST', `/api/monthly/${shared.monthId}/review-submit`)
      const confirm = page.locator('.el-message-box')
      await confirm.waitFor()
      await visited(page, 'review-submit-confirm')
      await tap(confirm.getByRole('button', { name: '提交', exact: true }), '确认提交')
      assert.equal((await submitted).status(), 200)
      await page.waitForURL((u) => u.pathname !== sheetPath)
      await visited(page, 'review-done')
      failed = false
    } finally {
      await browser.close({ failed })
    }
  })

test('抽查比对 on the phone: the authority marks a clause 不符合 with a note and a photo, 保存', { timeout: 180_000 }, async () => {
  assert.ok(shared.monthId, 'the month was reviewed')
  const browser = await openBrowser('field-spotcheck', PHONE)
  let failed = true
  try {
    const page = browser.page
    await page.goto(url('/login'))
    await tap(page.getByRole('tab', { name: '监督机构登录', exact: true }), 'tab 监督机构登录')
    const pane = page.locator('#pane-password')
    await pane.getByPlaceholder('用户名').fill(authorityUser)
    await pane.getByPlaceholder('密码').fill(DEMO_PASSWORD)
    await visited(page, 'authority-login')
    await tap(pane.getByRole('button', { name: '登录', exact: true }), '登录')
    await page.waitForURL((u) => u.pathname !== '/login')

    // 监督机构抽查比对 → the project → its months → the month.
    await page.goto(url('/authority/spot-checks'))
    // The query form starts folded on a phone: the toolbar's 显示搜索 opens it.
    await tap(page.getByRole('button', { name: '显示搜索' }), '显示搜索')
    await page.getByPlaceholder('工程名称或报监编号').fill(REGISTRATION_NO)
    const searched = nextAnswer(page, 'GET', '/api/declarations')
    await tap(page.getByRole('button', { name: '搜索', exact: true }), '搜索')
    await searched
    const projectRow = page.locator('.el-table__body tr.el-table__row', { hasText: REGISTRATION_NO })
    await projectRow.waitFor()
    await visited(page, 'spot-projects')
    await tap(projectRow.getByRole('button', { name: '抽查比对', exact: true }), '抽查比对 (project)')
    await page.waitForURL((u) => u.pathname === `/authority/spot-checks/projects/${shared.declarationId}`)
    const monthRow = page.locator('.el-table__body tr.el-table__row').first()
    await monthRow.waitFor()
    await visited(page, 'spot-months')
    const loaded = nextAnswer(page, 'GET', `/api/monthly/${shared.monthId}/spot-check`)
    await tap(monthRow.getByRole('button', { name: '抽查比对', exact: true }), '抽查比对 (month)')
    await page.waitForURL((u) => u.pathname === `/authority/spot-checks/monthly/${shared.monthId}`)
    const view = await (await loaded).json()
    await page.locator('[data-test=compare-cards]').waitFor()
    assert.equal(await page.locator('[data-test=compare-table]').count(), 0, 'no table on a phone')
    await visited(page, 'spot-open')

    // A clause neither sheet deducted, found not conforming.
    const clauses = view.items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses))
    const target = clauses.find((c) => !c.self.deducted && c.review && !c.review.deducted)
    assert.ok(target, 'a clause neither sheet deducted')
    const c = card(page, target.code)
    await tap(c.locator('[data-test=conforms-no]'), `不符合 ${target.code}`)
    await c.locator('[data-test=conforms-no][aria-checked=true]').waitFor()
    await c.locator('textarea').fill('现场抽查：该部位质量问题明显，与自评、复核结论不符。')
    await page.locator('[data-test=rates-live]').waitFor()
    if (shared.photos) {
      const uploaded = nextAnswer(page, 'POST', `/api/monthly/${shared.monthId}/spot-check/findings/${target.code}/photos`)
      await c.locator('[data-test=photo-input]').setInputFiles(await jpegFixture(page))
      const answer = await uploaded
      assert.equal(answer.status(), 201, `upload: ${await answer.text()}`)
      await c.locator('[data-test=photo-thumb]').first().waitFor()
    }
    await c.scrollIntoViewIfNeeded()
    await visited(page, 'spot-finding')

    const saved = nextAnswer(page, 'PUT', `/api/monthly/${shared.monthId}/spot-check`)
    await tap(page.locator('[data-test=sticky-footer] [data-test=save]'), '保存')
    const answer = await saved
    assert.equal(answer.status(), 200, `save: ${await answer.text()}`)
    const stored = await answer.json()
    const finding = stored.items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses)).find((x) => x.code === target.code)
    assert.equal(finding.authority.conforms, false)
    if (shared.photos) assert.equal(finding.photos?.length, 1, 'the finding keeps its photo')
    await page.locator('[data-test=unsaved]').waitFor({ state: 'detached' })
    await visited(page, 'spot-saved')
    failed = false
  } finally {
    await browser.close({ failed })
  }
})
