// 企业数字证书登录 over the HTTPS listener: the browser presents a `qsm dev-ca` client certificate, whose
// USCC names the enterprise; its kind decides the role. Without a certificate the server's refusal is shown.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { certificateLogin, clientCertificateOptions, expectRole, waitFor, withBrowser } from './helpers.mjs'

const ENTERPRISES = [
  { uscc: '9131000013229491XF', name: '上海申城宏达建设集团有限公司', role: '施工企业用户', shot: 'certificate-login-contractor' },
  { uscc: '913101047031024849', role: '监理企业用户', shot: 'certificate-login-supervisor' },
]

for (const enterprise of ENTERPRISES) {
  test(`certificate of ${enterprise.uscc} signs in as ${enterprise.role}`, { timeout: 90_000 }, async () => {
    await withBrowser(enterprise.shot, clientCertificateOptions(enterprise.uscc), async (page) => {
      const answer = await certificateLogin(page)
      assert.equal(answer.status(), 200, `certificate login: ${await answer.text()}`)
      const { me } = await answer.json()
      if (enterprise.name) assert.equal(me.enterprise.name, enterprise.name)

      await page.waitForURL((u) => u.pathname !== '/login')
      await expectRole(page, enterprise.role)
      await waitFor(async () => (await page.locator('.layout-header').innerText()).includes(me.enterprise.name),
        { message: `header names ${me.enterprise.name}` })
      // Certificate users have no password to change.
      await page.locator('[data-test=user-menu]').click()
      await page.locator('.el-dropdown-menu__item', { hasText: '退出登录' }).waitFor({ state: 'visible' })
      assert.equal(await page.locator('.el-dropdown-menu__item', { hasText: '修改密码' }).count(), 0)
      await page.locator('[data-test=user-menu]').click()
      await page.locator('.el-dropdown-menu__item', { hasText: '退出登录' }).waitFor({ state: 'hidden' })
    })
  })
}

test('without a client certificate the login is refused with the server\'s message', { timeout: 90_000 }, async () => {
  await withBrowser('certificate-login-none', { ignoreHTTPSErrors: true }, async (page) => {
    const answer = await certificateLogin(page)
    assert.equal(answer.status(), 401)
    const message = (await answer.json()).error.message
    assert.ok(message, 'the server explains the refusal')
    await page.locator('#pane-certificate .el-alert--error', { hasText: message }).waitFor()
    assert.equal(new URL(page.url()).pathname, '/login')
  })
})
