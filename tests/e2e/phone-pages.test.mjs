// The site users' and the inspector's pages on a phone (390×844, touch, device scale 2). The login opens on the
// tab of the page asked for. On JA2025-0378 (静安区, a project no other browser test declares, whose 项目负责人
// no other test signs in): the contractor declares it and the supervision enterprise passes it (through the API,
// desktop browsers with their certificates); the district's inspector (password) follows a link into 受理 and
// accepts it in the full-screen 受理 dialog; the contractor asks for 中止 (API); the 监理项目负责人 (SMS) follows a
// link into 中止复核, picks the contract by 合同信息查询, opens 综合信息 and then the item from 待办, and 复核中止 in
// the dialog; the inspector does 中止备案. Both visit every page of their menu. The 项目部 of XH2025-0274 (the
// demo's evaluated project) looks at its months, quarters (the 查看 drawer), completions and 综合信息.
// On every page: nothing scrolls sideways, the menu drawer is closed after the navigation, and every button the
// test taps lies inside the screen, 44 px tall; the screenshots are out/phone-*.png.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, PHONE, certificateLogin, clientCertificateOptions, confirmMessageBox, demoRegistry, expectMenuClosed,
  expectNoSideScroll, expectTappable, latestSmsCode, nextAnswer, phoneMenu, screenshot, testNow, tlsUrl, url, waitFor,
  withBrowsers,
} from './helpers.mjs'

const registry = demoRegistry()

/** A project's registry data: its contracts and their managers. */
function projectOf(registrationNo) {
  const project = registry.projects.find((p) => p.registration_no === registrationNo)
  const contract = (kind) => registry.contracts.find((c) => c.kind === kind && c.project_registration_no === registrationNo)
  const person = (c) => registry.persons.find((p) => p.id_number === c?.manager_id_number)
  const general = contract('general')
  const supervision = contract('supervision')
  assert.ok(project && person(general) && person(supervision), `${registrationNo} in registry.json`)
  return {
    project, general, supervision, generalManager: person(general), supervisionManager: person(supervision),
    authority: `jdz_${project.authority_code.toLowerCase()}`,
  }
}

const FRESH = projectOf('JA2025-0378')
const EVALUATED = projectOf('XH2025-0274')

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(testNow())

/** An API answer's JSON, asserting success. */
async function json(answer, what) {
  assert.ok(answer.ok(), `${what}: ${answer.status()} ${await answer.text()}`)
  return answer.json()
}

/** GET with the page's session. */
function read(page, base, path) {
  return page.request.get(base(path)).then((a) => json(a, `GET ${path}`))
}

/** A state-changing call with the page's session cookie and CSRF token, as the SPA sends it. */
async function write(page, base, method, path, data) {
  const { csrf_token: token } = await read(page, base, '/api/me')
  return json(await page.request.fetch(base(path), { method, data, headers: { 'X-CSRF-Token': token } }), `${method} ${path}`)
}

/** No loading mask left on the page. */
async function settled(page) {
  await waitFor(async () => {
    for (const mask of await page.locator('.el-loading-mask').all()) if (await mask.isVisible()) return false
    return true
  }, { message: 'loading to finish' })
}

/** No transition running (a drawer sliding in, a box fading in): the screenshot shows what stays. */
async function still(page) {
  await page.waitForFunction(() => document.getAnimations()
    .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity))
}

/** Saves out/phone-<name>.png once the screen is still. */
async function shot(page, name) {
  await still(page)
  await screenshot(page, `phone-${name}`)
}

/** The checks of every page: no sideways scrolling, the menu drawer closed; a screenshot out/phone-<name>.png. */
async function checkPage(page, name) {
  await settled(page)
  await expectMenuClosed(page, name)
  await expectNoSideScroll(page, name)
  await shot(page, name)
}

/** Taps a button after checking that it is on the screen and big enough. */
async function tap(locator, what) {
  await expectTappable(locator, what)
  await locator.click()
}

/** The login page's selected tab. */
async function selectedTab(page) {
  const tab = page.locator('.login-tabs [role=tab][aria-selected=true] [aria-label]')
  await tab.waitFor()
  return tab.getAttribute('aria-label')
}

