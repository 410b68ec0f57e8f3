// Account security SQL.
#include "store/account_store.hpp"

#include "domain/clerk.hpp"

namespace qsm::store {
namespace sql {
constexpr std::string_view kSetSetup = "UPDATE sessions SET setup = $2 WHERE id = $1";
constexpr std::string_view kCapSessions =
    "UPDATE sessions SET revoked = 1 WHERE account_id = $1 AND revoked = 0 AND id NOT IN "
    "(SELECT id FROM sessions WHERE account_id = $1 AND revoked = 0 ORDER BY id DESC LIMIT $2) RETURNING id";
constexpr std::string_view kSetPending = "UPDATE accounts SET totp_pending = $2 WHERE id = $1";
constexpr std::string_view kEnable =
    "UPDATE accounts SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $2, totp_enabled_at = $3 WHERE id = $1";
// Atomic: two requests with one code cannot both pass.
constexpr std::string_view kTakeStep =
    "UPDATE accounts SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2 AND totp_secret IS NOT NULL RETURNING id";
constexpr std::string_view kRemove =
    "UPDATE accounts SET totp_secret = NULL, totp_pending = NULL, totp_enabled_at = NULL, totp_last_step = 0 WHERE id = $1";
constexpr std::string_view kDeleteCodes = "DELETE FROM recovery_codes WHERE account_id = $1";
constexpr std::string_view kInsertCode = "INSERT INTO recovery_codes (account_id, code_mac, created_at) VALUES ($1, $2, $3)";
constexpr std::string_view kUseCode =
    "UPDATE recovery_codes SET used_at = $3 WHERE id = (SELECT id FROM recovery_codes WHERE account_id = $1 AND code_mac = $2 "
    "AND used_at IS NULL LIMIT 1) AND used_at IS NULL RETURNING id";
constexpr std::string_view kCodesLeft = "SELECT COUNT(*) FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL";
constexpr std::string_view kAccounts =
    "SELECT a.id, a.username, a.role, a.duty, a.display_name, au.code, au.name, CASE WHEN a.totp_secret IS NULL THEN 0 ELSE 1 END, "
    "a.must_change_password, "
    "a.password_changed_at, (SELECT COUNT(*) FROM sessions s WHERE s.account_id = a.id AND s.revoked = 0 AND s.last_seen_at > $1), "
    "a.disabled, a.created_at, COALESCE((SELECT MAX(s.created_at) FROM sessions s WHERE s.account_id = a.id), 0) "
    "FROM accounts a LEFT JOIN authorities au ON au.id = a.authority_id ORDER BY a.role DESC, a.username";
constexpr std::string_view kInsertAccount =
    "INSERT INTO accounts (username, role, authority_id, display_name, password_hash, created_at, password_changed_at, duty, "
    "must_change_password) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8) ON CONFLICT (username) DO NOTHING RETURNING id";
constexpr std::string_view kUpdateAccount = "UPDATE accounts SET display_name = $2, authority_id = $3 WHERE id = $1";
constexpr std::string_view kSetDisabled = "UPDATE accounts SET disabled = $2 WHERE id = $1";
constexpr std::string_view kEnabledSystemAdmins = "SELECT COUNT(*) FROM accounts WHERE role = 'admin' AND duty = 'system' AND disabled = 0";
// Who a session is: the account (username and name), the enterprise, or the person; and for whom.
constexpr std::string_view kLiveSessionsFrom =
    " FROM sessions s LEFT JOIN accounts a ON a.id = s.account_id LEFT JOIN authorities au ON au.id = a.authority_id "
    "LEFT JOIN enterprises e ON e.id = s.enterprise_id LEFT JOIN persons pe ON pe.id = s.person_id "
    "LEFT JOIN enterprises pen ON pen.id = pe.enterprise_id "
    "LEFT JOIN clerks k ON k.id = s.clerk_id LEFT JOIN persons kp ON kp.id = k.person_id";
// A clerk's session: his person's name (kp.name) as well, named below as the audit trail names him.
constexpr std::string_view kLiveSessionsColumns =
    "SELECT s.id, s.role, s.login_method, COALESCE(s.ip, ''), s.created_at, s.last_seen_at, s.account_id, "
    "COALESCE(a.username || ' ' || a.display_name, e.name, pe.name, ''), COALESCE(au.name, pen.name, e.name, ''), kp.name";
constexpr std::string_view kLockedUntil = "SELECT locked_until FROM login_guards WHERE key = $1";
constexpr std::string_view kPruneLog = "DELETE FROM login_log WHERE at < $1";
constexpr std::string_view kPruneGuards = "DELETE FROM login_guards WHERE updated_at < $1 AND locked_until < $1";
}  // namespace sql

namespace {

// WHERE clauses from constant fragments, each with one value: its every "?" becomes that value's $n.
class Where {
 public:
  template <class V>
  Where& add(std::string_view fragment, V value) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    const auto n = "$" + std::to_string(++n_);
    for (char ch : fragment) sql_ += ch == '?' ? n : std::string(1, ch);
    params_.push_back(to_value(value));
    return *this;
  }
  const std::string& sql() const { return sql_; }
  std::vector<Value> params() const { return params_; }
  std::string next() { return "$" + std::to_string(++n_); }

