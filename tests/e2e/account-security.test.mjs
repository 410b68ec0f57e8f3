// Account security (issue 21, 等保 2.0 level 3) through the browser: the password login's setup stage — a forced
// change of an initial or reset password, the enrolment of a second factor (QR secret → recovery codes), the
// second factor's code and recovery codes at login — and the three administrator duties: 安全管理员 resets a
// second factor, 系统管理员 resets a password on 用户管理 (the new one must be changed), 审计管理员 reads the logs and
// nothing else. The setup page is photographed at each stage on a phone (390×844, touch) and on the desktop.
//
// The shared server (run.mjs) runs with the default policy (second factor optional); the enrolment tests start
// their own server with `--second-factor required`. TOTP codes are computed here (RFC 6238).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { startServer } from '../lib/server.mjs'
import {
  BASE_URL, DEMO_PASSWORD, OUT_DIR, TEST_NOW, columnIndex, confirmMessageBox, demoRegistry, expectRole, logoutFromHeader,
  nextAnswer, openBrowser, paginationTotal, screenshot, submitPasswordLogin, tableRow, tableRows, url, waitFor,
  withBrowser,
} from './helpers.mjs'

// TOTP codes follow the real clock; under a fixed test clock (QSM_NOW) no second code could ever be accepted.
const skip = TEST_NOW ? 'TOTP needs the real clock (QSM_NOW is set)' : false

/** A phone: iPhone 12–15 size, touch, mobile viewport. */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

// ---------------------------------------------------------------------------------------------------------------
// RFC 6238 (HMAC-SHA1, 30-second steps, 6 digits) over the base32 secret the page shows.

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const clean = text.replace(/[\s=]/g, '').toUpperCase()
  let bits = 0
  let value = 0
  const out = []
  for (const ch of clean) {
    const index = alphabet.indexOf(ch)
    assert.ok(index >= 0, `not base32: ${ch} in ${text}`)
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

const currentStep = () => Math.floor(Date.now() / 30_000)

function totp(secret, step) {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000
  return String(number).padStart(6, '0')
}

/**
 * A code the server has not seen yet: of a 30-second step after every step used so far for this secret (a code
 * is accepted once), waiting for it when needed. `used` remembers the steps, per secret.
 */
const usedSteps = new Map()
async function freshCode(secret) {
  const last = usedSteps.get(secret) ?? -1
  while (currentStep() <= last) await new Promise((r) => setTimeout(r, 500))
  // Not in the last second of a step: the request must reach the server within it (the server may allow a
  // step of drift, but the test does not count on it).
  if (30_000 - (Date.now() % 30_000) < 1500) await new Promise((r) => setTimeout(r, 1600))
  const step = currentStep()
  usedSteps.set(secret, step)
  return totp(secret, step)
}

// ---------------------------------------------------------------------------------------------------------------
// The setup page through the browser.

async function expectSetupStage(page, stage) {
  await page.waitForURL((u) => u.pathname === '/account/setup')
  await page.locator(`[data-test=account-setup][data-stage=${stage}]`).waitFor()
}

/** The phone rules of the setup page: no horizontal scroll, every visible field and button ≥ 44 px tall. */
async function expectPhoneFriendly(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `${what}: the page scrolls sideways by ${overflow}px`)
  const small = await page.evaluate(() => {
    const tooSmall = []
    for (const el of document.querySelectorAll('[data-test=account-setup] .el-input__wrapper, [data-test=account-setup] .el-button:not(.is-link)')) {
      const box = el.getBoundingClientRect()
      if (box.width > 0 && box.height < 43.5) tooSmall.push(`${el.className.split(' ')[0]} "${el.textContent.trim()}" ${box.height}px`)
    }
    return tooSmall
  })
  assert.deepEqual(small, [], `${what}: fields and buttons at least 44 px tall`)
}

