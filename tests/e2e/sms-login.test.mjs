// 现场用户登录: name + ID-card number → one-time code by SMS (read from the outbox gateway with
// `qsm sms-outbox`) → the contract picker (the person's contracts, 合同信息查询 by 合同信息报编号) → the app,
// whose header names the chosen project. A wrong code is refused with the server's message.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { askForSmsCode, expectRole, latestSmsCode, tableRows, url, userMenu, waitFor, withBrowser } from './helpers.mjs'

/** The resend button counts down (disabled) from at most `limit` seconds. */
async function expectCountdown(page, limit) {
  const countdown = page.locator('#pane-site').getByRole('button', { name: /\d+ 秒后重新获取/ })
  await countdown.waitFor()
  assert.ok(await countdown.isDisabled(), 'the resend button is disabled during the countdown')
  const seconds = Number(/(\d+)/.exec(await countdown.innerText())[1])
  assert.ok(seconds > 0 && seconds <= limit, `countdown ${seconds} s of ${limit} s`)
}

/** Asks for a code, which is sent; returns the ID number whose registered mobile receives it. */
async function requestCode(page, identity) {
  const answer = await askForSmsCode(page, identity)
  assert.equal(answer.status(), 200, `sms-code: ${await answer.text()}`)
  const { resend_after: resendAfter } = await answer.json()
  // The page says the code went to the registered phone (never which: that would tell that the
  // person exists), and the button counts down before another may be asked for.
  await page.locator('#pane-site .el-alert--success', { hasText: '实名制系统登记的手机' }).waitFor()
  await expectCountdown(page, resendAfter)
  return identity.idNumber
}

/** Types the code and presses 登录; resolves with the sms-login answer. */
async function submitCode(page, code) {
  const pane = page.locator('#pane-site')
  await pane.getByPlaceholder('6 位动态密码').fill(code)
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/sms-login'),
    pane.getByRole('button', { name: '登录', exact: true }).click(),
  ])
  return answer
}

/** A 6-digit code that is not `code`. */
function otherCode(code) {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0')
}

/**
 * On the contract picker: checks the person's contracts, looks one up by its 合同信息报编号 and
 * enters it. Returns that row's { reportNo, projectName }.
 */
async function pickContractByLookup(page, { expectedRows }) {
  await page.waitForURL((u) => u.pathname === '/contract')
  await page.getByRole('heading', { name: '选择合同' }).waitFor()
  const rows = await waitFor(async () => {
    const r = await tableRows(page)
    return r.length > 0 && r[0].length > 1 ? r : null
  }, { message: 'contract rows' })
  const headers = await page.locator('.el-table__header th').evaluateAll((ths) => ths.map((th) => th.innerText.trim()))
  const reportCol = headers.indexOf('合同信息报编号')
  const projectCol = headers.indexOf('工程名称')
  assert.ok(reportCol >= 0 && projectCol >= 0, `picker columns ${JSON.stringify(headers)}`)
  if (expectedRows !== undefined) assert.equal(rows.length, expectedRows, `the person's contracts: ${JSON.stringify(rows)}`)

  // 合同信息查询: the last listed contract, looked up by its number, is the only row left.
  const chosen = rows[rows.length - 1]
  const reportNo = chosen[reportCol]
  const projectName = chosen[projectCol]
  await page.getByPlaceholder('请输入合同信息报编号').fill(reportNo)
  const [lookup] = await Promise.all([
    page.waitForResponse((r) => {
      const u = new URL(r.url())
      return u.pathname === '/api/auth/contracts' && u.searchParams.get('report_no') === reportNo
    }),
    page.getByRole('button', { name: '查询', exact: true }).click(),
  ])
  assert.equal(lookup.status(), 200)
  const found = await waitFor(async () => {
    const r = await tableRows(page)
    return r.length === 1 && r[0][reportCol] === reportNo ? r : null
  }, { message: `only ${reportNo} listed` })
  assert.equal(found[0][projectCol], projectName)

  await page.locator('.el-table__body tr.el-table__row').first().getByRole('button', { name: '进入' }).click()
  await page.waitForURL((u) => u.pathname !== '/contract')
  return { reportNo, projectName }
}

