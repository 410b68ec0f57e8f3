// Monthly evaluation persistence: scoped reads, optimistic-version writes, the deductions that make
// the history and the progressive count n.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "domain/scoring/engine.hpp"
#include "domain/workflow/monthly.hpp"
#include "store/db.hpp"
#include "store/declaration_scope.hpp"

namespace qsm::store {

struct MonthlyRow : DeclarationRef {
  std::int64_t id = 0, version = 0;
  std::string period, status;
  std::int64_t template_id = 0;
  std::string template_code;
  std::int64_t template_version = 0;
  std::int64_t self_score = 0;  // hundredths
  std::optional<std::int64_t> review_score;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> submitted_at, reviewed_at, filed_at;
  std::int64_t updated_at = 0;
  // The authority's spot-check of the month (抽查比对), once started.
  std::optional<std::int64_t> spot_check_id;
  std::optional<std::string> spot_check_status;
  // Detail reads only: the sheets' JSON (input and computed result).
  std::string self_sheet, self_result;
  std::optional<std::string> review_sheet, review_result;
};

std::optional<MonthlyRow> find_monthly(Connection& c, const domain::Scope& scope, std::int64_t id);
// The same month in the same scope with only what a step that writes it decides on and writes with
// (id, version, period, status, template, declaration): no names, people, spot-check or sheets.
std::optional<MonthlyRow> find_monthly_state(Connection& c, const domain::Scope& scope, std::int64_t id);

struct MonthlyQuery : ListQuery {
  std::string period_from, period_to;  // "YYYY-MM", inclusive
};
bool valid_monthly_sort(std::string_view sort);
using MonthlyPage = Page<MonthlyRow>;
MonthlyPage list_monthly(Connection& c, const domain::Scope& scope, const MonthlyQuery& q);
void each_monthly(Connection& c, const domain::Scope& scope, const MonthlyQuery& q, const std::function<void(const MonthlyRow&)>& on_row);
// The declaration's evaluations the scope may see, newest period first (the caller checked the declaration).
std::vector<MonthlyRow> monthly_of_declaration(Connection& c, const domain::Scope& scope, std::int64_t declaration_id);
// Every period of the declaration with its status, oldest first (for the calendar rule).
std::vector<std::pair<std::string, std::string>> periods_of_declaration(Connection& c, std::int64_t declaration_id);

struct SheetWrite {
  std::string sheet, result;  // JSON
  std::int64_t score = 0;     // hundredths
};
// A unique violation (DbError) when the month exists already.
std::int64_t insert_monthly(Connection& c, std::int64_t declaration_id, const std::string& period, std::int64_t template_id,
                            const SheetWrite& self, std::int64_t now_ms, const std::string& status);
// Each write checks the version read; false means someone else changed the row first.
bool update_self_sheet(Connection& c, std::int64_t id, std::int64_t version, const SheetWrite& self, std::int64_t now_ms);
bool update_review_sheet(Connection& c, std::int64_t id, std::int64_t version, const std::string& status, const SheetWrite& review,
                         std::int64_t now_ms);
// Stores the sheet as finally scored together with the state it moves to (submitted_at for the self
// sheet, filed_at for the review sheet).
bool submit_sheet(Connection& c, std::int64_t id, std::int64_t version, domain::monthly::Sheet sheet, const std::string& status, const SheetWrite& w,
                  std::int64_t now_ms);

// Replaces the stored deductions of one sheet of one month.
void replace_deductions(Connection& c, const MonthlyRow& m, domain::monthly::Sheet sheet,
                        const std::vector<domain::scoring::DeductionResult>& deductions);
// Per clause, the number of months before `period` whose latest sheet (the review sheet once one
// was saved, else the self sheet) deducted it.
domain::scoring::History clause_history(Connection& c, std::int64_t declaration_id, const std::string& period);

struct DeductionRecord {
  std::int64_t monthly_id = 0;
  std::string period, sheet, check_item, sub_item, clause, problem;
  int n = 1;
  std::int64_t points_milli = 0;
};
// Every stored deduction of the declaration in the months the scope may see, newest month first.
std::vector<DeductionRecord> deductions_of_declaration(Connection& c, const domain::Scope& scope, std::int64_t declaration_id);

}  // namespace qsm::store
