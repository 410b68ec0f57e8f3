// Photo evidence (拍照取证, issue 23) on the desktop pages at 1440×900: the 打分表 table and the 抽查比对 table.
// One month of a demo project no other browser test touches (MH2025-0332: its contractor
// and supervision enterprises appear in no other test) is declared, passed and accepted through the API; then
//   1. the contractor (certificate) ticks a clause of the 自评, adds a photo from a file, 保存并退出; after a
//      reload the thumbnail is there and opens large; un-ticking warns that the photo would go (cancelled);
//      deleting it (confirmed) removes it on the server too;
//   2. the upload queue: offline, a photo added waits ("1 张照片待上传", nothing on the server); back online it
//      is uploaded by itself (the badge goes, the thumbnail comes, the server lists it under its clause);
//   3. the month submitted (API), the 自评 shows its photo read-only; the district's authority marks a clause
//      不符合 on the desktop 抽查比对 and adds a photo to the finding, 保存;
//   4. the 监理项目负责人 (SMS) opens the 复核: the 自评's photo is shown read-only beside it, and a photo is
//      added to a review deduction (two sheets side by side: the narrower columns);
//   5. the same 复核 at 1440×900 (issue 26): both sheets' columns fit without scrolling sideways, the review's
//      问题描述 is a box of at least 200 px with its photos under it, 只看已扣分 keeps the rows either sheet deducts,
//      跳转到检查项目 brings an item's first row to just under the sticky tools; at 1280 px the template's columns
//      stay in view while the sheets scroll sideways.
// Screenshots: out/desk-*.png.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, PHONE, certificateLogin, clientCertificateOptions, demoRegistry, latestSmsCode, nextAnswer, openBrowser, screenshot,
  tlsUrl, url, waitFor,
} from './helpers.mjs'

const DESK = { viewport: { width: 1440, height: 900 } }
const CANDIDATES = ['MH2025-0332']

const registry = demoRegistry()
function projectOf(regNo) {
  const contract = (kind) => registry.contracts.find((c) => c.kind === kind && c.project_registration_no === regNo)
  const person = (c) => registry.persons.find((p) => p.id_number === c?.manager_id_number)
  const project = registry.projects.find((p) => p.registration_no === regNo)
  const general = contract('general')
  const supervision = contract('supervision')
  return {
    regNo, project, general, supervision, generalManager: person(general), supervisionManager: person(supervision),
    authorityUser: `jdz_${project?.authority_code.toLowerCase()}`,
  }
}

/** What the steps hand on to each other (they run in order). */
const shared = { p: null, monthId: null, template: null, clauses: [], supervisorCookies: null }

// ── API helpers (with a page's session and CSRF token, as the SPA sends them) ────────────────────
async function json(answer, what) {
  assert.ok(answer.ok(), `${what}: ${answer.status()} ${await answer.text()}`)
  return answer.status() === 204 ? null : answer.json()
}
async function read(page, base, path) {
  return json(await page.request.get(base(path)), `GET ${path}`)
}
async function write(page, base, method, path, data) {
  const { csrf_token: token } = await read(page, base, '/api/me')
  return json(await page.request.fetch(base(path), { method, data, headers: { 'X-CSRF-Token': token } }), `${method} ${path}`)
}
/** The self-sheet's photos of a clause as the server lists them. */
async function selfPhotos(page, clause) {
  const detail = await read(page, tlsUrl, `/api/monthly/${shared.monthId}`)
  return detail.self.photos?.[clause] ?? []
}

/** A small real JPEG, drawn by chromium: a "site photo" of 800×600. */
async function jpegFixture(page, name = 'site-photo.jpg') {
  const data = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 800
    canvas.height = 600
    const g = canvas.getContext('2d')
    const grad = g.createLinearGradient(0, 0, 800, 600)
    grad.addColorStop(0, '#9aa8b8')
    grad.addColorStop(1, '#44505f')
    g.fillStyle = grad
    g.fillRect(0, 0, 800, 600)
    g.fillStyle = '#d9822b'
    g.fillRect(220, 160, 360, 240)
    g.fillStyle = '#fff'
    g.font = '40px sans-serif'
    g.fillText('现场照片', 320, 290)
    return canvas.toDataURL('image/jpeg', 0.85).split(',')[1]
  })
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from(data, 'base64') }
}

/** A cell of the 打分表 table: field (deducted, problem, …) of a sheet (self, review) on a clause. */
const sheetCell = (page, field, kind, code) => page.locator(`[data-test=${field}-${kind}][data-code="${code}"]`)

async function openSelfSheet(page) {
  await page.goto(tlsUrl(`/monthly/${shared.monthId}/self`))
  await page.locator('[data-test=score-sheet]').waitFor()
  assert.equal(await page.locator('[data-test=sheet-cards]').count(), 0, 'the table, not the phone cards, at 1440 px')
}