/** The header names the chosen project and its 合同信息报编号. */
async function expectHeaderProject(page, { reportNo, projectName }) {
  const project = page.locator('[data-test=project]')
  await waitFor(async () => {
    const text = await project.innerText()
    return text.includes(projectName) && text.includes(reportNo)
  }, { message: `header project ${projectName}（${reportNo}）` })
}

test('施工总包项目负责人 董海波: wrong code refused, then code from the SMS, contract picker and lookup', { timeout: 120_000 }, async () => {
  await withBrowser('sms-login-site-contractor', async (page) => {
    const identity = { roleLabel: '施工总包项目负责人', name: '董海波', idNumber: '310117197212308398' }
    const idNumber = await requestCode(page, identity)
    const code = latestSmsCode(idNumber)

    // A fresh page forgets the countdown, but the server does not: asking again within the minute is
    // refused (429) with its message, and the button counts down from the server's retry_after.
    await page.reload()
    const limited = await askForSmsCode(page, identity)
    assert.equal(limited.status(), 429, `second sms-code: ${await limited.text()}`)
    const { error } = await limited.json()
    await page.locator('#pane-site .el-alert--error', { hasText: error.message }).waitFor()
    await expectCountdown(page, error.details.retry_after)

    // A wrong code: the server's refusal (tries left) is shown and we stay on the login page.
    const refused = await submitCode(page, otherCode(code))
    assert.equal(refused.status(), 401)
    const message = (await refused.json()).error.message
    assert.ok(message, 'the server explains the refusal')
    await page.locator('#pane-site .el-alert--error', { hasText: message }).waitFor()
    assert.equal(new URL(page.url()).pathname, '/login')

    const accepted = await submitCode(page, code)
    assert.equal(accepted.status(), 200, `sms-login: ${await accepted.text()}`)
    const { me } = await accepted.json()
    assert.equal(me.contract_pending, true)

    // 董海波 manages two general contracts in the demo registry.
    const chosen = await pickContractByLookup(page, { expectedRows: 2 })
    await expectRole(page, '现场用户（项目部）')
    await expectHeaderProject(page, chosen)
    assert.equal((await page.locator('[data-test=display-name]').innerText()).trim(), '董海波')

    // 切换合同 leads back to the picker, which lists both contracts again; 返回 keeps the current one.
    await page.getByRole('button', { name: '切换合同' }).click()
    await page.waitForURL((u) => u.pathname === '/contract')
    await waitFor(async () => (await tableRows(page)).length === 2, { message: 'both contracts listed' })
    await page.getByRole('button', { name: '返回', exact: true }).click()
    await page.waitForURL((u) => u.pathname !== '/contract')
    await expectHeaderProject(page, chosen)
    // Site users have no password: the user menu offers no 修改密码.
    await page.locator('[data-test=user-menu]').click()
    await page.locator('.el-dropdown-menu__item', { hasText: '退出登录' }).waitFor({ state: 'visible' })
    assert.equal(await page.locator('.el-dropdown-menu__item', { hasText: '修改密码' }).count(), 0)
    await page.locator('[data-test=user-menu]').click() // closes the menu again
    await page.locator('.el-dropdown-menu__item', { hasText: '退出登录' }).waitFor({ state: 'hidden' })
  })
})

test('监理项目负责人 王国平: code from the SMS, contract lookup, lands as 现场用户（监理机构）', { timeout: 120_000 }, async () => {
  await withBrowser('sms-login-site-supervisor', async (page) => {
    const idNumber = await requestCode(page, {
      roleLabel: '监理项目负责人', name: '王国平', idNumber: '31010419850827293X',
    })
    const accepted = await submitCode(page, latestSmsCode(idNumber))
    assert.equal(accepted.status(), 200, `sms-login: ${await accepted.text()}`)

    const chosen = await pickContractByLookup(page, {})
    await expectRole(page, '现场用户（监理机构）')
    await expectHeaderProject(page, chosen)

    await userMenu(page, '退出登录')
    await page.locator('.el-message-box').getByRole('button', { name: '退出登录', exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/login')
  })
})
