// Accounts, sessions and the login log.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "domain/time.hpp"
#include "store/db.hpp"

namespace qsm::store {

struct Account {
  std::int64_t id = 0;
  std::string username, role, display_name, password_hash;
  std::optional<std::int64_t> authority_id;
  std::string duty = "system";  // an administrator's duty: system, security, audit
  bool must_change_password = false;
  bool disabled = false;  // 用户管理: a disabled account cannot log in
  std::int64_t password_changed_at = 0;
  std::optional<std::string> totp_secret, totp_pending;  // sealed under the server secret
};

std::optional<Account> find_account(Connection& c, std::string_view username);
std::optional<Account> find_account_by_id(Connection& c, std::int64_t id);
struct NewAccount {
  std::string username, role;
  std::optional<std::int64_t> authority_id;
  std::string display_name, password_hash, duty = "system";
  bool must_change_password = true;
};
// Creates or replaces (password, role, authority, duty) the account; returns its id.
std::int64_t upsert_account(Connection& c, const NewAccount& a, domain::Instant now);

// Password-login failures by the HMAC of the name tried (login_guards; a row for unknown names too).
struct LoginGuard {
  std::int64_t failed_count = 0;  // failures in a row, this attempt included
  std::int64_t locked_until = 0;  // ms; 0 when not locked
};
// Counts this attempt before the password is checked, in one statement: a lock that has run out
// starts the count again at 1; a live lock is returned as it is.
LoginGuard take_login_attempt(Connection& c, std::string_view key, std::int64_t now_ms);
void lock_login(Connection& c, std::string_view key, std::int64_t until_ms);
// After a right password (or an administrator's reset): the count starts again.
void clear_login_guard(Connection& c, std::string_view key);

// A fixed-window counter by key: the hits of the window that holds now_ms, and when it began.
struct RateWindow {
  std::int64_t hits = 0, started_at = 0;
};
// Counts one hit and returns the window with it, in one statement (a window that has passed starts
// again at 1), so concurrent requests each see their own count and never more than the limit pass.
RateWindow rate_take(Connection& c, std::string_view key, std::int64_t now_ms, std::int64_t window_ms);
// Takes back a hit of the window that began at started_at (a login that succeeded is not a failure).
void rate_give_back(Connection& c, std::string_view key, std::int64_t started_at);
// must_change: set by an administrator, to be changed at the account's next login.
void set_password(Connection& c, std::int64_t account_id, const std::string& hash, domain::Instant now, bool must_change = false);
std::optional<std::int64_t> authority_id_by_code(Connection& c, std::string_view code);

struct NewSession {
  std::string token_hash, csrf_token, role, login_method, ip;
  std::optional<std::int64_t> account_id, enterprise_id, person_id, contract_id;
  std::string setup;  // what the login must still do (domain::Setup's code); "" when whole
  std::optional<std::int64_t> clerk_id;  // with enterprise_id: a clerk acting for the enterprise
};
void insert_session(Connection& c, const NewSession& s, domain::Instant now);

struct SessionRow {
  std::int64_t id = 0;
  std::string csrf_token, role, login_method;
  std::int64_t created_at = 0, last_seen_at = 0;
  domain::Actor actor;
  std::string setup;
};
std::optional<SessionRow> find_session(Connection& c, const std::string& token_hash);
void touch_session(Connection& c, std::int64_t session_id, domain::Instant now);
// Many sessions' last-seen times (session id, epoch ms) in a few statements; a time never moves back
// (another process may have written a later one).
void touch_sessions(Connection& c, const std::vector<std::pair<std::int64_t, std::int64_t>>& seen);
void revoke_session(Connection& c, std::int64_t session_id);
// Ends every live session of the account but `except_session` (0: all); returns how many.
std::int64_t revoke_account_sessions(Connection& c, std::int64_t account_id, std::int64_t except_session);
void bind_session_contract(Connection& c, std::int64_t session_id, std::int64_t contract_id, const std::string& role);

// What /api/me shows beyond the actor: the authority's code and district, the chosen contract.
struct MeDetails {
  std::string authority_code, authority_district, enterprise_uscc;
  std::string contract_report_no, contract_kind, project_name, project_registration_no;
  std::optional<std::string> declaration_status;  // the contract's project's declaration, if the site user sees one
};
MeDetails me_details(Connection& c, const domain::Actor& a);

struct PersonRow {
  std::int64_t id = 0;
  std::string name, mobile;
};
std::optional<PersonRow> find_person_by_id_hash(Connection& c, const std::string& id_hash);

struct EnterpriseRow {
  std::int64_t id = 0;
  std::string uscc, name, kind;
};
std::optional<EnterpriseRow> find_enterprise_by_uscc(Connection& c, std::string_view uscc);

// The person's contracts of one kind (a site user's choices), optionally one report number only.
struct PersonContract {
  std::int64_t id = 0, project_id = 0;
  std::string report_no, kind, registration_no, project_name, district, enterprise_name;
};
std::vector<PersonContract> contracts_of_person(Connection& c, std::int64_t person_id, std::string_view kind,
                                                std::string_view report_no = {});
std::optional<PersonContract> contract_of_person(Connection& c, std::int64_t person_id, std::string_view kind, std::int64_t contract_id);

// SMS one-time codes.
struct SmsCode {
  std::int64_t id = 0, sent_at = 0, expires_at = 0, attempts = 0;
  std::string code_hash;
};
std::int64_t insert_code(Connection& c, std::int64_t person_id, std::string_view role, const std::string& code_hash, std::int64_t sent_at,
                         std::int64_t expires_at);
void delete_code(Connection& c, std::int64_t code_id);
// Counts one try on the person's newest live code and returns it with the count, in one statement;
// nullopt when there is no live code or its tries are used up (so at most kCodeAttempts comparisons
// per code, however many requests arrive at once).
std::optional<SmsCode> take_code_attempt(Connection& c, std::int64_t person_id, std::string_view role, std::int64_t now_ms,
                                         std::int64_t max_attempts);
// Marks the code used; false when another request used it first.
bool use_code(Connection& c, std::int64_t code_id);

void insert_outbox(Connection& c, const std::string& mobile, const std::string& text, const std::string& purpose);
struct OutboxRow {
  std::int64_t created_at;
  std::string mobile, text;
};
// The last n messages, oldest first; only those of `purpose` (login, reminder) unless it is empty.
std::vector<OutboxRow> last_outbox(Connection& c, int n, const std::string& purpose = {});

void log_login(Connection& c, domain::Instant at, std::string_view method, std::string_view who, std::string_view ip, bool success,
               std::string_view reason);
struct LoginLogRow {
  std::int64_t id, at;
  std::string method, who, ip;
  bool success;
  std::string reason;
};
std::vector<LoginLogRow> list_login_log(Connection& c, int limit, int offset, std::int64_t& total);

}  // namespace qsm::store