async function tickClause(page, code, problem) {
  await sheetCell(page, 'deducted', 'self', code).locator('.el-checkbox').click()
  await sheetCell(page, 'deducted', 'self', code).locator('.el-checkbox.is-checked').waitFor()
  await sheetCell(page, 'problem', 'self', code).locator('textarea').fill(problem)
}

/** The page's images have loaded (a screenshot with empty thumbnails would hide a broken URL). */
async function imagesLoaded(page, scope) {
  await waitFor(() => scope.locator('img').evaluateAll((imgs) => imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0)),
    { message: 'thumbnails loaded' })
}

/**
 * 现场用户登录 as the 监理项目负责人 (SMS code from the outbox), then the contract if asked. Once per run: a second
 * code within a minute is refused, so the session's cookies are kept for the tests after it (shared.supervisorCookies).
 */
async function supervisorLogin(page) {
  const person = shared.p.supervisionManager
  await page.goto(url('/login'))
  await page.getByRole('tab', { name: '现场用户登录', exact: true }).click()
  const pane = page.locator('#pane-site')
  await pane.getByText('监理项目负责人', { exact: true }).click()
  await pane.getByPlaceholder('请输入姓名').fill(person.name)
  await pane.getByPlaceholder('请输入 18 位身份证号').fill(person.id_number)
  const sent = nextAnswer(page, 'POST', '/api/auth/sms-code')
  await pane.getByRole('button', { name: '获取动态密码' }).click()
  assert.equal((await sent).status(), 200)
  await pane.getByPlaceholder('6 位动态密码').fill(latestSmsCode(person.id_number))
  const login = nextAnswer(page, 'POST', '/api/auth/sms-login')
  await pane.getByRole('button', { name: '登录', exact: true }).click()
  assert.equal((await login).status(), 200)
  await page.waitForURL((u) => u.pathname !== '/login')
  if (new URL(page.url()).pathname === '/contract') {
    await page.getByPlaceholder('请输入合同信息报编号').fill(shared.p.supervision.report_no)
    const looked = nextAnswer(page, 'GET', '/api/auth/contracts')
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await looked
    const row = page.locator('.el-table__body tr.el-table__row', { hasText: shared.p.supervision.report_no })
    await row.getByRole('button', { name: '进入' }).click()
    await page.waitForURL((u) => u.pathname !== '/contract')
  }
  shared.supervisorCookies = await page.context().cookies()
}

test('准备: a project declared, passed and accepted; its first month created (API)', { timeout: 120_000 }, async () => {
  const cb = {}
  let browsers = []
  try {
    // The first candidate this database still has declarable, or already declared by an earlier run of this file.
    for (const regNo of CANDIDATES) {
      const p = projectOf(regNo)
      assert.ok(p.project && p.general && p.supervision && p.generalManager && p.supervisionManager, `${regNo} in registry.json`)
      const b = await openBrowser(`desk-setup-${regNo}`, clientCertificateOptions(p.general.enterprise_uscc))
      browsers.push(b)
      assert.equal((await certificateLogin(b.page)).status(), 200)
      const [found] = (await read(b.page, tlsUrl, `/api/projects?declarable=true&q=${regNo}`)).items
      const listed = (await read(b.page, tlsUrl, `/api/declarations?q=${regNo}`)).items.find((d) => d.project.registration_no === regNo)
      if (found || listed) {
        Object.assign(cb, { p, page: b.page, found, listed })
        break
      }
    }
    assert.ok(cb.p, `one of ${CANDIDATES.join(', ')} is declarable or declared`)
    const { p, page: cp } = cb
    shared.p = p
    let declarationId = cb.listed?.id
    if (!declarationId) {
      let declaration = await write(cp, tlsUrl, 'POST', '/api/declarations', {
        project_id: cb.found.id, quality_target: '合格', planned_start: p.project.planned_start, planned_finish: p.project.planned_finish,
        overview: `${p.project.name}，${p.project.structure_type}结构。`,
        contractor_manager: { name: p.generalManager.name, mobile: p.generalManager.mobile },
        supervision_manager: { name: p.supervisionManager.name, mobile: p.supervisionManager.mobile },
      })
      declarationId = declaration.id
      declaration = await write(cp, tlsUrl, 'POST', `/api/declarations/${declarationId}/submit`, { version: declaration.version })
      const eb = await openBrowser('desk-setup-supervision', clientCertificateOptions(p.supervision.enterprise_uscc))
      browsers.push(eb)
      assert.equal((await certificateLogin(eb.page)).status(), 200)
      declaration = await write(eb.page, tlsUrl, 'POST', `/api/declarations/${declarationId}/pass`, { version: declaration.version })
      const ab = await openBrowser('desk-setup-authority')
      browsers.push(ab)
      await ab.page.goto(url('/login'))
      const login = await ab.page.request.post(url('/api/auth/password'), { data: { username: p.authorityUser, password: DEMO_PASSWORD } })
      assert.equal(login.status(), 200, `authority login: ${await login.text()}`)
      await write(ab.page, url, 'POST', `/api/declarations/${declarationId}/accept`, { version: declaration.version, opinion: '同意受理' })
    }
    const months = await read(cp, tlsUrl, `/api/declarations/${declarationId}/monthly`)
    let month = months.items.find((m) => m.actions.includes('save_self'))
    if (!month) {
      assert.ok(months.next?.period, `a month may be created: ${JSON.stringify(months.next)}`)
      month = await write(cp, tlsUrl, 'POST', `/api/declarations/${declarationId}/monthly`, { period: months.next.period })
    }
    shared.monthId = month.id
    shared.template = await read(cp, tlsUrl, `/api/templates/${month.template.code}/${month.template.version}`)
    const detail = await read(cp, tlsUrl, `/api/monthly/${month.id}`)
    assert.ok(Object.prototype.hasOwnProperty.call(detail.self, 'photos'), 'the server lists photos (the photo API)')
    const items = shared.template.check_items
    shared.clauses = [items[0].sub_items[0].clauses[0].code, items[1].sub_items[0].clauses[0].code, items[2].sub_items[0].clauses[0].code]
  } finally {
    await Promise.allSettled(browsers.map((b) => b.close()))
  }
})

