// Shared pieces of the browser tests: Debian's chromium through playwright-core (installed in web/),
// the server addresses (QSM_BASE_URL, QSM_TLS_BASE_URL), the test certificates (QSM_CERT_DIR), the
// server's command line (QSM_CLI), screenshots into tests/e2e/out/, login helpers, polling.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

// playwright-core is a devDependency of web/; resolve it from there.
const require = createRequire(new URL('../../web/package.json', import.meta.url))
const { chromium } = require('playwright-core')

export const BASE_URL = (process.env.QSM_BASE_URL ?? '').replace(/\/+$/, '')
/** The HTTPS listener (server certificate signed by the test CA), for the certificate login. */
export const TLS_BASE_URL = (process.env.QSM_TLS_BASE_URL ?? '').replace(/\/+$/, '')
/** `qsm dev-ca` output: `ca.pem`, `clients/<USCC>.pem|.key|.p12`. */
export const CERT_DIR = process.env.QSM_CERT_DIR ?? ''
export const OUT_DIR = fileURLToPath(new URL('./out/', import.meta.url))
const CHROMIUM = process.env.QSM_CHROMIUM ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

/**
 * The instant the tests run at: QSM_NOW when the suite runs under a fixed clock (the server takes it
 * from the same variable, and every browser's clock is pinned to it), else now.
 */
export const TEST_NOW = process.env.QSM_NOW ? new Date(Date.parse(process.env.QSM_NOW)) : null
export function testNow() {
  return TEST_NOW ?? new Date()
}

/** Demo accounts created by `qsm demo`. */
export const DEMO_PASSWORD = 'Qsm@demo2026'

export function url(pathAndQuery) {
  assert.ok(BASE_URL, 'QSM_BASE_URL is not set (e.g. http://127.0.0.1:8080)')
  return BASE_URL + pathAndQuery
}

export function tlsUrl(pathAndQuery) {
  assert.ok(TLS_BASE_URL, 'QSM_TLS_BASE_URL is not set (e.g. https://127.0.0.1:8443)')
  return TLS_BASE_URL + pathAndQuery
}

/**
 * Playwright context options that present the enterprise's `qsm dev-ca` client certificate to the
 * HTTPS listener (and accept the test CA's server certificate).
 */
export function clientCertificateOptions(uscc) {
  assert.ok(CERT_DIR, 'QSM_CERT_DIR is not set (the `qsm dev-ca --out` directory)')
  const certPath = path.join(CERT_DIR, 'clients', `${uscc}.pem`)
  const keyPath = path.join(CERT_DIR, 'clients', `${uscc}.key`)
  assert.ok(fs.existsSync(certPath) && fs.existsSync(keyPath), `no client certificate for ${uscc} in ${CERT_DIR}`)
  return {
    ignoreHTTPSErrors: true,
    clientCertificates: [{ origin: new URL(tlsUrl('/')).origin, certPath, keyPath }],
  }
}

/**
 * Opens a fresh chromium profile and its first page; `contextOptions` are playwright's (e.g.
 * `ignoreHTTPSErrors`, `clientCertificates`; see clientCertificateOptions). Uncaught page errors and
 * console errors are collected; `close()` leaves `out/<name>.png` (the last screen), on failure also
 * `out/<name>-failure.png`, and asserts that the page logged no errors (unless it failed already).
 * For tests that keep several users' browsers open at once; otherwise use withBrowser.
 */
export async function openBrowser(name, contextOptions = {}) {
  assert.ok(BASE_URL, 'QSM_BASE_URL is not set (e.g. http://127.0.0.1:8080)')
  fs.mkdirSync(OUT_DIR, { recursive: true })
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qsm-e2e-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...contextOptions,
  })
  context.setDefaultTimeout(15_000)
  // Under a fixed server clock the browser's calendar (today's date in forms) must agree with it.
  if (TEST_NOW) await context.clock.setFixedTime(TEST_NOW)
  const page = context.pages()[0] ?? (await context.newPage())
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error))
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    // Refused requests (e.g. the start-up session probe's 401) are logged by the browser itself;
    // they are answers the page handles. Anything else (a Vue render error) fails the test.
    if (/^Failed to load resource/.test(msg.text())) return
    process.stderr.write(`[browser ${name}] ${msg.text()}\n`)
    pageErrors.push(msg.text())
  })
  let closed = false
  async function close({ failed = false } = {}) {
    if (closed) return
    closed = true
    try {
      if (failed) await page.screenshot({ path: path.join(OUT_DIR, `${name}-failure.png`), fullPage: true }).catch(() => {})
      await page.screenshot({ path: path.join(OUT_DIR, `${name}.png`), fullPage: true }).catch(() => {})
    } finally {
      await context.close().catch(() => {})
      fs.rmSync(profile, { recursive: true, force: true })
    }
    if (!failed) assert.deepEqual(pageErrors.map(String), [], `errors in the page of ${name}`)
  }
  return { page, context, close }
}