/** Opens `path` without a session: the login page, on the tab named `tab`. */
async function loginPageFor(page, path, tab) {
  await page.goto(url(path))
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === path)
  assert.equal(await selectedTab(page), tab, `the login for ${path} opens on ${tab}`)
  await checkPage(page, `login${path.replaceAll('/', '-')}`)
  for (const name of ['企业数字证书登录', '现场用户登录', '监督机构登录']) {
    await expectTappable(page.getByRole('tab', { name, exact: true }), `the tab ${name}`)
  }
}

/** 现场用户登录 on the tab already open: identity, the SMS code, 登录; then the contract picker. */
async function smsLogin(page, { roleLabel, name, idNumber }) {
  const pane = page.locator('#pane-site')
  await tap(pane.locator('.el-radio', { hasText: roleLabel }), roleLabel)
  await pane.getByPlaceholder('请输入姓名').fill(name)
  await pane.getByPlaceholder('请输入 18 位身份证号').fill(idNumber)
  const send = pane.getByRole('button', { name: '获取动态密码' })
  await expectTappable(send, '获取动态密码')
  for (;;) {
    const [sent] = await Promise.all([nextAnswer(page, 'POST', '/api/auth/sms-code'), send.click()])
    if (sent.status() === 200) break
    // Another test asked for this person's code within the minute: wait as the server says, and ask again.
    assert.equal(sent.status(), 429, `sms-code: ${await sent.text()}`)
    const { error } = await sent.json()
    await new Promise((resolve) => setTimeout(resolve, (error.details.retry_after + 1) * 1000))
    await send.filter({ hasText: '获取动态密码' }).waitFor({ timeout: 5_000 })
  }
  await pane.getByPlaceholder('6 位动态密码').fill(latestSmsCode(idNumber))
  const [login] = await Promise.all([
    nextAnswer(page, 'POST', '/api/auth/sms-login'),
    tap(pane.getByRole('button', { name: '登录', exact: true }), '登录'),
  ])
  assert.equal(login.status(), 200, `sms-login: ${await login.text()}`)
  await page.waitForURL((u) => u.pathname === '/contract')
}

/** The contract picker: the contracts as cards naming the project; 合同信息查询 by the number; 进入. */
async function pickContract(page, contract, projectName, name) {
  const card = page.locator('.el-table__body tr.el-table__row', { hasText: contract.report_no })
  await card.waitFor()
  // The card is headed by the project's name, shown whole.
  const title = card.locator('td[data-card=title]')
  assert.equal((await title.innerText()).trim(), projectName)
  await checkPage(page, `${name}-contracts`)
  await page.getByPlaceholder('请输入合同信息报编号').fill(contract.report_no)
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/contracts' && new URL(r.url()).searchParams.get('report_no') === contract.report_no),
    tap(page.getByRole('button', { name: '查询', exact: true }), '查询'),
  ])
  await waitFor(async () => (await page.locator('.el-table__body tr.el-table__row').count()) === 1, { message: 'one contract found' })
  await tap(card.getByRole('button', { name: '进入' }), '进入')
  await page.waitForURL((u) => u.pathname !== '/contract')
}

/** The top bar names the page, and for a site user the project. */
async function expectTopBar(page, title, projectName) {
  await waitFor(async () => (await page.locator('[data-test=page-title]').innerText()).trim() === title, { message: `top bar ${title}` })
  if (projectName) assert.ok((await page.locator('[data-test=project]').getAttribute('title')).includes(projectName))
}

/** A list's card holding `text` (a 报监编号), once the list has loaded. */
function card(page, text) {
  return page.locator('.el-table__body tr.el-table__row', { hasText: text }).first()
}

