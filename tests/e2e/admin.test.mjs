// 系统管理: the administrator's attempts (failed and successful) in 登录日志, which the auditor (审计管理员) reads —
// the administrator no longer sees it (等保 三权分立) — and 修改密码 from the header's user menu for a password
// account (监督机构 jdz_hp), which then signs in with the new password.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, columnIndex, expectRole, logoutFromHeader, paginationTotal, submitPasswordLogin, tableRows, url,
  userMenu, waitFor, withBrowser,
} from './helpers.mjs'

test('the auditor sees the admin\'s failed and successful attempts in 登录日志; the admin has no 登录日志', { timeout: 90_000 }, async () => {
  await withBrowser('admin-login-log', async (page) => {
    await page.goto(url('/login'))
    // A failed attempt first (the successful login after it clears the failure count).
    await submitPasswordLogin(page, 'admin', 'not-the-password')
    await page.locator('#pane-password .el-alert--error').waitFor()
    await submitPasswordLogin(page, 'admin', DEMO_PASSWORD)
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
    await expectRole(page, '系统管理员')
    assert.equal(await page.getByRole('menuitem', { name: '登录日志' }).count(), 0, 'the login log is the auditor\'s')
    await page.goto(url('/admin/login-logs'))
    await page.getByText('无权访问').first().waitFor()
    await logoutFromHeader(page)

    await submitPasswordLogin(page, 'auditor', DEMO_PASSWORD)
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
    await expectRole(page, '审计管理员')
    await page.getByRole('menuitem', { name: '登录日志' }).click()
    await page.waitForURL((u) => u.pathname === '/admin/login-logs')
    const rows = await waitFor(async () => {
      const r = await tableRows(page)
      return r.length > 0 && r[0].length > 1 ? r : null
    }, { message: 'login log rows' })
    assert.ok(await paginationTotal(page) >= 2)

    const col = {}
    for (const header of ['时间', '登录方式', '用户', 'IP', '结果', '原因']) col[header] = await columnIndex(page, header)
    const admin = rows.filter((cells) => cells[col['用户']].includes('admin') && cells[col['登录方式']] === '账号密码')
    assert.ok(admin.some((cells) => cells[col['结果']] === '失败'), `a failed admin attempt in ${JSON.stringify(rows)}`)
    assert.ok(admin.some((cells) => cells[col['结果']] === '成功'), `a successful admin attempt in ${JSON.stringify(rows)}`)
    for (const cells of rows) {
      assert.match(cells[col['时间']], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
      assert.ok(['账号密码', '企业数字证书', '短信验证码', '动态口令', '退出登录'].includes(cells[col['登录方式']]), `method ${cells[col['登录方式']]}`)
      assert.ok(['成功', '失败'].includes(cells[col['结果']]))
    }
    const failed = admin.find((cells) => cells[col['结果']] === '失败')
    assert.ok(failed[col['原因']] && failed[col['原因']] !== '—', 'a failure names its reason')
    // Newest first: the auditor's own successful login heads the list.
    assert.ok(rows[0][col['用户']].includes('auditor') && rows[0][col['结果']] === '成功', `first row ${rows[0]}`)
  })
})

/** 修改密码 in the dialog; resolves with the change request's answer. */
async function changePassword(page, { oldPassword, newPassword, confirm = newPassword }) {
  const dialog = page.locator('.el-dialog', { hasText: '修改密码' })
  if (!(await dialog.isVisible())) {
    await userMenu(page, '修改密码')
    await dialog.waitFor({ state: 'visible' })
  }
  await dialog.getByPlaceholder('请输入原密码').fill(oldPassword)
  await dialog.getByPlaceholder('请输入新密码').fill(newPassword)
  await dialog.getByPlaceholder('请再次输入新密码').fill(confirm)
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/password/change'),
    dialog.getByRole('button', { name: '确定', exact: true }).click(),
  ])
  return answer
}

test('authority jdz_hp changes its password in the dialog and signs in with the new one', { timeout: 120_000 }, async () => {
  const newPassword = 'Xh#2026-newpass'
  await withBrowser('admin-password-change', async (page) => {
    await page.goto(url('/login'))
    await submitPasswordLogin(page, 'jdz_hp', DEMO_PASSWORD)
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
    await expectRole(page, '监督机构用户')

    // The form's own rules: the policy and the confirmation are checked before anything is sent.
    await userMenu(page, '修改密码')
    const dialog = page.locator('.el-dialog', { hasText: '修改密码' })
    await dialog.waitFor({ state: 'visible' })
    await dialog.getByPlaceholder('请输入原密码').fill(DEMO_PASSWORD)
    await dialog.getByPlaceholder('请输入新密码').fill('short')
    await dialog.getByPlaceholder('请再次输入新密码').fill('different')
    await dialog.getByRole('button', { name: '确定', exact: true }).click()
    await dialog.locator('.el-form-item__error', { hasText: '密码至少 10 位' }).waitFor()
    await dialog.locator('.el-form-item__error', { hasText: '两次输入的新密码不一致' }).waitFor()

    // A wrong old password: the server's reason appears under 原密码.
    const refused = await changePassword(page, { oldPassword: 'not-the-password', newPassword })
    assert.equal(refused.status(), 422)
    const reason = (await refused.json()).error.details.fields.old_password
    assert.ok(reason, 'the server names the old_password field')
    const oldItem = dialog.locator('.el-form-item', { has: page.getByPlaceholder('请输入原密码') })
    await oldItem.locator('.el-form-item__error', { hasText: reason }).waitFor()

    const accepted = await changePassword(page, { oldPassword: DEMO_PASSWORD, newPassword })
    assert.equal(accepted.status(), 200, `password change: ${await accepted.text()}`)
    await page.locator('.el-message--success', { hasText: '密码已修改' }).waitFor()
    await dialog.waitFor({ state: 'hidden' })

    // Signed out: the old password no longer works, the new one does.
    await logoutFromHeader(page)
    await submitPasswordLogin(page, 'jdz_hp', DEMO_PASSWORD)
    await page.locator('#pane-password .el-alert--error').waitFor()
    await submitPasswordLogin(page, 'jdz_hp', newPassword)
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
    await expectRole(page, '监督机构用户')

    // Back to the demo password, so the other tests (and the demo) keep working.
    const restored = await changePassword(page, { oldPassword: newPassword, newPassword: DEMO_PASSWORD })
    assert.equal(restored.status(), 200, `password restore: ${await restored.text()}`)
    await dialog.waitFor({ state: 'hidden' })
  })
})
