// Spot-check persistence: one record per monthly evaluation (its findings as JSON and the agreement
// figures of the last save), written with versions; the disputed clauses of finished ones; and the
// per-enterprise samples the analytics aggregate, within the authority's scope.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "store/db.hpp"

namespace qsm::store {

struct SpotCheckRow {
  std::int64_t id = 0, monthly_id = 0, declaration_id = 0, version = 0;
  std::string status, findings, inspector;
  int clauses = 0, self_agree = 0;
  std::optional<int> review_agree;
  std::int64_t self_rate = 0;  // hundredths of a percent
  std::optional<std::int64_t> review_rate;
  std::int64_t created_at = 0, updated_at = 0;
  std::optional<std::int64_t> finished_at;
};

// The spot-check of a monthly evaluation (the caller has read the month through its scope).
std::optional<SpotCheckRow> spot_check_of_monthly(Connection& c, std::int64_t monthly_id);

// `status` the state the write leads to, `from` the state an update requires (from the spec), `finished`
// whether it finishes the spot-check (finished_at is set).
struct SpotCheckWrite {
  std::string status, from, findings, inspector;
  bool finished = false;
  int clauses = 0, self_agree = 0;
  std::optional<int> review_agree;
  std::int64_t self_rate = 0;
  std::optional<std::int64_t> review_rate;
};
// The declaration's spot-checks with their months' periods, newest period first (综合信息).
struct SpotCheckSummary {
  SpotCheckRow row;
  std::string period;
};
std::vector<SpotCheckSummary> spot_checks_of_declaration(Connection& c, std::int64_t declaration_id);

// A unique violation (DbError) when the month has a spot-check already.
std::int64_t insert_spot_check(Connection& c, std::int64_t monthly_id, std::int64_t declaration_id, const SpotCheckWrite& w, std::int64_t now_ms);
// false when the version changed or the spot-check is finished.
bool update_spot_check(Connection& c, std::int64_t id, std::int64_t version, const SpotCheckWrite& w, std::int64_t now_ms);

struct Dispute {
  std::string side, clause, clause_text;  // side: self or review
};
void insert_disputes(Connection& c, std::int64_t spot_check_id, const std::vector<Dispute>& disputes);

// One finished spot-check as one enterprise's sample: the general contractor's (self rate) or the
// supervision company's (review rate; only spot-checks with a review sheet).
struct AgreementSample {
  std::int64_t spot_check_id = 0;
  std::string uscc, name;
  std::int64_t rate = 0;
};
struct AgreementQuery {
  std::string period_from, period_to;  // "YYYY-MM", inclusive; empty for open
};
std::vector<AgreementSample> agreement_samples(Connection& c, const domain::Scope& scope, bool supervisors, const AgreementQuery& q);
// The disputed clauses of those spot-checks for the side: {spot_check_id, clause, clause_text}.
std::vector<std::pair<std::int64_t, Dispute>> disputes_of(Connection& c, const domain::Scope& scope, bool supervisors, const AgreementQuery& q);

}  // namespace qsm::store