/** Photographs the setup page (the whole page, it may be taller than the phone's screen). */
async function shoot(page, name) {
  await page.evaluate(() => document.activeElement?.blur?.())
  await page.waitForTimeout(300) // transitions (alerts, messages) settle
  await page.screenshot({ path: path.join(OUT_DIR, `${name}.png`), fullPage: true })
}

/**
 * The enrolment stage (or 账号安全's enrolment): reads the secret next to the QR code, confirms with a fresh
 * code, checks and keeps the recovery codes (复制, 下载 as txt), ticks 我已妥善保存恢复码 and presses 继续.
 * Resolves with { secret, codes }. `shots`: screenshot names for the QR step and the codes step.
 */
async function enrol(page, { shots = null } = {}) {
  const box = page.locator('[data-test=second-factor-enrol]')
  const secretText = box.locator('[data-test=totp-secret]')
  await secretText.waitFor()
  await box.getByText('腾讯身份验证器').waitFor()
  // The QR code is an inline SVG of rects (no image URL).
  const qr = box.locator('svg[data-test=qr-code]')
  assert.ok(await qr.locator('rect').count() > 20, 'the QR code is drawn')
  assert.equal(await box.locator('img').count(), 0, 'no <img> for the QR code')
  const shown = (await secretText.innerText()).trim()
  assert.match(shown, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, `the secret in groups of 4: ${shown}`)
  const secret = shown.replace(/\s/g, '')
  if (shots) await shots.qr?.()

  // A wrong code first: the server's reason under the field, the enrolment stays.
  const input = box.locator('[data-test=enrol-code]')
  await input.fill('000000' === totp(secret, currentStep()) ? '111111' : '000000')
  const refused = nextAnswer(page, 'POST', '/api/account/second-factor/confirm')
  await box.getByRole('button', { name: '确认绑定' }).click()
  assert.notEqual((await refused).status(), 200)
  await box.locator('.el-form-item__error').waitFor()

  await input.fill(await freshCode(secret))
  const confirmed = nextAnswer(page, 'POST', '/api/account/second-factor/confirm')
  await box.getByRole('button', { name: '确认绑定' }).click()
  const answer = await confirmed
  assert.equal(answer.status(), 200, `confirm: ${await answer.text()}`)
  const expected = (await answer.json()).recovery_codes
  assert.equal(expected.length, 10)

  const list = box.locator('[data-test=recovery-codes]')
  await list.waitFor()
  const codes = await list.locator('li code').allInnerTexts()
  assert.deepEqual(codes.map((c) => c.trim()), expected, 'the ten recovery codes are shown')
  const next = box.getByRole('button', { name: '继续' })
  assert.ok(await next.isDisabled(), '继续 waits for 我已妥善保存恢复码')

  await list.getByRole('button', { name: '复制' }).click()
  await page.locator('.el-message', { hasText: /已复制恢复码|复制失败/ }).first().waitFor()
  const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: '下载' }).click()])
  assert.match(download.suggestedFilename(), /\.txt$/)
  const text = fs.readFileSync(await download.path(), 'utf8')
  for (const code of expected) assert.ok(text.includes(code), `the download holds ${code}`)
  if (shots) await shots.codes?.()

  await box.locator('[data-test=codes-saved]').click()
  await next.click()
  return { secret, codes: expected }
}

/** The second_factor stage: a code (fresh) or a recovery code; resolves with the answer. */
async function typeSecondFactor(page, { secret = null, recovery = null }) {
  const setup = page.locator('[data-test=account-setup]')
  const usingRecovery = (await setup.locator('[data-test=recovery-code]').count()) > 0
  if (Boolean(recovery) !== usingRecovery) await setup.locator('[data-test=toggle-recovery]').click()
  if (recovery) await setup.locator('[data-test=recovery-code]').fill(recovery)
  else await setup.locator('[data-test=totp-code]').fill(await freshCode(secret))
  const answer = nextAnswer(page, 'POST', '/api/auth/second-factor')
  await setup.getByRole('button', { name: '验证', exact: true }).click()
  return answer
}

