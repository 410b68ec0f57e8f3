// 待办 end to end, one item after another through four users' inboxes. The contractor (certificate) lands on
// 待办事项; a project of 上海申城宏达 is declared (through the API), and each step's item opens where the step
// is taken: 提交申报 (the contractor's 修改申报), 复核申报 (the supervision enterprise, certificate: 申报复核),
// 受理 (the district's authority, password: 受理) — the steps themselves go through the API with each page's
// session and CSRF token. The accepted project's month is then due: 新增月度评价 asks at once to create it,
// the month waits as 自评并提交 and opens its 打分表; once submitted it leaves the contractor's inbox, and
// the project's 监理项目负责人 (SMS) lands on 待办事项 with 复核评价 and the badge on 月度复核, and the item opens
// the month's 复核 page. On the way: the menu badges match GET /api/tasks, the inbox is paged by the server
// (共 N 条 and the rows of each page as the API answers them, the kind filter narrowing the list to the kind's
// count), 逾期评价 lists the contractor's late months, 统计看板 shows the open count.
//
// The project: YP2026-0207, else MH2026-0063 — declarable demo projects whose 监理项目负责人 no other browser
// test signs in (an SMS code goes to a person at most once a minute, and the tests run back to back). If an
// earlier test has accepted the project already, its month due is taken as it is.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  DEMO_PASSWORD, certificateLogin, clientCertificateOptions, confirmMessageBox, demoRegistry, dialogTitled, expectRole,
  nextAnswer, withBrowsers, screenshot, siteLogin, submitPasswordLogin, tlsUrl, url, waitFor,
} from './helpers.mjs'

const registry = demoRegistry()
const CONTRACTOR_USCC = '9131000013229491XF'
const CANDIDATES = ['YP2026-0207', 'MH2026-0063']
/** The inbox's default page size (as the server's). */
const PAGE_SIZE = 20
const KIND_LABELS = {
  declaration: '申报', monthly_evaluation: '月度评价', monthly_due: '待新增月度评价', quarterly_registration: '季度评价',
  completion: '竣工评价', suspension: '中止/恢复', termination: '终止', rectification: '整改',
}

/** A project's registry data: its general and supervision contracts with their managers. */
function projectOf(registrationNo) {
  const project = registry.projects.find((p) => p.registration_no === registrationNo)
  const contract = (kind) => registry.contracts.find((c) => c.kind === kind && c.project_registration_no === registrationNo)
  const general = contract('general')
  const supervision = contract('supervision')
  const person = (c) => registry.persons.find((p) => p.id_number === c?.manager_id_number)
  assert.ok(project && general && supervision && person(general) && person(supervision), `${registrationNo} in registry.json`)
  assert.equal(general.enterprise_uscc, CONTRACTOR_USCC)
  return { project, general, supervision, generalManager: person(general), supervisionManager: person(supervision) }
}

/** An API answer's JSON with the page's session, asserting success. */
async function json(answer, what) {
  assert.ok(answer.ok(), `${what}: ${answer.status()} ${await answer.text()}`)
  return answer.json()
}

/** GET with the page's session. */
async function read(page, base, path) {
  return json(await page.request.get(base(path)), `GET ${path}`)
}

/** A state-changing API call with the page's session cookie and its CSRF token, as the SPA sends it. */
async function write(page, base, method, path, data) {
  const { csrf_token: token } = await read(page, base, '/api/me')
  return json(await page.request.fetch(base(path), { method, data, headers: { 'X-CSRF-Token': token } }), `${method} ${path}`)
}

function inboxRows(page) {
  return page.locator('[data-test=inbox-table] .el-table__body tr.el-table__row')
}

/** The inbox row of a project holding all `texts` (e.g. the period and the action). */
function inboxRow(page, registrationNo, ...texts) {
  return texts.reduce((rows, t) => rows.filter({ hasText: t }), inboxRows(page).filter({ hasText: registrationNo }))
}

/** (Re)opens 待办事项 (`query`: e.g. '?kind=declaration') and waits for its list. */
async function openInbox(page, base, query = '') {
  await page.goto(base(`/inbox${query}`))
  await inboxRows(page).first().or(page.locator('[data-test=inbox-empty]')).first().waitFor()
}

