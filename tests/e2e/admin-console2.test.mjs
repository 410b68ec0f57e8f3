// 系统管理 console, second part (issue 27) through the browser: 定时任务 (立即执行 confirmed, its run listed under the
// administrator's name; 暂停 / 恢复), 通知公告 (an authority publishes to its district's contractors; the contractor's bell
// shows it, the notice keeps its line breaks and is never HTML, the badge goes; the administrator withdraws it and it
// is gone; the bell on a phone; 修改 of a stale version refused and told to refresh), and the auditor's logs (登录日志 by
// 登录方式 and 结果, 审计日志 by 所在区, both exported as .xlsx). Each page is photographed at 1440×900, the bell at 390×844.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, PHONE, certificateLogin, clientCertificateOptions, columnIndex, confirmMessageBox, demoRegistry,
  dialogTitled, expectNoSideScroll, expectRole, expectTappable, formItem, nextAnswer, screenshot, submitPasswordLogin,
  tableRow, tableRows, url, waitFor, withBrowser, withBrowsers,
} from './helpers.mjs'

/** Lets transitions (a dialog's fade, a popover's) end before a screenshot. */
async function settle(page) {
  await page.waitForTimeout(400)
}

/** Signs a password account in and waits for its role. */
async function accountLogin(page, username, roleLabel) {
  await page.goto(url('/login'))
  await submitPasswordLogin(page, username, DEMO_PASSWORD)
  await expectRole(page, roleLabel)
}

/** Opens a menu entry and waits for the page's first answer. */
async function openMenu(page, entry, path, api) {
  const answer = api ? nextAnswer(page, 'GET', api) : null
  await page.getByRole('menuitem', { name: entry, exact: true }).click()
  await page.waitForURL((u) => u.pathname === path)
  if (answer) assert.equal((await answer).status(), 200, `${api}: ${await (await answer).text()}`)
}

/** The system administrator's API from node (a session of its own), to put back what a failed test left. */
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

/** Clicks `button` and resolves with the saved download: its suggested name and its first bytes. */
async function download(page, button, pathname) {
  const request = page.waitForRequest((r) => new URL(r.url()).pathname === pathname)
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()])
  const saved = await file.path()
  const bytes = fs.readFileSync(saved)
  return { name: file.suggestedFilename(), bytes, query: new URL((await request).url()).searchParams }
}

/** Waits until the list has answered and returns its rows (possibly none). */
async function listedRows(page) {
  await page.locator('.el-table__header th').first().waitFor()
  return tableRows(page)
}

test('定时任务: 立即执行 (confirmed) lists a run under the administrator\'s name; 暂停 and 恢复', { timeout: 120_000 }, async () => {
  await withBrowser('admin-console2-jobs', async (page) => {
    await accountLogin(page, 'admin', '系统管理员')
    const name = (await page.locator('[data-test=display-name]').innerText()).trim()
    await openMenu(page, '定时任务', '/admin/jobs', '/api/admin/jobs')
    const card = page.locator('[data-test=job-reminders]')
    await card.waitFor()
    await card.getByText('逾期提醒短信', { exact: true }).waitFor()
    assert.equal((await card.locator('[data-test=job-state]').innerText()).trim(), '运行中')
    assert.ok((await card.locator('[data-test=job-schedule]').innerText()).trim().length > 0, 'the schedule is told')
    assert.equal(await card.locator('[data-test=job-settings-link]').getAttribute('href'), '/admin/settings')
    await listedRows(page)
    await settle(page)
    await screenshot(page, 'admin-console2-jobs-page')

    // Cancelled: nothing is sent.
    await card.locator('[data-test=job-run]').click()
    const asked = await confirmMessageBox(page, '取消')
    assert.match(asked, /立即向今天逾期的项目负责人发送提醒短信？同一事项每天至多一条/)

    await card.locator('[data-test=job-run]').click()
    const ran = nextAnswer(page, 'POST', '/api/admin/jobs/reminders/run')
    await confirmMessageBox(page, '立即执行')
    const answer = await ran
    assert.equal(answer.status(), 200, `run: ${await answer.text()}`)
    const run = await answer.json()
    await page.locator('.el-message', { hasText: `已发送 ${run.sent} 条，失败 ${run.failed} 条` }).waitFor()

    // The run heads the list, started by the administrator.
    const by = await columnIndex(page, '发起')
    const sent = await columnIndex(page, '已发送')
    const rows = await waitFor(async () => {
      const r = await tableRows(page)
      return r.length > 0 && r[0][by] === name ? r : null
    }, { message: `a run by ${name}` })
    assert.equal(rows[0][sent], String(run.sent))
    await card.getByText(name).first().waitFor()
    await settle(page)
    await screenshot(page, 'admin-console2-jobs-run')

    // 暂停 (confirmed) and 恢复.
    await card.locator('[data-test=job-pause]').click()
    const paused = nextAnswer(page, 'POST', '/api/admin/jobs/reminders/pause')
    const question = await confirmMessageBox(page, '暂停')
    assert.ok(question.includes('逾期提醒短信'), question)
    assert.equal((await paused).status(), 200)
    await waitFor(async () => (await card.locator('[data-test=job-state]').innerText()).trim() === '已暂停', { message: '已暂停' })
    await settle(page)
    await screenshot(page, 'admin-console2-jobs-paused')
    const resumed = nextAnswer(page, 'POST', '/api/admin/jobs/reminders/resume')
    await card.locator('[data-test=job-resume]').click()
    assert.equal((await resumed).status(), 200)
    await waitFor(async () => (await card.locator('[data-test=job-state]').innerText()).trim() === '运行中', { message: '运行中' })
    await card.locator('[data-test=job-pause]').waitFor()
  })
})

