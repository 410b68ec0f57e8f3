// The realistic mix's peer (issue 25): fastify + better-sqlite3 answering the mix's three requests —
// GET /api/declarations, GET /api/monthly/{id}, GET /api/tasks — for an authority's session, with
// qsm's own SQL (sql.mjs) on qsm's own database file and the same JSON bytes qsm sends, so that
// bench/peer/run.sh can alternate the two and print the ratio. Sessions are qsm's rows (sessions
// table): a Bearer token's SHA-256 is looked up as qsm looks it up. Reads only: it never writes.
//
//   node bench/peer/server.mjs --db /tmp/qsm-peer.X/qsm.db --port 18601 [--workers 2] [--trace-sql FILE]
//
// --trace-sql appends each statement text it prepares to FILE (run.sh checks them against qsm's).
// Prints "listening on http://127.0.0.1:PORT" once it accepts connections; stops on SIGTERM.
import cluster from 'node:cluster';
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

import * as L from './labels.mjs';
import * as sql from './sql.mjs';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    workers: { type: 'string', default: '2' },
    'trace-sql': { type: 'string' },
  },
});
if (!args.db || !args.port) {
  console.error('usage: node server.mjs --db QSM_DB --port PORT [--host 127.0.0.1] [--workers N]');
  process.exit(2);
}
const workers = Number(args.workers);

// ---------------------------------------------------------------------------------------------
// The database: one connection, opened as src/store/sqlite.cpp opens each of qsm's, statements
// prepared once per text (as qsm keeps them per connection), every read in a BEGIN … COMMIT.