/** GET /api/tasks?<query> with the page's session. */
function readTasks(page, base, query = {}) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()
  return read(page, base, `/api/tasks${search ? `?${search}` : ''}`)
}

/** Every open item of one kind, in the inbox's order (all its pages); for the badges' counts see badgeCounts. */
async function tasksOfKind(page, base, kind) {
  const items = []
  for (let n = 1; ; n++) {
    const answer = await readTasks(page, base, { kind, page: n, page_size: 100 })
    items.push(...answer.items)
    if (answer.items.length === 0 || items.length >= answer.total) return { ...answer, items }
  }
}

/** Every open item, of all kinds (what 待办事项's badge counts). */
function openCount(tasks) {
  return Object.values(tasks.counts).reduce((sum, n) => sum + n, 0)
}

/** The counts behind the menu's badges, read as the badges read them (page_size 0, every kind). */
function badgeCounts(page, base) {
  return readTasks(page, base, { page_size: 0 })
}

/** The user's item of this kind for the declaration (and record), from tasksOfKind. */
function findTask(tasks, kind, declarationId, recordId) {
  return tasks.items.find((t) => t.kind === kind && String(t.declaration_id) === String(declarationId) &&
    (recordId === undefined || String(t.id) === String(recordId)))
}

/** Opens the inbox at the page (of the item's kind) that holds the item, and waits for its row. */
async function showTask(page, base, kindTasks, task) {
  const index = kindTasks.items.findIndex((t) => t.key === task.key)
  assert.ok(index >= 0, `${task.key} among ${kindTasks.items.length} items`)
  const n = Math.floor(index / PAGE_SIZE) + 1
  await openInbox(page, base, `?kind=${task.kind}${n > 1 ? `&page=${n}` : ''}`)
  await inboxRow(page, task.declaration.registration_no, task.title, task.action_label).waitFor()
}

/** The inbox's rows are these items, in this order. */
async function expectRows(page, items, what) {
  await waitFor(async () => {
    const texts = await inboxRows(page).allInnerTexts()
    return texts.length === items.length && items.every((t, i) => [t.declaration.registration_no, t.title, t.action_label]
      .every((text) => texts[i].includes(text)))
  }, { message: `${what}: ${items.length} rows as the API lists them` })
}

/** The pagination's 共 N 条 and the summary's 共 N 项 (… 逾期 N 项). */
async function expectFigures(page, answer, kindLabel = '') {
  const pagination = page.locator('[data-test=inbox-pagination] .el-pagination__total')
  await pagination.filter({ hasText: new RegExp(`共\\s*${answer.total}\\s*条`) }).waitFor()
  const summary = page.locator('[data-test=inbox-summary]')
  await summary.filter({ hasText: `${kindLabel}共 ${answer.total} 项` }).waitFor()
  if (answer.overdue > 0) await summary.filter({ hasText: `逾期 ${answer.overdue} 项` }).waitFor()
  else assert.ok(!(await summary.innerText()).includes('逾期'), 'no overdue count')
}

/**
 * 待办事项 as the server pages it: 共 N 条 and the first page's rows; the second page through the pager when
 * there is one, else a page past the end (its items done) going back to the last page; a kind of the filter
 * narrows the list to the kind's count and rows, and 全部 brings all back.
 */
