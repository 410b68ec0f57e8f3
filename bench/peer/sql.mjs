// Every SQL text the peer runs, composed exactly as qsm composes it for an authority's session, so the
// realistic mix measures two servers over the same statements. Each constant names the C++ constant
// or function it copies; when qsm's SQL changes, change it here (compare.mjs then says whether the
// answers still agree). Texts keep qsm's `$N` placeholders: sqlite() rewrites them to `?N` the way
// src/store/sqlite.cpp does, so SQLite prepares the same text qsm prepares.

// src/store/sqlite.cpp to_sqlite_placeholders: "$12" → "?12" outside string literals.
export function sqlite(text) {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") inString = !inString;
    out += !inString && c === '$' && i + 1 < text.length && text[i + 1] >= '0' && text[i + 1] <= '9' ? '?' : c;
  }
  return out;
}

// src/store/db.cpp Connection::begin(false) and commit(): every read is one snapshot.
export const kBegin = 'BEGIN';
export const kCommit = 'COMMIT';

// --- src/store/sqlite.cpp SqliteConnection: what each connection is opened with (OpenOptions defaults:
// synchronous NORMAL, no mmap, sqlite_cache_kib = 8192).
export const kOpenPragmas = ['PRAGMA journal_mode=WAL', 'PRAGMA synchronous=NORMAL', 'PRAGMA foreign_keys=ON', 'PRAGMA cache_size=-8192'];

// --- src/store/identity_store.cpp sql::kSession (find_session): one query builds the actor.
export const kSession =
  'SELECT s.id, s.csrf_token, s.role, s.login_method, s.created_at, s.last_seen_at, ' +
  's.account_id, a.username, a.display_name, a.authority_id, au.name, ' +
  's.enterprise_id, e.name, e.uscc, ' +
  's.person_id, pe.name, pen.name, s.contract_id, c.project_id, s.setup, s.clerk_id, kp.name, k.actions ' +
  'FROM sessions s ' +
  'LEFT JOIN accounts a ON a.id = s.account_id LEFT JOIN authorities au ON au.id = a.authority_id ' +
  'LEFT JOIN enterprises e ON e.id = s.enterprise_id ' +
  'LEFT JOIN persons pe ON pe.id = s.person_id LEFT JOIN enterprises pen ON pen.id = pe.enterprise_id ' +
  'LEFT JOIN contracts c ON c.id = s.contract_id ' +
  'LEFT JOIN clerks k ON k.id = s.clerk_id LEFT JOIN persons kp ON kp.id = k.person_id ' +
  'WHERE s.token_hash = $1 AND s.revoked = 0 AND (s.account_id IS NULL OR a.disabled = 0) ' +
  'AND (s.clerk_id IS NULL OR (k.disabled = 0 AND k.enterprise_id = s.enterprise_id AND kp.enterprise_id = k.enterprise_id))';

// --- src/store/declaration_scope.hpp: the DeclarationRef columns of every workflow record (all of `d`).
export const kDeclarationRefColumns =
  'd.id, d.registration_no, d.project_name, d.district, d.contractor_name, d.supervisor_name, d.management_status, ' +
  "CASE WHEN EXISTS (SELECT 1 FROM rectifications sw WHERE sw.declaration_id = d.id AND sw.kind = 'stop_work' AND sw.status <> 'closed') " +
  'THEN 1 ELSE 0 END ';
export const kDeclarationRefWidth = 8;

// --- src/store/declaration_store.cpp declaration_scope(): the scope fragments ($1 is the scope's id).
const kScopeAll = 'WHERE $1 = 0 ';
const kScopeAuthority = 'WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL ';
const kScopeContractor = 'WHERE d.contractor_enterprise_id = $1 ';
const kScopeSupervisor = 'WHERE d.supervisor_enterprise_id = $1 AND d.submitted_at IS NOT NULL ';
const kScopeProject = 'WHERE d.project_id = $1 ';
const kScopeProjectSubmitted = 'WHERE d.project_id = $1 AND d.submitted_at IS NOT NULL ';