function openDatabase(path) {
  // better-sqlite3's `timeout` is sqlite3_busy_timeout, qsm's 5000 ms.
  const db = new Database(path, { fileMustExist: true, timeout: 5000 });
  for (const pragma of sql.kOpenPragmas) db.exec(pragma);
  const statements = new Map();
  const prepared = (text) => {
    let s = statements.get(text);
    if (!s) {
      const sqliteText = sql.sqlite(text);
      s = db.prepare(sqliteText).raw(true);
      statements.set(text, s);
      if (args['trace-sql']) appendFileSync(args['trace-sql'], sqliteText + '\n');
    }
    return s;
  };
  // qsm binds int64 and text (store/sqlite.cpp); a JS number would be bound as a double.
  const bind = (params) => {
    const out = {};
    params.forEach((v, i) => { out[i + 1] = typeof v === 'number' ? BigInt(v) : v; });
    return out;
  };
  return {
    rows: ([text, params]) => prepared(text).all(bind(params)),
    one: ([text, params]) => prepared(text).all(bind(params))[0],
    read(fn) {
      db.exec(sql.kBegin);
      try {
        const out = fn();
        db.exec(sql.kCommit);
        return out;
      } catch (e) {
        try { db.exec('ROLLBACK'); } catch { /* nothing open */ }
        throw e;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Answers: the error catalogue's entries these routes use (src/domain/error.hpp) and qsm's JSON.

class Failure extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    Object.assign(this, { status, code, details });
  }
}
const unauthenticated = (m) => new Failure(401, 'unauthenticated', m);
const forbidden = (m = '当前角色无权执行此操作', details = {}) => new Failure(403, 'forbidden', m, details);
const notFound = (m = '记录不存在') => new Failure(404, 'not_found', m);
// domain/problems.cpp to_failure: details.problems [{path, reason}] and details.fields {field: first reason}.
function validation(message, problems) {
  const fields = {};
  for (const p of problems) {
    const field = p.path.startsWith('$.') ? p.path.slice(2) : p.path;
    if (!(field in fields)) fields[field] = p.reason;
  }
  return new Failure(422, 'validation_failed', message, { problems: problems.map((p) => ({ path: p.path, reason: p.reason })), fields });
}

// api/values.cpp instant_json (domain/time.cpp format_instant): Shanghai time, whole seconds.
function instant(ms) {
  if (ms === null || ms === undefined) return null;
  const d = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 19) + '+08:00';
}
const text = (v) => (v === null || v === undefined ? null : v);
const score = (hundredths) => (hundredths === null || hundredths === undefined ? null : hundredths / 100);
// domain/checksum.cpp mask_mobile (its length is in bytes).
const maskMobile = (m) => (Buffer.byteLength(m) !== 11 ? '*'.repeat(Buffer.byteLength(m)) : m.slice(0, 3) + '****' + m.slice(7));
const dayMs = 86400 * 1000;
// domain/time.cpp shanghai_date, as days since the epoch.
const shanghaiDay = (ms) => Math.floor((ms + 8 * 3600 * 1000) / dayMs);

// api/declarations/codec.cpp ref_json of a DeclarationRef read from its columns at `i`.
function refJson(r, i) {
  const ms = r[i + 6];
  return {
    id: r[i],
    registration_no: r[i + 1] ?? '',
    project_name: r[i + 2] ?? '',
    district: r[i + 3] ?? '',
    general_name: r[i + 4] ?? '',
    supervision_name: text(r[i + 5]),
    management_status: text(ms),
    management_status_label: ms === null ? null : L.managementStatusLabel(ms),
    stop_work: r[i + 7] !== 0 && r[i + 7] !== null,
  };
}

// api/declarations/codec.cpp to_json, for an authority (request_actions: none but the contractor's).
function declarationJson(r) {
  const status = r[3];
  const state = L.declarationStates.has(status) ? status : 'draft';
  let returned = null;
  if (r[20] !== null && state === 'returned') {
    const role = r[18] ?? '';
    const known = ['contractor', 'supervisor', 'site_contractor', 'site_supervisor', 'authority', 'admin', 'security_admin', 'auditor'].includes(role);
    returned = { by_role: role, by_role_label: known ? (role === 'authority' ? '监督机构' : '监理企业') : '', by_name: r[19] ?? '', opinion: r[20], at: instant(r[21]) };
  }
  const ms = r[4];
  return {
    id: r[0],
    version: r[1],
    status,
    status_label: L.declarationLabel(status),
    management_status: text(ms),
    management_status_label: ms === null ? null : L.managementStatusLabel(ms),
    stop_work: r[55] !== 0,
    completion: r[46] === null ? null : { id: r[46], status: r[47], status_label: L.completionStateLabel(r[47]) },
    suspension: r[49] === null ? null : {
      id: r[49], kind: r[50] ?? '', kind_label: L.kindLabel(r[50]), status: r[51] ?? '', status_label: L.requestStateLabel(r[50], r[51]), date: r[52] ?? '',
    },
    termination: r[53] === null ? null : { id: r[53], status: r[54] ?? '', status_label: L.terminationStateLabel(r[54] ?? '') },
    open_request: text(r[48]),
    request_actions: [],
    project: {
      id: r[2],
      registration_no: r[30] ?? '',
      name: r[31] ?? '',
      address: r[32] ?? '',
      district: r[33] ?? '',
      authority: { code: r[34] ?? '', name: r[35] ?? '' },
      structure_type: r[36] ?? '',
      floor_area: (r[37] ?? 0) / 100,
      planned_start: r[38] ?? '',
      planned_finish: r[39] ?? '',
    },
    general: { report_no: r[40] ?? '', enterprise: { uscc: r[41] ?? '', name: r[42] ?? '' } },
    supervision: r[43] === null ? null : { report_no: r[43], enterprise: { uscc: r[44] ?? '', name: r[45] ?? '' } },
    quality_target: r[8] ?? '',
    planned_start: r[9] ?? '',
    planned_finish: r[10] ?? '',
    overview: r[11] ?? '',
    contractor_manager: { person_id: r[12], name: r[13] ?? '', mobile_masked: maskMobile(r[14] ?? '') },
    supervision_manager: { person_id: r[15], name: r[16] ?? '', mobile_masked: maskMobile(r[17] ?? '') },
    returned,
    accept_opinion: text(r[22]),
    accepted_at: instant(r[23]),
    template: r[25] === null ? null : { code: r[25], version: r[26] ?? 0 },
    created_at: instant(r[27]),
    submitted_at: instant(r[28]),
    updated_at: instant(r[29]),
    actions: L.declarationActions(status),
  };
}

// api/monthly/codec.cpp to_json for an authority (who also sees the month's spot-check).
function monthlyJson(r) {
  const status = r[3];
  return {
    id: r[0],
    version: r[1],
    period: r[2] ?? '',
    status,
    status_label: L.monthlyLabel(status),
    declaration: refJson(r, sql.kMonthlyRefAt),
    template: { code: r[5] ?? '', version: r[6] ?? 0 },
    self_score: score(r[7] ?? 0),
    review_score: score(r[8]),
    created_at: instant(r[9] ?? 0),
    submitted_at: instant(r[10]),
    reviewed_at: instant(r[11]),
    filed_at: instant(r[12]),
    updated_at: instant(r[13] ?? 0),
    actions: [],
    spot_check: r[14] === null ? null : { id: r[14], status: r[15], status_label: L.spotCheckStateLabel(r[15]) },
  };
}

// api/photos.cpp photo_ref_json of a photos row (sql.photosOfMonth's columns).
function photoRefJson(p) {
  const url = '/api/photos/' + p[0];
  const taken = p[12];
  return {
    id: p[0],
    url,
    thumbnail_url: url + '/thumbnail',
    taken_at: typeof taken === 'string' && Buffer.byteLength(taken) === 19 ? taken.slice(0, 10) + 'T' + taken.slice(11) + '+08:00' : null,
    uploaded_by: p[15] ?? '',
    uploaded_at: instant(p[16] ?? 0),
  };
}

// api/monthly/codec.cpp sheet_json: the stored input with saved/frozen, the stored result with each
// deduction's photos, and the photos by clause. The stored texts are qsm's own serialisation, whose
// keys are names, never array indices, so JSON.parse keeps their order.
function sheetJson(input, result, saved, frozen, photos) {
  const o = JSON.parse(input);
  o.saved = saved;
  o.frozen = frozen;
  const r = JSON.parse(result);
  if (r && typeof r === 'object' && !Array.isArray(r) && Array.isArray(r.deductions))
    for (const d of r.deductions) {
      const clause = d && typeof d === 'object' ? d.clause : undefined;
      const list = typeof clause === 'string' ? photos.get(clause) : undefined;
      d.photos = list ? list.map(photoRefJson) : [];
    }
  o.result = r;
  const byClause = {};
  for (const [clause, list] of photos) byClause[clause] = list.map(photoRefJson);
  o.photos = byClause;
  return o;
}

// ---------------------------------------------------------------------------------------------
// The query forms (api/context.cpp paging, list_filters, read_list_query; the codecs' parse_query).

function plainText(s) {
  // dispatch.cpp: valid UTF-8 (the decoder already replaced what was not), no control characters,
  // no invisible format characters.
  return !/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffd]/.test(s);
}
const utf8Length = (s) => [...s].length;

