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
  std::int64_t failed_count = 0;
  std::int64_t locked_until = 0;  // ms
};

std::optional<Account> find_account(Connection& c, std::string_view username);
std::optional<Account> find_account_by_id(Connection& c, std::int64_t id);
// Creates or replaces (password, role, authority) the account; returns its id.
std::int64_t upsert_account(Connection& c, const std::string& username, const std::string& role,
                            std::optional<std::int64_t> authority_id, const std::string& display_name,
                            const std::string& password_hash, domain::Instant now);
void record_login_failure(Connection& c, std::int64_t account_id, std::int64_t failed_count, std::int64_t locked_until);

// A fixed-window counter by key: the hits of the window that holds now_ms, and when it began.
struct RateWindow {
  std::int64_t hits = 0, started_at = 0;
};
RateWindow rate_window(Connection& c, std::string_view key, std::int64_t now_ms, std::int64_t window_ms);
// Counts one hit (starting a new window when the last one has passed).
void rate_hit(Connection& c, std::string_view key, std::int64_t now_ms, std::int64_t window_ms);
void reset_login_failures(Connection& c, std::int64_t account_id);
void set_password(Connection& c, std::int64_t account_id, const std::string& hash, domain::Instant now);
std::optional<std::int64_t> authority_id_by_code(Connection& c, std::string_view code);

struct NewSession {
  std::string token_hash, csrf_token, role, login_method, ip;
  std::optional<std::int64_t> account_id, enterprise_id, person_id, contract_id;
};
void insert_session(Connection& c, const NewSession& s, domain::Instant now);

struct SessionRow {
  std::int64_t id = 0;
  std::string csrf_token, role, login_method;
  std::int64_t created_at = 0, last_seen_at = 0;
  domain::Actor actor;
};
std::optional<SessionRow> find_session(Connection& c, const std::string& token_hash);
void touch_session(Connection& c, std::int64_t session_id, domain::Instant now);
void revoke_session(Connection& c, std::int64_t session_id);
void bind_session_contract(Connection& c, std::int64_t session_id, std::int64_t contract_id, const std::string& role);

// What /api/me shows beyond the actor: the authority's code and district, the chosen contract.
struct MeDetails {
  std::string authority_code, authority_district;
  std::string contract_report_no, contract_kind, project_name, project_registration_no;
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
std::optional<std::int64_t> last_code_sent_at(Connection& c, std::int64_t person_id);
std::int64_t codes_sent_since(Connection& c, std::int64_t person_id, std::int64_t since_ms);
std::int64_t insert_code(Connection& c, std::int64_t person_id, std::string_view role, const std::string& code_hash, std::int64_t sent_at,
                         std::int64_t expires_at);
void delete_code(Connection& c, std::int64_t code_id);
std::optional<SmsCode> live_code(Connection& c, std::int64_t person_id, std::string_view role, std::int64_t now_ms);
void set_code_attempts(Connection& c, std::int64_t code_id, std::int64_t attempts, bool burned);
void use_code(Connection& c, std::int64_t code_id);

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