/** The change_password stage (or the fields of the dialog): old, new, repeat; resolves with the answer. */
async function changePasswordOnSetup(page, oldPassword, newPassword) {
  const setup = page.locator('[data-test=account-setup]')
  await setup.getByPlaceholder('请输入原密码').fill(oldPassword)
  await setup.getByPlaceholder('请输入新密码').fill(newPassword)
  await setup.getByPlaceholder('请再次输入新密码').fill(newPassword)
  const answer = nextAnswer(page, 'POST', '/api/auth/password/change')
  await setup.getByRole('button', { name: '修改密码并继续' }).click()
  return answer
}

/**
 * A new authority account on the shared server through `qsm user add` (the password on standard input; an
 * initial password: it must be changed at the first login).
 */
function addAuthorityAccount(username, password) {
  const authority = demoRegistry().authorities.find((a) => a.code === 'YP')
  const prefix = JSON.parse(process.env.QSM_CLI ?? '[]')
  assert.ok(prefix.length > 0, 'QSM_CLI is not set')
  execFileSync(prefix[0], [...prefix.slice(1), 'user', 'add', username, '--role', 'authority', '--authority', authority.code,
    '--name', `${authority.name}（测试）`], { input: `${password}\n`, encoding: 'utf8' })
}

/** The menu entries' texts. */
async function menuTexts(page) {
  await page.locator('.side-menu').waitFor()
  return (await page.locator('.side-menu .el-menu-item, .side-menu .el-sub-menu__title').allInnerTexts()).map((t) => t.trim())
}

// ---------------------------------------------------------------------------------------------------------------
// The default policy (the shared server): forced password changes and the administrators' duties.

const NEW_USER = 'jdz_yp_new'
/** The desktop screenshot's account (a name that does not contain NEW_USER: rows are found by text). */
const DESKTOP_USER = 'jdz_yp_desk'
const INITIAL_PASSWORD = 'Init#2026pass'
const CHOSEN_PASSWORD = 'Chosen#2026pw'

test('a new account must change its initial password at its first login (phone and desktop)', { timeout: 120_000 }, async () => {
  addAuthorityAccount(NEW_USER, INITIAL_PASSWORD)
  await withBrowser('account-first-login-phone', PHONE, async (page) => {
    await page.goto(url('/authority/acceptance'))
    await page.waitForURL((u) => u.pathname === '/login')
    await submitPasswordLogin(page, NEW_USER, INITIAL_PASSWORD)
    await expectSetupStage(page, 'change_password')
    // The page asked for is kept for after the setup.
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/authority/acceptance')
    await page.locator('[data-test=password-reason]', { hasText: /初始密码|重置密码/ }).waitFor()
    await expectPhoneFriendly(page, 'change_password on a phone')
    await shoot(page, 'account-setup-password-phone')

    // Every other page leads back here while the stage is open (remembering it as the page to go on to).
    await page.goto(url('/registry/projects'))
    await expectSetupStage(page, 'change_password')
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/registry/projects')
    await page.goto(url('/authority/acceptance'))
    await expectSetupStage(page, 'change_password')

    // The rule is checked before anything is sent: too short, too plain, the old one, not repeated.
    const setup = page.locator('[data-test=account-setup]')
    let sent = 0
    const count = (r) => { if (new URL(r.url()).pathname === '/api/auth/password/change') sent++ }
    page.on('request', count)
    for (const [candidate, reason] of [['Ab1#', '密码至少 10 位'], ['abcdefgh12', '至少三类'], [INITIAL_PASSWORD, '不能与原密码相同']]) {
      await setup.getByPlaceholder('请输入原密码').fill(INITIAL_PASSWORD)
      await setup.getByPlaceholder('请输入新密码').fill(candidate)
      await setup.getByPlaceholder('请再次输入新密码').fill(candidate)
      await setup.getByRole('button', { name: '修改密码并继续' }).click()
      await setup.locator('.el-form-item__error', { hasText: reason }).waitFor()
    }
    await setup.getByPlaceholder('请输入新密码').fill(CHOSEN_PASSWORD)
    await setup.getByPlaceholder('请再次输入新密码').fill('Other#2026pw')
    await setup.getByRole('button', { name: '修改密码并继续' }).click()
    await setup.locator('.el-form-item__error', { hasText: '两次输入的新密码不一致' }).waitFor()
    page.off('request', count)
    assert.equal(sent, 0, 'nothing is sent while the form is wrong')

    const answer = await changePasswordOnSetup(page, INITIAL_PASSWORD, CHOSEN_PASSWORD)
    assert.equal(answer.status(), 200, `password change: ${await answer.text()}`)
    assert.equal((await answer.json()).me.setup ?? null, null)
    await page.waitForURL((u) => u.pathname === '/authority/acceptance')
    await expectRole(page, '监督机构用户')
  })

  // The same stage on the desktop, for the screenshot: a second account.
  addAuthorityAccount(DESKTOP_USER, INITIAL_PASSWORD)
  await withBrowser('account-first-login-desktop', async (page) => {
    await page.goto(url('/login'))
    await submitPasswordLogin(page, DESKTOP_USER, INITIAL_PASSWORD)
    await expectSetupStage(page, 'change_password')
    await shoot(page, 'account-setup-password-desktop')
    // 退出登录 from the setup page ends the session.
    await page.locator('[data-test=account-setup]').getByRole('button', { name: '退出登录' }).click()
    await confirmMessageBox(page, '退出登录')
    await page.waitForURL((u) => u.pathname === '/login')
    await page.goto(url('/inbox'))
    await page.waitForURL((u) => u.pathname === '/login')
  })
})