async function checkPaging(page, base, who) {
  await openInbox(page, base)
  const first = await readTasks(page, base)
  assert.equal(first.total, openCount(first), 'all kinds: total = the sum of the counts')
  assert.equal(first.items.length, Math.min(PAGE_SIZE, first.total))
  await expectFigures(page, first)
  await expectRows(page, first.items, `${who}: page 1`)

  if (first.total > PAGE_SIZE) {
    const second = await readTasks(page, base, { page: 2 })
    await page.locator('[data-test=inbox-pagination] .el-pager li', { hasText: /^2$/ }).click()
    await page.waitForURL((u) => u.pathname === '/inbox' && u.searchParams.get('page') === '2')
    await expectRows(page, second.items, `${who}: page 2`)
    // 序号 goes on across pages.
    assert.equal((await inboxRows(page).first().locator('td').first().innerText()).trim(), String(PAGE_SIZE + 1))
    await openInbox(page, base)
  } else if (first.total > 0) {
    await page.goto(base('/inbox?page=2'))
    await page.waitForURL((u) => u.pathname === '/inbox' && !u.searchParams.has('page'))
    await expectRows(page, first.items, `${who}: back from an empty page 2`)
  }

  const kinds = Object.entries(first.counts).filter(([, n]) => n > 0)
  const filter = page.locator('[data-test=kind-filter]')
  if (kinds.length < 2) {
    assert.equal(await filter.count(), 0, 'no kind filter for a single kind')
    return
  }
  // The kind with the fewest items: the narrowest list.
  const [kind, count] = kinds.sort((a, b) => a[1] - b[1])[0]
  await filter.getByText(`全部（${first.total}）`, { exact: true }).waitFor()
  await filter.getByText(`${KIND_LABELS[kind]}（${count}）`, { exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/inbox' && u.searchParams.get('kind') === kind)
  const narrowed = await readTasks(page, base, { kind })
  assert.equal(narrowed.total, count, `${kind}: total = its count`)
  assert.ok(narrowed.items.every((t) => t.kind === kind))
  await expectFigures(page, narrowed, KIND_LABELS[kind])
  await expectRows(page, narrowed.items, `${who}: ${kind}`)
  await screenshot(page, `inbox-${who}-kind`)

  await filter.getByText(`全部（${first.total}）`, { exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/inbox' && !u.searchParams.has('kind'))
  await expectFigures(page, first)
  await expectRows(page, first.items, `${who}: back to all`)
}

/** Clicks the item's 事项 in the inbox row of its project. */
async function openItem(page, task) {
  const row = inboxRow(page, task.declaration.registration_no, task.title, task.action_label)
  await row.getByRole('button', { name: task.action_label, exact: true }).click()
}

/** The badge on a menu entry (named exactly: the badge is not part of the entry's accessible name). */
async function expectBadge(page, title, count) {
  const badge = page.getByRole('menuitem', { name: title, exact: true }).locator('[data-test=menu-badge]')
  await waitFor(async () => count === 0
    ? (await badge.count()) === 0
    : (await badge.count()) === 1 && (await badge.innerText()).trim() === String(count),
  { message: `${title} badge ${count}` })
}

test('待办: 提交申报 → 复核申报 → 受理 → 新增月度评价 → 自评并提交 → 复核评价, each item opening its page',
  { timeout: 300_000 }, async () => {
    await withBrowsers(async (openBrowser) => {
      // ── 施工企业: lands on 待办事项 ─────────────────────────────────────────────────────────────
      const cb = await openBrowser('inbox-contractor', clientCertificateOptions(CONTRACTOR_USCC))
      const cp = cb.page
      const login = await certificateLogin(cp)
      assert.equal(login.status(), 200, `certificate login: ${await login.text()}`)
      await cp.waitForURL((u) => u.pathname === '/inbox')
      await expectRole(cp, '施工企业用户')
      let tasks = await readTasks(cp, tlsUrl, { page_size: 0 })
      assert.deepEqual(tasks.items, [], 'page_size 0: the counts only')
      await expectBadge(cp, '待办事项', tasks.total)
      await expectBadge(cp, '企业月度评价', tasks.counts.monthly_evaluation + tasks.counts.monthly_due)
      await checkPaging(cp, tlsUrl, 'contractor')

      // 逾期评价: the contractor's late months (the demo's older projects have some), most days late first.
      const overdueAnswer = nextAnswer(cp, 'GET', '/api/overdue')
      await cp.getByRole('menuitem', { name: '逾期评价', exact: true }).click()
      await cp.waitForURL((u) => u.pathname === '/overdue')
      const overdue = await json(await overdueAnswer, 'GET /api/overdue')
      if (overdue.total > 0) {
        const first = overdue.items[0]
        const row = cp.locator('[data-test=overdue-table] .el-table__body tr.el-table__row').first()
        await row.filter({ hasText: first.declaration.registration_no }).filter({ hasText: first.period })
          .filter({ hasText: first.lateness_label }).filter({ hasText: `${first.days_late} 天` }).waitFor()
        await screenshot(cp, 'inbox-overdue')
      }

      // ── The project: declared now (or accepted by an earlier test) ────────────────────────────
      let regNo = null
      let declarationId = null
      const dueBefore = await tasksOfKind(cp, tlsUrl, 'monthly_due')
      for (const candidate of CANDIDATES) {
        const due = dueBefore.items.find((t) => t.declaration.registration_no === candidate)
        if (due) {
          ;[regNo, declarationId] = [candidate, due.declaration_id]
          break
        }
        const declarable = await read(cp, tlsUrl, `/api/projects?declarable=true&q=${candidate}`)
        if (declarable.items.some((p) => p.registration_no === candidate)) {
          regNo = candidate
          break
        }
      }
      assert.ok(regNo, `one of ${CANDIDATES.join(', ')} is declarable or has a month due`)
      const { project, supervision, generalManager, supervisionManager } = projectOf(regNo)

      if (!declarationId) {
        const [found] = (await read(cp, tlsUrl, `/api/projects?declarable=true&q=${regNo}`)).items
        let declaration = await write(cp, tlsUrl, 'POST', '/api/declarations', {
          project_id: found.id, quality_target: '合格', planned_start: project.planned_start, planned_finish: project.planned_finish,
          overview: `${project.name}，${project.structure_type}结构。`,
          contractor_manager: { name: generalManager.name, mobile: generalManager.mobile },
          supervision_manager: { name: supervisionManager.name, mobile: supervisionManager.mobile },
        })
        declarationId = declaration.id
        // Two kinds now (the draft and the months due of earlier projects): the filter is offered.
        await checkPaging(cp, tlsUrl, 'contractor-draft')

        // 提交申报 opens the declaration's form on 企业申报, the list narrowed to the project.
        tasks = await tasksOfKind(cp, tlsUrl, 'declaration')
        const toSubmit = findTask(tasks, 'declaration', declarationId, declarationId)
        assert.ok(toSubmit, `the draft is in the contractor's inbox: ${JSON.stringify(tasks.items.map((t) => t.key))}`)
        assert.deepEqual([toSubmit.action, toSubmit.action_label], ['submit', '提交申报'])
        await showTask(cp, tlsUrl, tasks, toSubmit)
        await expectBadge(cp, '企业申报', (await badgeCounts(cp, tlsUrl)).counts.declaration)
        await openItem(cp, toSubmit)
        await cp.waitForURL((u) => u.pathname === '/enterprise/declarations' && u.searchParams.get('q') === regNo)
        await dialogTitled(cp, '修改申报').waitFor()
        assert.equal(new URL(cp.url()).searchParams.get('open'), null, 'the dialog opens once')
        declaration = await write(cp, tlsUrl, 'POST', `/api/declarations/${declarationId}/submit`, { version: declaration.version })

        // ── 监理企业: 复核申报 opens 申报复核 ─────────────────────────────────────────────────────
        const eb = await openBrowser('inbox-supervision-enterprise', clientCertificateOptions(supervision.enterprise_uscc))
        const ep = eb.page
        assert.equal((await certificateLogin(ep)).status(), 200)
        await ep.waitForURL((u) => u.pathname === '/inbox')
        await expectRole(ep, '监理企业用户')
        const enterpriseTasks = await tasksOfKind(ep, tlsUrl, 'declaration')
        const toReview = findTask(enterpriseTasks, 'declaration', declarationId, declarationId)
        assert.ok(toReview, 'the submitted declaration awaits the supervision enterprise')
        assert.deepEqual([toReview.action, toReview.action_label], ['review', '复核申报'])
        await showTask(ep, tlsUrl, enterpriseTasks, toReview)
        await openItem(ep, toReview)
        await ep.waitForURL((u) => u.pathname === '/enterprise/declarations')
        await dialogTitled(ep, '申报复核').getByText(project.name).first().waitFor()
        declaration = await write(ep, tlsUrl, 'POST', `/api/declarations/${declarationId}/pass`, { version: declaration.version })
        await eb.close()

        // ── 监督机构: 受理 opens 受理 ───────────────────────────────────────────────────────────
        const ab = await openBrowser('inbox-authority')
        const ap = ab.page
        await ap.goto(url('/login'))
        await submitPasswordLogin(ap, `jdz_${project.authority_code.toLowerCase()}`, DEMO_PASSWORD)
        await ap.waitForURL((u) => u.pathname === '/inbox')
        await expectRole(ap, '监督机构用户')
        await checkPaging(ap, url, 'authority')
        const authorityTasks = await tasksOfKind(ap, url, 'declaration')
        const toAccept = findTask(authorityTasks, 'declaration', declarationId, declarationId)
        assert.ok(toAccept, 'the reviewed declaration awaits the authority')
        assert.equal(toAccept.action, 'accept')
        await expectBadge(ap, '监督机构受理', (await badgeCounts(ap, url)).counts.declaration)
        await showTask(ap, url, authorityTasks, toAccept)
        await openItem(ap, toAccept)
        await ap.waitForURL((u) => u.pathname === '/authority/acceptance')
        await dialogTitled(ap, '受理').getByText(project.name).first().waitFor()
        await screenshot(ap, 'inbox-authority-accept')
        await write(ap, url, 'POST', `/api/declarations/${declarationId}/accept`, { version: declaration.version, opinion: '同意受理' })
        await ab.close()
      }

      // ── 施工企业: 新增月度评价 ──────────────────────────────────────────────────────────────────
      tasks = await tasksOfKind(cp, tlsUrl, 'monthly_due')
      const due = findTask(tasks, 'monthly_due', declarationId)
      assert.ok(due, `a month is due for ${regNo}: ${JSON.stringify(tasks.items.map((t) => t.key))}`)
      assert.deepEqual([due.action, due.action_label, due.id], ['create', '新增月度评价', null])
      const period = due.period
      assert.match(period, /^\d{4}-\d{2}$/)
      assert.ok(!findTask(await tasksOfKind(cp, tlsUrl, 'declaration'), 'declaration', declarationId),
        'the accepted declaration left the contractor\'s inbox')
      await showTask(cp, tlsUrl, tasks, due)
      let badges = await badgeCounts(cp, tlsUrl)
      await expectBadge(cp, '待办事项', badges.total)
      await expectBadge(cp, '企业月度评价', badges.counts.monthly_evaluation + badges.counts.monthly_due)
      await screenshot(cp, 'inbox-contractor')

      // The item opens the project's months and asks at once to create the month due.
      const months = nextAnswer(cp, 'GET', `/api/declarations/${declarationId}/monthly`)
      await openItem(cp, due)
      await cp.waitForURL((u) => u.pathname === `/enterprise/monthly/${declarationId}`)
      assert.equal((await (await months).json()).next.period, period)
      const created = nextAnswer(cp, 'POST', `/api/declarations/${declarationId}/monthly`)
      const question = await confirmMessageBox(cp, '新增评价')
      assert.ok(question.includes(period), question)
      const month = await json(await created, 'create the month')
      assert.equal(month.period, period)
      await cp.waitForURL((u) => u.pathname === `/monthly/${month.id}/self`)

      // Back on 待办事项 (through the menu): the month waits for its 自评, and the item opens its 打分表.
      await cp.getByRole('menuitem', { name: '待办事项', exact: true }).click()
      await cp.waitForURL((u) => u.pathname === '/inbox')
      tasks = await tasksOfKind(cp, tlsUrl, 'monthly_evaluation')
      const draft = findTask(tasks, 'monthly_evaluation', declarationId, month.id)
      assert.ok(draft, `the draft month is in the inbox: ${JSON.stringify(tasks.items.map((t) => t.key))}`)
      assert.equal(draft.action, 'self_sheet')
      const stillDue = (await tasksOfKind(cp, tlsUrl, 'monthly_due')).items
        .some((t) => t.period === period && String(t.declaration_id) === String(declarationId))
      assert.ok(!stillDue, 'the month is no longer due to be created')
      await showTask(cp, tlsUrl, tasks, draft)
      const draftRow = inboxRow(cp, regNo, period, draft.action_label)
      await draftRow.getByText(draft.status_label, { exact: true }).waitFor()
      await openItem(cp, draft)
      await cp.waitForURL((u) => u.pathname === `/monthly/${month.id}/self`)
      await cp.locator('[data-test=score-sheet]').waitFor()

      // 提交 through the API (the sheet's own test is monthly.test.mjs): an empty self-sheet, then submit.
      const saved = await write(cp, tlsUrl, 'PUT', `/api/monthly/${month.id}/self-sheet`,
        { version: month.version, not_applicable: [], deductions: [] })
      const submitted = await write(cp, tlsUrl, 'POST', `/api/monthly/${month.id}/submit`, { version: saved.version })
      assert.equal(submitted.status, 'submitted')

      // The contractor's inbox no longer lists the month's 自评 (filtered to 月度评价: all of them, when they fit
      // a page); a kind left without items goes back to all.
      await openInbox(cp, tlsUrl, '?kind=monthly_evaluation')
      tasks = await tasksOfKind(cp, tlsUrl, 'monthly_evaluation')
      assert.ok(!findTask(tasks, 'monthly_evaluation', declarationId, month.id),
        `the submitted month left the contractor's inbox: ${JSON.stringify(tasks.items.map((t) => t.key))}`)
      if (tasks.total === 0) await cp.waitForURL((u) => u.pathname === '/inbox' && !u.searchParams.has('kind'))
      else await expectRows(cp, tasks.items.slice(0, PAGE_SIZE), 'the months still awaiting 自评')
      await waitFor(async () => (await inboxRow(cp, regNo, period, draft.action_label).count()) === 0,
        { message: 'no 自评 row for the submitted month' })
      badges = await badgeCounts(cp, tlsUrl)
      await expectBadge(cp, '企业月度评价', badges.counts.monthly_evaluation + badges.counts.monthly_due)

      // ── 现场用户（监理机构）: lands on 待办事项 with 复核评价 ─────────────────────────────────────
      const sb = await openBrowser('inbox-supervisor')
      const sp = sb.page
      await siteLogin(sp, {
        roleLabel: '监理项目负责人', name: supervisionManager.name, idNumber: supervisionManager.id_number, reportNo: supervision.report_no,
      })
      await sp.waitForURL((u) => u.pathname === '/inbox')
      await expectRole(sp, '现场用户（监理机构）')
      await checkPaging(sp, url, 'supervisor')
      const supervisorTasks = await tasksOfKind(sp, url, 'monthly_evaluation')
      const review = findTask(supervisorTasks, 'monthly_evaluation', declarationId, month.id)
      assert.ok(review, `the submitted month awaits review: ${JSON.stringify(supervisorTasks.items.map((t) => t.key))}`)
      assert.deepEqual([review.action, review.action_label, review.period], ['review', '复核评价', period])
      await showTask(sp, url, supervisorTasks, review)
      const reviewRow = inboxRow(sp, regNo, period, '复核评价')
      await reviewRow.getByText(review.status_label, { exact: true }).waitFor()
      if (review.overdue) {
        await reviewRow.locator('[data-test=task-overdue]', { hasText: review.overdue.label }).waitFor()
        await reviewRow.getByText(`截止 ${review.overdue.deadline}`, { exact: true }).waitFor()
      }
      badges = await badgeCounts(sp, url)
      assert.ok(badges.counts.monthly_evaluation >= 1)
      await expectBadge(sp, '月度复核', badges.counts.monthly_evaluation + badges.counts.monthly_due)
      await expectBadge(sp, '待办事项', badges.total)
      await screenshot(sp, 'inbox-supervisor')

      // 统计看板: the same open count.
      await sp.getByRole('menuitem', { name: '统计看板', exact: true }).click()
      await sp.waitForURL((u) => u.pathname === '/dashboard')
      await sp.locator('[data-test=card-open] .stat-number', { hasText: new RegExp(`^${badges.total}$`) }).waitFor()
      await screenshot(sp, 'inbox-dashboard')

      // The item opens the month's 复核 page, with 月度复核 highlighted in the menu.
      await sp.getByRole('menuitem', { name: '待办事项', exact: true }).click()
      await sp.waitForURL((u) => u.pathname === '/inbox')
      await showTask(sp, url, supervisorTasks, review)
      await openItem(sp, review)
      await sp.waitForURL((u) => u.pathname === `/monthly/${month.id}/review`)
      await sp.locator('[data-test=score-sheet]').waitFor()
      assert.equal((await sp.locator('[data-test=period]').innerText()).trim(), period)
      await sp.locator('.el-menu-item.is-active', { hasText: '月度复核' }).waitFor()
    })
  })