/**
 * Runs `body(page)` in a fresh chromium profile: `withBrowser(name, body)` or
 * `withBrowser(name, contextOptions, body)` (see openBrowser). Uncaught page errors and console
 * errors fail the test.
 */
export async function withBrowser(name, contextOptions, body) {
  if (typeof contextOptions === 'function') [contextOptions, body] = [{}, contextOptions]
  const browser = await openBrowser(name, contextOptions)
  try {
    await body(browser.page)
  } catch (error) {
    await browser.close({ failed: true })
    throw error
  }
  await browser.close()
}

/** On the login page: 企业数字证书登录 → 证书登录; resolves with the /api/auth/certificate answer. */
export async function certificateLogin(page) {
  await page.goto(tlsUrl('/login'))
  await page.getByRole('tab', { name: '企业数字证书登录', exact: true }).click()
  const pane = page.locator('#pane-certificate')
  // Over HTTPS there is no "not HTTPS" warning, only the explanation.
  await pane.getByText('企业数字证书', { exact: false }).first().waitFor()
  assert.equal(await pane.getByText('当前不是 HTTPS 连接').count(), 0)
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/certificate'),
    pane.getByRole('button', { name: '证书登录' }).click(),
  ])
  return answer
}

/** Saves the current screen as `out/<name>.png` (the viewport: the app scrolls inside its layout). */
export async function screenshot(page, name) {
  fs.mkdirSync(OUT_DIR, { recursive: true })
  await page.screenshot({ path: path.join(OUT_DIR, `${name}.png`) })
}