 private:
  std::string sql_;
  std::vector<Value> params_;
  int n_ = 0;
};

// `who` matches a substring; the LIKE wildcards typed are taken literally.
std::string contains(std::string_view text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

// `ip` matches a beginning (a network typed as "10.1."); wildcards typed are literal.
std::string starts_with(std::string_view text) { return contains(text).substr(1); }

void time_range(Where& w, const LogFilter& f, std::string_view column) {
  if (f.from_ms) w.add(std::string(column) + " >= ?", *f.from_ms);
  if (f.to_ms) w.add(std::string(column) + " < ?", *f.to_ms);
}

}  // namespace

void set_session_setup(Connection& c, std::int64_t session_id, std::string_view setup) { c.execute(sql::kSetSetup, params(session_id, setup)); }

std::int64_t cap_account_sessions(Connection& c, std::int64_t account_id, int keep) {
  std::int64_t n = 0;
  c.run(sql::kCapSessions, params(account_id, keep), [&](Row&) { ++n; });
  return n;
}

void set_totp_pending(Connection& c, std::int64_t account_id, const std::string& sealed) { c.execute(sql::kSetPending, params(account_id, sealed)); }

void enable_totp(Connection& c, std::int64_t account_id, std::int64_t step, std::int64_t now_ms) {
  c.execute(sql::kEnable, params(account_id, step, now_ms));
}

bool take_totp_step(Connection& c, std::int64_t account_id, std::int64_t step) {
  return c.query_one(sql::kTakeStep, params(account_id, step)).has_value();
}

void remove_totp(Connection& c, std::int64_t account_id) {
  c.execute(sql::kRemove, params(account_id));
  c.execute(sql::kDeleteCodes, params(account_id));
}

void replace_recovery_codes(Connection& c, std::int64_t account_id, const std::vector<std::string>& macs, std::int64_t now_ms) {
  c.execute(sql::kDeleteCodes, params(account_id));
  for (const auto& m : macs) c.execute(sql::kInsertCode, params(account_id, m, now_ms));
}

bool use_recovery_code(Connection& c, std::int64_t account_id, std::string_view mac, std::int64_t now_ms) {
  return c.query_one(sql::kUseCode, params(account_id, mac, now_ms)).has_value();
}

std::int64_t recovery_codes_left(Connection& c, std::int64_t account_id) {
  return c.query_one(sql::kCodesLeft, params(account_id))->integer(0);
}

std::vector<AccountListRow> list_accounts(Connection& c, std::int64_t live_after_ms) {
  std::vector<AccountListRow> out;
  c.run(sql::kAccounts, params(live_after_ms), [&](Row& r) {
    AccountListRow a;
    a.id = r.integer(0);
    a.username = r.text(1);
    a.role = r.text(2);
    a.duty = r.text(3);
    a.display_name = r.text(4);
    a.authority_code = r.opt_text(5);
    a.authority_name = r.opt_text(6);
    a.second_factor = r.integer(7) != 0;
    a.must_change_password = r.integer(8) != 0;
    a.password_changed_at = r.integer(9);
    a.live_sessions = r.integer(10);
    a.disabled = r.integer(11) != 0;
    a.created_at = r.integer(12);
    a.last_login_at = r.integer(13);
    out.push_back(std::move(a));
  });
  return out;
}

std::optional<std::int64_t> insert_account(Connection& c, const NewAccount& a, std::int64_t now_ms) {
  auto r = c.query_one(sql::kInsertAccount, params(a.username, a.role, a.authority_id, a.display_name, a.password_hash, now_ms, a.duty,
                                                   a.must_change_password ? 1 : 0));
  if (!r) return std::nullopt;
  return r->integer(0);
}

void update_account(Connection& c, std::int64_t id, const std::string& display_name, std::optional<std::int64_t> authority_id) {
  c.execute(sql::kUpdateAccount, params(id, display_name, authority_id));
}

void set_account_disabled(Connection& c, std::int64_t id, bool disabled) { c.execute(sql::kSetDisabled, params(id, disabled ? 1 : 0)); }

std::int64_t enabled_system_admins(Connection& c) { return c.query_one(sql::kEnabledSystemAdmins)->integer(0); }

std::vector<LiveSession> find_live_sessions(Connection& c, const SessionFilter& f, int limit, int offset, std::int64_t& total) {
  Where w;
  w.add("s.revoked = ?", 0);
  w.add("s.last_seen_at > ?", f.live_after_ms);
  w.add("s.created_at > ?", f.begun_after_ms);
  if (f.id) w.add("s.id = ?", *f.id);
  if (f.account_id) w.add("s.account_id = ?", *f.account_id);
  if (!f.role.empty()) w.add("s.role = ?", f.role);
  if (!f.q.empty())
    w.add("(a.username LIKE ? ESCAPE '\\' OR a.display_name LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\' OR pe.name LIKE ? ESCAPE '\\' OR kp.name LIKE ? ESCAPE '\\' "
          "OR au.name LIKE ? ESCAPE '\\' OR pen.name LIKE ? ESCAPE '\\')",
          contains(f.q));
  auto ps = w.params();
  total = c.query_one("SELECT COUNT(*)" + std::string(sql::kLiveSessionsFrom) + w.sql(), ps)->integer(0);
  const auto lim = w.next(), off = w.next();
  ps.push_back(to_value(limit));
  ps.push_back(to_value(offset));
  std::vector<LiveSession> out;
  c.run(std::string(sql::kLiveSessionsColumns) + std::string(sql::kLiveSessionsFrom) + w.sql() + " ORDER BY s.last_seen_at DESC, s.id DESC LIMIT " +
            lim + " OFFSET " + off,
        ps, [&](Row& r) {
          LiveSession s;
          s.id = r.integer(0);
          s.role = r.text(1);
          s.login_method = r.text(2);
          s.ip = r.text(3);
          s.created_at = r.integer(4);
          s.last_seen_at = r.integer(5);
          s.account_id = r.opt_integer(6);
          // A clerk under his enterprise (organisation), named as the audit trail names him.
          s.who = r.is_null(9) ? r.text(7) : domain::clerk_display_name(r.text(9));
          s.organisation = r.text(8);
          out.push_back(std::move(s));
        });
  return out;
}

std::int64_t login_locked_until(Connection& c, std::string_view key) {
  auto r = c.query_one(sql::kLockedUntil, params(key));
  return r ? r->integer(0) : 0;
}

std::vector<LoginLogEntry> find_login_log(Connection& c, const LogFilter& f, int limit, int offset, std::int64_t& total) {
  Where w;
  if (f.success) w.add("success = ?", *f.success ? 1 : 0);
  if (!f.who.empty()) w.add("who LIKE ? ESCAPE '\\'", contains(f.who));
  if (!f.ip.empty()) w.add("ip LIKE ? ESCAPE '\\'", starts_with(f.ip));
  if (!f.method.empty()) w.add("method = ?", f.method);
  time_range(w, f, "at");
  total = c.query_one("SELECT COUNT(*) FROM login_log" + w.sql(), w.params())->integer(0);
  auto p = w.params();
  p.push_back(to_value(limit));
  p.push_back(to_value(offset));
  const auto sql = "SELECT id, at, method, who, ip, success, reason FROM login_log" + w.sql() + " ORDER BY id DESC LIMIT " + w.next() +
                   " OFFSET " + w.next();
  std::vector<LoginLogEntry> out;
  c.run(sql, p, [&](Row& r) {
    out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.opt_text(4).value_or(""), r.integer(5) != 0,
                   r.opt_text(6).value_or("")});
  });
  return out;
}