function paging(query, minPageSize = 1) {
  const p = { page: 1, pageSize: 20 };
  const problems = [];
  const read = (key, min, max, field) => {
    const v = query.get(key);
    if (v === null || v === '') return;
    const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) problems.push({ path: key, reason: `应为 ${min} 到 ${max} 之间的整数` });
    else p[field] = n;
  };
  read('page', 1, 1000000, 'page');
  read('page_size', minPageSize, 100, 'pageSize');
  if (problems.length) throw validation('分页参数有误', problems);
  return p;
}

// domain/time.cpp parse_date: YYYY-MM-DD, 1900–2199; days since the epoch.
function parseDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (mo < 1 || mo > 12 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || y < 1900 || y > 2199) return null;
  return Math.round(t / dayMs);
}

function declarationQuery(query) {
  const p = paging(query);
  const q = { page: p.page, pageSize: p.pageSize, q: '', status: '', district: '', sort: '' };
  const problems = [];
  const v = query.get('q');
  if (v !== null) {
    if (utf8Length(v) > 100) problems.push({ path: 'q', reason: '关键字不能超过 100 个字符' });
    q.q = v;
  }
  const district = query.get('district');
  if (district) {
    if (!L.kShanghaiDistricts.has(district)) problems.push({ path: 'district', reason: '应为上海市的区之一' });
    q.district = district;
  }
  const status = query.get('status');
  if (status) {
    if (!L.declarationStates.has(status)) problems.push({ path: 'status', reason: '未知的状态' });
    q.status = status;
  }
  const sort = query.get('sort');
  if (sort) {
    if (!sql.kDeclarationSorts.some(([key]) => key === sort)) problems.push({ path: 'sort', reason: '可选 -updated_at、updated_at、registration_no、-registration_no、status' });
    q.sort = sort;
  }
  for (const [key, addDays, field] of [['from', 0, 'fromMs'], ['to', 1, 'toMs']]) {
    const t = query.get(key);
    if (!t) continue;
    const day = parseDate(t);
    if (day === null) problems.push({ path: key, reason: '日期格式应为 YYYY-MM-DD' });
    else q[field] = (day + addDays) * dayMs - 8 * 3600 * 1000;
  }
  if (problems.length) throw validation('查询条件有误', problems);
  return q;
}

