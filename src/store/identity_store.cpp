// Identity SQL.
#include "store/identity_store.hpp"

#include "domain/clerk.hpp"

namespace qsm::store {
namespace sql {
constexpr std::string_view kAccountByName =
    "SELECT id, username, role, display_name, password_hash, authority_id, duty, must_change_password, password_changed_at, "
    "totp_secret, totp_pending, disabled FROM accounts WHERE username = $1";
constexpr std::string_view kAccountById =
    "SELECT id, username, role, display_name, password_hash, authority_id, duty, must_change_password, password_changed_at, "
    "totp_secret, totp_pending, disabled FROM accounts WHERE id = $1";
constexpr std::string_view kUpsertAccount =
    "INSERT INTO accounts (username, role, authority_id, display_name, password_hash, created_at, password_changed_at, duty, "
    "must_change_password) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8) ON CONFLICT (username) DO UPDATE SET role = excluded.role, "
    "authority_id = excluded.authority_id, display_name = excluded.display_name, password_hash = excluded.password_hash, "
    "password_changed_at = excluded.password_changed_at, duty = excluded.duty, must_change_password = excluded.must_change_password "
    "RETURNING id";
constexpr std::string_view kTakeLoginAttempt =
    "INSERT INTO login_guards (key, failed_count, locked_until, updated_at) VALUES ($1, 1, 0, $2) ON CONFLICT (key) DO UPDATE SET "
    "failed_count = CASE WHEN login_guards.locked_until > $2 THEN login_guards.failed_count "
    "WHEN login_guards.locked_until > 0 THEN 1 ELSE login_guards.failed_count + 1 END, "
    "locked_until = CASE WHEN login_guards.locked_until > $2 THEN login_guards.locked_until ELSE 0 END, updated_at = $2 "
    "RETURNING failed_count, locked_until";
constexpr std::string_view kLockLogin = "UPDATE login_guards SET locked_until = $2 WHERE key = $1";
constexpr std::string_view kClearLoginGuard = "DELETE FROM login_guards WHERE key = $1";
// must_change: 1 for a password an administrator set (changed at the next login), 0 for the owner's own.
constexpr std::string_view kSetPassword =
    "UPDATE accounts SET password_hash = $2, password_changed_at = $3, must_change_password = $4 WHERE id = $1";
constexpr std::string_view kAuthorityByCode = "SELECT id FROM authorities WHERE code = $1";

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, csrf_token, role, login_method, account_id, enterprise_id, person_id, contract_id, ip, "
    "created_at, last_seen_at, setup, clerk_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)";
// One query builds the whole actor: the account and its authority, the enterprise, or the person and the chosen contract.
constexpr std::string_view kSession =
    "SELECT s.id, s.csrf_token, s.role, s.login_method, s.created_at, s.last_seen_at, "
    "s.account_id, a.username, a.display_name, a.authority_id, au.name, "
    "s.enterprise_id, e.name, e.uscc, "
    "s.person_id, pe.name, pen.name, s.contract_id, c.project_id, s.setup, s.clerk_id, kp.name, k.actions "
    "FROM sessions s "
    "LEFT JOIN accounts a ON a.id = s.account_id LEFT JOIN authorities au ON au.id = a.authority_id "
    "LEFT JOIN enterprises e ON e.id = s.enterprise_id "
    "LEFT JOIN persons pe ON pe.id = s.person_id LEFT JOIN enterprises pen ON pen.id = pe.enterprise_id "
    "LEFT JOIN contracts c ON c.id = s.contract_id "
    "LEFT JOIN clerks k ON k.id = s.clerk_id LEFT JOIN persons kp ON kp.id = k.person_id "
    "WHERE s.token_hash = $1 AND s.revoked = 0 AND (s.account_id IS NULL OR a.disabled = 0) "
    "AND (s.clerk_id IS NULL OR (k.disabled = 0 AND k.enterprise_id = s.enterprise_id AND kp.enterprise_id = k.enterprise_id))";
constexpr std::string_view kTouch = "UPDATE sessions SET last_seen_at = $2 WHERE id = $1";
// VALUES rows are (id, last seen), named column1 and column2 on both backends.
constexpr std::string_view kTouchMany =
    "UPDATE sessions SET last_seen_at = v.column2 FROM (VALUES {rows}) AS v WHERE sessions.id = v.column1 AND sessions.last_seen_at < v.column2";
constexpr std::size_t kTouchRows[] = {64, 16, 4, 1};
constexpr std::string_view kRevoke = "UPDATE sessions SET revoked = 1 WHERE id = $1";
constexpr std::string_view kRevokeAccount = "UPDATE sessions SET revoked = 1 WHERE account_id = $1 AND id <> $2 AND revoked = 0";
constexpr std::string_view kBindContract = "UPDATE sessions SET contract_id = $2, role = $3 WHERE id = $1";

constexpr std::string_view kAuthorityDetails = "SELECT code, district FROM authorities WHERE id = $1";
constexpr std::string_view kEnterpriseUscc = "SELECT uscc FROM enterprises WHERE id = $1";
// With the project's declaration as the contract's site user sees it (the site supervisor: once submitted).
constexpr std::string_view kContractDetails =
    "SELECT c.report_no, c.kind, p.name, p.registration_no, d.status, d.submitted_at FROM contracts c JOIN projects p ON p.id = c.project_id "
    "LEFT JOIN declarations d ON d.project_id = p.id WHERE c.id = $1";
constexpr std::string_view kPersonByHash = "SELECT id, name, mobile FROM persons WHERE id_hash = $1";
constexpr std::string_view kEnterpriseByUscc = "SELECT id, uscc, name, kind FROM enterprises WHERE uscc = $1";
constexpr std::string_view kPersonContracts =
    "SELECT c.id, c.project_id, c.report_no, c.kind, p.registration_no, p.name, p.district, e.name "
    "FROM contracts c JOIN projects p ON p.id = c.project_id JOIN enterprises e ON e.id = c.enterprise_id "
    "WHERE c.manager_person_id = $1 AND c.kind = $2 AND ($3 = '' OR c.report_no = $3) ORDER BY p.registration_no";
constexpr std::string_view kPersonContract =
    "SELECT c.id, c.project_id, c.report_no, c.kind, p.registration_no, p.name, p.district, e.name "
    "FROM contracts c JOIN projects p ON p.id = c.project_id JOIN enterprises e ON e.id = c.enterprise_id "
    "WHERE c.manager_person_id = $1 AND c.kind = $2 AND c.id = $3";
constexpr std::string_view kInsertCode =
    "INSERT INTO sms_codes (person_id, role, code_hash, sent_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr std::string_view kDeleteCode = "DELETE FROM sms_codes WHERE id = $1";
// The newest live code's try, counted in the UPDATE itself: PostgreSQL re-checks `attempts < $4` on
// the row a concurrent try has just changed, SQLite has one writer.
constexpr std::string_view kTakeCodeAttempt =
    "UPDATE sms_codes SET attempts = attempts + 1 WHERE id = (SELECT id FROM sms_codes "
    "WHERE person_id = $1 AND role = $2 AND used = 0 AND expires_at > $3 ORDER BY id DESC LIMIT 1) AND used = 0 AND attempts < $4 "
    "RETURNING id, sent_at, expires_at, attempts, code_hash";
constexpr std::string_view kUseCode = "UPDATE sms_codes SET used = 1 WHERE id = $1 AND used = 0 RETURNING id";
constexpr std::string_view kInsertOutbox = "INSERT INTO sms_outbox (created_at, mobile, text, purpose) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kLastOutbox = "SELECT created_at, mobile, text FROM sms_outbox WHERE ($2 = '' OR purpose = $2) ORDER BY id DESC LIMIT $1";
constexpr std::string_view kLogLogin = "INSERT INTO login_log (at, method, who, ip, success, reason) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kLoginLogCount = "SELECT COUNT(*) FROM login_log";
constexpr std::string_view kLoginLogPage =
    "SELECT id, at, method, who, ip, success, reason FROM login_log ORDER BY id DESC LIMIT $1 OFFSET $2";
}  // namespace sql

namespace {
Account account_from(const Row& r) {
  Account a;
  a.id = r.integer(0);
  a.username = r.text(1);
  a.role = r.text(2);
  a.display_name = r.text(3);
  a.password_hash = r.text(4);
  a.authority_id = r.opt_integer(5);
  a.duty = r.text(6);
  a.must_change_password = r.integer(7) != 0;
  a.password_changed_at = r.integer(8);
  a.totp_secret = r.opt_text(9);
  a.totp_pending = r.opt_text(10);
  a.disabled = r.integer(11) != 0;
  return a;
}
}  // namespace

std::optional<Account> find_account(Connection& c, std::string_view username) {
  auto r = c.query_one(sql::kAccountByName, params(username));
  if (!r) return std::nullopt;
  return account_from(*r);
}

std::optional<Account> find_account_by_id(Connection& c, std::int64_t id) {
  auto r = c.query_one(sql::kAccountById, params(id));
  if (!r) return std::nullopt;
  return account_from(*r);
}

std::int64_t upsert_account(Connection& c, const NewAccount& a, domain::Instant now) {
  return c.query_one(sql::kUpsertAccount, params(a.username, a.role, a.authority_id, a.display_name, a.password_hash, domain::to_millis(now),
                                                 a.duty, a.must_change_password ? 1 : 0))
      ->integer(0);
}

LoginGuard take_login_attempt(Connection& c, std::string_view key, std::int64_t now_ms) {
  auto r = c.query_one(sql::kTakeLoginAttempt, params(key, now_ms));
  return LoginGuard{r->integer(0), r->integer(1)};
}

void lock_login(Connection& c, std::string_view key, std::int64_t until_ms) { c.execute(sql::kLockLogin, params(key, until_ms)); }

void clear_login_guard(Connection& c, std::string_view key) { c.execute(sql::kClearLoginGuard, params(key)); }

namespace sql {
constexpr std::string_view kRateTake =
    "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) ON CONFLICT (key) DO UPDATE SET "
    "hits = CASE WHEN rate_limits.window_start > $3 THEN rate_limits.hits + 1 ELSE 1 END, "
    "window_start = CASE WHEN rate_limits.window_start > $3 THEN rate_limits.window_start ELSE $2 END "
    "RETURNING hits, window_start";
constexpr std::string_view kRateGiveBack = "UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND window_start = $2 AND hits > 0";
}  // namespace sql

RateWindow rate_take(Connection& c, std::string_view key, std::int64_t now_ms, std::int64_t window_ms) {
  auto r = c.query_one(sql::kRateTake, params(key, now_ms, now_ms - window_ms));
  return RateWindow{r->integer(0), r->integer(1)};
}

void rate_give_back(Connection& c, std::string_view key, std::int64_t started_at) {
  c.execute(sql::kRateGiveBack, params(key, started_at));
}

void set_password(Connection& c, std::int64_t account_id, const std::string& hash, domain::Instant now, bool must_change) {
  c.execute(sql::kSetPassword, params(account_id, hash, domain::to_millis(now), must_change ? 1 : 0));
}

std::optional<std::int64_t> authority_id_by_code(Connection& c, std::string_view code) {
  auto r = c.query_one(sql::kAuthorityByCode, params(code));
  if (!r) return std::nullopt;
  return r->integer(0);
}

void insert_session(Connection& c, const NewSession& s, domain::Instant now) {
  c.execute(sql::kInsertSession, params(s.token_hash, s.csrf_token, s.role, s.login_method, s.account_id, s.enterprise_id, s.person_id,
                                        s.contract_id, s.ip, domain::to_millis(now), s.setup, s.clerk_id));
}

std::optional<SessionRow> find_session(Connection& c, const std::string& token_hash) {
  auto r = c.query_one(sql::kSession, params(token_hash));
  if (!r) return std::nullopt;
  SessionRow s;
  s.id = r->integer(0);
  s.csrf_token = r->text(1);
  s.role = r->text(2);
  s.login_method = r->text(3);
  s.created_at = r->integer(4);
  s.last_seen_at = r->integer(5);
  auto role = domain::role_from(s.role);
  if (!role) return std::nullopt;
  domain::Actor& a = s.actor;
  a.role = *role;
  if (auto account = r->opt_integer(6)) {
    a.account_id = *account;
    a.name = r->text(8);
    a.ref = "account:" + r->text(7);
    a.authority_id = r->opt_integer(9).value_or(0);
    a.organisation = r->opt_text(10).value_or("系统管理");
  }
  if (auto enterprise = r->opt_integer(11)) {
    a.enterprise_id = *enterprise;
    a.name = r->text(12);
    a.organisation = r->text(12);
    a.ref = "enterprise:" + r->text(13);
  }
  if (auto person = r->opt_integer(14)) {
    a.person_id = *person;
    a.name = r->text(15);
    a.organisation = r->text(16);
    a.ref = "person:" + std::to_string(*person);
    a.contract_id = r->opt_integer(17).value_or(0);
    a.project_id = r->opt_integer(18).value_or(0);
  }
  s.setup = r->text(19);
  if (auto clerk = r->opt_integer(20)) {
    // The enterprise's session (enterprise_id, above), acting under the clerk's own name.
    a.clerk_id = *clerk;
    a.name = domain::clerk_display_name(r->text(21));
    a.ref = "clerk:" + std::to_string(*clerk);
    a.clerk_actions = domain::clerk_actions_from_text(r->text(22));
  }
  return s;
}

void touch_session(Connection& c, std::int64_t session_id, domain::Instant now) {
  c.execute(sql::kTouch, params(session_id, domain::to_millis(now)));
}

void touch_sessions(Connection& c, const std::vector<std::pair<std::int64_t, std::int64_t>>& seen) {
  std::vector<Value> values;
  values.reserve(2 * seen.size());
  for (const auto& [id, at] : seen) {
    values.emplace_back(id);
    values.emplace_back(at);
  }
  execute_rows(c, sql::kTouchMany, 2, values, sql::kTouchRows);
}

void revoke_session(Connection& c, std::int64_t session_id) { c.execute(sql::kRevoke, params(session_id)); }

void bind_session_contract(Connection& c, std::int64_t session_id, std::int64_t contract_id, const std::string& role) {
  c.execute(sql::kBindContract, params(session_id, contract_id, role));
}

std::int64_t revoke_account_sessions(Connection& c, std::int64_t account_id, std::int64_t except_session) {
  return c.execute(sql::kRevokeAccount, params(account_id, except_session));
}

MeDetails me_details(Connection& c, const domain::Actor& a) {
  MeDetails d;
  if (a.authority_id)
    if (auto r = c.query_one(sql::kAuthorityDetails, params(a.authority_id))) d.authority_code = r->text(0), d.authority_district = r->text(1);
  if (a.enterprise_id)
    if (auto r = c.query_one(sql::kEnterpriseUscc, params(a.enterprise_id))) d.enterprise_uscc = r->text(0);
  if (a.contract_id)
    if (auto r = c.query_one(sql::kContractDetails, params(a.contract_id))) {
      d.contract_report_no = r->text(0), d.contract_kind = r->text(1), d.project_name = r->text(2), d.project_registration_no = r->text(3);
      if (!r->is_null(4) && (domain::Scope::of(a).sees_drafts || !r->is_null(5))) d.declaration_status = r->text(4);
    }
  return d;
}

std::optional<PersonRow> find_person_by_id_hash(Connection& c, const std::string& id_hash) {
  auto r = c.query_one(sql::kPersonByHash, params(id_hash));
  if (!r) return std::nullopt;
  return PersonRow{r->integer(0), r->text(1), r->text(2)};
}

std::optional<EnterpriseRow> find_enterprise_by_uscc(Connection& c, std::string_view uscc) {
  auto r = c.query_one(sql::kEnterpriseByUscc, params(uscc));
  if (!r) return std::nullopt;
  return EnterpriseRow{r->integer(0), r->text(1), r->text(2), r->text(3)};
}

namespace {
PersonContract person_contract_from(const Row& r) {
  return PersonContract{r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
}
}  // namespace

std::vector<PersonContract> contracts_of_person(Connection& c, std::int64_t person_id, std::string_view kind, std::string_view report_no) {
  std::vector<PersonContract> out;
  c.run(sql::kPersonContracts, params(person_id, kind, report_no), [&](Row& r) { out.push_back(person_contract_from(r)); });
  return out;
}

std::optional<PersonContract> contract_of_person(Connection& c, std::int64_t person_id, std::string_view kind, std::int64_t contract_id) {
  auto r = c.query_one(sql::kPersonContract, params(person_id, kind, contract_id));
  if (!r) return std::nullopt;
  return person_contract_from(*r);
}

std::int64_t insert_code(Connection& c, std::int64_t person_id, std::string_view role, const std::string& code_hash, std::int64_t sent_at,
                         std::int64_t expires_at) {
  return c.query_one(sql::kInsertCode, params(person_id, role, code_hash, sent_at, expires_at))->integer(0);
}

void delete_code(Connection& c, std::int64_t code_id) { c.execute(sql::kDeleteCode, params(code_id)); }

std::optional<SmsCode> take_code_attempt(Connection& c, std::int64_t person_id, std::string_view role, std::int64_t now_ms,
                                         std::int64_t max_attempts) {
  auto r = c.query_one(sql::kTakeCodeAttempt, params(person_id, role, now_ms, max_attempts));
  if (!r) return std::nullopt;
  return SmsCode{r->integer(0), r->integer(1), r->integer(2), r->integer(3), r->text(4)};
}

bool use_code(Connection& c, std::int64_t code_id) { return c.query_one(sql::kUseCode, params(code_id)).has_value(); }

void insert_outbox(Connection& c, const std::string& mobile, const std::string& text, const std::string& purpose) {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  c.execute(sql::kInsertOutbox, params(static_cast<std::int64_t>(now), mobile, text, purpose));
}

std::vector<OutboxRow> last_outbox(Connection& c, int n, const std::string& purpose) {
  std::vector<OutboxRow> out;
  c.run(sql::kLastOutbox, params(n, purpose), [&](Row& r) { out.push_back({r.integer(0), r.text(1), r.text(2)}); });
  std::reverse(out.begin(), out.end());
  return out;
}

void log_login(Connection& c, domain::Instant at, std::string_view method, std::string_view who, std::string_view ip, bool success,
               std::string_view reason) {
  c.execute(sql::kLogLogin, params(domain::to_millis(at), method, who, ip, success, reason));
}

std::vector<LoginLogRow> list_login_log(Connection& c, int limit, int offset, std::int64_t& total) {
  total = c.query_one(sql::kLoginLogCount)->integer(0);
  std::vector<LoginLogRow> out;
  c.run(sql::kLoginLogPage, params(limit, offset), [&](Row& r) {
    out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.integer(5) != 0, r.text(6)});
  });
  return out;
}

}  // namespace qsm::store
