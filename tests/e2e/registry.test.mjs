// 工程信息 as the administrator: the demo registry is listed, paged, searchable, with a detail drawer.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, columnIndex, nextProjectsAnswer, paginationTotal, submitPasswordLogin,
  tableRows, url, waitFor, withBrowser,
} from './helpers.mjs'

test('admin sees the demo projects in 工程信息 and can search them', { timeout: 90_000 }, async () => {
  await withBrowser('registry-admin', async (page) => {
    await page.goto(url('/login'))
    await submitPasswordLogin(page, 'admin', DEMO_PASSWORD)
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))

    // The header names the user and the role; the menu offers 工程信息 and 数据导入.
    await waitFor(async () => (await page.locator('[data-test=role-label]').innerText()) === '系统管理员',
      { message: 'role label 系统管理员' })
    await page.getByRole('menuitem', { name: '数据导入' }).waitFor()

    await page.getByRole('menuitem', { name: '工程信息' }).click()
    await page.waitForURL((u) => u.pathname === '/registry/projects')

    await waitFor(async () => (await tableRows(page)).length > 0, { message: 'project rows' })
    const total = await paginationTotal(page)
    assert.ok(total > 20, `expected more than 20 demo projects, pagination says ${total}`)

    // Search q=HP2026: only 黄浦 projects (报监编号 HP2026-…) remain.
    await page.getByPlaceholder('工程名称或报监编号').fill('HP2026')
    await Promise.all([
      nextProjectsAnswer(page, (q) => q.get('q') === 'HP2026'),
      page.getByRole('button', { name: '搜索', exact: true }).click(),
    ])
    await page.waitForURL((u) => u.searchParams.get('q') === 'HP2026')
    const regNo = await columnIndex(page, '报监编号')
    const rows = await waitFor(async () => {
      const r = await tableRows(page)
      return r.length > 0 && r.every((cells) => cells[regNo].startsWith('HP2026-')) ? r : null
    }, { message: 'rows filtered to HP2026-' })
    const filteredTotal = await paginationTotal(page)
    assert.ok(filteredTotal > 0 && filteredTotal < total, `filtered total ${filteredTotal} of ${total}`)
    assert.ok(rows.some((cells) => cells[regNo].startsWith('HP2026-')))

    // 详情 opens the drawer with the project's fields.
    await page.locator('.el-table__body tr.el-table__row').first().getByRole('button', { name: '详情', exact: true }).click()
    const drawer = page.locator('.el-drawer')
    await drawer.getByText('工程详情').waitFor()
    await drawer.getByText(rows[0][regNo], { exact: true }).waitFor()
    await drawer.getByText('计划竣工').waitFor()
    // Let the drawer finish sliding in, so the closing screenshot shows it whole.
    await waitFor(async () => {
      const box = await drawer.boundingBox()
      return box && box.x + box.width <= page.viewportSize().width + 1
    }, { message: 'drawer fully open' })
  })
})
