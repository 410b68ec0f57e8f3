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