// src/domain/actor.cpp Scope::of, then declaration_scope(): {where, id} of an actor.
export function declarationScope(actor) {
  const s = { all: false, authorityId: 0, enterpriseId: 0, general: true, projectId: 0 };
  switch (actor.role) {
    case 'admin': s.all = true; break;
    case 'authority': s.authorityId = actor.authorityId; break;
    case 'contractor': s.enterpriseId = actor.enterpriseId; break;
    case 'supervisor': s.enterpriseId = actor.enterpriseId; s.general = false; break;
    case 'site_contractor': case 'site_supervisor': s.projectId = actor.projectId; break;
    default: break;
  }
  const seesDrafts = actor.role === 'contractor' || actor.role === 'site_contractor' || actor.role === 'admin';
  if (!s.all && !s.authorityId && !s.enterpriseId && !s.projectId) s.projectId = -1;
  let where;
  let id;
  if (s.all) [where, id] = [kScopeAll, 0];
  else if (s.authorityId) [where, id] = [kScopeAuthority, s.authorityId];
  else if (s.enterpriseId) [where, id] = [s.general ? kScopeContractor : kScopeSupervisor, s.enterpriseId];
  else [where, id] = [seesDrafts ? kScopeProject : kScopeProjectSubmitted, s.projectId];
  return { where, id, seesDrafts, authorityId: s.authorityId };
}

// src/store/registry_store.cpp like_contains: %text% with % _ \ escaped.
export function likeContains(text) {
  return '%' + text.replace(/[%_\\]/g, (c) => '\\' + c) + '%';
}

// --- src/store/declaration_store.cpp: the list (list_declarations).
const kDeclColumns =
  'SELECT d.id, d.version, d.project_id, d.status, d.management_status, d.contractor_enterprise_id, d.supervisor_enterprise_id, ' +
  'd.authority_id, d.quality_target, d.planned_start, d.planned_finish, d.overview, ' +
  'd.contractor_manager_id, d.contractor_manager_name, d.contractor_manager_mobile, ' +
  'd.supervision_manager_id, d.supervision_manager_name, d.supervision_manager_mobile, ' +
  'd.returned_by_role, d.returned_by_name, d.returned_opinion, d.returned_at, d.accept_opinion, d.accepted_at, ' +
  'd.template_id, t.code, t.version, d.created_at, d.submitted_at, d.updated_at, ' +
  'p.registration_no, p.name, p.address, p.district, a.code, a.name, p.structure_type, p.floor_area_centi, ' +
  'p.planned_start, p.planned_finish, ' +
  'p.general_report_no, d.contractor_uscc, d.contractor_name, p.supervision_report_no, p.supervision_uscc, p.supervision_name, ' +
  'co.id, co.status, d.open_request, ' +
  'su.id, su.kind, su.status, su.effective_date, te.id, te.status, ' +
  "CASE WHEN EXISTS (SELECT 1 FROM rectifications sw WHERE sw.declaration_id = d.id AND sw.kind = 'stop_work' AND sw.status <> 'closed') " +
  'THEN 1 ELSE 0 END ';
const kDeclJoins =
  'JOIN projects p ON p.id = d.project_id JOIN authorities a ON a.id = p.authority_id ' +
  'LEFT JOIN templates t ON t.id = d.template_id ' +
  'LEFT JOIN completions co ON co.declaration_id = d.id ' +
  'LEFT JOIN management_requests su ON su.id = (SELECT MAX(id) FROM management_requests WHERE declaration_id = d.id ' +
  "AND kind IN ('suspend', 'resume')) " +
  "LEFT JOIN management_requests te ON te.declaration_id = d.id AND te.kind = 'terminate' ";