test('admin resets a password on 用户管理: the generated one is shown to copy and must be changed at the next login', { timeout: 120_000 }, async () => {
  let temporary = ''
  await withBrowser('account-admin-reset-password', async (page) => {
    await page.goto(url('/login'))
    await submitPasswordLogin(page, 'admin', DEMO_PASSWORD)
    await expectRole(page, '系统管理员')
    const menu = await menuTexts(page)
    assert.ok(menu.includes('用户管理'), `admin has 用户管理: ${menu}`)
    // 账号管理 (second factors, locks, sessions) is the security administrator's; the admin's resets are on 用户管理.
    assert.ok(!menu.includes('账号管理'), `账号管理 is the security administrator's: ${menu}`)
    assert.ok(!menu.includes('登录日志'), `the login log is the auditor's: ${menu}`)

    await page.getByRole('menuitem', { name: '用户管理' }).click()
    await page.waitForURL((u) => u.pathname === '/admin/users')
    const row = tableRow(page, NEW_USER).first()
    await row.waitFor()
    // The admin's duty is passwords: no 重置第二因素 here.
    assert.equal(await row.getByRole('button', { name: '重置第二因素' }).count(), 0)
    await row.getByRole('button', { name: '重置密码' }).click()
    const dialog = page.locator('[data-test=password-dialog]')
    await dialog.waitFor()
    await dialog.getByRole('button', { name: '生成' }).click()
    temporary = await dialog.locator('[data-test=reset-password]').inputValue()
    assert.ok(temporary.length >= 10, `a generated password: ${temporary}`)
    await dialog.getByText('下次登录时必须修改').waitFor()
    await dialog.getByRole('button', { name: '复制' }).click()
    await screenshot(page, 'account-admin-temporary-password')
    await dialog.locator('[data-test=reset-submit]').click()
    const reset = nextAnswer(page, 'POST', /\/api\/admin\/users\/[^/]+\/reset-password$/)
    const question = await confirmMessageBox(page, '重置密码')
    assert.ok(question.includes(NEW_USER), `the confirmation names the account: ${question}`)
    const answer = await reset
    assert.equal(answer.status(), 200, `reset: ${await answer.text()}`)
    await dialog.waitFor({ state: 'hidden' })
    // The row now says the password must be changed.
    const mustChange = await columnIndex(page, '须改密码')
    await waitFor(async () => {
      const rows = await tableRows(page)
      return rows.some((cells) => cells.includes(NEW_USER) && cells[mustChange] === '是')
    }, { message: `${NEW_USER} must change its password` })
  })

  await withBrowser('account-temporary-password', async (page) => {
    await page.goto(url('/login'))
    await submitPasswordLogin(page, NEW_USER, CHOSEN_PASSWORD)
    await page.locator('#pane-password .el-alert--error').waitFor()
    await submitPasswordLogin(page, NEW_USER, temporary)
    await expectSetupStage(page, 'change_password')
    await page.locator('[data-test=password-reason]', { hasText: /重置密码/ }).waitFor()
    const answer = await changePasswordOnSetup(page, temporary, 'Again#2026pw')
    assert.equal(answer.status(), 200, `password change: ${await answer.text()}`)
    await page.waitForURL((u) => u.pathname !== '/account/setup')
    await expectRole(page, '监督机构用户')
    // 账号安全: no second factor yet (optional here), the password's expiry, the way to change it.
    await page.goto(url('/account/security'))
    await page.locator('[data-test=factor-state]', { hasText: '未启用' }).waitFor()
    await page.locator('[data-test=enrol-start]').waitFor()
    await page.locator('[data-test=password-expiry-date]').waitFor()
  })
})

