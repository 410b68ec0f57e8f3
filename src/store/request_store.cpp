// Management request SQL: statements are composed only from the constants below (the declaration
// scope fragment, the family's kinds, the filters and an ORDER BY from a fixed table).
#include "store/request_store.hpp"

#include <array>

#include "store/registry_store.hpp"

namespace qsm::store {
namespace sql {

constexpr std::string_view kColumns =
    "SELECT r.id, r.version, r.kind, r.status, r.reason, r.effective_date, r.requested_by, r.requested_at, r.review_opinion, "
    "r.reviewer, r.reviewed_at, r.register_opinion, r.registered_by, r.registered_at, r.withdrawn_at, r.updated_at, ";
constexpr int kRefAt = 16;
constexpr std::string_view kFrom = "FROM management_requests r JOIN declarations d ON d.id = r.declaration_id ";
constexpr std::string_view kCountFrom =
    "SELECT COUNT(*) FROM management_requests r JOIN declarations d ON d.id = r.declaration_id ";
constexpr std::string_view kSuspensions = "AND r.kind IN ('suspend', 'resume') ";
constexpr std::string_view kTerminations = "AND r.kind = 'terminate' ";
constexpr std::string_view kById = "AND r.id = $2";
constexpr std::string_view kOfDeclaration = "AND r.declaration_id = $2 ORDER BY r.id DESC";
constexpr std::string_view kFilters =
    "AND ($2 = '' OR d.registration_no LIKE $2 ESCAPE '\\' OR d.project_name LIKE $2 ESCAPE '\\') AND ($3 = '' OR r.status = $3) "
    "AND ($4 = '' OR d.district = $4) AND ($5 = '' OR r.kind = $5) ";
constexpr std::string_view kPage = " LIMIT $6 OFFSET $7";

constexpr std::array kSorts{
    SortOrder{"-updated_at", "ORDER BY r.updated_at DESC, r.id DESC"},
    SortOrder{"updated_at", "ORDER BY r.updated_at ASC, r.id ASC"},
    SortOrder{"registration_no", "ORDER BY d.registration_no ASC, r.id DESC"},
    SortOrder{"status", "ORDER BY r.status ASC, r.updated_at DESC, r.id DESC"},
    SortOrder{"-date", "ORDER BY r.effective_date DESC, r.id DESC"},
};

constexpr std::string_view kInsert =
    "INSERT INTO management_requests (declaration_id, kind, status, reason, effective_date, requested_by, requested_at, updated_at) "
    "VALUES ($1, $2, $7, $3, $4, $5, $6, $6) RETURNING id";
constexpr std::string_view kReview =
    "UPDATE management_requests SET status = $7, review_opinion = $3, reviewer = $4, reviewed_at = $5, "
    "updated_at = $5, version = version + 1 WHERE id = $1 AND version = $2 AND status = $6";
constexpr std::string_view kRegister =
    "UPDATE management_requests SET status = $7, register_opinion = $3, registered_by = $4, registered_at = $5, "
    "updated_at = $5, version = version + 1 WHERE id = $1 AND version = $2 AND status = $6";
constexpr std::string_view kWithdraw =
    "UPDATE management_requests SET status = $5, withdrawn_at = $3, updated_at = $3, version = version + 1 "
    "WHERE id = $1 AND version = $2 AND status = $4";
constexpr std::string_view kRegisteredSuspensions =
    "SELECT kind, effective_date FROM management_requests WHERE declaration_id = $1 AND kind IN ('suspend', 'resume') "
    "AND status = $2 ORDER BY registered_at, id";
constexpr std::string_view kClaim =
    "UPDATE declarations SET open_request = $2, updated_at = $4 WHERE id = $1 AND open_request IS NULL AND management_status = $3";
constexpr std::string_view kClose =
    "UPDATE declarations SET open_request = NULL, management_status = $4, updated_at = $5, version = version + 1 "
    "WHERE id = $1 AND open_request = $2 AND management_status = $3";

}  // namespace sql

namespace {

RequestRow from_row(const Row& r) {
  RequestRow q;
  q.id = r.integer(0);
  q.version = r.integer(1);
  q.kind = r.text(2);
  q.status = r.text(3);
  q.reason = r.text(4);
  q.date = r.opt_text(5);
  q.requested_by = r.text(6);
  q.requested_at = r.integer(7);
  q.review_opinion = r.opt_text(8);
  q.reviewer = r.opt_text(9);
  q.reviewed_at = r.opt_integer(10);
  q.register_opinion = r.opt_text(11);
  q.registered_by = r.opt_text(12);
  q.registered_at = r.opt_integer(13);
  q.withdrawn_at = r.opt_integer(14);
  q.updated_at = r.integer(15);
  read_declaration_ref(r, sql::kRefAt, q);
  return q;
}

std::string_view family_sql(RequestFamily f) { return f == RequestFamily::suspension ? sql::kSuspensions : sql::kTerminations; }

std::string select_where(const ScopeSql& s, RequestFamily f) {
  return std::string(sql::kColumns) + std::string(kDeclarationRefColumns) + std::string(sql::kFrom) +
         std::string(s.where) + std::string(family_sql(f));
}

std::vector<Value> filter_params(const ScopeSql& s, const RequestQuery& q) {
  return params(s.id, q.q.empty() ? std::string{} : like_contains(q.q), q.status, q.district, q.kind);
}

}  // namespace

std::optional<RequestRow> find_request(Connection& c, const domain::Scope& scope, RequestFamily f, std::int64_t id) {
  auto s = declaration_scope(scope);
  auto r = c.query_one(select_where(s, f) + std::string(sql::kById), params(s.id, id));
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<RequestRow> requests_of_declaration(Connection& c, const domain::Scope& scope, RequestFamily f, std::int64_t declaration_id) {
  auto s = declaration_scope(scope);
  std::vector<RequestRow> out;
  c.run(select_where(s, f) + std::string(sql::kOfDeclaration), params(s.id, declaration_id), [&](Row& r) { out.push_back(from_row(r)); });
  return out;
}

bool valid_request_sort(std::string_view sort) { return has_sort(sql::kSorts, sort); }

RequestPage list_requests(Connection& c, const domain::Scope& scope, RequestFamily f, const RequestQuery& q) {
  auto s = declaration_scope(scope);
  const auto filters = std::string(family_sql(f)) + std::string(sql::kFilters);
  return fetch_page<RequestRow>(c, std::string(sql::kCountFrom) + std::string(s.where) + filters,
                                select_where(s, f) + std::string(sql::kFilters) + std::string(order_by(sql::kSorts, q.sort)) + std::string(sql::kPage),
                                filter_params(s, q), q, from_row);
}

void each_request(Connection& c, const domain::Scope& scope, RequestFamily f, const RequestQuery& q,
                  const std::function<void(const RequestRow&)>& on_row) {
  auto s = declaration_scope(scope);
  c.run(select_where(s, f) + std::string(sql::kFilters) + std::string(order_by(sql::kSorts, q.sort)), filter_params(s, q),
        [&](Row& r) { on_row(from_row(r)); });
}

std::int64_t insert_request(Connection& c, std::int64_t declaration_id, const NewRequest& r, std::int64_t now_ms, const std::string& status) {
  return c.query_one(sql::kInsert, params(declaration_id, r.kind, r.reason, r.date, r.requested_by, now_ms, status))->integer(0);
}

bool review_request(Connection& c, std::int64_t id, std::int64_t version, const std::string& opinion, const std::string& reviewer,
                    std::int64_t now_ms, const Move& move) {
  return c.execute(sql::kReview, params(id, version, opinion, reviewer, now_ms, move.from, move.to)) == 1;
}

bool register_request(Connection& c, std::int64_t id, std::int64_t version, const std::string& opinion, const std::string& registered_by,
                      std::int64_t now_ms, const Move& move) {
  return c.execute(sql::kRegister, params(id, version, opinion, registered_by, now_ms, move.from, move.to)) == 1;
}

bool withdraw_request(Connection& c, std::int64_t id, std::int64_t version, std::int64_t now_ms, const Move& move) {
  return c.execute(sql::kWithdraw, params(id, version, now_ms, move.from, move.to)) == 1;
}

std::vector<std::pair<std::string, std::string>> registered_suspensions(Connection& c, std::int64_t declaration_id, const std::string& registered) {
  std::vector<std::pair<std::string, std::string>> out;
  c.run(sql::kRegisteredSuspensions, params(declaration_id, registered), [&](Row& r) { out.emplace_back(r.text(0), r.text(1)); });
  return out;
}

bool claim_request(Connection& c, std::int64_t declaration_id, const std::string& request, const std::string& status, std::int64_t now_ms) {
  return c.execute(sql::kClaim, params(declaration_id, request, status, now_ms)) == 1;
}

bool close_request(Connection& c, std::int64_t declaration_id, const std::string& request, const std::string& from, const std::string& to,
                   std::int64_t now_ms) {
  return c.execute(sql::kClose, params(declaration_id, request, from, to, now_ms)) == 1;
}

}  // namespace qsm::store