const kPageIds = 'SELECT d.id FROM declarations d ';
const kPageFrom = 'FROM declarations d JOIN (';
const kPageJoin = ') pg ON pg.id = d.id ';
const kCount = 'SELECT COUNT(*) FROM declarations d ';
// An authority's total without a filter of the declarations' own (V040/V041: kept by triggers).
const kAuthorityTotal = 'SELECT COALESCE(SUM(n), 0) FROM declaration_counts WHERE authority_id = $1';
const kAuthorityStatusTotal = 'SELECT COALESCE(SUM(n), 0) FROM declaration_counts WHERE authority_id = $1 AND status = $2';
const kContains = "AND (lower(d.registration_no) LIKE lower(?) ESCAPE '\\' OR lower(d.project_name) LIKE lower(?) ESCAPE '\\') ";
const kSearch = 'AND d.project_id IN (SELECT rowid FROM project_search WHERE project_search MATCH ?) ';
// An authority's search: its own rowid range of V038's declaration index ($1 is the authority).
const kAuthoritySearch =
  'AND d.id IN (SELECT rowid - $1 * 4294967296 FROM declaration_search WHERE declaration_search MATCH ? ' +
  'AND rowid BETWEEN $1 * 4294967296 AND $1 * 4294967296 + 4294967295) ';
// An authority's search total without another filter: its range of V056's index (submitted declarations only).
const kAuthoritySearchTotal =
  'SELECT COUNT(*) FROM declaration_search WHERE declaration_search MATCH $2 ' +
  'AND rowid BETWEEN $1 * 4294967296 AND $1 * 4294967296 + 4294967295';
const kStatus = 'AND d.status = ? ';
const kDistrict = 'AND d.district = ? ';
const kCreatedFrom = 'AND d.created_at >= ? ';
const kCreatedTo = 'AND d.created_at < ? ';
// declaration_store.cpp sql::kSorts: the first is the default.
export const kDeclarationSorts = [
  ['-updated_at', 'ORDER BY d.updated_at DESC, d.id DESC'],
  ['updated_at', 'ORDER BY d.updated_at ASC, d.id ASC'],
  ['registration_no', 'ORDER BY d.registration_no ASC'],
  ['-registration_no', 'ORDER BY d.registration_no DESC'],
  ['status', 'ORDER BY d.status ASC, d.updated_at DESC, d.id DESC'],
];

// declaration_scope.hpp Conditions: the scope fragment, then only the filters asked for, each "?"
// numbered on from $2.
class Conditions {
  constructor(scope) {
    this.sql = scope.where;
    this.params = [scope.id];
    this.numbered = 1;
  }
  add(fragment, ...values) {
    for (const ch of fragment) this.sql += ch === '?' ? '$' + ++this.numbered : ch;
    this.params.push(...values);
    return this;
  }
  nextParam(after = 0) { return '$' + (this.numbered + 1 + after); }
}

// registry_store.cpp project_search_phrase (SQLite): a quoted FTS5 phrase for text of three characters
// or more (the trigram index of V021), else null (LIKE).
export function projectSearchPhrase(text) {
  if ([...text].length < 3) return null;
  return '"' + text.replaceAll('"', '""') + '"';
}

// declaration_store.cpp list_declarations: {count: [text, params], page: [text, params]}.
export function listDeclarations(scope, q) {
  const w = new Conditions(scope);
  const phrase = q.q ? projectSearchPhrase(q.q) : null;
  if (phrase) w.add(scope.where === kScopeAuthority ? kAuthoritySearch : kSearch, phrase);
  else if (q.q) w.add(kContains, likeContains(q.q), likeContains(q.q));
  if (q.status) w.add(kStatus, q.status);
  if (q.district) w.add(kDistrict, q.district);
  if (q.fromMs !== undefined) w.add(kCreatedFrom, q.fromMs);
  if (q.toMs !== undefined) w.add(kCreatedTo, q.toMs);
  const order = (kDeclarationSorts.find(([key]) => key === q.sort) ?? kDeclarationSorts[0])[1];
  const from = w.sql;
  const onlyState = scope.where === kScopeAuthority && !q.district && q.fromMs === undefined && q.toMs === undefined;
  const count = onlyState && !q.q ? (q.status ? [kAuthorityStatusTotal, [scope.id, q.status]] : [kAuthorityTotal, [scope.id]])
    : onlyState && phrase && !q.status ? [kAuthoritySearchTotal, [scope.id, phrase]]
      : [kCount + from, w.params];
  const text = kDeclColumns + kPageFrom + kPageIds + from + order + ' LIMIT ' + w.nextParam() + ' OFFSET ' + w.nextParam(1) +
    kPageJoin + kDeclJoins + order;
  return { count, page: [text, [...w.params, q.pageSize, (q.page - 1) * q.pageSize]] };
}

