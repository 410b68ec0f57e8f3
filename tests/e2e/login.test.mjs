// Logins through the browser. Authority (MIS account): data scope limited to its district, and a
// wrong password is refused with a message. (SMS: sms-login.test.mjs; certificate:
// certificate-login.test.mjs; password change: admin.test.mjs.)
//
// TODO:
//   - Lockout after 5 wrong passwords (423/429 message shown), on an account no other test uses.
//   - Session expiry (401) → 登录已过期 prompt → back to the same page after logging in again.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, columnIndex, logoutFromHeader, nextProjectsAnswer, paginationTotal, submitPasswordLogin, tableRows,
  url, waitFor, withBrowser,
} from './helpers.mjs'

test('authority jdz_hp: wrong password refused, then sees only 黄浦区 projects', { timeout: 90_000 }, async () => {
  await withBrowser('login-authority', async (page) => {
    // Unauthenticated: the guard sends us to the login page and remembers where we were going.
    await page.goto(url('/registry/projects?page_size=100'))
    await page.waitForURL((u) => u.pathname === '/login')
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/registry/projects?page_size=100')

    // Wrong password first (a successful login afterwards clears the failure count).
    await submitPasswordLogin(page, 'jdz_hp', 'not-the-password')
    const alert = page.locator('#pane-password .el-alert--error')
    await alert.waitFor()
    const message = (await alert.innerText()).trim()
    assert.ok(message.length > 0, 'an error message is shown')
    assert.equal(new URL(page.url()).pathname, '/login')

    await submitPasswordLogin(page, 'jdz_hp', DEMO_PASSWORD)
    await page.waitForURL((u) => u.pathname === '/registry/projects')
    assert.equal(new URL(page.url()).searchParams.get('page_size'), '100')
    await waitFor(async () => (await page.locator('[data-test=role-label]').innerText()) === '监督机构用户',
      { message: 'role label 监督机构用户' })

    const rows = await waitFor(async () => {
      const r = await tableRows(page)
      return r.length > 0 ? r : null
    }, { message: 'project rows' })
    const district = await columnIndex(page, '所在区')
    const others = rows.filter((cells) => cells[district] !== '黄浦区')
    assert.deepEqual(others, [], 'only 黄浦区 projects are listed')
    const total = await paginationTotal(page)
    assert.ok(total > 0, 'the authority has projects')
    if (total <= 100) assert.equal(rows.length, total, 'one page of 100 holds them all')

    // Another district's projects are out of scope: filtering on 徐汇区 finds none.
    const [answer] = await Promise.all([
      nextProjectsAnswer(page, (q) => q.get('district') === '徐汇区'),
      page.goto(url('/registry/projects?district=' + encodeURIComponent('徐汇区'))),
    ])
    assert.equal(answer.status(), 200)
    assert.equal((await answer.json()).total, 0, 'the server lists no 徐汇区 project')
    await page.getByText('暂无工程信息').waitFor()
    assert.equal(await paginationTotal(page), 0)

    // An administrator-only page is refused for this role.
    await page.goto(url('/admin/import'))
    await page.getByText('无权访问').first().waitFor()
    assert.equal(await page.getByRole('menuitem', { name: '数据导入' }).count(), 0, 'no 数据导入 menu')

    // 退出登录 (confirmed) ends the session.
    await logoutFromHeader(page)
    await page.goto(url('/registry/projects'))
    await page.waitForURL((u) => u.pathname === '/login')
  })
})
