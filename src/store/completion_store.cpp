// Completion evaluation SQL: statements are composed only from the constants below (the
// declaration scope fragment, the filters and an ORDER BY from a fixed table).
#include "store/completion_store.hpp"

#include <array>

#include "store/registry_store.hpp"

namespace qsm::store {
namespace sql {

constexpr std::string_view kColumns =
    "SELECT c.id, c.version, c.status, c.completion_date, c.acceptance_info, c.self_assessment, c.score, c.review_agree, "
    "c.review_opinion, c.reviewer, c.reviewed_at, c.register_opinion, c.conclusion, c.registered_by, c.registered_at, c.applied_at, "
    "c.submitted_at, c.updated_at, ";
constexpr int kRefAt = 18;
constexpr std::string_view kFrom = "FROM completions c JOIN declarations d ON d.id = c.declaration_id ";
constexpr std::string_view kCountFrom =
    "SELECT COUNT(*) FROM completions c JOIN declarations d ON d.id = c.declaration_id ";
constexpr std::string_view kById = "AND c.id = $2";
constexpr std::string_view kOfDeclaration = "AND c.declaration_id = $2";
constexpr std::string_view kFilters =
    "AND ($2 = '' OR d.registration_no LIKE $2 ESCAPE '\\' OR d.project_name LIKE $2 ESCAPE '\\') AND ($3 = '' OR c.status = $3) "
    "AND ($4 = '' OR d.district = $4) ";
constexpr std::string_view kPage = " LIMIT $5 OFFSET $6";

constexpr std::array kSorts{
    SortOrder{"-updated_at", "ORDER BY c.updated_at DESC, c.id DESC"},
    SortOrder{"updated_at", "ORDER BY c.updated_at ASC, c.id ASC"},
    SortOrder{"registration_no", "ORDER BY d.registration_no ASC"},
    SortOrder{"status", "ORDER BY c.status ASC, c.updated_at DESC, c.id DESC"},
};

constexpr std::string_view kInsert =
    "INSERT INTO completions (declaration_id, status, completion_date, acceptance_info, self_assessment, score, applied_at, "
    "submitted_at, updated_at) VALUES ($1, $7, $2, $3, $4, $5, $6, $6, $6) RETURNING id";
constexpr std::string_view kSaveReview =
    "UPDATE completions SET review_agree = $3, review_opinion = $4, reviewer = $5, reviewed_at = $6, updated_at = $6, "
    "version = version + 1 WHERE id = $1 AND version = $2";
constexpr std::string_view kSetStatus =
    "UPDATE completions SET status = $3, updated_at = $4, version = version + 1 WHERE id = $1 AND version = $2";
constexpr std::string_view kResubmit =
    "UPDATE completions SET status = $8, completion_date = $3, acceptance_info = $4, self_assessment = $5, score = $6, "
    "review_agree = NULL, review_opinion = NULL, reviewer = NULL, reviewed_at = NULL, submitted_at = $7, updated_at = $7, "
    "version = version + 1 WHERE id = $1 AND version = $2";
constexpr std::string_view kRegister =
    "UPDATE completions SET status = $8, register_opinion = $3, conclusion = $4, registered_by = $5, score = $6, "
    "registered_at = $7, updated_at = $7, version = version + 1 WHERE id = $1 AND version = $2";
constexpr std::string_view kInsertRound =
    "INSERT INTO completion_reviews (completion_id, round, agree, opinion, reviewer, reviewed_at, submitted_at) "
    "VALUES ($1, (SELECT COUNT(*) + 1 FROM completion_reviews WHERE completion_id = $1), $2, $3, $4, $5, $6)";
constexpr std::string_view kRounds =
    "SELECT round, agree, opinion, reviewer, reviewed_at, submitted_at FROM completion_reviews WHERE completion_id = $1 ORDER BY round";
}  // namespace sql

namespace {

CompletionRow from_row(const Row& r) {
  CompletionRow c;
  c.id = r.integer(0);
  c.version = r.integer(1);
  c.status = r.text(2);
  c.fields = {r.text(3), r.text(4), r.text(5)};
  c.score = r.opt_integer(6);
  if (auto agree = r.opt_integer(7)) c.review_agree = *agree != 0;
  c.review_opinion = r.opt_text(8);
  c.reviewer = r.opt_text(9);
  c.reviewed_at = r.opt_integer(10);
  c.register_opinion = r.opt_text(11);
  c.conclusion = r.opt_text(12);
  c.registered_by = r.opt_text(13);
  c.registered_at = r.opt_integer(14);
  c.applied_at = r.integer(15);
  c.submitted_at = r.integer(16);
  c.updated_at = r.integer(17);
  read_declaration_ref(r, sql::kRefAt, c);
  return c;
}

std::string select_where(const ScopeSql& s) {
  return std::string(sql::kColumns) + std::string(kDeclarationRefColumns) + std::string(sql::kFrom) + std::string(s.where);
}

std::vector<Value> filter_params(const ScopeSql& s, const ListQuery& q) {
  return params(s.id, q.q.empty() ? std::string{} : like_contains(q.q), q.status, q.district);
}

}  // namespace

std::optional<CompletionRow> find_completion(Connection& c, const domain::Scope& scope, std::int64_t id) {
  auto s = declaration_scope(scope);
  auto r = c.query_one(select_where(s) + std::string(sql::kById), params(s.id, id));
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::optional<CompletionRow> completion_of_declaration(Connection& c, const domain::Scope& scope, std::int64_t declaration_id) {
  auto s = declaration_scope(scope);
  auto r = c.query_one(select_where(s) + std::string(sql::kOfDeclaration), params(s.id, declaration_id));
  if (!r) return std::nullopt;
  return from_row(*r);
}

bool valid_completion_sort(std::string_view sort) { return has_sort(sql::kSorts, sort); }

CompletionPage list_completions(Connection& c, const domain::Scope& scope, const ListQuery& q) {
  auto s = declaration_scope(scope);
  return fetch_page<CompletionRow>(c, std::string(sql::kCountFrom) + std::string(s.where) + std::string(sql::kFilters), select_where(s) + std::string(sql::kFilters) + std::string(order_by(sql::kSorts, q.sort)) + std::string(sql::kPage), filter_params(s, q), q, from_row);
}

void each_completion(Connection& c, const domain::Scope& scope, const ListQuery& q, const std::function<void(const CompletionRow&)>& on_row) {
  auto s = declaration_scope(scope);
  c.run(select_where(s) + std::string(sql::kFilters) + std::string(order_by(sql::kSorts, q.sort)), filter_params(s, q),
        [&](Row& r) { on_row(from_row(r)); });
}

std::int64_t insert_completion(Connection& c, std::int64_t declaration_id, const CompletionFields& f, std::optional<std::int64_t> score,
                               std::int64_t now_ms, const std::string& status) {
  return c.query_one(sql::kInsert, params(declaration_id, f.completion_date, f.acceptance_info, f.self_assessment, score, now_ms, status))->integer(0);
}

bool save_completion_review(Connection& c, std::int64_t id, std::int64_t version, bool agree, const std::string& opinion,
                            const std::string& reviewer, std::int64_t now_ms) {
  return c.execute(sql::kSaveReview, params(id, version, agree, opinion, reviewer, now_ms)) == 1;
}

bool set_completion_status(Connection& c, std::int64_t id, std::int64_t version, const std::string& status, std::int64_t now_ms) {
  return c.execute(sql::kSetStatus, params(id, version, status, now_ms)) == 1;
}

bool resubmit_completion(Connection& c, std::int64_t id, std::int64_t version, const CompletionFields& f,
                         std::optional<std::int64_t> score, std::int64_t now_ms, const std::string& status) {
  return c.execute(sql::kResubmit, params(id, version, f.completion_date, f.acceptance_info, f.self_assessment, score, now_ms, status)) == 1;
}

bool register_completion(Connection& c, std::int64_t id, std::int64_t version, const std::string& opinion, const std::string& conclusion,
                         const std::string& registered_by, std::optional<std::int64_t> score, std::int64_t now_ms, const std::string& status) {
  return c.execute(sql::kRegister, params(id, version, opinion, conclusion, registered_by, score, now_ms, status)) == 1;
}

void insert_completion_round(Connection& c, const CompletionRow& row, std::int64_t now_ms) {
  c.execute(sql::kInsertRound, params(row.id, row.review_agree.value_or(false), row.review_opinion.value_or(""), row.reviewer, row.reviewed_at, now_ms));
}

std::vector<CompletionRound> completion_rounds(Connection& c, std::int64_t completion_id) {
  std::vector<CompletionRound> out;
  c.run(sql::kRounds, params(completion_id), [&](Row& r) {
    out.push_back({static_cast<int>(r.integer(0)), r.integer(1) != 0, r.text(2), r.opt_text(3), r.opt_integer(4), r.integer(5)});
  });
  return out;
}

}  // namespace qsm::store