/** The visible full-screen dialog titled `title`: it covers the screen and its buttons are on it. */
async function fullScreenDialog(page, title) {
  const dialog = page.locator('.el-dialog.is-fullscreen:visible', { has: page.locator('.el-dialog__title', { hasText: title }) })
  await dialog.waitFor()
  const box = await dialog.boundingBox()
  const { width, height } = page.viewportSize()
  assert.ok(Math.abs(box.x) < 1 && Math.abs(box.width - width) < 1 && box.height <= height + 1, `${title}: full screen (${JSON.stringify(box)})`)
  for (const button of await dialog.locator('.el-dialog__footer .el-button').all()) {
    await expectTappable(button, `${title}: ${(await button.innerText()).trim()}`)
    const b = await button.boundingBox()
    assert.ok(b.y + b.height <= height, `${title}: its buttons are on the screen without scrolling`)
  }
  return dialog
}

/** Visits each menu entry through the drawer and checks the page. */
async function visitMenu(page, entries, prefix) {
  for (const [entry, path, name] of entries) {
    await phoneMenu(page, entry)
    await page.waitForURL((u) => u.pathname === path)
    await expectTopBar(page, entry)
    await checkPage(page, `${prefix}-${name}`)
  }
}

test('phone: the login opens on the tab of the page asked for, and fits the screen', { timeout: 60_000 }, async () => {
  await withBrowsers(async (openBrowser) => {
    const { page } = await openBrowser('phone-login', PHONE)
    // A phone that never logged in opens on 现场用户, first of three whole tabs with short names (issue 26: it opened
    // on 企业数字证书登录, the tabs cut off); each tab keeps its full name for screen readers.
    await page.goto(url('/login'))
    assert.equal(await selectedTab(page), '现场用户登录')
    const tabs = page.locator('.login-tabs [role=tab]')
    assert.deepEqual((await tabs.allInnerTexts()).map((t) => t.trim()), ['现场用户', '企业证书', '监督机构'])
    for (let i = 0; i < 3; i++) {
      const fits = await tabs.nth(i).evaluate((el) => {
        const label = el.querySelector('[aria-label]')
        return el.scrollWidth <= el.clientWidth && label.getBoundingClientRect().right <= el.getBoundingClientRect().right
      })
      assert.ok(fits, `tab ${i + 1} shows its whole name`)
    }
    await checkPage(page, 'login-fresh')
    // A desktop keeps 企业数字证书登录 first and open.
    const desk = (await openBrowser('desktop-login')).page
    await desk.goto(url('/login'))
    assert.equal(await selectedTab(desk), '企业数字证书登录')
    assert.deepEqual((await desk.locator('.login-tabs [role=tab]').allInnerTexts()).map((t) => t.trim()), ['企业数字证书登录', '现场用户登录', '监督机构登录'])

    await loginPageFor(page, '/supervision/monthly', '现场用户登录')
    await loginPageFor(page, '/authority/acceptance', '监督机构登录')
    await loginPageFor(page, '/enterprise/declarations', '企业数字证书登录')
    // ?tab= names the tab itself.
    await page.goto(url('/login?tab=site'))
    assert.equal(await selectedTab(page), '现场用户登录')
  })
})