std::vector<AuditLogEntry> find_audit_log(Connection& c, const LogFilter& f, int limit, int offset, std::int64_t& total) {
  Where w;
  if (!f.entity.empty()) w.add("entity = ?", f.entity);
  if (!f.action.empty()) w.add("action = ?", f.action);
  if (!f.who.empty()) w.add("(actor_name LIKE ? ESCAPE '\\' OR organisation LIKE ? ESCAPE '\\')", contains(f.who));
  if (!f.district.empty())
    w.add("declaration_id IN (SELECT d.id FROM declarations d JOIN projects p ON p.id = d.project_id WHERE p.district = ?)", f.district);
  time_range(w, f, "at");
  auto p = w.params();
  total = c.query_one("SELECT COUNT(*) FROM audit_log" + w.sql(), p)->integer(0);
  p.push_back(to_value(limit));
  p.push_back(to_value(offset));
  const auto sql =
      "SELECT id, at, entity, entity_id, action, from_state, to_state, actor_role, actor_name, organisation, opinion, ip FROM audit_log" +
      w.sql() + " ORDER BY id DESC LIMIT " + w.next() + " OFFSET " + w.next();
  std::vector<AuditLogEntry> out;
  c.run(sql, p, [&](Row& r) {
    AuditLogEntry e;
    e.id = r.integer(0);
    e.at = r.integer(1);
    e.entity = r.text(2);
    e.entity_id = r.integer(3);
    e.action = r.text(4);
    e.from_state = r.opt_text(5);
    e.to_state = r.opt_text(6);
    e.actor_role = r.opt_text(7).value_or("");
    e.actor_name = r.opt_text(8).value_or("");
    e.organisation = r.opt_text(9).value_or("");
    e.opinion = r.opt_text(10);
    e.ip = r.opt_text(11).value_or("");
    out.push_back(std::move(e));
  });
  return out;
}

std::int64_t prune_login_log(Connection& c, std::int64_t before_ms) { return c.execute(sql::kPruneLog, params(before_ms)); }
std::int64_t prune_login_guards(Connection& c, std::int64_t before_ms) { return c.execute(sql::kPruneGuards, params(before_ms)); }

}  // namespace qsm::store