// --- src/store/monthly_store.cpp: one month with its sheets (find_monthly).
const kMonthlyColumns =
  'SELECT m.id, m.version, m.period, m.status, m.template_id, t.code, t.version, m.self_score, m.review_score, ' +
  'm.created_at, m.submitted_at, m.reviewed_at, m.filed_at, m.updated_at, sp.id, sp.status, ';
export const kMonthlyRefAt = 16;
const kMonthlySheetColumns = ', ss.input, ss.result, rs.input, rs.result ';
const kMonthlySheetJoins =
  "JOIN monthly_sheets ss ON ss.monthly_id = m.id AND ss.sheet = 'self' " +
  "LEFT JOIN monthly_sheets rs ON rs.monthly_id = m.id AND rs.sheet = 'review' ";
const kMonthlyFrom =
  'FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id JOIN templates t ON t.id = m.template_id ' +
  'LEFT JOIN spot_checks sp ON sp.monthly_id = m.id ';
// monthly_store.cpp sql::drafts(), from the monthly spec's draft state.
const kDrafts = "AND ($2 = 1 OR m.status <> 'draft') ";
const kMonthlyById = 'AND m.id = $3';

// monthly_store.cpp find_monthly: select_where(s, true) + kById.
export function findMonthly(scope, id) {
  const text = kMonthlyColumns + kDeclarationRefColumns + kMonthlySheetColumns + kMonthlyFrom + kMonthlySheetJoins + scope.where +
    kDrafts + kMonthlyById;
  return [text, [scope.id, scope.seesDrafts ? 1 : 0, id]];
}

// --- src/store/photo_store.cpp photos_of_month (no target: every photo of the month), read by
// src/service/photo_service.cpp month_photos, in the month's read (monthly_service.cpp monthly_detail).
const kImageColumns =
  'display_sha256, thumbnail_sha256, width, height, original_sha256, original_format, original_bytes, taken_at, gps, uploaded_by, ' +
  'uploader_name, uploaded_at';
const kPhotoColumns = 'id, monthly_id, declaration_id, target, clause, ' + kImageColumns;
export function photosOfMonth(monthlyId) {
  return ['SELECT ' + kPhotoColumns + ' FROM photos WHERE monthly_id = $1' + " AND $2 = ''" + ' ORDER BY clause, id', [monthlyId, '']];
}