test('phone: 受理, 中止复核 and 中止备案 by the inspector and the 监理项目负责人, every page of their menus',
  { timeout: 300_000 }, async () => {
    const { project, general, supervision, generalManager, supervisionManager, authority } = FRESH
    await withBrowsers(async (openBrowser) => {
      // ── 施工企业 and 监理企业 (desktop, certificates): the declaration, submitted and passed ──────────────
      const contractor = (await openBrowser('phone-setup-contractor', clientCertificateOptions(general.enterprise_uscc))).page
      assert.equal((await certificateLogin(contractor)).status(), 200)
      const [found] = (await read(contractor, tlsUrl, `/api/projects?declarable=true&q=${project.registration_no}`)).items
      assert.ok(found, `${project.registration_no} is declarable`)
      let declaration = await write(contractor, tlsUrl, 'POST', '/api/declarations', {
        project_id: found.id, quality_target: '合格', planned_start: project.planned_start, planned_finish: project.planned_finish,
        overview: `${project.name}，${project.structure_type}结构。`,
        contractor_manager: { name: generalManager.name, mobile: generalManager.mobile },
        supervision_manager: { name: supervisionManager.name, mobile: supervisionManager.mobile },
      })
      declaration = await write(contractor, tlsUrl, 'POST', `/api/declarations/${declaration.id}/submit`, { version: declaration.version })
      const enterprise = (await openBrowser('phone-setup-supervisor', clientCertificateOptions(supervision.enterprise_uscc))).page
      assert.equal((await certificateLogin(enterprise)).status(), 200)
      declaration = await write(enterprise, tlsUrl, 'POST', `/api/declarations/${declaration.id}/pass`, { version: declaration.version })

      // ── 监督机构 on a phone: a link into 受理 opens the password login; 受理 in the full-screen dialog ──────
      const ap = (await openBrowser('phone-authority', PHONE)).page
      await loginPageFor(ap, '/authority/acceptance', '监督机构登录')
      const pane = ap.locator('#pane-password')
      await pane.getByPlaceholder('用户名').fill(authority)
      await pane.getByPlaceholder('密码').fill(DEMO_PASSWORD)
      await tap(pane.getByRole('button', { name: '登录', exact: true }), '登录')
      await ap.waitForURL((u) => u.pathname === '/authority/acceptance')
      await expectTopBar(ap, '监督机构受理')
      await checkPage(ap, 'authority-acceptance')

      // 待办 (through the menu drawer): the item opens the 受理 dialog.
      await phoneMenu(ap, '待办事项')
      await ap.waitForURL((u) => u.pathname === '/inbox')
      const acceptItem = card(ap, project.registration_no)
      await acceptItem.waitFor()
      await checkPage(ap, 'authority-inbox')
      await tap(acceptItem.locator('[data-test=task-action]'), '待办: 受理')
      await ap.waitForURL((u) => u.pathname === '/authority/acceptance')
      const acceptDialog = await fullScreenDialog(ap, '受理')
      await acceptDialog.getByText(project.name).first().waitFor()
      await expectNoSideScroll(ap, '受理 dialog')
      await tap(acceptDialog.locator('.el-radio', { hasText: '是' }), '是否受理: 是')
      await shot(ap, 'authority-accept-dialog')
      await tap(acceptDialog.getByRole('button', { name: '保存', exact: true }), '受理: 保存')
      const accepted = nextAnswer(ap, 'POST', `/api/declarations/${declaration.id}/accept`)
      await expectTappable(ap.locator('.el-message-box').getByRole('button').last(), 'the confirmation\'s button')
      await shot(ap, 'authority-accept-confirm')
      await ap.locator('.el-message-box .el-message-box__btns .el-button--primary').click()
      assert.equal((await accepted).status(), 200)
      await acceptDialog.waitFor({ state: 'hidden' })
      await checkPage(ap, 'authority-accepted')

      // ── the contractor asks for 中止 (API) ─────────────────────────────────────────────────────────────
      const suspension = await write(contractor, tlsUrl, 'POST', `/api/declarations/${declaration.id}/suspensions`, {
        kind: 'suspend', reason: '主体结构施工暂停，等待设计变更。', date: today,
      })

      // ── 监理项目负责人 on a phone: a link into 中止复核 opens the SMS login; the contract; 综合信息; 复核中止 ───
      const sp = (await openBrowser('phone-site-supervisor', PHONE)).page
      await loginPageFor(sp, '/supervision/suspensions', '现场用户登录')
      await smsLogin(sp, { roleLabel: '监理项目负责人', name: supervisionManager.name, idNumber: supervisionManager.id_number })
      await pickContract(sp, supervision, project.name, 'site-supervisor')
      await sp.waitForURL((u) => u.pathname === '/supervision/suspensions')
      await expectTopBar(sp, '中止复核', project.name)
      await card(sp, project.registration_no).waitFor()
      await checkPage(sp, 'site-supervisor-suspensions')

      await phoneMenu(sp, '待办事项')
      await sp.waitForURL((u) => u.pathname === '/inbox')
      const reviewItem = card(sp, project.registration_no)
      await reviewItem.waitFor()
      await checkPage(sp, 'site-supervisor-inbox')
      // 综合信息 of the project, and back.
      await tap(reviewItem.getByRole('button', { name: '综合信息' }), '待办: 综合信息')
      await sp.waitForURL((u) => u.pathname === `/declarations/${declaration.id}/summary`)
      await sp.getByText(project.name).first().waitFor()
      await checkPage(sp, 'site-supervisor-summary')
      await sp.goBack()
      await sp.waitForURL((u) => u.pathname === '/inbox')
      await tap(card(sp, project.registration_no).locator('[data-test=task-action]'), '待办: 复核中止')
      await sp.waitForURL((u) => u.pathname === '/supervision/suspensions')
      const reviewDialog = await fullScreenDialog(sp, '复核中止')
      await expectNoSideScroll(sp, '复核中止 dialog')
      await reviewDialog.locator('textarea').fill('情况属实，同意中止。')
      await shot(sp, 'site-supervisor-review-dialog')
      await tap(reviewDialog.locator('[data-test=step-submit]'), '复核中止')
      const reviewed = nextAnswer(sp, 'POST', `/api/suspensions/${suspension.id}/review`)
      await confirmMessageBox(sp, '复核中止')
      assert.equal((await reviewed).status(), 200)
      await reviewDialog.waitFor({ state: 'hidden' })
      await checkPage(sp, 'site-supervisor-reviewed')
      // The request's 查看 drawer takes the screen.
      await tap(card(sp, project.registration_no).getByRole('button', { name: '查看' }), '查看')
      const drawer = sp.locator('[data-test=request-detail]')
      await drawer.waitFor()
      await still(sp)
      const drawerBox = await drawer.boundingBox()
      assert.ok(Math.abs(drawerBox.x) < 1 && Math.abs(drawerBox.width - 390) < 1, `the 查看 drawer takes the screen (${JSON.stringify(drawerBox)})`)
      await expectNoSideScroll(sp, '中止/恢复查看')
      await shot(sp, 'site-supervisor-request-detail')
      await tap(drawer.locator('.el-drawer__close-btn'), 'the drawer\'s close button')
      await drawer.waitFor({ state: 'hidden' })

      await visitMenu(sp, [
        ['月度复核', '/supervision/monthly', 'monthly'],
        ['季度评价', '/supervision/quarterly', 'quarterly'],
        ['竣工复核', '/supervision/completions', 'completions'],
        ['终止复核', '/supervision/terminations', 'terminations'],
        ['逾期评价', '/overdue', 'overdue'],
        ['工程信息', '/registry/projects', 'projects'],
        ['统计看板', '/dashboard', 'dashboard'],
      ], 'site-supervisor')

      // ── 监督机构: 中止备案 from its list ────────────────────────────────────────────────────────────────
      await phoneMenu(ap, '中止评价监督信息登记')
      await ap.waitForURL((u) => u.pathname === '/authority/suspensions')
      const registerCard = card(ap, project.registration_no)
      await tap(registerCard.getByRole('button', { name: '备案' }), '备案')
      const registerDialog = await fullScreenDialog(ap, '中止备案')
      await expectNoSideScroll(ap, '中止备案 dialog')
      await tap(registerDialog.locator('[data-test=step-submit]'), '中止备案')
      const registered = nextAnswer(ap, 'POST', `/api/suspensions/${suspension.id}/register`)
      await confirmMessageBox(ap, '中止备案')
      assert.equal((await registered).status(), 200)
      await registerDialog.waitFor({ state: 'hidden' })
      await checkPage(ap, 'authority-suspensions')

      await visitMenu(ap, [
        ['月度评价查看', '/authority/monthly', 'monthly'],
        ['逾期评价', '/overdue', 'overdue'],
        ['季度评价监督信息登记', '/authority/quarterly', 'quarterly'],
        ['竣工评价监督信息登记', '/authority/completions', 'completions'],
        ['终止评价监督信息登记', '/authority/terminations', 'terminations'],
        ['监督机构抽查比对', '/authority/spot-checks', 'spot-checks'],
        ['工程信息', '/registry/projects', 'projects'],
        ['统计看板', '/dashboard', 'dashboard'],
      ], 'authority')
      await ap.goto(url(`/declarations/${declaration.id}/summary`))
      await ap.getByText(project.name).first().waitFor()
      await checkPage(ap, 'authority-summary')
    })
  })