/** The first construction enterprise (its certificate) and the authority of its first project's district. */
function contractorAndAuthority() {
  const registry = demoRegistry()
  const contractor = registry.enterprises.find((e) => e.kind === 'construction')
  const general = registry.contracts.find((c) => c.kind === 'general' && c.enterprise_uscc === contractor.uscc)
  const project = registry.projects.find((p) => p.registration_no === general.project_registration_no)
  const authority = registry.authorities.find((a) => a.code === project.authority_code)
  return { uscc: contractor.uscc, district: project.district, authority: `jdz_${authority.code.toLowerCase()}` }
}

/** The bell's badge: its number, or 0 when there is none. */
async function badge(page) {
  const b = page.locator('[data-test=notice-badge]')
  return (await b.count()) === 0 ? 0 : Number((await b.innerText()).trim())
}

test('通知公告: an authority publishes to its district\'s contractors; the bell shows it, reading takes the badge away; withdrawn, it is gone', { timeout: 180_000 }, async () => {
  const { uscc, district, authority } = contractorAndAuthority()
  const title = `质量标准化检查通知 ${Date.now() % 100000}`
  // Line breaks to keep, and markup that must stay text.
  const body = '各施工企业：\n\n一、检查时间：5月20日至6月10日。\n二、检查内容：月度自评与整改回复。\n<b>请勿当作网页显示</b>'
  let published = null
  const api = await adminApi()
  try {
    await withBrowsers(async (open) => {
      // The authority: 发布通知, its own district fixed.
      const { page: jdz } = await open('admin-console2-notice-authority')
      await accountLogin(jdz, authority, '监督机构用户')
      await openMenu(jdz, '通知公告', '/admin/notices', '/api/admin/notices')
      await jdz.locator('[data-test=notice-create]').click()
      const dialog = dialogTitled(jdz, '发布通知')
      await dialog.waitFor()
      for (const label of ['标题', '正文', '生效日期']) {
        assert.match(await formItem(dialog, label).first().getAttribute('class'), /is-required/, `${label} is starred`)
      }
      assert.equal((await dialog.locator('[data-test=notice-form-district]').innerText()).trim(), district, 'its own district, fixed')
      assert.equal(await dialog.locator('[data-test=notice-form-districts]').count(), 0, 'no district to choose')
      let sent = 0
      const count = (r) => { if (new URL(r.url()).pathname === '/api/admin/notices' && r.method() === 'POST') sent++ }
      jdz.on('request', count)
      await dialog.locator('[data-test=notice-form-submit]').click()
      await formItem(dialog, '标题').locator('.el-form-item__error', { hasText: '请输入标题' }).waitFor()
      await formItem(dialog, '正文').locator('.el-form-item__error', { hasText: '请输入正文' }).waitFor()
      jdz.off('request', count)
      assert.equal(sent, 0, 'nothing is sent while the form is wrong')

      await dialog.locator('[data-test=notice-form-title]').fill(title)
      await dialog.locator('[data-test=notice-form-body]').fill(body)
      await dialog.locator('[data-test=notice-form-roles]').getByText('施工企业用户', { exact: true }).click()
      await settle(jdz)
      await screenshot(jdz, 'admin-console2-notice-form')
      const publish = nextAnswer(jdz, 'POST', '/api/admin/notices')
      await dialog.locator('[data-test=notice-form-submit]').click()
      const answer = await publish
      assert.equal(answer.status(), 201, `publish: ${await answer.text()}`)
      published = await answer.json()
      const sentBody = JSON.parse(answer.request().postData())
      assert.deepEqual(sentBody.roles, ['contractor'])
      assert.deepEqual(sentBody.districts, [district])
      assert.equal(sentBody.body, body)
      await dialog.waitFor({ state: 'hidden' })
      const state = await columnIndex(jdz, '状态')
      await waitFor(async () => (await tableRows(jdz)).some((cells) => cells.some((c) => c.includes(title)) && cells[state] === '生效中'),
        { message: `${title} 生效中` })
      await settle(jdz)
      await screenshot(jdz, 'admin-console2-notices-authority')

      // The contractor: the announcement after the login, the badge, the notice as written.
      const { page: ent } = await open('admin-console2-notice-contractor', clientCertificateOptions(uscc))
      const board = nextAnswer(ent, 'GET', '/api/notices')
      await certificateLogin(ent)
      await expectRole(ent, '施工企业用户')
      assert.equal((await board).status(), 200)
      await waitFor(async () => (await badge(ent)) === 1, { message: 'the badge 1' })
      const toast = ent.locator('[data-test=notice-toast]')
      await toast.getByText(title).waitFor()
      await settle(ent)
      await screenshot(ent, 'admin-console2-notice-announced')
      await ent.locator('.notice-toast-box .el-notification__closeBtn').click()

      await ent.locator('[data-test=notice-bell]').click()
      const list = ent.locator('[data-test=notice-list]:visible')
      const item = list.locator('[data-test=notice-item]', { hasText: title })
      await item.waitFor()
      assert.match(await item.getAttribute('class'), /unread/, 'unread: bold')
      await settle(ent)
      await screenshot(ent, 'admin-console2-notice-bell')
      const read = nextAnswer(ent, 'POST', new RegExp(`^/api/notices/${published.id}/read$`))
      await item.click()
      const view = ent.locator('[data-test=notice-dialog]:visible')
      await view.waitFor()
      assert.equal((await view.locator('[data-test=notice-title]').innerText()).trim(), title)
      const shown = view.locator('[data-test=notice-body]')
      assert.equal(await shown.innerText(), body, 'the body as written, line breaks kept')
      assert.equal(await shown.evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-wrap')
      assert.equal(await shown.locator('b').count(), 0, 'markup stays text')
      assert.ok((await view.locator('[data-test=notice-publisher]').innerText()).includes('监督'), 'the publisher is named')
      assert.equal((await read).status(), 200)
      await waitFor(async () => (await badge(ent)) === 0, { message: 'the badge gone' })
      await settle(ent)
      await screenshot(ent, 'admin-console2-notice-open')
      await view.locator('[data-test=notice-close]').click()
      await view.waitFor({ state: 'hidden' })

      // A reload: read stays read.
      await ent.reload()
      await expectRole(ent, '施工企业用户')
      await ent.waitForTimeout(500)
      assert.equal(await badge(ent), 0)

      // The administrator withdraws it (confirmed, irreversible).
      const { page: admin } = await open('admin-console2-notice-admin')
      await accountLogin(admin, 'admin', '系统管理员')
      await openMenu(admin, '通知公告', '/admin/notices', '/api/admin/notices')
      const row = tableRow(admin, title).first()
      await row.waitFor()
      await settle(admin)
      await screenshot(admin, 'admin-console2-notices-admin')
      await row.locator('[data-test=notice-withdraw]').click()
      const withdrawn = nextAnswer(admin, 'POST', new RegExp(`^/api/admin/notices/${published.id}/withdraw$`))
      const question = await confirmMessageBox(admin, '撤回')
      assert.ok(question.includes(title) && question.includes('不能恢复'), question)
      assert.equal((await withdrawn).status(), 200)
      published = null
      const adminState = await columnIndex(admin, '状态')
      await waitFor(async () => (await tableRows(admin)).some((cells) => cells.some((c) => c.includes(title)) && cells[adminState] === '已撤回'),
        { message: `${title} 已撤回` })
      assert.equal(await row.locator('[data-test=notice-edit]').count(), 0, 'a withdrawn notice is not edited')

      // Gone for the contractor after a reload.
      await ent.reload()
      await expectRole(ent, '施工企业用户')
      await ent.locator('[data-test=notice-bell]').click()
      const after = ent.locator('[data-test=notice-list]:visible')
      await after.waitFor()
      await after.getByText('暂无通知').waitFor()
      assert.equal(await after.locator('[data-test=notice-item]', { hasText: title }).count(), 0)
    })
  } finally {
    // The other tests sign this contractor in: no notice of this test may be left to announce itself.
    if (published) await api('POST', `/api/admin/notices/${published.id}/withdraw`, { version: published.version })
  }
})

test('通知公告 on a phone: the bell in the top bar, the list full width, the notice full screen, nothing sideways', { timeout: 150_000 }, async () => {
  const { uscc, district } = contractorAndAuthority()
  const api = await adminApi()
  const title = `手机端通知 ${Date.now() % 100000}：请各项目部于本周内完成月度自评并上传整改照片`
  const notice = await api('POST', '/api/admin/notices', {
    title, body: '第一行\n第二行：一段很长很长的说明文字，用来检查在手机上是否按屏幕宽度自动换行，而不会让页面左右滚动。\n第三行',
    roles: ['contractor'], districts: [district],
  })
  try {
    await withBrowser('admin-console2-notice-phone', { ...PHONE, ...clientCertificateOptions(uscc) }, async (page) => {
      await certificateLogin(page)
      await expectRole(page, '施工企业用户')
      const bell = page.locator('[data-test=notice-bell]')
      await expectTappable(bell, 'the bell')
      await waitFor(async () => (await badge(page)) === 1, { message: 'the badge 1' })
      // The bell sits in the top bar, right of the title and left of the user menu.
      const bar = await page.locator('.phone-header').boundingBox()
      const box = await bell.boundingBox()
      assert.ok(box.y >= bar.y && box.y + box.height <= bar.y + bar.height + 0.5, `the bell in the top bar: ${JSON.stringify(box)}`)
      const close = page.locator('.notice-toast-box .el-notification__closeBtn')
      if (await close.isVisible()) await close.click()
      await expectNoSideScroll(page, 'the phone with the bell')
      await settle(page)
      await screenshot(page, 'admin-console2-phone-bell')

      await bell.click()
      const list = page.locator('.notice-drawer')
      await list.waitFor({ state: 'visible' })
      await waitFor(async () => (await list.boundingBox())?.x === 0, { message: 'the list in place' })
      const item = list.locator('[data-test=notice-item]', { hasText: title })
      await item.waitFor()
      const itemBox = await item.boundingBox()
      assert.ok(itemBox.width >= 390 - 48, `the list full width: ${JSON.stringify(itemBox)}`)
      await expectTappable(item, 'a notice of the list')
      await expectNoSideScroll(page, 'the notice list')
      await settle(page)
      await screenshot(page, 'admin-console2-phone-list')

      await item.click()
      const view = page.locator('[data-test=notice-dialog]:visible')
      await view.waitFor()
      assert.match(await view.locator('[data-test=notice-body]').innerText(), /^第一行\n第二行：.*\n第三行$/)
      await waitFor(async () => (await badge(page)) === 0, { message: 'the badge gone' })
      await expectNoSideScroll(page, 'the notice open')
      await settle(page)
      await screenshot(page, 'admin-console2-phone-notice')
    })
  } finally {
    const current = (await api('GET', '/api/admin/notices?page=1&page_size=50')).items.find((n) => n.id === notice.id)
    await api('POST', `/api/admin/notices/${notice.id}/withdraw`, { version: current?.version ?? notice.version })
  }
})

test('通知公告: 修改 of a notice changed meanwhile is refused and told to refresh; the fresh one saves', { timeout: 120_000 }, async () => {
  const api = await adminApi()
  // Addressed to nobody the other tests sign in as (崇明区 has no demo project).
  const title = `修改测试通知 ${Date.now() % 100000}`
  const notice = await api('POST', '/api/admin/notices', { title, body: '原正文', roles: ['supervisor'], districts: ['崇明区'] })
  try {
    await withBrowser('admin-console2-notice-edit', async (page) => {
      await accountLogin(page, 'admin', '系统管理员')
      await openMenu(page, '通知公告', '/admin/notices', '/api/admin/notices')
      await tableRow(page, title).first().locator('[data-test=notice-edit]').click()
      const dialog = dialogTitled(page, '修改通知')
      await dialog.waitFor()
      assert.equal(await dialog.locator('[data-test=notice-form-title]').inputValue(), title)
      assert.equal(await dialog.locator('[data-test=notice-form-body]').inputValue(), '原正文')
      // Meanwhile another administrator edits it.
      await api('PUT', `/api/admin/notices/${notice.id}`, {
        version: notice.version, title, body: '他人修改的正文', roles: ['supervisor'], districts: ['崇明区'],
      })
      await dialog.locator('[data-test=notice-form-body]').fill('我的正文')
      const stale = nextAnswer(page, 'PUT', new RegExp(`^/api/admin/notices/${notice.id}$`))
      await dialog.locator('[data-test=notice-form-submit]').click()
      assert.equal((await stale).status(), 409)
      await page.locator('.el-message--error', { hasText: '请刷新后重试' }).waitFor()
      await dialog.waitFor({ state: 'hidden' })

      // The list read again: the fresh version edits and saves.
      await tableRow(page, title).first().locator('[data-test=notice-edit]').click()
      await dialog.waitFor()
      assert.equal(await dialog.locator('[data-test=notice-form-body]').inputValue(), '他人修改的正文')
      await dialog.locator('[data-test=notice-form-body]').fill('第一行\n第二行')
      const until = formItem(dialog, '截止日期').locator('input')
      await until.click()
      await until.fill('2099-12-31')
      await until.press('Enter')
      await waitFor(async () => (await until.inputValue()) === '2099-12-31', { message: 'the end date taken' })
      const saved = nextAnswer(page, 'PUT', new RegExp(`^/api/admin/notices/${notice.id}$`))
      await dialog.locator('[data-test=notice-form-submit]').click()
      const answer = await saved
      assert.equal(answer.status(), 200, `edit: ${await answer.text()}`)
      const body = await answer.json()
      assert.equal(body.body, '第一行\n第二行')
      assert.equal(body.valid_until, '2099-12-31')
      await dialog.waitFor({ state: 'hidden' })
      await tableRow(page, title).first().getByText('至 2099-12-31').waitFor()
    })
  } finally {
    const current = (await api('GET', '/api/admin/notices?page=1&page_size=50')).items.find((n) => n.id === notice.id)
    if (current && !current.withdrawn_at) await api('POST', `/api/admin/notices/${notice.id}/withdraw`, { version: current.version })
  }
})

/** Picks `option` in the select `selectLocator` (an el-select). */
async function choose(page, selectLocator, option) {
  await selectLocator.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

test('登录日志: 登录方式 账号密码 and 结果 失败 show only such attempts; 地址 is checked; 导出 saves the same list as .xlsx', { timeout: 120_000 }, async () => {
  await withBrowser('admin-console2-login-log', async (page) => {
    // A failed password attempt to find.
    await page.goto(url('/login'))
    await submitPasswordLogin(page, 'admin', 'not-the-password')
    await page.locator('#pane-password .el-alert--error').waitFor()
    await submitPasswordLogin(page, 'auditor', DEMO_PASSWORD)
    await expectRole(page, '审计管理员')
    await page.waitForURL((u) => u.pathname === '/admin/login-logs')
    await listedRows(page)

    // 地址: digits, a–f, '.' and ':' only (nothing is sent otherwise).
    const query = page.locator('[data-test=login-log-query]')
    await page.locator('[data-test=ip-filter]').fill('10.x')
    await query.getByRole('button', { name: '搜索' }).click()
    await formItem(query, '地址').locator('.el-form-item__error', { hasText: '地址只能包含数字、字母 a–f、点和冒号' }).waitFor()
    await page.locator('[data-test=ip-filter]').fill('127.')

    await choose(page, page.locator('[data-test=method-filter]'), '账号密码')
    await choose(page, page.locator('[data-test=success-filter]'), '失败')
    const filtered = nextAnswer(page, 'GET', '/api/admin/login-log')
    await query.getByRole('button', { name: '搜索' }).click()
    const answer = await filtered
    assert.equal(answer.status(), 200, `login-log: ${await answer.text()}`)
    const params = new URL(answer.url()).searchParams
    assert.equal(params.get('method'), 'password')
    assert.equal(params.get('success'), 'false')
    assert.equal(params.get('ip'), '127.')
    const col = {}
    for (const header of ['登录方式', '结果', 'IP', '用户']) col[header] = await columnIndex(page, header)
    const matches = (cells) => cells[col['登录方式']] === '账号密码' && cells[col['结果']] === '失败' && cells[col.IP].startsWith('127.')
    const rows = await waitFor(async () => {
      const r = await tableRows(page)
      return r.length > 0 && r[0].length > 1 && r.every(matches) ? r : null
    }, { message: 'only failed password attempts from 127.*' })
    assert.ok(rows.some((cells) => cells[col['用户']].includes('admin')), 'the admin\'s failed attempt')
    await settle(page)
    await screenshot(page, 'admin-console2-login-log-page')

    // 导出: the same conditions, an Excel workbook (a zip).
    const file = await download(page, page.locator('[data-test=login-log-export]'), '/api/admin/login-log/export.xlsx')
    assert.equal(file.name, '登录日志.xlsx')
    assert.equal(file.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip')
    assert.equal(file.query.get('method'), 'password')
    assert.equal(file.query.get('success'), 'false')
    assert.equal(file.query.get('ip'), '127.')
  })
})

test('审计日志: 所在区 filters (rows or the empty state); 导出 saves the same list; 意见/说明 is shown whole', { timeout: 120_000 }, async () => {
  await withBrowser('admin-console2-audit-log', async (page) => {
    await accountLogin(page, 'auditor', '审计管理员')
    await openMenu(page, '审计日志', '/admin/audit-log', '/api/admin/audit-log')
    await listedRows(page)
    // Nothing cut: 意见/说明 wraps (no "…" tooltip cell) and the table fits the page without scrolling sideways.
    const opinion = await columnIndex(page, '意见/说明')
    const cells = page.locator(`[data-test=audit-table] .el-table__body tr.el-table__row td:nth-child(${opinion + 1}) .cell`)
    assert.ok((await cells.count()) > 0)
    assert.equal(await cells.first().evaluate((el) => el.classList.contains('el-tooltip')), false, '意见/说明 is not truncated')
    const widths = await page.locator('[data-test=audit-table]').evaluate((table) => ({
      table: table.clientWidth, body: table.querySelector('.el-table__body').offsetWidth,
    }))
    assert.ok(widths.body <= widths.table + 1, `the audit table fits at 1440 px: ${JSON.stringify(widths)}`)
    await settle(page)
    await screenshot(page, 'admin-console2-audit-log-page')

    const query = page.locator('[data-test=audit-log-query]')
    await choose(page, page.locator('[data-test=district-filter]'), '黄浦区')
    const filtered = nextAnswer(page, 'GET', '/api/admin/audit-log')
    await query.getByRole('button', { name: '搜索' }).click()
    const answer = await filtered
    assert.equal(answer.status(), 200, `audit-log: ${await answer.text()}`)
    assert.equal(new URL(answer.url()).searchParams.get('district'), '黄浦区')
    const listed = (await answer.json()).items
    if (listed.length > 0) {
      await waitFor(async () => (await tableRows(page)).length === Math.min(listed.length, 20), { message: 'the district\'s records' })
    } else {
      await page.locator('[data-test=audit-table]').getByText('暂无审计记录').waitFor()
    }
    assert.equal(new URL(page.url()).searchParams.get('district'), '黄浦区', 'the filter is in the address')
    await settle(page)
    await screenshot(page, 'admin-console2-audit-log-district')

    const file = await download(page, page.locator('[data-test=audit-log-export]'), '/api/admin/audit-log/export.xlsx')
    assert.equal(file.name, '审计日志.xlsx')
    assert.equal(file.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip')
    assert.equal(file.query.get('district'), '黄浦区')
  })
})
