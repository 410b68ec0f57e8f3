// Spot-check SQL: statements are composed only from the constants below and the declaration scope
// fragment.
#include "store/spot_check_store.hpp"

#include "domain/spot_check.hpp"
#include "store/spec_sql.hpp"

#include "store/declaration_scope.hpp"

namespace qsm::store {
namespace sql {

constexpr std::string_view kColumns =
    "SELECT sc.id, sc.monthly_id, sc.declaration_id, sc.version, sc.status, sc.findings, sc.inspector, sc.clauses, sc.self_agree, "
    "sc.review_agree, sc.self_rate, sc.review_rate, sc.created_at, sc.updated_at, sc.finished_at, m.period "
    "FROM spot_checks sc JOIN monthly_evaluations m ON m.id = sc.monthly_id ";
constexpr std::string_view kOfMonthly = "WHERE sc.monthly_id = $1";
constexpr std::string_view kOfDeclaration = "WHERE sc.declaration_id = $1 ORDER BY m.period DESC";
constexpr std::string_view kInsert =
    "INSERT INTO spot_checks (monthly_id, declaration_id, status, findings, inspector, clauses, self_agree, review_agree, self_rate, "
    "review_rate, created_at, updated_at, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE spot_checks SET status = $3, findings = $4, inspector = $5, clauses = $6, self_agree = $7, review_agree = $8, "
    "self_rate = $9, review_rate = $10, updated_at = $11, finished_at = $12, "
    "version = version + 1 WHERE id = $1 AND version = $2 AND status = $13";
constexpr std::string_view kInsertDispute =
    "INSERT INTO spot_check_disputes (spot_check_id, side, clause, clause_text) VALUES ($1, $2, $3, $4)";

// After the scope fragment ($1): $2/$3 the period range. The enterprise is the declaration's general
// contractor or its supervision company.
constexpr std::string_view kSamplesContractor =
    "SELECT sc.id, e.uscc, e.name, sc.self_rate FROM spot_checks sc JOIN declarations d ON d.id = sc.declaration_id "
    "JOIN monthly_evaluations m ON m.id = sc.monthly_id JOIN enterprises e ON e.id = d.contractor_enterprise_id ";
constexpr std::string_view kSamplesSupervisor =
    "SELECT sc.id, e.uscc, e.name, sc.review_rate FROM spot_checks sc JOIN declarations d ON d.id = sc.declaration_id "
    "JOIN monthly_evaluations m ON m.id = sc.monthly_id JOIN enterprises e ON e.id = d.supervisor_enterprise_id ";
constexpr std::string_view kDisputes =
    "SELECT sc.id, x.side, x.clause, x.clause_text FROM spot_check_disputes x JOIN spot_checks sc ON sc.id = x.spot_check_id "
    "JOIN declarations d ON d.id = sc.declaration_id JOIN monthly_evaluations m ON m.id = sc.monthly_id ";
// After the scope fragment ($1): only finished spot-checks, $2/$3 the period range.
const std::string& finished() {
  static const std::string text = "AND sc.status = " + quoted(domain::spot_check::kSpec.code(domain::spot_check::State::finished)) +
                                  " AND ($2 = '' OR m.period >= $2) AND ($3 = '' OR m.period <= $3) ";
  return text;
}
constexpr std::string_view kWithReview = "AND sc.review_rate IS NOT NULL ";
constexpr std::string_view kSideSelf = "AND x.side = 'self' ORDER BY x.id";
constexpr std::string_view kSideReview = "AND x.side = 'review' ORDER BY x.id";
constexpr std::string_view kSampleOrder = "ORDER BY e.name, sc.id";

}  // namespace sql

namespace {

std::vector<Value> write_params(std::int64_t a, std::int64_t b, const SpotCheckWrite& w, std::int64_t now_ms) {
  std::optional<std::int64_t> review_agree;
  if (w.review_agree) review_agree = *w.review_agree;
  return params(a, b, w.status, w.findings, w.inspector, std::int64_t{w.clauses}, std::int64_t{w.self_agree}, review_agree, w.self_rate,
                w.review_rate, now_ms, w.finished ? std::optional<std::int64_t>(now_ms) : std::nullopt);
}


SpotCheckRow from_row(const Row& r) {
  SpotCheckRow s;
  s.id = r.integer(0);
  s.monthly_id = r.integer(1);
  s.declaration_id = r.integer(2);
  s.version = r.integer(3);
  s.status = r.text(4);
  s.findings = r.text(5);
  s.inspector = r.text(6);
  s.clauses = static_cast<int>(r.integer(7));
  s.self_agree = static_cast<int>(r.integer(8));
  if (auto v = r.opt_integer(9)) s.review_agree = static_cast<int>(*v);
  s.self_rate = r.integer(10);
  s.review_rate = r.opt_integer(11);
  s.created_at = r.integer(12);
  s.updated_at = r.integer(13);
  s.finished_at = r.opt_integer(14);
  return s;
}

}  // namespace

std::optional<SpotCheckRow> spot_check_of_monthly(Connection& c, std::int64_t monthly_id) {
  auto r = c.query_one(std::string(sql::kColumns) + std::string(sql::kOfMonthly), params(monthly_id));
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<SpotCheckSummary> spot_checks_of_declaration(Connection& c, std::int64_t declaration_id) {
  std::vector<SpotCheckSummary> out;
  c.run(std::string(sql::kColumns) + std::string(sql::kOfDeclaration), params(declaration_id),
        [&](Row& r) { out.push_back({from_row(r), r.text(15)}); });
  return out;
}

std::int64_t insert_spot_check(Connection& c, std::int64_t monthly_id, std::int64_t declaration_id, const SpotCheckWrite& w,
                               std::int64_t now_ms) {
  return c.query_one(sql::kInsert, write_params(monthly_id, declaration_id, w, now_ms))->integer(0);
}

bool update_spot_check(Connection& c, std::int64_t id, std::int64_t version, const SpotCheckWrite& w, std::int64_t now_ms) {
  auto p = write_params(id, version, w, now_ms);
  p.push_back(to_value(w.from));
  return c.execute(sql::kUpdate, p) == 1;
}

void insert_disputes(Connection& c, std::int64_t spot_check_id, const std::vector<Dispute>& disputes) {
  for (const auto& d : disputes) c.execute(sql::kInsertDispute, params(spot_check_id, d.side, d.clause, d.clause_text));
}

std::vector<AgreementSample> agreement_samples(Connection& c, const domain::Scope& scope, bool supervisors, const AgreementQuery& q) {
  auto s = declaration_scope(scope);
  std::string text(supervisors ? sql::kSamplesSupervisor : sql::kSamplesContractor);
  text += s.where;
  text += sql::finished();
  if (supervisors) text += sql::kWithReview;
  text += sql::kSampleOrder;
  std::vector<AgreementSample> out;
  c.run(text, params(s.id, q.period_from, q.period_to),
        [&](Row& r) { out.push_back({r.integer(0), r.text(1), r.text(2), r.integer(3)}); });
  return out;
}

std::vector<std::pair<std::int64_t, Dispute>> disputes_of(Connection& c, const domain::Scope& scope, bool supervisors, const AgreementQuery& q) {
  auto s = declaration_scope(scope);
  std::string text(sql::kDisputes);
  text += s.where;
  text += sql::finished();
  text += supervisors ? sql::kSideReview : sql::kSideSelf;
  std::vector<std::pair<std::int64_t, Dispute>> out;
  c.run(text, params(s.id, q.period_from, q.period_to),
        [&](Row& r) { out.emplace_back(r.integer(0), Dispute{r.text(1), r.text(2), r.text(3)}); });
  return out;
}

}  // namespace qsm::store
