// What awaits a role's action (待办), read per workflow by scoped queries: one SELECT per source with
// the declaration scope and the source's states for the role; and the managed declarations of a scope
// with everything the monthly calendar needs (months, registered suspensions, managers), read in three
// queries for all of them — the inbox's months to create, the overdue lists and the reminders.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "domain/period.hpp"
#include "store/db.hpp"
#include "store/declaration_scope.hpp"

namespace qsm::store {

struct TaskRow : DeclarationRef {
  std::string kind;  // declaration, monthly_evaluation, quarterly_registration, completion, suspension, termination
  std::int64_t id = 0;
  std::string status;
  std::optional<std::string> detail;  // the month, the quarter, or the request's kind
  std::optional<std::string> date;    // a request's date, a rectification order's deadline
  std::optional<std::int64_t> submitted_at;  // a month's: when its self sheet was submitted (ms)
  std::int64_t since = 0;             // ms
};
// The records awaiting the role's action in its scope (none for roles that act on nothing), of one
// kind or all: every waiting month, and of each other source its `limit` longest-waiting records
// (enough for any page that ends within the first `limit` items). A kind that `counts` (task_counts
// of the same transaction) says has none is not read.
std::vector<TaskRow> task_rows(Connection& c, const domain::Scope& scope, domain::Role role, std::string_view kind, std::int64_t limit,
                               const std::map<std::string, std::int64_t>& counts = {});
// How many records of each kind await the role (every kind of the role's sources, 0 included), in
// one statement.
std::map<std::string, std::int64_t> task_counts(Connection& c, const domain::Scope& scope, domain::Role role);

struct ManagedMonth {
  std::int64_t id = 0;
  std::string period, status;
  std::optional<std::int64_t> submitted_at;  // ms
};
struct ManagedDeclaration : DeclarationRef {
  std::int64_t accepted_at = 0;
  std::string general_uscc;
  std::optional<std::string> supervision_uscc;
  std::string contractor_manager, contractor_mobile, supervision_manager, supervision_mobile;
  std::vector<ManagedMonth> months;                              // by period (active_calendars: see there)
  std::vector<std::pair<std::string, std::string>> suspensions;  // registered {kind, date}, in registration order
  // active_calendars: every month the declaration has, when its row's count (V061/V062) says none is
  // missing between its first and its last, and the drafts among them; `months` is read instead only
  // when the count leaves a month missing.
  std::optional<std::set<domain::YearMonth>> span;
  std::set<domain::YearMonth> drafts;
};
// What the overdue months first read of each of the scope's accepted declarations under active
// management (management_status = active), in two statements: its acceptance, its months' count, first
// and last period (V061/V062) and its months that can be late (domain::overdue::kMayBeLate), by id.
struct ActiveSummary {
  std::int64_t declaration_id = 0, accepted_at = 0, months_n = 0;
  std::optional<std::string> months_first, months_last;
  std::vector<ManagedMonth> pending;
};
std::vector<ActiveSummary> active_summaries(Connection& c, const domain::Scope& scope);
// The declarations of `ids` (active_summaries' of the same transaction, which decides the scope) whole:
// their people, every month (by period) and their registered suspensions, in id order.
std::vector<ManagedDeclaration> active_declarations(Connection& c, std::span<const std::int64_t> ids);
// The same declarations with only what the calendar rule needs: id, accepted_at, management_status,
// the months' span and drafts, suspensions, and the months themselves (period and status only: id 0,
// no submitted_at) of a declaration whose count falls short of its first to last (the inbox reads the
// rest for the few it lists, with declaration_refs).
std::vector<ManagedDeclaration> active_calendars(Connection& c, const domain::Scope& scope);
// The DeclarationRef of each of the ids that exists, by id: one statement for a page's worth (an
// IN list padded to a power of two, so that few statements are prepared).
std::map<std::int64_t, DeclarationRef> declaration_refs(Connection& c, std::span<const std::int64_t> ids);

}  // namespace qsm::store