test('the auditor reads the login log and the audit log, and sees no business menu', { timeout: 90_000 }, async () => {
  await withBrowser('account-auditor', async (page) => {
    await page.goto(url('/login'))
    // A failed attempt to find in the log.
    await submitPasswordLogin(page, NEW_USER, 'not-the-password')
    await page.locator('#pane-password .el-alert--error').waitFor()
    await submitPasswordLogin(page, 'auditor', DEMO_PASSWORD)
    await expectRole(page, '审计管理员')
    await page.waitForURL((u) => u.pathname === '/admin/login-logs')

    const menu = await menuTexts(page)
    for (const entry of ['登录日志', '审计日志', '账号安全']) assert.ok(menu.includes(entry), `${entry} in ${menu}`)
    for (const entry of ['待办事项', '统计看板', '工程信息', '数据导入', '账号管理', '监督机构受理']) {
      assert.ok(!menu.includes(entry), `no ${entry} for the auditor: ${menu}`)
    }

    // 登录日志 filtered: failures of the new account.
    const rows = await waitFor(async () => {
      const r = await tableRows(page)
      return r.length > 0 && r[0].length > 1 ? r : null
    }, { message: 'login log rows' })
    assert.ok(rows.length > 0)
    await page.locator('[data-test=success-filter]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '失败' }).click()
    await page.locator('[data-test=who-filter]').fill(NEW_USER)
    const filtered = nextAnswer(page, 'GET', '/api/admin/login-log')
    await page.locator('[data-test=login-log-query]').getByRole('button', { name: '搜索' }).click()
    const answer = await filtered
    const query = new URL(answer.url()).searchParams
    assert.equal(query.get('success'), 'false')
    assert.equal(query.get('who'), NEW_USER)
    assert.equal(answer.status(), 200, `login-log: ${await answer.text()}`)
    const result = await columnIndex(page, '结果')
    const who = await columnIndex(page, '用户')
    const failures = await waitFor(async () => {
      const r = await tableRows(page)
      return r.length > 0 && r[0].length > 1 ? r : null
    }, { message: 'failed attempts of the new account' })
    for (const cells of failures) {
      assert.equal(cells[result], '失败')
      assert.ok(cells[who].includes(NEW_USER), `row of ${cells[who]}`)
    }
    await screenshot(page, 'account-auditor-login-log')

    // 审计日志: the retention policy, and the account records of the earlier tests.
    await page.getByRole('menuitem', { name: '审计日志' }).click()
    await page.waitForURL((u) => u.pathname === '/admin/audit-log')
    await page.locator('[data-test=audit-retention]', { hasText: '永久保存' }).waitFor()
    const all = await waitFor(async () => {
      const r = await tableRows(page)
      return r.length > 0 && r[0].length > 1 ? r : null
    }, { message: 'audit rows' })
    assert.ok(all.length > 0 && (await paginationTotal(page)) > 0)
    await page.locator('[data-test=entity-filter]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '账号' }).first().click()
    const accountRecords = nextAnswer(page, 'GET', '/api/admin/audit-log')
    await page.locator('[data-test=audit-log-query]').getByRole('button', { name: '搜索' }).click()
    const records = await accountRecords
    assert.equal(new URL(records.url()).searchParams.get('entity'), 'account')
    const body = await records.json()
    assert.ok(body.items.length > 0, 'account records: password changes and the reset')
    assert.ok(body.items.every((item) => item.entity === 'account'))
    // The actions by name: the reset of the admin and the new account's own changes.
    const action = await columnIndex(page, '操作')
    await waitFor(async () => {
      const names = (await tableRows(page)).map((cells) => cells[action])
      return names.includes('重置密码') && names.includes('修改密码')
    }, { message: '重置密码 and 修改密码 in the audit log' })
    await screenshot(page, 'account-auditor-audit-log')

    // Business pages are refused.
    await page.goto(url('/registry/projects'))
    await page.getByText('无权访问').first().waitFor()
  })
})

// ---------------------------------------------------------------------------------------------------------------
// `--second-factor required`: a server of its own.

let strict = null
before(async () => {
  if (skip) return
  strict = await startServer({ args: ['--second-factor', 'required'] })
})
after(async () => {
  await strict?.stop()
})

const strictUrl = (p) => strict.base + p
const ENROLLED = 'jdz_mh'

test('enrolment: QR secret → recovery codes → logout → the code lets in; a recovery code works once', { skip, timeout: 300_000 }, async () => {
  assert.ok(BASE_URL)
  let secret = ''
  let codes = []
  // The enrolment on a phone, with the screenshots of each step; then the desktop's view of the same stage.
  await withBrowser('account-enrol-phone', PHONE, async (page) => {
    await page.goto(strictUrl('/login'))
    await submitPasswordLogin(page, ENROLLED, DEMO_PASSWORD)
    await expectSetupStage(page, 'enrol_second_factor')
    await page.locator('[data-test=totp-secret]').waitFor()
    await expectPhoneFriendly(page, 'enrolment on a phone')
    ;({ secret, codes } = await enrol(page, {
      shots: {
        qr: () => shoot(page, 'account-setup-enrol-phone'),
        codes: async () => {
          await expectPhoneFriendly(page, 'recovery codes on a phone')
          await shoot(page, 'account-setup-codes-phone')
        },
      },
    }))
    await page.waitForURL((u) => u.pathname === '/inbox')
    await expectRole(page, '监督机构用户')
    await logoutFromHeader(page)

    // The next login asks for the code: a wrong one is refused with the tries left, the right one lets in.
    await submitPasswordLogin(page, ENROLLED, DEMO_PASSWORD)
    await expectSetupStage(page, 'second_factor')
    const input = page.locator('[data-test=totp-code]')
    assert.equal(await input.getAttribute('inputmode'), 'numeric')
    assert.equal(await input.getAttribute('autocomplete'), 'one-time-code')
    await waitFor(() => input.evaluate((el) => el === document.activeElement), { message: 'the code field has the focus' })
    await expectPhoneFriendly(page, 'second factor on a phone')
    await shoot(page, 'account-setup-code-phone')
    await input.fill('000000' === totp(secret, currentStep()) ? '111111' : '000000')
    const wrong = nextAnswer(page, 'POST', '/api/auth/second-factor')
    await page.locator('[data-test=account-setup]').getByRole('button', { name: '验证', exact: true }).click()
    assert.equal((await wrong).status(), 422)
    await page.locator('[data-test=account-setup] .el-form-item__error', { hasText: '动态口令不正确' }).waitFor()
    const right = await typeSecondFactor(page, { secret })
    assert.equal(right.status(), 200, `second factor: ${await right.text()}`)
    await page.waitForURL((u) => u.pathname === '/inbox')
  })

  await withBrowser('account-enrol-desktop', async (page) => {
    // A recovery code instead of the app: accepted once.
    await page.goto(strictUrl('/authority/monthly'))
    await submitPasswordLogin(page, ENROLLED, DEMO_PASSWORD)
    await expectSetupStage(page, 'second_factor')
    await shoot(page, 'account-setup-code-desktop')
    await page.locator('[data-test=toggle-recovery]').click()
    await page.locator('[data-test=recovery-code]').waitFor()
    await shoot(page, 'account-setup-recovery-desktop')
    const used = await typeSecondFactor(page, { recovery: codes[0] })
    assert.equal(used.status(), 200, `recovery code: ${await used.text()}`)
    await page.waitForURL((u) => u.pathname === '/authority/monthly')

    // 账号安全 counts the codes left.
    await page.goto(strictUrl('/account/security'))
    await page.locator('[data-test=factor-state]', { hasText: '已启用' }).waitFor()
    await page.locator('[data-test=codes-left]', { hasText: '9' }).waitFor()
    await logoutFromHeader(page)

    await submitPasswordLogin(page, ENROLLED, DEMO_PASSWORD)
    await expectSetupStage(page, 'second_factor')
    const again = await typeSecondFactor(page, { recovery: codes[0] })
    assert.equal(again.status(), 422, 'a used recovery code is refused')
    await page.locator('[data-test=account-setup] .el-form-item__error').waitFor()
    const code = await typeSecondFactor(page, { secret })
    assert.equal(code.status(), 200, `second factor: ${await code.text()}`)
    await page.waitForURL((u) => u.pathname !== '/account/setup')
  })

  // The enrolment stage on the desktop (another account), for the screenshot.
  await withBrowser('account-enrol-desktop-shot', async (page) => {
    await page.goto(strictUrl('/login'))
    await submitPasswordLogin(page, 'jdz_pd', DEMO_PASSWORD)
    await expectSetupStage(page, 'enrol_second_factor')
    await page.locator('[data-test=totp-secret]').waitFor()
    await shoot(page, 'account-setup-enrol-desktop')
  })
})

test('the security administrator resets a second factor (confirmed); the account enrols again', { skip, timeout: 300_000 }, async () => {
  const { page: admin, close } = await openBrowser('account-secadmin')
  try {
    await admin.goto(strictUrl('/login'))
    await submitPasswordLogin(admin, 'secadmin', DEMO_PASSWORD)
    // The policy requires a factor of the security administrator too.
    await expectSetupStage(admin, 'enrol_second_factor')
    await enrol(admin)
    await admin.waitForURL((u) => u.pathname === '/admin/accounts')
    await expectRole(admin, '安全管理员')
    const menu = await menuTexts(admin)
    assert.ok(!menu.includes('工程信息') && !menu.includes('登录日志') && !menu.includes('数据导入'), `secadmin's menu: ${menu}`)
    await admin.locator('[data-test=security-policy]').getByText('必须启用', { exact: false }).waitFor()

    const row = tableRow(admin, ENROLLED).first()
    await row.waitFor()
    const factor = await columnIndex(admin, '第二因素')
    await waitFor(async () => (await tableRows(admin)).some((c) => c.includes(ENROLLED) && c[factor] === '已启用'),
      { message: `${ENROLLED} has a second factor` })
    assert.equal(await row.getByRole('button', { name: '重置密码' }).count(), 0, 'passwords are the admin\'s duty')

    // Cancelled: nothing happens.
    await row.getByRole('button', { name: '重置第二因素' }).click()
    await confirmMessageBox(admin, '取消')
    await row.getByRole('button', { name: '重置第二因素' }).click()
    const reset = nextAnswer(admin, 'POST', /\/api\/admin\/accounts\/[^/]+\/second-factor\/reset$/)
    const question = await confirmMessageBox(admin, '重置第二因素')
    assert.ok(question.includes(ENROLLED), `the confirmation names the account: ${question}`)
    assert.equal((await reset).status(), 200)
    await waitFor(async () => (await tableRows(admin)).some((c) => c.includes(ENROLLED) && c[factor] === '未启用'),
      { message: `${ENROLLED}'s factor removed` })
    await screenshot(admin, 'account-secadmin-accounts')
  } finally {
    await close()
  }

  // The account enrols again at its next login (its old codes are gone).
  await withBrowser('account-enrol-again', async (page) => {
    await page.goto(strictUrl('/login'))
    await submitPasswordLogin(page, ENROLLED, DEMO_PASSWORD)
    await expectSetupStage(page, 'enrol_second_factor')
    await page.locator('[data-test=totp-secret]').waitFor()
  })
})

test('a password near its expiry: a notification once per session, a banner until dismissed or changed', { timeout: 180_000 }, async () => {
  // Passwords last 5 days here: the demo's, set just now, are inside the 7-day warning.
  const expiring = await startServer({ args: ['--password-max-age-days', '5'] })
  try {
    await withBrowser('account-password-expiry', async (page) => {
      await page.goto(expiring.base + '/login')
      await submitPasswordLogin(page, 'jdz_hp', DEMO_PASSWORD)
      await expectRole(page, '监督机构用户')
      const notification = page.locator('.el-notification', { hasText: '密码即将到期' })
      await notification.waitFor()
      const banner = page.locator('[data-test=password-expiry]')
      await banner.getByText(/您的密码将于 \d{4}-\d{2}-\d{2} 到期，请及时修改/).waitFor()
      await page.waitForTimeout(400) // the notification has slid in
      await screenshot(page, 'account-password-expiry-banner')

      // Once per session: not again after a reload; the banner stays until dismissed.
      await page.reload()
      await banner.waitFor()
      await page.waitForTimeout(500)
      assert.equal(await notification.count(), 0, 'the notification comes once per session')
      await banner.locator('.el-alert__close-btn').click()
      await banner.waitFor({ state: 'hidden' })
      await page.reload()
      await page.locator('[data-test=role-label]').waitFor()
      assert.equal(await banner.count(), 0, 'a dismissed banner stays away this session')

      // 账号安全 says when; 修改密码 there takes the answer's identity. (A 5-day policy is always inside the 7-day
      // warning, so the new password is warned about too: the test checks the answer's `me` is taken.)
      await page.goto(expiring.base + '/account/security')
      await page.locator('[data-test=password-expiry-date]', { hasText: /\d{4}-\d{2}-\d{2} 到期/ }).waitFor()
      await page.getByText('即将到期').waitFor()
      await page.locator('[data-test=change-password]').click()
      const dialog = page.locator('.el-dialog', { hasText: '修改密码' })
      await dialog.waitFor({ state: 'visible' })
      await dialog.getByPlaceholder('请输入原密码').fill(DEMO_PASSWORD)
      await dialog.getByPlaceholder('请输入新密码').fill('Renewed#2026pw')
      await dialog.getByPlaceholder('请再次输入新密码').fill('Renewed#2026pw')
      const changed = nextAnswer(page, 'POST', '/api/auth/password/change')
      await dialog.getByRole('button', { name: '确定', exact: true }).click()
      const answer = await changed
      assert.equal(answer.status(), 200, `password change: ${await answer.text()}`)
      const me = (await answer.json()).me
      assert.ok(me?.password_expires_at, 'the answer carries the new identity')
      await dialog.waitFor({ state: 'hidden' })
      await page.locator('.el-message--success', { hasText: '密码已修改' }).waitFor()
      const shown = (await page.locator('[data-test=password-expiry-date]').innerText()).trim()
      assert.equal(shown, `${me.password_expires_at.slice(0, 10)} 到期`)
    })
  } finally {
    await expiring.stop()
  }
})