// ---------------------------------------------------------------------------------------------
// Sessions (service/auth_service.cpp authenticate): the token's SHA-256 hex in qsm's sessions table,
// rows kept for 1 s (SessionCache::kTtl), idle 30 min and absolute 12 h timeouts. qsm also writes
// last_seen_at once a minute; the peer only reads, and sees qsm's writes within a second.

const kIdleMs = 30 * 60 * 1000;
const kAbsoluteMs = 12 * 3600 * 1000;
const kSessionTtlMs = 1000;
const kRoles = new Set(['contractor', 'supervisor', 'site_contractor', 'site_supervisor', 'authority', 'admin', 'security_admin', 'auditor']);

function sessionFrom(r) {
  if (!kRoles.has(r[2])) return null;
  const actor = { role: r[2], authorityId: 0, enterpriseId: 0, projectId: 0, contractId: 0 };
  if (r[6] !== null) actor.authorityId = r[9] ?? 0;
  if (r[11] !== null) actor.enterpriseId = r[11];
  if (r[14] !== null) {
    actor.contractId = r[17] ?? 0;
    actor.projectId = r[18] ?? 0;
  }
  return {
    id: r[0], createdAt: r[4] ?? 0, lastSeenAt: r[5] ?? 0, actor, setup: r[19] ?? '',
    contractPending: (actor.role === 'site_contractor' || actor.role === 'site_supervisor') && actor.contractId === 0,
  };
}

