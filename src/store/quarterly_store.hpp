// Quarterly registration persistence: one record per declaration and quarter, the history of its
// registrations, and the months a registration moves to `registered`.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "store/db.hpp"
#include "store/declaration_scope.hpp"
#include "store/spec_sql.hpp"

namespace qsm::store {

struct RegistrationRecord {
  std::string inspection_date, inspectors, opinion, conclusion;
  std::int64_t score = 0;  // hundredths
  std::vector<std::string> periods;  // the months it registered
  std::string registered_by;
  std::int64_t registered_at = 0;
};

struct QuarterlyRow : DeclarationRef {
  std::int64_t id = 0, version = 0;
  std::string quarter, status;
  std::optional<std::int64_t> score;  // hundredths
  std::int64_t month_count = 0, registration_count = 0;
  std::int64_t created_at = 0, updated_at = 0;
  std::optional<std::int64_t> registered_at;
  std::optional<RegistrationRecord> latest;  // the latest registration
};

std::optional<QuarterlyRow> find_quarterly(Connection& c, const domain::Scope& scope, std::int64_t id);

struct QuarterlyQuery : ListQuery {
  std::string quarter_from, quarter_to;  // "YYYY-Qn", inclusive
};
bool valid_quarterly_sort(std::string_view sort);
using QuarterlyPage = Page<QuarterlyRow>;
QuarterlyPage list_quarterly(Connection& c, const domain::Scope& scope, const QuarterlyQuery& q);
void each_quarterly(Connection& c, const domain::Scope& scope, const QuarterlyQuery& q,
                    const std::function<void(const QuarterlyRow&)>& on_row);
// The declaration's quarters the scope may see, oldest first.
std::vector<QuarterlyRow> quarterly_of_declaration(Connection& c, const domain::Scope& scope, std::int64_t declaration_id);
// Every quarter of the declaration with its status (for the completeness rule).
std::vector<std::pair<std::string, std::string>> quarter_states(Connection& c, std::int64_t declaration_id);
// The record of one quarter (unscoped: the caller acts on a month it may see).
std::optional<QuarterlyRow> find_quarter_of(Connection& c, std::int64_t declaration_id, const std::string& quarter);

struct QuarterMonth {
  std::int64_t id = 0;
  std::string period, status;
  std::optional<std::int64_t> review_score;
};
// The evaluations of the declaration from `first` to `last` ("YYYY-MM", inclusive), oldest first.
std::vector<QuarterMonth> months_between(Connection& c, std::int64_t declaration_id, const std::string& first, const std::string& last);
// Every evaluation of the declaration, oldest first.
std::vector<QuarterMonth> months_of_declaration(Connection& c, std::int64_t declaration_id);

// A unique violation (DbError) when the quarter has a record already.
std::int64_t insert_quarterly(Connection& c, std::int64_t declaration_id, const std::string& quarter,
                              std::optional<std::int64_t> score, std::int64_t month_count, std::int64_t now_ms, const std::string& status);
// A month was filed: the new status, score and month count, checking the version read.
bool update_quarterly_months(Connection& c, std::int64_t id, std::int64_t version, const std::string& status,
                             std::optional<std::int64_t> score, std::int64_t month_count, std::int64_t now_ms);
// Registers the quarter (checking the version read; `quarter` its move), keeps the registration in the
// history and moves its months between first and last by `months` (filed → registered).
bool register_quarterly(Connection& c, const QuarterlyRow& q, std::int64_t version, const RegistrationRecord& r,
                        const std::string& first, const std::string& last, const Move& quarter, const Move& months);
// The registrations of a quarter, newest first.
std::vector<RegistrationRecord> registrations_of(Connection& c, std::int64_t quarterly_id);

}  // namespace qsm::store
