// 系统管理 console (issue 27) through the browser: 用户管理 (a new authority account made in the dialog must change its
// initial password at its first login; 停用 refuses the login with the server's reason and ends the sessions; 启用),
// 在线用户 (强退 of another browser's session sends it back to the login page) and 参数设置 (the form's own rules, the
// server's 422 under its field, a confirmed save that a reload shows). Each page is photographed at 1440×900.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, columnIndex, confirmMessageBox, dialogTitled, expectRole, formItem, logoutFromHeader, nextAnswer,
  screenshot, submitPasswordLogin, tableRow, tableRows, url, waitFor, withBrowser, withBrowsers,
} from './helpers.mjs'

const NEW_USER = 'jdz_console'
const INITIAL_PASSWORD = 'Init#2026console'
const CHOSEN_PASSWORD = 'Chosen#2026console'

/** Lets transitions (an error's fade, a field's red border) end before a screenshot. */
async function settle(page) {
  await page.waitForTimeout(400)
}

/** Signs the system administrator in (the shared server's policy leaves the second factor optional). */
async function adminLogin(page) {
  await page.goto(url('/login'))
  await submitPasswordLogin(page, 'admin', DEMO_PASSWORD)
  await expectRole(page, '系统管理员')
}

/** Signs a password account in and waits for its role. */
async function accountLogin(page, username, password, roleLabel = '监督机构用户') {
  await page.goto(url('/login'))
  await submitPasswordLogin(page, username, password)
  await expectRole(page, roleLabel)
}

/** Opens a 系统管理 menu entry and waits for its list (or form) to have answered. */
async function openMenu(page, entry, path, api) {
  const answer = api ? nextAnswer(page, 'GET', api) : null
  await page.getByRole('menuitem', { name: entry, exact: true }).click()
  await page.waitForURL((u) => u.pathname === path)
  if (answer) assert.equal((await answer).status(), 200, `${api}: ${await (await answer).text()}`)
}

/** 用户管理's 关键字 search; resolves once the list has answered. */
async function searchUsers(page, q) {
  await page.locator('[data-test=users-q]').fill(q)
  const answer = nextAnswer(page, 'GET', '/api/admin/users')
  await page.locator('[data-test=users-query]').getByRole('button', { name: '搜索' }).click()
  assert.equal((await answer).status(), 200)
  await tableRows(page)
}