async function serve() {
  const db = openDatabase(args.db);
  const sessions = new Map();  // token hash → {session, at}

  function authenticate(token) {
    if (token.length !== 64) return null;
    const hash = createHash('sha256').update(token, 'latin1').digest('hex');
    const now = performance.now();
    let entry = sessions.get(hash);
    if (entry && now - entry.at > kSessionTtlMs) {
      sessions.delete(hash);
      entry = undefined;
    }
    let session = entry?.session;
    if (!session) {
      const row = db.read(() => db.one([sql.kSession, [hash]]));
      session = row ? sessionFrom(row) : null;
      if (!session) return null;
      if (!session.contractPending && session.setup === '') {
        if (sessions.size >= 20000) sessions.clear();
        sessions.set(hash, { session, at: now });
      }
    }
    const wall = Date.now();
    if (wall - session.lastSeenAt > kIdleMs || wall - session.createdAt > kAbsoluteMs) return null;
    return session;
  }

  // dispatch.cpp route(): the query's text, the session and what it may do, then the handler.
  function admitted(request) {
    const query = request.query;
    const problems = [];
    for (const [name, value] of query) {
      const plain = plainText(name);
      if (!plain || !plainText(value)) problems.push({ path: plain ? name : 'query', reason: '含有非法字符（应为 UTF-8 文本，不含控制字符）' });
    }
    if (problems.length) throw validation('查询参数有误', problems);
    const header = request.headers.authorization;
    let token = header && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (token === undefined) token = cookie(request.headers.cookie, 'qsm_session');
    const session = token === undefined ? null : authenticate(token);
    if (!session) throw unauthenticated(token === undefined ? '请先登录' : '登录已过期，请重新登录');
    if (session.contractPending) throw forbidden('请先选择合同（施工总包合同或监理合同）');
    if (session.setup !== '') {
      const setup = { second_factor: '请先输入动态口令完成登录', change_password: '请先修改密码（初始密码、重置密码或已过期的密码须修改后才能使用系统）' };
      throw forbidden(setup[session.setup] ?? '请先绑定动态口令（第二重身份验证）', { setup: session.setup });
    }
    // What the peer mirrors: qsm's answers to an authority (the mix's 48 sessions).
    if (session.actor.role !== 'authority') throw forbidden('对照服务只复现监督机构（authority）的会话');
    return { query, actor: session.actor, scope: sql.declarationScope(session.actor) };
  }

  // GET /api/declarations (api/declarations/list.cpp → service/queries.cpp → store list_declarations).
  function listDeclarations(request) {
    const ctx = admitted(request);
    const q = declarationQuery(ctx.query);
    const statements = sql.listDeclarations(ctx.scope, q);
    const page = db.read(() => ({ total: db.one(statements.count)[0], rows: db.rows(statements.page) }));
    return { items: page.rows.map(declarationJson), total: page.total, page: q.page, page_size: q.pageSize };
  }

  // GET /api/monthly/{id} (api/monthly/get.cpp → service get_monthly → store find_monthly; then
  // photo_service month_photos in a snapshot of its own).
  function getMonthly(request) {
    const idText = request.params.id;
    if (!plainText(idText)) throw notFound('记录不存在（地址中含非法字符）');
    const ctx = admitted(request);
    if (!/^-?\d+$/.test(idText)) throw notFound();
    const id = BigInt(idText);
    if (id <= 0n || id > 9223372036854775807n) throw notFound();
    // monthly_service.cpp monthly_detail: the month and its photos in one read.
    const [r, rows] = db.read(() => {
      const m = db.one(sql.findMonthly(ctx.scope, id));
      return [m, m ? db.rows(sql.photosOfMonth(m[0])) : []];
    });
    if (!r) throw notFound('月度评价不存在');
    const o = monthlyJson(r);
    const photos = { self: new Map(), review: new Map() };
    for (const p of rows) {
      // By target; a spot-check's photos are no sheet's (the authority may read them; this answer does not show them).
      const into = p[3] === 'self' ? photos.self : p[3] === 'review' ? photos.review : null;
      if (!into) continue;
      if (!into.has(p[4])) into.set(p[4], []);
      into.get(p[4]).push(p);
    }
    // std::map order: clauses by their bytes.
    const sorted = (m) => new Map([...m].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    const self = sorted(photos.self);
    const review = sorted(photos.review);
    const at = sql.kMonthlyRefAt + sql.kDeclarationRefWidth;
    const [selfSheet, selfResult, reviewSheet, reviewResult] = [r[at] ?? '', r[at + 1] ?? '', r[at + 2], r[at + 3]];
    const status = L.monthlyStates.has(r[3]) ? r[3] : 'draft';
    const filed = status === 'filed' || status === 'registered';
    o.self = sheetJson(selfSheet, selfResult, true, status !== 'draft', self);
    if (reviewSheet !== null) o.review = sheetJson(reviewSheet, reviewResult ?? '', true, filed, review);
    else if (status === 'draft') o.review = null;
    else o.review = sheetJson(selfSheet, selfResult, false, false, review);
    return o;
  }

  // GET /api/tasks (api/tasks/handlers.cpp → service/task_service.cpp inbox → store task_counts,
  // task_rows; an authority has no months to create).
  function listTasks(request) {
    const ctx = admitted(request);
    const p = paging(ctx.query, 0);
    const kind = ctx.query.get('kind') ?? '';
    if (kind && !L.kTaskKinds.includes(kind)) {
      const m = '可选 declaration、monthly_evaluation、monthly_due、quarterly_registration、completion、suspension、termination、rectification';
      throw validation(m, [{ path: '$.kind', reason: m }]);
    }
    const now = Date.now();
    const today = shanghaiDay(now);
    const window = p.page * p.pageSize;
    const counts = new Map(L.kTaskKinds.map((k) => [k, 0]));
    const candidates = [];
    let overdue = 0;
    db.read(() => {
      const n = db.one(sql.taskCounts(sql.kAuthorityAwaiting, ctx.scope));
      sql.kAuthorityAwaiting.forEach((a, i) => counts.set(a.source.kind, counts.get(a.source.kind) + n[i]));
      for (const a of sql.kAuthorityAwaiting) {
        if (kind && a.source.kind !== kind) continue;
        if (counts.get(a.source.kind) === 0) continue; // task_rows: nothing to read
        for (const r of db.rows(sql.taskRows(a, ctx.scope, window))) {
          const row = { kind: a.source.kind, id: r[0], status: r[1] ?? '', detail: r[2], date: r[3], since: r[4] ?? 0 };
          const [action, actionLabel] = L.taskAction(row);
          let late = null;
          // rectification.cpp overdue_days: an issued order past its deadline (the authority's are confirmed).
          if (row.kind === 'rectification' && row.date !== null && row.status === 'issued') {
            const deadline = parseDate(row.date);
            if (deadline !== null && today > deadline)
              late = { lateness: 'rectification', label: '逾期未整改', deadline: new Date(deadline * dayMs).toISOString().slice(0, 10) };
          }
          if (late) overdue++;
          candidates.push([row.since, {
            key: row.kind + ':' + row.id + ':' + action,
            kind: row.kind,
            id: row.id,
            declaration_id: r[5],
            action,
            action_label: actionLabel,
            title: L.taskTitle(row),
            status: row.status,
            status_label: L.taskStatusLabel(row),
            declaration: refJson(r, 5),
            period: null,
            since: instant(row.since),
            waited_days: Math.max(0, today - shanghaiDay(row.since)),
            overdue: late,
          }]);
        }
      }
    });
    // task_service.cpp inbox: overdue first, then the longest waiting, then kind, id and declaration.
    const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
    candidates.sort(([sa, a], [sb, b]) => ((a.overdue !== null) !== (b.overdue !== null) ? (a.overdue !== null ? -1 : 1)
      : sa - sb || cmp(a.kind, b.kind) || cmp(a.id, b.id) || cmp(a.declaration_id, b.declaration_id)));
    const items = candidates.slice(Math.min(candidates.length, window - p.pageSize), Math.min(candidates.length, window)).map(([, t]) => t);
    const countsJson = {};
    let total = 0;
    for (const k of [...counts.keys()].sort()) {
      countsJson[k] = counts.get(k);
      if (!kind || k === kind) total += counts.get(k);
    }
    return { items, counts: countsJson, total, overdue, page: p.page, page_size: p.pageSize };
  }

  const app = Fastify({ logger: false, routerOptions: { querystringParser: (s) => new URLSearchParams(s) } });
  const kHeaders = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
      "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
  };
  const answer = (handler) => (request, reply) => {
    let status = 200;
    let body;
    try {
      body = JSON.stringify(handler(request));
    } catch (e) {
      if (!(e instanceof Failure)) {
        console.error(`${request.method} ${request.url}: ${e.stack ?? e}`);
        e = new Failure(500, 'internal', '服务器内部错误');
      }
      status = e.status;
      body = JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } });
    }
    reply.code(status).headers(kHeaders).send(body);
  };
  app.get('/api/declarations', answer(listDeclarations));
  app.get('/api/monthly/:id', answer(getMonthly));
  app.get('/api/tasks', answer(listTasks));
  app.get('/api/health', (request, reply) => reply.headers(kHeaders).send('{"status":"ok","peer":true}'));

  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => app.close().then(() => process.exit(0)));
  try {
    await app.listen({ port: Number(args.port), host: args.host });
    if (!cluster.isWorker) console.log(`listening on http://${args.host}:${args.port}`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

function cookie(header, name) {
  if (!header) return undefined;
  for (let part of header.split(';')) {
    part = part.replace(/^ +/, '');
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq) === name) return part.slice(eq + 1);
  }
  return undefined;
}

// With --workers N > 1, N processes share the port (node's cluster); each has its own connection.
if (workers > 1 && cluster.isPrimary) {
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers)) w.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2000).unref();
    cluster.disconnect(() => process.exit(0));
  };
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === workers) console.log(`listening on http://${args.host}:${args.port} (${workers} workers)`);
  });
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited (${code}); stopping`);
    stop();
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await serve();
}