// --- src/store/task_store.cpp: the inbox's sources (sql::Source), their counts (task_counts) and rows
// (task_rows).
const kAuthorityOfDeclaration = 'AND d.authority_id = $1 AND d.submitted_at IS NOT NULL ';
const kSources = {
  declaration: { kind: 'declaration', select: 'SELECT d.id, d.status, NULL, NULL, d.updated_at, ', from: 'FROM declarations d ', id: 'd.id', since: 'd.updated_at' },
  monthly_evaluation: {
    kind: 'monthly_evaluation', select: 'SELECT m.id, m.status, m.period, NULL, m.updated_at, ',
    from: 'FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id ', id: 'm.id', since: 'm.updated_at',
  },
  quarterly_registration: {
    kind: 'quarterly_registration', select: 'SELECT q.id, q.status, q.quarter, NULL, q.updated_at, ',
    from: 'FROM quarterly_registrations q JOIN declarations d ON d.id = q.declaration_id ', id: 'q.id', since: 'q.updated_at',
    authorityScan: 'FROM quarterly_registrations q WHERE q.authority_id = $1 ', authorityAnd: '',
    authorityCounts: 'FROM quarterly_counts q WHERE q.authority_id = $1 ',
  },
  completion: {
    kind: 'completion', select: 'SELECT c.id, c.status, NULL, NULL, c.updated_at, ',
    from: 'FROM completions c JOIN declarations d ON d.id = c.declaration_id ', id: 'c.id', since: 'c.updated_at',
    authorityScan: 'FROM completions c CROSS JOIN declarations d WHERE d.id = c.declaration_id ', authorityAnd: kAuthorityOfDeclaration,
  },
  suspension: {
    kind: 'suspension', select: 'SELECT r.id, r.status, r.kind, r.effective_date, r.updated_at, ',
    from: 'FROM management_requests r JOIN declarations d ON d.id = r.declaration_id ', id: 'r.id', since: 'r.updated_at',
    authorityScan: 'FROM management_requests r CROSS JOIN declarations d WHERE d.id = r.declaration_id ', authorityAnd: kAuthorityOfDeclaration,
  },
  termination: {
    kind: 'termination', select: 'SELECT r.id, r.status, r.kind, NULL, r.updated_at, ',
    from: 'FROM management_requests r JOIN declarations d ON d.id = r.declaration_id ', id: 'r.id', since: 'r.updated_at',
    authorityScan: 'FROM management_requests r CROSS JOIN declarations d WHERE d.id = r.declaration_id ', authorityAnd: kAuthorityOfDeclaration,
  },
  rectification: {
    kind: 'rectification', select: 'SELECT x.id, x.status, x.number, x.deadline, x.updated_at, ',
    from: 'FROM rectifications x JOIN declarations d ON d.id = x.declaration_id ', id: 'x.id', since: 'x.updated_at',
    authorityScan: 'FROM rectifications x WHERE x.authority_id = $1 ', authorityAnd: '', window: 'x.deadline',
  },
};

// task_store.cpp sql::awaiting() for Role::authority, in its specs' order: the states in which each
// workflow's spec gives the authority a step (domain/workflow/*.hpp; the monthly spec gives it none),
// and the request kinds of the management specs.
export const kAuthorityAwaiting = [
  { source: kSources.declaration, condition: "AND d.status IN ('reviewed')" },
  { source: kSources.quarterly_registration, condition: "AND q.status IN ('pending')" },
  { source: kSources.completion, condition: "AND c.status IN ('pending_registration')" },
  { source: kSources.suspension, condition: "AND r.kind IN ('suspend', 'resume') AND r.status IN ('pending_registration')" },
  { source: kSources.termination, condition: "AND r.kind IN ('terminate') AND r.status IN ('pending_registration')" },
  { source: kSources.rectification, condition: "AND x.status IN ('confirmed')" },
];

// task_store.cpp scan_of: an authority walks a source's own authority column when it has one.
function scanOf(source, scope) {
  if (scope.authorityId && source.authorityScan !== undefined) return source.authorityScan + source.authorityAnd;
  return source.from + scope.where;
}

// task_store.cpp task_counts: every source's count in one statement, a COUNT subquery each (an
// authority's from the source's counts where it has them, V040/V041).
export function taskCounts(awaiting, scope) {
  const count = (a) => scope.authorityId && a.source.authorityCounts !== undefined
    ? '(SELECT COALESCE(SUM(n), 0) ' + a.source.authorityCounts + a.condition + ')'
    : '(SELECT COUNT(*) ' + scanOf(a.source, scope) + a.condition + ')';
  return ['SELECT ' + awaiting.map(count).join(', '), [scope.id]];
}

// task_store.cpp task_rows: months whole, every other source its `limit` longest-waiting rows.
export function taskRows(a, scope, limit) {
  const s = a.source;
  let text = s.select + kDeclarationRefColumns + s.from;
  if (s === kSources.monthly_evaluation) return [text + scope.where + a.condition, [scope.id]];
  text += 'JOIN (SELECT ' + s.id + ' AS id ' + scanOf(s, scope) + a.condition + ' ORDER BY ' + (s.window ?? s.since) + ', ' + s.id +
    ' LIMIT $2) pg ON pg.id = ' + s.id;
  return [text, [scope.id, limit]];
}