/** The system administrator's API from node (a session of its own), for what the test sets up or puts back. */
async function adminApi() {
  const login = await fetch(url('/api/auth/password'), {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  })
  assert.equal(login.status, 200, `admin login: ${await login.clone().text()}`)
  const cookie = login.headers.get('set-cookie').split(';')[0]
  const csrf = (await login.json()).me.csrf_token
  return async (method, path, body) => {
    const r = await fetch(url(path), {
      method,
      headers: { cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`)
    return JSON.parse(text)
  }
}

test('用户管理: a new authority account from the dialog changes its initial password at its first login', { timeout: 120_000 }, async () => {
  await withBrowser('admin-console-users', async (page) => {
    await adminLogin(page)
    await openMenu(page, '用户管理', '/admin/users', '/api/admin/users')
    const rows = await waitFor(async () => {
      const r = await tableRows(page)
      return r.length > 0 && r[0].length > 1 ? r : null
    }, { message: 'user rows' })
    const username = await columnIndex(page, '用户名')
    assert.ok(rows.some((cells) => cells[username].startsWith('admin')), 'the admin is listed')
    // The admin's own row: 本人, and 停用 refused (the server refuses it too).
    const own = tableRow(page, '本人').first()
    assert.ok(await own.locator('[data-test=user-disable]').isDisabled(), 'nobody disables himself')
    assert.ok(await own.locator('[data-test=user-reset_password]').isDisabled(), 'one\'s own password: 修改密码')
    assert.equal(await own.locator('[data-test=user-end_sessions]').count(), 0, 'one\'s own sessions: 退出登录')
    await screenshot(page, 'admin-console-users-list')

    // 新增: the required fields are starred; nothing is sent while they are empty or wrong.
    await page.locator('[data-test=user-create]').click()
    const dialog = dialogTitled(page, '新增用户')
    await dialog.waitFor()
    for (const label of ['用户名', '姓名', '角色', '所属监督机构', '初始密码']) {
      assert.match(await formItem(dialog, label).first().getAttribute('class'), /is-required/, `${label} is starred`)
    }
    let sent = 0
    const count = (r) => { if (new URL(r.url()).pathname === '/api/admin/users' && r.method() === 'POST') sent++ }
    page.on('request', count)
    await dialog.locator('[data-test=user-username]').fill('1bad')
    await dialog.locator('[data-test=user-password]').fill('short')
    await dialog.locator('[data-test=user-submit]').click()
    await formItem(dialog, '用户名').locator('.el-form-item__error', { hasText: '用户名应以字母开头' }).waitFor()
    await formItem(dialog, '姓名').locator('.el-form-item__error', { hasText: '请输入姓名' }).waitFor()
    await formItem(dialog, '所属监督机构').locator('.el-form-item__error', { hasText: '须选择所属监督机构' }).waitFor()
    await formItem(dialog, '初始密码').locator('.el-form-item__error', { hasText: '密码至少 10 位' }).waitFor()
    page.off('request', count)
    assert.equal(sent, 0, 'nothing is sent while the form is wrong')

    // A taken username: the server's 409 goes under 用户名.
    await dialog.locator('[data-test=user-username]').fill('jdz_hp')
    await dialog.locator('[data-test=user-name]').fill('徐汇站新同事')
    await dialog.locator('[data-test=user-authority]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '徐汇区' }).first().click()
    await dialog.locator('[data-test=user-password]').fill(INITIAL_PASSWORD)
    const taken = nextAnswer(page, 'POST', '/api/admin/users')
    await dialog.locator('[data-test=user-submit]').click()
    const refused = await taken
    assert.equal(refused.status(), 409, `taken username: ${await refused.text()}`)
    const reason = (await refused.json()).error.message
    await formItem(dialog, '用户名').locator('.el-form-item__error', { hasText: reason }).waitFor()

    // Editing the field takes the server's complaint away.
    await dialog.locator('[data-test=user-username]').fill(NEW_USER)
    await formItem(dialog, '用户名').locator('.el-form-item__error').waitFor({ state: 'detached' })
    await settle(page)
    await screenshot(page, 'admin-console-user-dialog')
    const created = nextAnswer(page, 'POST', '/api/admin/users')
    await dialog.locator('[data-test=user-submit]').click()
    const answer = await created
    assert.equal(answer.status(), 201, `create: ${await answer.text()}`)
    const item = await answer.json()
    assert.equal(item.username, NEW_USER)
    assert.equal(item.authority?.code, 'XH')
    assert.equal(item.must_change_password, true)
    await dialog.waitFor({ state: 'hidden' })

    // The new row: 须改密码 是, never signed in.
    await searchUsers(page, NEW_USER)
    const mustChange = await columnIndex(page, '须改密码')
    const lastLogin = await columnIndex(page, '最近登录')
    await waitFor(async () => (await tableRows(page)).some((cells) =>
      cells.some((c) => c.includes(NEW_USER)) && cells[mustChange] === '是' && cells[lastLogin] === '从未登录'),
    { message: `${NEW_USER} listed, to change its password` })

    // 修改: 姓名 (用户名 and 角色 stay as they are).
    await tableRow(page, NEW_USER).first().locator('[data-test=user-edit]').click()
    const edit = dialogTitled(page, '修改用户')
    await edit.waitFor()
    assert.equal(await edit.locator('[data-test=user-username]').count(), 0, '用户名 is not edited')
    await edit.locator('[data-test=user-name]').fill('徐汇站王工')
    const updated = nextAnswer(page, 'PUT', /^\/api\/admin\/users\/[^/]+$/)
    await edit.locator('[data-test=user-submit]').click()
    const put = await updated
    assert.equal(put.status(), 200, `update: ${await put.text()}`)
    assert.deepEqual(JSON.parse(put.request().postData()), { name: '徐汇站王工' }, 'only what changed is sent')
    await edit.waitFor({ state: 'hidden' })
    await tableRow(page, '徐汇站王工').first().waitFor()

    // The first login: the forced change, then the authority's home.
    await logoutFromHeader(page)
    await submitPasswordLogin(page, NEW_USER, INITIAL_PASSWORD)
    await page.waitForURL((u) => u.pathname === '/account/setup')
    const setup = page.locator('[data-test=account-setup][data-stage=change_password]')
    await setup.waitFor()
    await page.locator('[data-test=password-reason]', { hasText: /初始密码/ }).waitFor()
    await setup.getByPlaceholder('请输入原密码').fill(INITIAL_PASSWORD)
    await setup.getByPlaceholder('请输入新密码').fill(CHOSEN_PASSWORD)
    await setup.getByPlaceholder('请再次输入新密码').fill(CHOSEN_PASSWORD)
    const changed = nextAnswer(page, 'POST', '/api/auth/password/change')
    await setup.getByRole('button', { name: '修改密码并继续' }).click()
    assert.equal((await changed).status(), 200)
    await page.waitForURL((u) => u.pathname === '/inbox')
    await expectRole(page, '监督机构用户')
  })
})

test('在线用户: 强退 of another browser\'s session (confirmed) sends it to the login page', { timeout: 120_000 }, async () => {
  await withBrowsers(async (open) => {
    const { page: other } = await open('admin-console-kicked')
    await accountLogin(other, 'jdz_xh', DEMO_PASSWORD)

    const { page } = await open('admin-console-sessions')
    await adminLogin(page)
    // 用户管理 shows the live session and offers 强退 on the row.
    await openMenu(page, '用户管理', '/admin/users', '/api/admin/users')
    await searchUsers(page, 'jdz_xh')
    const sessions = await columnIndex(page, '在线会话')
    await waitFor(async () => (await tableRows(page)).some((cells) => cells.some((c) => c.includes('jdz_xh')) && cells[sessions] === '1'),
      { message: 'jdz_xh has one session' })
    await tableRow(page, 'jdz_xh').first().locator('[data-test=user-end_sessions]').waitFor()

    await openMenu(page, '在线用户', '/admin/sessions', '/api/admin/sessions')
    await tableRow(page, 'jdz_xh').first().waitFor()
    // The caller's own session is marked and not ended here.
    const own = tableRow(page, '当前会话').first()
    await own.waitFor()
    assert.ok(await own.locator('[data-test=session-end]').isDisabled(), 'one\'s own session is ended by 退出登录')
    await screenshot(page, 'admin-console-sessions-page')

    // Cancelled: nothing happens.
    const row = tableRow(page, 'jdz_xh').first()
    await row.locator('[data-test=session-end]').click()
    await confirmMessageBox(page, '取消')
    await row.locator('[data-test=session-end]').click()
    const ended = nextAnswer(page, 'DELETE', /^\/api\/admin\/sessions\/[^/]+$/)
    const question = await confirmMessageBox(page, '强退')
    assert.ok(question.includes('jdz_xh'), `the confirmation names the user: ${question}`)
    assert.equal((await ended).status(), 200)
    await page.locator('.el-message--success', { hasText: '已强制退出' }).waitFor()
    await waitFor(async () => (await tableRows(page)).every((cells) => !cells.some((c) => c.includes('jdz_xh'))),
      { message: 'the session gone from the list' })

    // The other browser's next navigation: the session is gone, back to the login page.
    await other.getByRole('menuitem', { name: '月度评价查看' }).click()
    await waitFor(async () => new URL(other.url()).pathname === '/login' ||
      (await other.locator('.el-message-box', { hasText: '登录已过期' }).isVisible()), { message: 'the session refused' })
    if (new URL(other.url()).pathname !== '/login') {
      await other.locator('.el-message-box').getByRole('button', { name: '重新登录' }).click()
    }
    await other.waitForURL((u) => u.pathname === '/login')
    await other.goto(url('/authority/acceptance'))
    await other.waitForURL((u) => u.pathname === '/login')
  })
})

test('用户管理: 停用 ends the sessions and refuses the login with the server\'s reason; 启用 lets in again', { timeout: 120_000 }, async () => {
  await withBrowsers(async (open) => {
    const { page: other } = await open('admin-console-disabled')
    await accountLogin(other, 'jdz_ja', DEMO_PASSWORD)

    const { page } = await open('admin-console-disable')
    await adminLogin(page)
    await openMenu(page, '用户管理', '/admin/users', '/api/admin/users')
    await searchUsers(page, 'jdz_ja')
    const row = tableRow(page, 'jdz_ja').first()
    await row.locator('[data-test=user-disable]').click()
    const disabled = nextAnswer(page, 'PUT', /^\/api\/admin\/users\/[^/]+$/)
    const question = await confirmMessageBox(page, '停用')
    assert.ok(question.includes('jdz_ja') && question.includes('会话'), `the confirmation names the account: ${question}`)
    const answer = await disabled
    assert.equal(answer.status(), 200, `disable: ${await answer.text()}`)
    assert.equal((await answer.json()).disabled, true)
    const state = await columnIndex(page, '状态')
    await waitFor(async () => (await tableRows(page)).some((cells) => cells.some((c) => c.includes('jdz_ja')) && cells[state] === '已停用'),
      { message: 'jdz_ja 已停用' })
    await row.locator('[data-test=user-enable]').waitFor()

    // The disabled account's browser is signed out, and its login refused with the server's words.
    await other.goto(url('/inbox'))
    await other.waitForURL((u) => u.pathname === '/login')
    const login = nextAnswer(other, 'POST', '/api/auth/password')
    await submitPasswordLogin(other, 'jdz_ja', DEMO_PASSWORD)
    const refused = await login
    assert.equal(refused.status(), 403)
    const body = await refused.json()
    assert.equal(body.error.code, 'account_disabled')
    await other.locator('#pane-password .el-alert--error', { hasText: body.error.message }).waitFor()
    await screenshot(other, 'admin-console-disabled-login')

    await row.locator('[data-test=user-enable]').click()
    const enabled = nextAnswer(page, 'PUT', /^\/api\/admin\/users\/[^/]+$/)
    await confirmMessageBox(page, '启用')
    assert.equal((await enabled).status(), 200)
    await waitFor(async () => (await tableRows(page)).some((cells) => cells.some((c) => c.includes('jdz_ja')) && cells[state] === '正常'),
      { message: 'jdz_ja 正常' })
    await accountLogin(other, 'jdz_ja', DEMO_PASSWORD)
  })
})

test('用户管理: 重置密码 with a generated password (confirmed) must be changed at the next login; 解锁 ends a lock', { timeout: 150_000 }, async () => {
  let password = ''
  await withBrowser('admin-console-reset', async (page) => {
    await adminLogin(page)
    await openMenu(page, '用户管理', '/admin/users', '/api/admin/users')
    await searchUsers(page, 'jdz_pd')
    await tableRow(page, 'jdz_pd').first().locator('[data-test=user-reset_password]').click()
    const dialog = dialogTitled(page, '重置密码')
    await dialog.waitFor()
    await dialog.getByText('jdz_pd').waitFor()
    assert.match(await formItem(dialog, '新密码').getAttribute('class'), /is-required/)
    await dialog.locator('[data-test=reset-password]').fill('abcdefghij')
    await dialog.locator('[data-test=reset-submit]').click()
    await formItem(dialog, '新密码').locator('.el-form-item__error', { hasText: '至少三类' }).waitFor()
    // 生成: a password of the policy, shown in clear, and the complaint gone.
    await dialog.getByRole('button', { name: '生成' }).click()
    password = await dialog.locator('[data-test=reset-password]').inputValue()
    assert.match(password, /^.{14}$/)
    assert.equal(await dialog.locator('[data-test=reset-password]').getAttribute('type'), 'text')
    await formItem(dialog, '新密码').locator('.el-form-item__error').waitFor({ state: 'detached' })
    await settle(page)
    await screenshot(page, 'admin-console-reset-dialog')
    await dialog.locator('[data-test=reset-submit]').click()
    const reset = nextAnswer(page, 'POST', /^\/api\/admin\/users\/[^/]+\/reset-password$/)
    const question = await confirmMessageBox(page, '重置密码')
    assert.ok(question.includes('jdz_pd'), `the confirmation names the account: ${question}`)
    assert.equal((await reset).status(), 200)
    await dialog.waitFor({ state: 'hidden' })
    const mustChange = await columnIndex(page, '须改密码')
    await waitFor(async () => (await tableRows(page)).some((cells) => cells.some((c) => c.includes('jdz_pd')) && cells[mustChange] === '是'),
      { message: 'jdz_pd must change its password' })
  })

  // The new password lets in to the forced change; the demo password comes back (the other tests use it).
  await withBrowser('admin-console-reset-login', async (page) => {
    await page.goto(url('/login'))
    await submitPasswordLogin(page, 'jdz_pd', password)
    await page.waitForURL((u) => u.pathname === '/account/setup')
    const setup = page.locator('[data-test=account-setup][data-stage=change_password]')
    await setup.waitFor()
    await page.locator('[data-test=password-reason]', { hasText: /重置密码/ }).waitFor()
    await setup.getByPlaceholder('请输入原密码').fill(password)
    await setup.getByPlaceholder('请输入新密码').fill(DEMO_PASSWORD)
    await setup.getByPlaceholder('请再次输入新密码').fill(DEMO_PASSWORD)
    const changed = nextAnswer(page, 'POST', '/api/auth/password/change')
    await setup.getByRole('button', { name: '修改密码并继续' }).click()
    assert.equal((await changed).status(), 200)
    await expectRole(page, '监督机构用户')

    // Wrong passwords until the lock (5 by default), then the administrator's 解锁.
    await logoutFromHeader(page)
    for (let i = 0; i < 5; i++) {
      const refused = nextAnswer(page, 'POST', '/api/auth/password')
      await submitPasswordLogin(page, 'jdz_pd', 'not-the-password')
      assert.notEqual((await refused).status(), 200)
    }
  })
  await withBrowser('admin-console-unlock', async (page) => {
    await adminLogin(page)
    await openMenu(page, '用户管理', '/admin/users', '/api/admin/users')
    await searchUsers(page, 'jdz_pd')
    const state = await columnIndex(page, '状态')
    await waitFor(async () => (await tableRows(page)).some((cells) => cells.some((c) => c.includes('jdz_pd')) && cells[state].startsWith('已锁定')),
      { message: 'jdz_pd 已锁定' })
    await tableRow(page, 'jdz_pd').first().locator('[data-test=user-unlock]').click()
    const unlocked = nextAnswer(page, 'POST', /^\/api\/admin\/users\/[^/]+\/unlock$/)
    await confirmMessageBox(page, '解锁')
    assert.equal((await unlocked).status(), 200)
    await waitFor(async () => (await tableRows(page)).some((cells) => cells.some((c) => c.includes('jdz_pd')) && cells[state] === '正常'),
      { message: 'jdz_pd 正常' })
  })
  await withBrowser('admin-console-unlocked', async (page) => {
    await accountLogin(page, 'jdz_pd', DEMO_PASSWORD)
  })
})

test('the security administrator sees 在线用户 (not 用户管理 or 参数设置); the system administrator not 账号管理', { timeout: 90_000 }, async () => {
  const menuTexts = async (page) => {
    await page.locator('.side-menu').waitFor()
    return (await page.locator('.side-menu .el-menu-item').allInnerTexts()).map((t) => t.trim())
  }
  await withBrowser('admin-console-secadmin', async (page) => {
    await accountLogin(page, 'secadmin', DEMO_PASSWORD, '安全管理员')
    await page.waitForURL((u) => u.pathname === '/admin/accounts')
    const menu = await menuTexts(page)
    for (const entry of ['账号管理', '在线用户']) assert.ok(menu.includes(entry), `${entry} in ${menu}`)
    for (const entry of ['用户管理', '参数设置', '数据导入']) assert.ok(!menu.includes(entry), `no ${entry} for secadmin: ${menu}`)
    await openMenu(page, '在线用户', '/admin/sessions', '/api/admin/sessions')
    await tableRow(page, '当前会话').first().waitFor()
    await page.goto(url('/admin/settings'))
    await page.getByText('无权访问').first().waitFor()
  })
  await withBrowser('admin-console-admin-menu', async (page) => {
    await adminLogin(page)
    const menu = await menuTexts(page)
    for (const entry of ['用户管理', '在线用户', '参数设置']) assert.ok(menu.includes(entry), `${entry} in ${menu}`)
    assert.ok(!menu.includes('账号管理'), `账号管理 is the security administrator's: ${menu}`)
  })
})

/** An el-input-number of the settings form: typed, then left (the value is taken on change). */
async function setNumber(page, key, value) {
  const input = page.locator(`[data-test=setting-${key}] input`)
  await input.fill(String(value))
  await input.press('Tab')
}

async function numberShown(page, key) {
  return page.locator(`[data-test=setting-${key}] input`).inputValue()
}

test('参数设置: the rules, the server\'s 422 under its field, a confirmed save that a reload shows', { timeout: 120_000 }, async () => {
  const api = await adminApi()
  const original = await api('GET', '/api/admin/settings')
  try {
    await withBrowser('admin-console-settings', async (page) => {
      await adminLogin(page)
      await openMenu(page, '参数设置', '/admin/settings', '/api/admin/settings')
      const form = page.locator('[data-test=settings-page]')
      for (const section of ['评价期限', '等级分数线', '抽查比对', '提醒', '会话', '导出与打印']) {
        await form.locator('.el-divider', { hasText: section }).waitFor()
      }
      await form.getByText('保存后数秒内在所有服务进程生效').first().waitFor()
      assert.equal(await numberShown(page, 'submit_deadline_day'), String(original.submit_deadline_day))
      await waitFor(async () => (await page.locator('.el-loading-mask:visible').count()) === 0, { message: 'the form loaded' })
      await screenshot(page, 'admin-console-settings-page')

      // The form's own rule: 优良 must be above 合格 (nothing is sent).
      let sent = 0
      const count = (r) => { if (new URL(r.url()).pathname === '/api/admin/settings' && r.method() === 'PUT') sent++ }
      page.on('request', count)
      await setNumber(page, 'submit_deadline_day', 12)
      await setNumber(page, 'grade_excellent', 70)
      await setNumber(page, 'grade_qualified', 75)
      await page.locator('[data-test=settings-unsaved]', { hasText: '3 项' }).waitFor()
      await page.locator('[data-test=settings-save]').click()
      await formItem(form, '优良分数线').locator('.el-form-item__error', { hasText: '优良分数线应高于合格分数线（75.00）' }).waitFor()
      await screenshot(page, 'admin-console-settings-errors')
      page.off('request', count)
      assert.equal(sent, 0, 'nothing is sent while the form is wrong')

      // 重置: back to the values loaded.
      await page.locator('[data-test=settings-reset]').click()
      assert.equal(await numberShown(page, 'submit_deadline_day'), String(original.submit_deadline_day))
      assert.equal(await numberShown(page, 'grade_excellent'), Number(original.grade_excellent).toFixed(2))
      assert.equal(await page.locator('[data-test=settings-unsaved]').count(), 0)

      // Meanwhile another administrator raises 合格 to 85 (and 优良 to 95): the page's 优良 82 passes its own rule (it
      // knows 合格 70), the server refuses it, and its reason appears under 优良分数线.
      await api('PUT', '/api/admin/settings', { grade_excellent: 95, grade_qualified: 85 })
      await setNumber(page, 'submit_deadline_day', 12)
      await setNumber(page, 'grade_excellent', 82)
      await page.locator('[data-test=settings-save]').click()
      const box = page.locator('.el-message-box')
      await box.waitFor()
      const listed = await box.locator('.el-message-box__message').innerText()
      assert.match(listed, new RegExp(`自评提交截止日：次月 ${original.submit_deadline_day} 日 → 次月 12 日`), listed)
      assert.match(listed, /优良分数线：\d+\.\d\d 分 → 82\.00 分/, listed)
      assert.ok(!listed.includes('合格分数线'), `only the changed fields are listed: ${listed}`)
      await settle(page)
      await screenshot(page, 'admin-console-settings-confirm')
      const refusedAnswer = nextAnswer(page, 'PUT', '/api/admin/settings')
      await box.getByRole('button', { name: '保存', exact: true }).click()
      const refused = await refusedAnswer
      assert.equal(refused.status(), 422, `stale 合格: ${await refused.text()}`)
      const reason = (await refused.json()).error.details.fields.grade_excellent
      assert.ok(reason, 'the server names grade_excellent')
      await formItem(form, '优良分数线').locator('.el-form-item__error', { hasText: reason }).waitFor()

      // A valid save: confirmed, answered with the whole settings, shown again after a reload.
      await setNumber(page, 'grade_excellent', 90)
      await page.locator('[data-test=settings-save]').click()
      const saved = nextAnswer(page, 'PUT', '/api/admin/settings')
      await confirmMessageBox(page, '保存')
      const answer = await saved
      assert.equal(answer.status(), 200, `save: ${await answer.text()}`)
      const body = await answer.json()
      assert.equal(body.submit_deadline_day, 12)
      assert.equal(Number(body.grade_excellent), 90)
      await page.locator('.el-message--success', { hasText: '保存后数秒内在所有服务进程生效' }).waitFor()
      // The answer's 合格 (85, set behind the page's back) is what the form shows now.
      assert.equal(await numberShown(page, 'grade_qualified'), '85.00')

      await page.reload()
      await page.locator('[data-test=setting-submit_deadline_day]').waitFor()
      await waitFor(async () => (await numberShown(page, 'submit_deadline_day')) === '12', { message: '12 after the reload' })
      assert.equal(await numberShown(page, 'grade_excellent'), '90.00')
      assert.equal(await numberShown(page, 'grade_qualified'), '85.00')
      // The newest change, as the server reports it: who, and which settings.
      const last = await page.locator('[data-test=settings-last-change]').innerText()
      assert.ok(last.includes('系统管理员') && last.includes('自评提交截止日') && last.includes('优良分数线'), `last change: ${last}`)
      await settle(page)
      await screenshot(page, 'admin-console-settings-saved')
    })
  } finally {
    // The other tests run on the same server: the settings go back as they were.
    const { meta: _meta, ...values } = original
    await api('PUT', '/api/admin/settings', values)
  }
})