test('phone: the 项目部 of an evaluated project — months, quarters, completions and 综合信息', { timeout: 180_000 }, async () => {
  const { project, general, generalManager } = EVALUATED
  await withBrowsers(async (openBrowser) => {
    const { page } = await openBrowser('phone-site-contractor', PHONE)
    await loginPageFor(page, '/site/monthly', '现场用户登录')
    await smsLogin(page, { roleLabel: '施工总包项目负责人', name: generalManager.name, idNumber: generalManager.id_number })
    await pickContract(page, general, project.name, 'site-contractor')
    await page.waitForURL((u) => u.pathname === '/site/monthly')
    await expectTopBar(page, '月度评价', project.name)
    await card(page, project.registration_no).waitFor()
    await checkPage(page, 'site-contractor-monthly')

    // The query form is folded on a phone; the toolbar's 显示搜索 opens it, one field a line.
    const toggle = page.getByRole('button', { name: '显示搜索' })
    await tap(toggle, '显示搜索')
    const form = page.locator('.query-form')
    await form.waitFor()
    await expectNoSideScroll(page, 'the query form')
    await expectTappable(form.getByRole('button', { name: '搜索' }), '搜索')
    await shot(page, 'site-contractor-monthly-search')

    await visitMenu(page, [
      ['季度评价', '/site/quarterly', 'quarterly'],
    ], 'site-contractor')
    await tap(card(page, project.registration_no).getByRole('button', { name: '查看' }), '季度: 查看')
    const drawer = page.locator('[data-test=quarterly-detail]')
    await drawer.waitFor()
    await settled(page)
    await expectNoSideScroll(page, '季度评价查看')
    await shot(page, 'site-contractor-quarter')
    await tap(drawer.locator('.el-drawer__close-btn'), 'the drawer\'s close button')
    await drawer.waitFor({ state: 'hidden' })

    await visitMenu(page, [['竣工评价', '/site/completions', 'completions']], 'site-contractor')
    // Once the completion test has run, the project's 竣工评价 is there: its page.
    const completion = card(page, project.registration_no)
    if (await completion.count()) {
      await tap(completion.getByRole('button', { name: '查看' }), '竣工: 查看')
      await page.waitForURL((u) => /^\/completions\/\d+$/.test(u.pathname))
      await page.locator('[data-test=completion-info]').waitFor()
      await checkPage(page, 'site-contractor-completion')
    }
    await visitMenu(page, [['待办事项', '/inbox', 'inbox']], 'site-contractor')
    const { items } = await read(page, url, '/api/monthly?page_size=1')
    await page.goto(url(`/declarations/${items[0].declaration.id}/summary`))
    await page.getByText(project.name).first().waitFor()
    await checkPage(page, 'site-contractor-summary')
  })
})

// A site user whose project nobody has declared: every list is empty, and the page says why and what to do
// (issue 26: the lists were empty without a word). PD2026-0344 is a demo project no test declares.
test('phone: the 项目负责人 of an undeclared project is told why the lists are empty', { timeout: 120_000 }, async () => {
  const { project, general, generalManager } = projectOf('PD2026-0344')
  await withBrowsers(async (openBrowser) => {
    const { page } = await openBrowser('phone-undeclared', PHONE)
    await loginPageFor(page, '/site/monthly', '现场用户登录')
    await smsLogin(page, { roleLabel: '施工总包项目负责人', name: generalManager.name, idNumber: generalManager.id_number })
    await pickContract(page, general, project.name, 'undeclared')
    await page.waitForURL((u) => u.pathname === '/site/monthly')
    const notice = page.locator('[data-test=not-managed]')
    await notice.waitFor()
    const text = await notice.innerText()
    assert.ok(text.includes(project.registration_no) && text.includes('尚未申报') && text.includes('企业申报'), text)
    await checkPage(page, 'site-undeclared')
  })
})