/** Polls `probe` until it returns a truthy value (returned) or the time is up. */
export async function waitFor(probe, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout
  let last
  for (;;) {
    try {
      last = await probe()
      if (last) return last
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${message} (last: ${String(last)})`)
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}

/** On the login page: opens the 监督机构登录 tab and submits username and password. */
export async function submitPasswordLogin(page, username, password) {
  await page.getByRole('tab', { name: '监督机构登录', exact: true }).click()
  const pane = page.locator('#pane-password')
  await pane.getByPlaceholder('用户名').fill(username)
  await pane.getByPlaceholder('密码').fill(password)
  await pane.getByRole('button', { name: '登录', exact: true }).click()
}

/** Waits for the header's role tag to read `label`. */
export async function expectRole(page, label) {
  await waitFor(async () => (await page.locator('[data-test=role-label]').innerText()).trim() === label,
    { message: `role label ${label}` })
}

/** Opens the header's user menu (the display name) and picks an entry (修改密码, 切换合同, 退出登录). */
export async function userMenu(page, entry) {
  await page.locator('[data-test=user-menu]').click()
  const item = page.locator('.el-dropdown-menu__item', { hasText: entry })
  await item.waitFor({ state: 'visible' })
  await item.click()
}

/** 退出登录 from the header (confirmed), back on the login page. */
export async function logoutFromHeader(page) {
  await userMenu(page, '退出登录')
  await page.locator('.el-message-box').getByRole('button', { name: '退出登录', exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/login')
}

/** Runs `qsm ARGS…` against the test server's database (QSM_CLI is the JSON command prefix); stdout. */
export function qsmCli(args) {
  const prefix = JSON.parse(process.env.QSM_CLI ?? '[]')
  assert.ok(Array.isArray(prefix) && prefix.length > 0, 'QSM_CLI is not set (JSON array: the qsm command with --db …)')
  return execFileSync(prefix[0], [...prefix.slice(1), ...args], { encoding: 'utf8' })
}

/**
 * The newest one-time code sent to the person with this ID-card number (their registered mobile, from
 * the demo registry: the page does not show it, so as not to tell whether a person exists), read from
 * the outbox gateway with `qsm sms-outbox`.
 */
export function latestSmsCode(idNumber) {
  const person = demoRegistry().persons.find((p) => p.id_number === idNumber)
  assert.ok(person, `no person ${idNumber} in the demo registry`)
  const lines = qsmCli(['sms-outbox', '--last', '10']).split('\n').filter((l) => l.trim())
  // Oldest first: the last line for this mobile is the newest.
  for (const line of lines.reverse()) {
    const [, mobile, text] = line.split('\t')
    if (mobile !== person.mobile) continue
    const code = /(?<!\d)(\d{6})(?!\d)/.exec(text ?? '')
    assert.ok(code, `no 6-digit code in the SMS "${text}"`)
    return code[1]
  }
  assert.fail(`no SMS to ${person.name} in the outbox:\n${lines.join('\n')}`)
}

/** The number in the pagination's "共 N 条". */
export async function paginationTotal(page) {
  const text = await page.locator('.el-pagination__total').first().innerText()
  const match = /共\s*(\d+)\s*条/.exec(text)
  assert.ok(match, `pagination total not found in "${text}"`)
  return Number(match[1])
}

/** Waits until the table has finished loading and returns its body rows' cell texts. */
export async function tableRows(page) {
  await waitFor(async () => (await page.locator('.el-loading-mask').count()) === 0 ||
    !(await page.locator('.el-loading-mask').first().isVisible()), { message: 'table loading to finish' })
  return page.locator('.el-table__body tr.el-table__row').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td')).map((td) => td.innerText.trim())))
}

/** Index of a column by its header text. */
export async function columnIndex(page, header) {
  // The table renders after the page's first load: wait for its header row.
  await page.locator('.el-table__header th').first().waitFor()
  const headers = await page.locator('.el-table__header th').evaluateAll((ths) => ths.map((th) => th.innerText.trim()))
  const index = headers.indexOf(header)
  assert.ok(index >= 0, `column ${header} not found in ${JSON.stringify(headers)}`)
  return index
}

/** The demo registry (`share/demo/registry.json`): what `qsm demo` loads, full mobiles included. */
export function demoRegistry() {
  return JSON.parse(fs.readFileSync(new URL('../../share/demo/registry.json', import.meta.url), 'utf8'))
}

/** Resolves with the next answer of `method pathname` (pathname a string or a RegExp). */
export function nextAnswer(page, method, pathname) {
  return page.waitForResponse((response) => {
    const p = new URL(response.url()).pathname
    return response.request().method() === method && (typeof pathname === 'string' ? p === pathname : pathname.test(p))
  })
}

/** Resolves with the next /api/projects answer whose query satisfies `match`. */
export function nextProjectsAnswer(page, match = () => true) {
  return page.waitForResponse((response) => {
    const u = new URL(response.url())
    return u.pathname === '/api/projects' && match(u.searchParams)
  })
}

/** Opens 现场用户登录, fills the identity and presses 获取动态密码; resolves with the sms-code answer. */
export async function askForSmsCode(page, { roleLabel, name, idNumber }) {
  await page.goto(url('/login'))
  await page.getByRole('tab', { name: '现场用户登录', exact: true }).click()
  const pane = page.locator('#pane-site')
  await pane.getByText(roleLabel, { exact: true }).click()
  await pane.getByPlaceholder('请输入姓名').fill(name)
  await pane.getByPlaceholder('请输入 18 位身份证号').fill(idNumber)
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/sms-code'),
    pane.getByRole('button', { name: '获取动态密码' }).click(),
  ])
  return answer
}

/**
 * 现场用户登录 through the page: the role's radio (施工总包项目负责人 / 监理项目负责人), name and ID number,
 * the code from the SMS outbox, then the contract with this 合同信息报编号 (looked up on the picker).
 * Ends inside the app.
 */
export async function siteLogin(page, { roleLabel, name, idNumber, reportNo }) {
  const sent = await askForSmsCode(page, { roleLabel, name, idNumber })
  const pane = page.locator('#pane-site')
  assert.equal(sent.status(), 200, `sms-code: ${await sent.text()}`)
  await pane.getByPlaceholder('6 位动态密码').fill(latestSmsCode(idNumber))
  const [login] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/sms-login'),
    pane.getByRole('button', { name: '登录', exact: true }).click(),
  ])
  assert.equal(login.status(), 200, `sms-login: ${await login.text()}`)
  await page.waitForURL((u) => u.pathname === '/contract')
  await page.getByPlaceholder('请输入合同信息报编号').fill(reportNo)
  await Promise.all([
    page.waitForResponse((r) => {
      const u = new URL(r.url())
      return u.pathname === '/api/auth/contracts' && u.searchParams.get('report_no') === reportNo
    }),
    page.getByRole('button', { name: '查询', exact: true }).click(),
  ])
  const row = page.locator('.el-table__body tr.el-table__row', { hasText: reportNo })
  await row.waitFor()
  await row.getByRole('button', { name: '进入' }).click()
  await page.waitForURL((u) => u.pathname !== '/contract')
}

/** Confirms the open ElMessageBox with the named button; resolves with the box's message text. */
export async function confirmMessageBox(page, button) {
  const box = page.locator('.el-message-box')
  await box.waitFor({ state: 'visible' })
  const text = await box.locator('.el-message-box__message').innerText()
  await box.getByRole('button', { name: button, exact: true }).click()
  await box.waitFor({ state: 'hidden' })
  return text
}

/** The form item (inside `scope`, a page or a locator) whose label is `label`. */
export function formItem(scope, label) {
  const page = typeof scope.page === 'function' ? scope.page() : scope
  return scope.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: label }) })
}

/** A visible dialog by its exact title. */
export function dialogTitled(page, title) {
  return page.locator('.el-dialog:visible', { has: page.locator('.el-dialog__title', { hasText: new RegExp(`^${title}$`) }) })
}

/** 刷新 until the list's row holding `rowText` reads exactly `text` in the column `header`. */
export async function expectRowCell(page, rowText, header, text, { timeout = 10_000 } = {}) {
  const column = await columnIndex(page, header)
  await waitFor(async () => {
    await page.getByRole('button', { name: '刷新', exact: true }).click()
    const rows = await tableRows(page)
    return rows.some((cells) => cells.some((c) => c.includes(rowText)) && cells[column] === text)
  }, { timeout, interval: 500, message: `${rowText} shows ${text} under ${header}` })
}

/** A list's body row holding `text` (a 报监编号, a period). */
export function tableRow(page, text) {
  return page.locator('.el-table__body tr.el-table__row', { hasText: text })
}

/** Clicks `button`, confirms the box with `confirm`; resolves with [the answer of method pathname, the box's text]. */
export async function clickConfirmed(page, button, confirm, method, pathname) {
  await button.click()
  const answer = nextAnswer(page, method, pathname)
  const question = await confirmMessageBox(page, confirm)
  return [await answer, question]
}

/**
 * Runs `body(open)`, where `open` opens a browser like openBrowser and keeps it to close afterwards —
 * with its trace kept when the body failed; a failure to close fails the test only when the body passed.
 */
export async function withBrowsers(body) {
  const browsers = []
  let failed = false
  try {
    return await body(async (...args) => {
      const browser = await openBrowser(...args)
      browsers.push(browser)
      return browser
    })
  } catch (error) {
    failed = true
    throw error
  } finally {
    const closing = await Promise.allSettled(browsers.map((b) => b.close({ failed })))
    const refused = closing.find((c) => c.status === 'rejected')
    if (refused && !failed) throw refused.reason
  }
}

// ── phones (390×844, touch, device scale 2) ────────────────────────────────────────────────────────

/** Playwright context options of a phone: 390×844 CSS pixels, touch, device scale 2. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/**
 * Nothing on the page is wider than the phone's screen: the document does not scroll sideways (and the browser
 * did not zoom out to fit something wider: innerWidth stays the screen's), and no element scrolls sideways inside
 * it either (a table in a scroll box would pass the first check). Resolves with what was measured.
 */
export async function expectNoSideScroll(page, what) {
  const width = page.viewportSize().width
  const measured = await page.evaluate(() => {
    const scrollers = []
    for (const el of document.querySelectorAll('body *')) {
      if (el.clientWidth === 0) continue
      const { overflowX } = getComputedStyle(el)
      if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
        scrollers.push(`${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join('.')} ${el.scrollWidth}>${el.clientWidth}`)
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, scrollers }
  })
  assert.ok(measured.innerWidth <= width && measured.scrollWidth <= measured.innerWidth,
    `${what}: the page is wider than the screen (${JSON.stringify(measured)})`)
  assert.deepEqual(measured.scrollers, [], `${what}: elements scroll sideways`)
  return measured
}

/**
 * A control a thumb can use without scrolling sideways: inside the screen horizontally (x ≥ 0, x + width ≤ the
 * screen's width) and, unless `minHeight` is 0, at least 44 px tall.
 */
export async function expectTappable(locator, what, { minHeight = 44 } = {}) {
  await locator.waitFor({ state: 'visible' })
  const box = await locator.boundingBox()
  const width = locator.page().viewportSize().width
  assert.ok(box, `${what}: no box`)
  assert.ok(box.x >= 0 && box.x + box.width <= width + 0.5, `${what}: outside the screen horizontally (${JSON.stringify(box)})`)
  assert.ok(box.height >= minHeight - 0.5, `${what}: ${box.height} px tall, less than ${minHeight}`)
}

/** The phone's menu drawer is closed (as it is by default and after every navigation). */
export async function expectMenuClosed(page, what) {
  await waitFor(async () => !(await page.locator('.menu-drawer').isVisible()), { message: `${what}: the menu drawer closed` })
}

/** On a phone: opens the menu drawer with the top bar's button and taps `entry`; the drawer closes again. */
export async function phoneMenu(page, entry) {
  const button = page.locator('[data-test=menu-button]')
  await expectTappable(button, 'the menu button')
  await button.click()
  const drawer = page.locator('.menu-drawer')
  await drawer.waitFor({ state: 'visible' })
  // The drawer slides in from the left: wait until it is in place.
  await waitFor(async () => (await drawer.boundingBox())?.x === 0, { message: 'the menu drawer open' })
  const item = drawer.getByRole('menuitem', { name: entry, exact: true })
  await expectTappable(item, `menu entry ${entry}`)
  await item.click()
  await expectMenuClosed(page, `after ${entry}`)
}