test('自评 on the desktop table: a photo added to a deduction, kept after saving, opened large, deleted', { timeout: 180_000 }, async () => {
  assert.ok(shared.monthId, 'the month was prepared')
  const browser = await openBrowser('desk-self', { ...DESK, ...clientCertificateOptions(shared.p.general.enterprise_uscc) })
  let failed = true
  try {
    const page = browser.page
    assert.equal((await certificateLogin(page)).status(), 200)
    await page.waitForURL((u) => u.pathname !== '/login')
    await openSelfSheet(page)
    const [c1] = shared.clauses
    const problem = sheetCell(page, 'problem', 'self', c1)
    // Not ticked: no photos and no 添加照片.
    assert.equal(await problem.locator('[data-test=photos]').count(), 0, 'no photo strip on an un-ticked clause')

    await tickClause(page, c1, '质量管理制度未经项目负责人签字发布')
    await problem.locator('[data-test=photo-add]').waitFor()
    assert.equal(await problem.locator('[data-test=photo-camera]').count(), 0, 'no camera button on a desk')
    const uploaded = nextAnswer(page, 'POST', `/api/monthly/${shared.monthId}/self-sheet/deductions/${c1}/photos`)
    await problem.locator('[data-test=photo-input]').setInputFiles(await jpegFixture(page))
    const answer = await uploaded
    assert.equal(answer.status(), 201, `upload: ${await answer.text()}`)
    await problem.locator('[data-test=photo-thumb]').waitFor()
    await imagesLoaded(page, problem)
    await problem.scrollIntoViewIfNeeded()
    await screenshot(page, 'desk-self-photo')

    // 保存并退出, then the sheet again: the photo stays with its deduction.
    const saved = nextAnswer(page, 'PUT', `/api/monthly/${shared.monthId}/self-sheet`)
    await page.getByRole('button', { name: '保存并退出', exact: true }).click()
    assert.equal((await saved).status(), 200)
    await page.waitForURL((u) => u.pathname !== `/monthly/${shared.monthId}/self`)
    await openSelfSheet(page)
    await problem.locator('[data-test=photo-thumb]').waitFor()
    assert.equal(await problem.locator('[data-test=photo-thumb]').count(), 1, 'one thumbnail after the reload')
    assert.equal((await selfPhotos(page, c1)).length, 1, 'the server lists the photo under its clause')
    await imagesLoaded(page, problem)

    // Clicked: shown large (the watermarked display image).
    await problem.locator('[data-test=photo-thumb] img').click()
    const viewer = page.locator('.el-image-viewer__wrapper')
    await viewer.waitFor()
    await waitFor(() => viewer.locator('img.el-image-viewer__img').evaluate((i) => i.complete && i.naturalWidth > 320),
      { message: 'the large image loaded' })
    await screenshot(page, 'desk-self-photo-large')
    await page.keyboard.press('Escape')
    await viewer.waitFor({ state: 'detached' })

    // Un-ticking a clause with photos warns first; cancelled, the tick stays.
    await sheetCell(page, 'deducted', 'self', c1).locator('.el-checkbox').click()
    const warning = page.locator('.el-message-box')
    await warning.waitFor()
    assert.match(await warning.innerText(), /取消扣分将删除该条文的 1 张照片，确定吗？/)
    await screenshot(page, 'desk-self-untick-warning')
    await warning.getByRole('button', { name: '取消', exact: true }).click()
    await warning.waitFor({ state: 'hidden' })
    await sheetCell(page, 'deducted', 'self', c1).locator('.el-checkbox.is-checked').waitFor()
    assert.equal(await problem.locator('[data-test=photo-thumb]').count(), 1, 'the photo is still there')

    // Deleted (confirmed): gone here and on the server.
    await problem.locator('[data-test=photo-remove]').click()
    const confirm = page.locator('.el-message-box', { hasText: '确定删除这张照片吗' })
    await confirm.waitFor()
    const deleted = nextAnswer(page, 'DELETE', /^\/api\/photos\//)
    await confirm.getByRole('button', { name: '删除', exact: true }).click()
    assert.ok((await deleted).ok(), 'DELETE /api/photos/{id}')
    await problem.locator('[data-test=photo-thumb]').waitFor({ state: 'detached' })
    assert.deepEqual(await selfPhotos(page, c1), [], 'no photo on the server')
    await screenshot(page, 'desk-self-photo-deleted')
    failed = false
  } finally {
    await browser.close({ failed })
  }
})

test('the upload queue: a photo added offline waits ("1 张照片待上传"), then uploads by itself online', { timeout: 180_000 }, async () => {
  assert.ok(shared.monthId, 'the month was prepared')
  const browser = await openBrowser('desk-queue', { ...DESK, ...clientCertificateOptions(shared.p.general.enterprise_uscc) })
  let failed = true
  try {
    const { page, context } = browser
    assert.equal((await certificateLogin(page)).status(), 200)
    await page.waitForURL((u) => u.pathname !== '/login')
    await openSelfSheet(page)
    const [, c2] = shared.clauses
    const problem = sheetCell(page, 'problem', 'self', c2)
    await tickClause(page, c2, '技术交底记录缺少作业人员签字')
    await problem.locator('[data-test=photo-add]').waitFor()
    const photo = await jpegFixture(page, 'offline.jpg')

    await context.setOffline(true)
    await problem.locator('[data-test=photo-input]').setInputFiles(photo)
    const badge = page.locator('[data-test=score-self] [data-test=photo-queue]')
    await badge.waitFor()
    assert.match(await badge.innerText(), /1 张照片待上传/)
    await problem.locator('[data-test=photo-waiting]', { hasText: '1 张待上传' }).waitFor()
    // The count is also in the sticky footer, in view while the table is scrolled down to the clause.
    await problem.scrollIntoViewIfNeeded()
    const footerBadge = page.locator('[data-test=photo-queue-footer]')
    assert.match(await footerBadge.innerText(), /1 张照片待上传/)
    const box = await footerBadge.boundingBox()
    assert.ok(box && box.y >= 0 && box.y + box.height <= DESK.viewport.height, `the footer's count is on screen: ${JSON.stringify(box)}`)
    assert.equal(await problem.locator('[data-test=photo-thumb]').count(), 0, 'no thumbnail yet')
    // (The API request context is not the page's network: it still reaches the server.)
    assert.deepEqual(await selfPhotos(page, c2), [], 'nothing stored on the server while offline')
    await screenshot(page, 'desk-queue-offline')

    const uploaded = nextAnswer(page, 'POST', `/api/monthly/${shared.monthId}/self-sheet/deductions/${c2}/photos`)
    await context.setOffline(false)
    assert.equal((await uploaded).status(), 201, 'the queued photo uploaded once online')
    await badge.waitFor({ state: 'detached' })
    await footerBadge.waitFor({ state: 'detached' })
    await problem.locator('[data-test=photo-thumb]').waitFor()
    assert.equal(await problem.locator('[data-test=photo-waiting]').count(), 0, 'nothing waits')
    assert.equal((await selfPhotos(page, c2)).length, 1, 'the server lists the photo under its clause')
    // The score the server computes for the ticks is there too (asked again if it failed offline).
    await waitFor(async () => /^\d+$/.test((await sheetCell(page, 'n', 'self', c2).innerText()).trim()), { message: '第几次 of the clause' })
    await imagesLoaded(page, problem)
    await screenshot(page, 'desk-queue-online')
    // At 1280 px the table still works: the thumbnail sits under the problem text.
    await page.setViewportSize({ width: 1280, height: 800 })
    await problem.scrollIntoViewIfNeeded()
    const [wide, shown] = await page.locator('[data-test=score-sheet] .el-table__body-wrapper .el-scrollbar__wrap').first()
      .evaluate((e) => [e.scrollWidth, e.clientWidth])
    assert.ok(wide <= shown, `one sheet fits at 1280 px without scrolling sideways (${wide} > ${shown})`)
    await screenshot(page, 'desk-queue-online-1280')

    const saved = nextAnswer(page, 'PUT', `/api/monthly/${shared.monthId}/self-sheet`)
    await page.getByRole('button', { name: '保存并退出', exact: true }).click()
    const stored = await json(await saved, 'save')
    assert.equal(stored.self.photos?.[c2]?.length, 1, 'the photo stays with its deduction')
    await page.waitForURL((u) => u.pathname !== `/monthly/${shared.monthId}/self`)
    failed = false
  } finally {
    await browser.close({ failed })
  }
})

test('抽查比对 on the desktop table: the 自评 photo read-only once submitted; the authority adds a finding photo',
  { timeout: 180_000 }, async () => {
    assert.ok(shared.monthId, 'the month was prepared')
    const cb = await openBrowser('desk-submitted', { ...DESK, ...clientCertificateOptions(shared.p.general.enterprise_uscc) })
    const ab = await openBrowser('desk-spotcheck', DESK)
    let failed = true
    try {
      const [, c2, c3] = shared.clauses
      // The contractor submits (API); the 自评 is then read-only, its photo shown without 添加 or ✕.
      const cp = cb.page
      assert.equal((await certificateLogin(cp)).status(), 200)
      await cp.waitForURL((u) => u.pathname !== '/login')
      const month = await read(cp, tlsUrl, `/api/monthly/${shared.monthId}`)
      await write(cp, tlsUrl, 'POST', `/api/monthly/${shared.monthId}/submit`, { version: month.version })
      await openSelfSheet(cp)
      const problem = sheetCell(cp, 'problem', 'self', c2)
      await problem.locator('[data-test=photo-thumb]').waitFor()
      assert.equal(await problem.locator('[data-test=photo-remove]').count(), 0, 'no delete on a submitted sheet')
      assert.equal(await problem.locator('[data-test=photo-add]').count(), 0, 'no 添加照片 on a submitted sheet')
      await imagesLoaded(cp, problem)
      await problem.scrollIntoViewIfNeeded()
      await screenshot(cp, 'desk-self-submitted')

      // The district's authority: 抽查比对 of the month, a clause neither sheet deducts found 不符合, with a photo.
      const page = ab.page
      await page.goto(url('/login'))
      const login = await page.request.post(url('/api/auth/password'), { data: { username: shared.p.authorityUser, password: DEMO_PASSWORD } })
      assert.equal(login.status(), 200, `authority login: ${await login.text()}`)
      const loaded = nextAnswer(page, 'GET', `/api/monthly/${shared.monthId}/spot-check`)
      await page.goto(url(`/authority/spot-checks/monthly/${shared.monthId}`))
      assert.equal((await loaded).status(), 200)
      await page.locator('[data-test=compare-table]').waitFor()
      const conforms = page.locator(`[data-test=conforms-cell][data-code="${c3}"]`)
      const note = page.locator(`[data-test=note-cell][data-code="${c3}"]`)
      assert.equal(await note.locator('[data-test=photos]').count(), 0, 'a conforming clause offers no photos')
      await conforms.locator('.el-checkbox').click()
      await conforms.locator('.el-checkbox:not(.is-checked)').waitFor()
      await note.locator('textarea').fill('现场抽查：该项资料缺失，与自评结论不符。')
      const uploaded = nextAnswer(page, 'POST', `/api/monthly/${shared.monthId}/spot-check/findings/${c3}/photos`)
      await note.locator('[data-test=photo-input]').setInputFiles(await jpegFixture(page, 'finding.jpg'))
      assert.equal((await uploaded).status(), 201)
      await note.locator('[data-test=photo-thumb]').waitFor()
      await imagesLoaded(page, note)
      await note.scrollIntoViewIfNeeded()
      await screenshot(page, 'desk-spot-photo')

      const saved = nextAnswer(page, 'PUT', `/api/monthly/${shared.monthId}/spot-check`)
      await page.getByRole('button', { name: '保存', exact: true }).click()
      const stored = await json(await saved, 'save')
      const finding = stored.items.flatMap((i) => i.sub_items.flatMap((s) => s.clauses)).find((x) => x.code === c3)
      assert.equal(finding.authority.conforms, false)
      assert.equal(finding.photos?.length, 1, 'the finding keeps its photo')
      await page.locator('[data-test=unsaved]').waitFor({ state: 'detached' })

      // At 1280 px the table still works: the thumbnail sits under the note.
      await page.setViewportSize({ width: 1280, height: 800 })
      await note.scrollIntoViewIfNeeded()
      await screenshot(page, 'desk-spot-photo-1280')
      failed = false
    } finally {
      const closed = await Promise.allSettled([cb.close({ failed }), ab.close({ failed })])
      const refused = closed.find((c) => c.status === 'rejected')
      if (!failed && refused) throw refused.reason // errors logged in a page
    }
  })

test('复核 on the desktop table: the 自评 photo shown read-only beside the review, a review photo added', { timeout: 180_000 }, async () => {
  assert.ok(shared.monthId, 'the month was submitted')
  const browser = await openBrowser('desk-review', DESK)
  let failed = true
  try {
    const { page } = browser
    await supervisorLogin(page)
    await page.goto(url(`/monthly/${shared.monthId}/review`))
    await page.locator('[data-test=score-sheet]').waitFor()
    const [, c2] = shared.clauses
    // The contractor's photo, for reference: no ✕, no 添加照片 in the 自评 column.
    const selfProblem = sheetCell(page, 'problem', 'self', c2)
    await selfProblem.locator('[data-test=photo-thumb]').first().waitFor()
    assert.equal(await selfProblem.locator('[data-test=photo-remove]').count(), 0, 'the 自评 photo is read-only')
    assert.equal(await selfProblem.locator('[data-test=photo-add]').count(), 0)
    // The review (a copy of the 自评's ticks) has photos of its own.
    const reviewProblem = sheetCell(page, 'problem', 'review', c2)
    await reviewProblem.locator('[data-test=photo-add]').waitFor()
    assert.equal(await reviewProblem.locator('[data-test=photo-thumb]').count(), 0, 'no review photo yet')
    const uploaded = nextAnswer(page, 'POST', `/api/monthly/${shared.monthId}/review-sheet/deductions/${c2}/photos`)
    await reviewProblem.locator('[data-test=photo-input]').setInputFiles(await jpegFixture(page, 'review.jpg'))
    assert.equal((await uploaded).status(), 201)
    await reviewProblem.locator('[data-test=photo-thumb]').waitFor()
    await imagesLoaded(page, reviewProblem)
    await imagesLoaded(page, selfProblem)
    await reviewProblem.scrollIntoViewIfNeeded()
    await screenshot(page, 'desk-review-photos')
    failed = false
  } finally {
    await browser.close({ failed })
  }
})

test('复核 at 1440×900: every review column in view, a wide 问题描述, 只看已扣分 and 跳转到检查项目 on the desktop table',
  { timeout: 180_000 }, async () => {
    assert.ok(shared.supervisorCookies, 'the supervisor signed in (the 复核 test)')
    const browser = await openBrowser('desk-sheet', DESK)
    let failed = true
    try {
      const { page, context } = browser
      await context.addCookies(shared.supervisorCookies)
      // How long the 打分表 takes to show its first row (printed, never asserted): a fresh browser first,
      // then once more with the app and the template kept (below, before 月度评定打印).
      // Besides the wall time of the test's own wait, the browser's clock from the navigation's start: the frame that
      // first shows a row (the first check items are drawn first) and the one that shows every row.
      const [c1, c2] = shared.clauses
      const items = shared.template.check_items
      const clauseCount = items.reduce((n, i) => n + i.sub_items.reduce((m, s) => m + s.clauses.length, 0), 0)
      await context.addInitScript((rowCount) => {
        const frames = {}
        window.__sheetFrames = frames
        const rowsNow = () => document.querySelectorAll('[data-test=score-sheet] .el-table__body tr.el-table__row').length
        const observer = new MutationObserver(() => {
          const n = rowsNow()
          if (n && !('first' in frames)) { frames.first = -1; requestAnimationFrame(() => { frames.first = Math.round(performance.now()) }) }
          if (n === rowCount && !('all' in frames)) { frames.all = -1; requestAnimationFrame(() => { frames.all = Math.round(performance.now()) }); observer.disconnect() }
        })
        document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }))
      }, clauseCount)
      const sheet = page.locator('[data-test=score-sheet]')
      const bodyRows = sheet.locator('.el-table__body tr.el-table__row')
      const firstPaint = async () => {
        const started = Date.now()
        await page.goto(url(`/monthly/${shared.monthId}/review`))
        await bodyRows.first().waitFor()
        await page.locator('[data-test=score-review] [data-test=score-value]').waitFor()
        const waited = Date.now() - started
        await waitFor(async () => (await page.evaluate(() => window.__sheetFrames.all ?? -1)) > 0, { message: 'every row drawn' })
        const frames = await page.evaluate(() => window.__sheetFrames)
        return `${frames.first} ms to the first rows' frame, ${frames.all} ms to every row's (the test's wait ${waited} ms)`
      }
      const cold = await firstPaint()
      await waitFor(async () => (await bodyRows.count()) === clauseCount, { message: 'every clause is a row' })

      // Nothing scrolls sideways: the last column of the 复核 (实得分) ends inside the table and the window.
      const measured = await sheet.evaluate((table) => {
        const wrap = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap')
        const headRows = [...table.querySelectorAll('.el-table__header-wrapper thead tr')]
        const leaves = [...headRows[headRows.length - 1].querySelectorAll('th')]
        const last = leaves[leaves.length - 1]
        const widths = headRows.map((tr) => [...tr.querySelectorAll('th')]
          .map((th) => `${th.innerText.replace(/\s+/g, '')}:${Math.round(th.getBoundingClientRect().width)}`).join(' '))
        return {
          scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth, wrapRight: wrap.getBoundingClientRect().right,
          last: last.innerText.trim(), lastReview: last.classList.contains('pane-review'), lastRight: last.getBoundingClientRect().right,
          widths,
        }
      })
      console.log(`desk-sheet: ${JSON.stringify(measured)}`)
      assert.ok(measured.scrollWidth <= measured.clientWidth,
        `the 复核 sheet fits at 1440 px without scrolling sideways (${measured.scrollWidth} > ${measured.clientWidth})`)
      assert.equal(measured.last, '实得分')
      assert.ok(measured.lastReview, 'the last column is the 复核 sheet\'s')
      assert.ok(measured.lastRight <= Math.min(measured.wrapRight, DESK.viewport.width) + 1,
        `the 复核 实得分 column is in view (right edge ${measured.lastRight})`)

      // A ticked clause's 问题描述 is a box a sentence fits in, its photos under it.
      const problem = sheetCell(page, 'problem', 'review', c2)
      const box = await problem.locator('textarea').boundingBox()
      assert.ok(box && box.width >= 200, `the review's 问题描述 is at least 200 px wide: ${JSON.stringify(box)}`)
      const strip = await problem.locator('[data-test=photos]').boundingBox()
      assert.ok(strip && strip.y >= box.y + box.height - 1, 'the photos are under the problem text')
      await problem.scrollIntoViewIfNeeded()
      await screenshot(page, 'desk-sheet-review')

      // A clause deducted by the review alone, far down: 只看已扣分 keeps the clauses either sheet deducts.
      // The tick's new score is the page's own (the server's rule table and the clauses' history): it shows
      // while the server's preview is still held back, and the preview, once let through, agrees.
      const cx = items[3].sub_items[0].clauses[0].code
      const reviewScore = page.locator('[data-test=score-review] [data-test=score-value]')
      const before = await reviewScore.innerText()
      let release
      const held = new Promise((resolve) => { release = resolve })
      let previews = 0
      const isPreview = (u) => u.pathname.endsWith('/review-sheet') && u.searchParams.get('preview') === 'true'
      await page.route(isPreview, async (route) => {
        previews++
        await held
        await route.continue()
      })
      // Timed in the page too: from the click's event to the frame that shows the new score.
      await page.evaluate(() => {
        const score = document.querySelector('[data-test=score-review] [data-test=score-value]')
        const timing = {}
        window.__tickTiming = timing
        document.addEventListener('click', () => { timing.click ??= performance.now() }, { capture: true, once: true })
        new MutationObserver((_, observer) => {
          observer.disconnect()
          requestAnimationFrame(() => { timing.frame = performance.now() })
        }).observe(score, { childList: true, characterData: true, subtree: true })
      })
      const ticked = Date.now()
      await sheetCell(page, 'deducted', 'review', cx).locator('.el-checkbox').click()
      await waitFor(async () => (await reviewScore.innerText()) !== before, { message: 'the score changes before the server answers' })
      const waited = Date.now() - ticked
      const tick = await page.evaluate(() => window.__tickTiming)
      console.log(`desk-sheet: tick → new score: ${Math.round(tick.frame - tick.click)} ms from the click to the frame showing it (preview held; the test's wait ${waited} ms, polling every 100 ms)`)
      const local = await reviewScore.innerText()
      await waitFor(async () => previews > 0, { message: 'the preview was asked' })
      const answered = page.waitForResponse((r) => r.url().includes('/review-sheet?preview=true'))
      release()
      await answered
      await page.unroute(isPreview)
      await page.waitForTimeout(200)
      assert.equal(await reviewScore.innerText(), local, 'the server\'s preview gives the score the page showed')
      await sheetCell(page, 'deducted', 'review', cx).locator('.el-checkbox.is-checked').waitFor()
      await sheetCell(page, 'problem', 'review', cx).locator('textarea').fill('隐蔽工程验收记录缺少监理签字，验收资料与现场不符')
      const onlyDeducted = page.locator('[data-test=only-deducted]')
      await onlyDeducted.scrollIntoViewIfNeeded()
      await onlyDeducted.click()
      await page.locator('[data-test=only-deducted].is-checked').waitFor()
      await waitFor(async () => (await bodyRows.count()) === 3, { message: 'three rows with 只看已扣分' })
      const shown = await sheet.locator('[data-test=deducted-review]').evaluateAll((cells) => cells.map((c) => c.dataset.code))
      assert.deepEqual(shown, [c1, c2, cx], 'the rows of the deducted clauses, in the template\'s order')
      await page.waitForTimeout(300) // the switch's transition
      await screenshot(page, 'desk-sheet-only-deducted')

      // 跳转到检查项目 (with 只看已扣分 on: it goes off): an item in the middle of the sheet, far below, comes to the
      // top of the window, just under the sticky tools.
      const target = items[5]
      const firstRow = sheet.locator('tr.el-table__row', { has: sheetCell(page, 'deducted', 'review', target.sub_items[0].clauses[0].code) })
      await page.locator('[data-test=jump]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: `${target.code} ${target.name}` }).click()
      await waitFor(async () => (await bodyRows.count()) === clauseCount, { message: 'every clause again' })
      assert.equal(await page.locator('[data-test=only-deducted].is-checked').count(), 0, '只看已扣分 is off')
      const tools = page.locator('[data-test=sheet-tools]')
      const landed = await waitFor(async () => {
        const [row, bar] = [await firstRow.boundingBox(), await tools.boundingBox()]
        return row && bar && row.y >= bar.y + bar.height - 1 && row.y <= bar.y + bar.height + 40 ? { row, bar } : null
      }, { message: `${target.code} ${target.name} scrolled to just under the tools` })
      assert.ok(landed.bar.y <= 60, `the tools stay at the top of the window: ${JSON.stringify(landed.bar)}`)
      await page.waitForTimeout(400) // the smooth scroll settles
      await screenshot(page, 'desk-sheet-jump')

      // The last item cannot reach the top (the sheet ends): it comes into view above the footer.
      const last = items[items.length - 1]
      const lastRow = sheet.locator('tr.el-table__row', { has: sheetCell(page, 'deducted', 'review', last.sub_items[0].clauses[0].code) })
      await page.locator('[data-test=jump]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: `${last.code} ${last.name}` }).click()
      const footer = await page.locator('.sheet-footer').boundingBox()
      await waitFor(async () => {
        const b = await lastRow.boundingBox()
        return b && b.y >= 0 && b.y + Math.min(b.height, 40) <= footer.y
      }, { message: `${last.code} ${last.name} scrolled into view` })

      // At 1280 px the two sheets scroll sideways, the template's columns (to 条文) staying in view.
      await page.setViewportSize({ width: 1280, height: 800 })
      await sheetCell(page, 'problem', 'review', c2).scrollIntoViewIfNeeded()
      const wrap = sheet.locator('.el-table__body-wrapper .el-scrollbar__wrap')
      await wrap.evaluate((e) => { e.scrollLeft = e.scrollWidth })
      const clauseCell = await sheet.locator('tr.el-table__row', { has: sheetCell(page, 'deducted', 'review', c2) })
        .locator('td').nth(2).boundingBox()
      const wrapBox = await wrap.boundingBox()
      assert.ok(clauseCell && clauseCell.x < wrapBox.x + 200, `条文 stays in view when scrolled sideways: ${JSON.stringify(clauseCell)}`)
      await screenshot(page, 'desk-sheet-review-1280')

      // 月度评定打印 offers the compact form and, from its menu, the full one (issue 26).
      await page.setViewportSize({ width: 1440, height: 900 })
      const printButton = page.locator('.el-dropdown', { hasText: '月度评定打印' })
      const [compact] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/print.pdf')),
        printButton.getByRole('button', { name: '月度评定打印' }).click(),
      ])
      assert.equal(compact.status(), 200)
      assert.equal(new URL(compact.url()).search, '', 'the button prints the compact form')
      assert.match(compact.headers()['x-document-number'], /^YP-\d{8}-\d{6}$/)
      await page.bringToFront()
      await printButton.locator('.el-dropdown__caret-button').click()
      const [full] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/print.pdf')),
        page.locator('.el-dropdown-menu__item:visible', { hasText: '完整版' }).click(),
      ])
      assert.equal(full.status(), 200)
      assert.equal(new URL(full.url()).searchParams.get('full'), 'true')
      await page.bringToFront()

      // The compact print's QR code, scanned on a phone: the public 文件核验 page, no login.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qsm-print-'))
      const again = await page.context().request.get(compact.url())  // with the page's session: a printout of its own
      assert.equal(again.status(), 200)
      fs.writeFileSync(path.join(dir, 'm.pdf'), await again.body())
      execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', '-f', '1', '-l', '1', path.join(dir, 'm.pdf'), path.join(dir, 'm')])
      const scanned = execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, 'm-1.png')], { encoding: 'utf8' }).trim()
      fs.rmSync(dir, { recursive: true, force: true })
      assert.match(scanned, /\/verify\/[0-9a-f]{32}$/)
      const phone = await openBrowser('verify-phone', PHONE)
      let verified = false
      try {
        await phone.page.goto(url(new URL(scanned).pathname))
        await phone.page.getByText('打印件与平台当前记录一致').waitFor()
        for (const words of ['月度评价表', again.headers()['x-document-number'], shared.p.regNo, 'SHA-256'])
          assert.ok((await phone.page.locator('main').innerText()).includes(words), words)
        const widths = await phone.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])
        assert.ok(widths[0] <= widths[1], `nothing scrolls sideways on a phone: ${widths}`)
        await screenshot(phone.page, 'verify-phone-current')
        await phone.page.goto(url(`/verify/${'0'.repeat(32)}`))
        await phone.page.getByText('未找到该文件').waitFor()
        await screenshot(phone.page, 'verify-phone-not-found')
        verified = true
      } finally {
        await phone.close({ failed: !verified })
      }
      const warm = await firstPaint()
      console.log(`desk-sheet: the 打分表 from navigation: fresh browser ${cold}; app and template kept ${warm}`)
      failed = false
    } finally {
      await browser.close({ failed })
    }
  })
