// 企业办事员 (issue 27 part 9) through the browser: the construction enterprise's certificate holder opens 办事员管理,
// is told under 手机号 that a person of another enterprise is not his, adds a clerk (a person of the enterprise who
// manages no contract) with project A and 申报 + 月度评价, and a second one with 整改回复 only, whom he then 修改s;
// the first clerk logs in by SMS in another browser (现场用户登录 → 企业办事员, no contract to choose), sees only
// project A in 企业申报 and no 办事员管理 (the page itself refused); the second logs in on a phone (390×844, touch),
// sees project A without the 申报 button, nothing wider than the screen; the holder 停用s the first (confirmed: his
// sessions end) and the clerk's next navigation lands on the login page; 启用 again. Screenshots in out/clerks-*.png.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  PHONE, askForSmsCode, certificateLogin, clientCertificateOptions, columnIndex, confirmMessageBox, demoRegistry,
  dialogTitled, expectMenuClosed, expectNoSideScroll, expectRole, expectTappable, formItem, latestSmsCode, nextAnswer,
  nextProjectsAnswer, screenshot, tableRow, tableRows, tlsUrl, url, waitFor, withBrowsers,
} from './helpers.mjs'

const registry = demoRegistry()
const ENTERPRISE = registry.enterprises.find((e) => e.kind === 'construction')
// Project A: the enterprise's first general contract whose project the demo has accepted (contract 1).
const A = registry.contracts.filter((c) => c.kind === 'general' && c.enterprise_uscc === ENTERPRISE.uscc)[1].project_registration_no
const managers = new Set(registry.contracts.map((c) => c.manager_id_number))
const [CLERK, CLERK2] = registry.persons.filter((p) => p.enterprise_uscc === ENTERPRISE.uscc && !managers.has(p.id_number))
const STRANGER = registry.persons.find((p) => p.enterprise_uscc !== ENTERPRISE.uscc)
const masked = (mobile) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`

/** Lets transitions (a dialog's fade) end before a screenshot. */
async function settle(page) {
  await page.waitForTimeout(400)
}

/** The list's rows once loaded, as { 姓名, 手机号, … } by header. */
async function clerkRows(page) {
  await page.locator('[data-test=clerks-table] .el-table__header th').first().waitFor()
  const headers = await page.locator('[data-test=clerks-table] .el-table__header th')
    .evaluateAll((ths) => ths.map((th) => th.innerText.trim()))
  return (await tableRows(page)).filter((cells) => cells.length > 1)
    .map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i]])))
}

/** In the open dialog: picks project `regNo` from the remote search. */
async function pickProject(page, dialog, regNo) {
  const picker = dialog.locator('[data-test=clerk-projects]')
  await picker.click()
  const searched = nextProjectsAnswer(page, (q) => q.get('q') === regNo)
  await picker.locator('input').fill(regNo)
  assert.equal((await searched).status(), 200)
  await page.locator('.el-select-dropdown__item:visible', { hasText: regNo }).first().click()
  // Closes the dropdown (the choice stays as a tag).
  await dialog.locator('.el-dialog__title').click()
}

/** 新增办事员 through the dialog; resolves with the POST answer. */
async function fillAndSubmit(page, dialog, { name, mobile, regNo, actions }) {
  if (name !== undefined) await dialog.locator('[data-test=clerk-name]').fill(name)
  if (mobile !== undefined) await dialog.locator('[data-test=clerk-mobile]').fill(mobile)
  if (regNo) await pickProject(page, dialog, regNo)
  for (const label of actions ?? []) await dialog.locator('[data-test=clerk-actions]').getByText(label, { exact: true }).click()
  const answer = nextAnswer(page, 'POST', '/api/enterprise/clerks')
  await dialog.locator('[data-test=clerk-submit]').click()
  return answer
}

/**
 * The clerk's SMS login on the page (企业办事员): ends inside the app, without the contract choice; `shot` names a
 * screenshot of the filled form.
 */
async function clerkLogin(page, person, shot) {
  const sent = await askForSmsCode(page, { roleLabel: '企业办事员', name: person.name, idNumber: person.id_number })
  assert.equal(sent.status(), 200, `sms-code: ${await sent.text()}`)
  const pane = page.locator('#pane-site')
  await pane.locator('[data-test=clerk-help]').waitFor()
  await pane.locator('.el-alert--success', { hasText: '企业办事员' }).waitFor()
  await pane.getByPlaceholder('6 位动态密码').fill(latestSmsCode(person.id_number))
  if (shot) await screenshot(page, shot)
  const [login] = await Promise.all([
    nextAnswer(page, 'POST', '/api/auth/sms-login'),
    pane.getByRole('button', { name: '登录', exact: true }).click(),
  ])
  assert.equal(login.status(), 200, `sms-login: ${await login.text()}`)
  const { me } = await login.json()
  assert.ok(me.clerk, 'the session is a clerk\'s')
  await page.waitForURL((u) => u.pathname !== '/login')
  assert.notEqual(new URL(page.url()).pathname, '/contract', 'a clerk chooses no contract')
  return me
}

test('办事员管理: the holder adds clerks; a clerk sees only his project, on a desktop and a phone; 停用 ends his session',
  { timeout: 240_000 }, async () => {
    assert.ok(CLERK && CLERK2 && STRANGER, 'the demo registry has two persons of the enterprise who manage no contract')
    await withBrowsers(async (open) => {
      // ── The certificate holder: 办事员管理, empty at first ─────────────────────────────────────────────────
      const { page: holder } = await open('clerks-holder', clientCertificateOptions(ENTERPRISE.uscc))
      assert.equal((await certificateLogin(holder)).status(), 200)
      await holder.waitForURL((u) => u.pathname !== '/login')
      await expectRole(holder, '施工企业用户')
      const listed = nextAnswer(holder, 'GET', '/api/enterprise/clerks')
      await holder.getByRole('menuitem', { name: '办事员管理', exact: true }).click()
      await holder.waitForURL((u) => u.pathname === '/enterprise/clerks')
      const first = await (await listed).json()
      assert.deepEqual(first.actions.map((a) => a.label), ['申报', '月度评价', '竣工/中止/终止申请', '整改回复'])
      await holder.locator('[data-test=clerks-table]').getByText('暂无办事员').waitFor()

      // A person of another enterprise: refused under 手机号, the dialog stays open.
      await holder.locator('[data-test=clerk-create]').click()
      const dialog = dialogTitled(holder, '新增办事员')
      await dialog.waitFor()
      for (const label of ['申报', '月度评价', '竣工/中止/终止申请', '整改回复']) {
        await dialog.locator('[data-test=clerk-actions]').getByText(label, { exact: true }).waitFor()
      }
      await dialog.getByText('须为本企业在实名制系统登记的人员', { exact: false }).waitFor()
      const refused = await fillAndSubmit(holder, dialog, { name: STRANGER.name, mobile: STRANGER.mobile, regNo: A, actions: ['申报'] })
      assert.equal(refused.status(), 422)
      const reason = (await refused.json()).error.details.fields.mobile
      assert.ok(reason, 'the server names 手机号')
      await formItem(dialog, '手机号').locator('.el-form-item__error', { hasText: '实名制系统登记的人员中没有' }).waitFor()
      await settle(holder)
      await screenshot(holder, 'clerks-dialog-refused')

      // The enterprise's person, project A (still chosen), 申报 (still ticked) + 月度评价.
      const created = await fillAndSubmit(holder, dialog, { name: CLERK.name, mobile: CLERK.mobile, actions: ['月度评价'] })
      assert.equal(created.status(), 201, await created.text())
      assert.deepEqual((await created.json()).actions, ['declare', 'monthly'])
      await dialog.waitFor({ state: 'hidden' })
      await tableRow(holder, CLERK.name).waitFor()
      // A second clerk with 整改回复 only (the phone's, below).
      await holder.locator('[data-test=clerk-create]').click()
      await dialog.waitFor()
      const second = await fillAndSubmit(holder, dialog, { name: CLERK2.name, mobile: CLERK2.mobile, regNo: A, actions: ['整改回复'] })
      assert.equal(second.status(), 201, await second.text())
      await dialog.waitFor({ state: 'hidden' })
      await tableRow(holder, CLERK2.name).waitFor()
      let rows = await clerkRows(holder)
      const row1 = rows.find((r) => r['姓名'] === CLERK.name)
      const { 姓名: name, 手机号: mobile, 工程: projects, 可办理业务: actions, 状态: state } = row1
      assert.deepEqual({ name, mobile, projects, actions, state },
        { name: CLERK.name, mobile: masked(CLERK.mobile), projects: A, actions: '申报\n月度评价', state: '启用' })
      assert.match(row1['更新时间'], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      assert.equal(rows.length, 2)

      // 修改: the person is fixed; 月度评价 added to the second clerk's 整改回复.
      await tableRow(holder, CLERK2.name).locator('[data-test=clerk-edit]').click()
      const edit = dialogTitled(holder, '修改办事员')
      await edit.waitFor()
      assert.equal((await edit.locator('[data-test=clerk-name-fixed]').innerText()).trim(), CLERK2.name)
      assert.equal((await edit.locator('[data-test=clerk-mobile-fixed]').innerText()).trim(), masked(CLERK2.mobile))
      assert.equal(await edit.locator('[data-test=clerk-name]').count(), 0, 'no name input on 修改')
      await edit.locator('[data-test=clerk-projects] .el-tag', { hasText: A }).waitFor()
      await edit.locator('[data-test=clerk-actions]').getByText('月度评价', { exact: true }).click()
      await settle(holder)
      await screenshot(holder, 'clerks-dialog-edit')
      const changed = nextAnswer(holder, 'PUT', /^\/api\/enterprise\/clerks\/\d+$/)
      await edit.locator('[data-test=clerk-submit]').click()
      assert.equal((await changed).status(), 200)
      await edit.waitFor({ state: 'hidden' })
      await waitFor(async () => (await clerkRows(holder)).find((r) => r['姓名'] === CLERK2.name)?.['可办理业务'] === '月度评价\n整改回复',
        { message: 'the second clerk\'s new actions listed' })
      await settle(holder)
      await screenshot(holder, 'clerks-list')

      // ── The clerk (desktop): SMS login, the enterprise's pages for project A only ─────────────────────────
      const { page: clerk } = await open('clerks-clerk')
      const me = await clerkLogin(clerk, CLERK, 'clerks-clerk-login')
      assert.deepEqual(me.clerk.actions, ['declare', 'monthly'])
      await expectRole(clerk, '施工企业用户')
      assert.equal((await clerk.locator('[data-test=display-name]').innerText()).trim(), `办事员 ${CLERK.name}`)
      await waitFor(async () => (await clerk.locator('.layout-header').innerText()).includes(ENTERPRISE.name),
        { message: 'the header names the enterprise' })
      await clerk.getByRole('menuitem', { name: '企业申报', exact: true }).waitFor()
      assert.equal(await clerk.getByRole('menuitem', { name: '办事员管理' }).count(), 0, 'no 办事员管理 for a clerk')
      const declarations = nextAnswer(clerk, 'GET', '/api/declarations')
      await clerk.getByRole('menuitem', { name: '企业申报', exact: true }).click()
      await clerk.waitForURL((u) => u.pathname === '/enterprise/declarations')
      assert.equal((await declarations).status(), 200)
      const regColumn = await columnIndex(clerk, '报监编号')
      await waitFor(async () => {
        const shown = await tableRows(clerk)
        return shown.length === 1 && shown[0][regColumn] === A
      }, { message: `only ${A} listed` })
      // Given 申报: he may declare.
      await clerk.locator('[data-test=declaration-create]').waitFor()
      await screenshot(clerk, 'clerks-clerk-declarations')
      // The holder's page is refused to him.
      await clerk.goto(url('/enterprise/clerks'))
      await clerk.getByText('无权访问', { exact: true }).waitFor()

      // ── The second clerk on a phone: login and 企业申报, nothing wider than the screen ────────────────────
      const { page: phone } = await open('clerks-phone', PHONE)
      await phone.goto(url('/login'))
      await phone.locator('#pane-site').getByText('企业办事员', { exact: true }).click()
      await phone.locator('[data-test=clerk-help]').waitFor()
      await expectNoSideScroll(phone, 'the login with 企业办事员')
      await expectTappable(phone.locator('#pane-site').getByRole('button', { name: '登录', exact: true }), 'the 登录 button')
      await screenshot(phone, 'clerks-phone-login')
      await clerkLogin(phone, CLERK2)
      await waitFor(async () => (await phone.locator('[data-test=display-name]').innerText()).trim() === `办事员 ${CLERK2.name}`,
        { message: 'the phone names the clerk' })
      const menuButton = phone.locator('[data-test=menu-button]')
      await expectTappable(menuButton, 'the menu button')
      await menuButton.click()
      const drawer = phone.locator('.menu-drawer')
      await drawer.waitFor({ state: 'visible' })
      await waitFor(async () => (await drawer.boundingBox())?.x === 0, { message: 'the menu drawer open' })
      assert.equal(await drawer.getByRole('menuitem', { name: '办事员管理' }).count(), 0, 'no 办事员管理 in the drawer')
      const entry = drawer.getByRole('menuitem', { name: '企业申报', exact: true })
      await expectTappable(entry, '企业申报')
      await entry.click()
      await expectMenuClosed(phone, '企业申报')
      await phone.waitForURL((u) => u.pathname === '/enterprise/declarations')
      await tableRow(phone, A).waitFor()
      assert.equal((await tableRows(phone)).length, 1, `only ${A} listed on the phone`)
      // Not given 申报: no 申报 button.
      assert.equal(await phone.locator('[data-test=declaration-create]').count(), 0, 'no 申报 for a clerk without it')
      await expectNoSideScroll(phone, '企业申报 of a clerk')
      await settle(phone)
      await screenshot(phone, 'clerks-phone-declarations')

      // ── 停用 (confirmed): the first clerk's session ends at once ──────────────────────────────────────────
      await tableRow(holder, CLERK.name).locator('[data-test=clerk-disable]').click()
      const disabled = nextAnswer(holder, 'PUT', /^\/api\/enterprise\/clerks\/\d+$/)
      await holder.locator('.el-message-box').waitFor({ state: 'visible' })
      await settle(holder)
      await screenshot(holder, 'clerks-disable-confirm')
      const question = await confirmMessageBox(holder, '停用')
      assert.ok(question.includes(CLERK.name) && question.includes('立即'), `the confirmation names him and says his login ends: ${question}`)
      assert.equal((await disabled).status(), 200)
      await waitFor(async () => (await clerkRows(holder)).find((r) => r['姓名'] === CLERK.name)?.['状态'] === '停用',
        { message: 'listed as 停用' })

      // His next navigation inside the app: refused at its first request, then the login page.
      await clerk.getByRole('menuitem', { name: '企业月度评价', exact: true }).click()
      await waitFor(async () => new URL(clerk.url()).pathname === '/login' ||
        (await clerk.locator('.el-message-box', { hasText: '登录已过期' }).isVisible()), { message: 'the session refused' })
      if (new URL(clerk.url()).pathname !== '/login') {
        await clerk.locator('.el-message-box').getByRole('button', { name: '重新登录' }).click()
      }
      await clerk.waitForURL((u) => u.pathname === '/login')
      // The page asked for is an enterprise's, but this browser's last login was a clerk's: 现场用户登录 open.
      const selected = clerk.locator('.login-tabs [role=tab][aria-selected=true] [aria-label]')
      await waitFor(async () => (await selected.getAttribute('aria-label')) === '现场用户登录', { message: 'the SMS tab open' })
      await clerk.locator('#pane-site .el-radio.is-checked', { hasText: '企业办事员' }).waitFor()
      await settle(clerk)
      await screenshot(clerk, 'clerks-clerk-after-disable')
      rows = await clerkRows(holder)
      assert.equal(rows.find((r) => r['姓名'] === CLERK2.name)?.['状态'], '启用', 'the other clerk is untouched')

      // 启用 (confirmed) again.
      await tableRow(holder, CLERK.name).locator('[data-test=clerk-enable]').click()
      const enabled = nextAnswer(holder, 'PUT', /^\/api\/enterprise\/clerks\/\d+$/)
      assert.match(await confirmMessageBox(holder, '启用'), new RegExp(CLERK.name))
      assert.equal((await enabled).status(), 200)
      await waitFor(async () => (await clerkRows(holder)).find((r) => r['姓名'] === CLERK.name)?.['状态'] === '启用',
        { message: 'listed as 启用' })

      // ── 办事员管理 on a phone too: cards, the dialog full-screen, nothing wider than the screen ────────────
      const { page: holderPhone } = await open('clerks-holder-phone', { ...PHONE, ...clientCertificateOptions(ENTERPRISE.uscc) })
      assert.equal((await certificateLogin(holderPhone)).status(), 200)
      await holderPhone.waitForURL((u) => u.pathname !== '/login')
      await holderPhone.goto(tlsUrl('/enterprise/clerks'))
      await tableRow(holderPhone, CLERK2.name).waitFor()
      await expectNoSideScroll(holderPhone, '办事员管理')
      await expectTappable(tableRow(holderPhone, CLERK2.name).locator('[data-test=clerk-disable]'), '停用', { minHeight: 0 })
      await settle(holderPhone)
      await screenshot(holderPhone, 'clerks-phone-holder-list')
      await holderPhone.locator('[data-test=clerk-create]').click()
      await dialogTitled(holderPhone, '新增办事员').waitFor()
      await settle(holderPhone)
      await expectNoSideScroll(holderPhone, '新增办事员')
      await screenshot(holderPhone, 'clerks-phone-holder-dialog')
    })
  })
