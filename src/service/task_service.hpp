// The to-do inbox (待办) and the overdue monthly evaluations (逾期): what awaits the caller, computed
// from scoped queries (task_store) and the pure monthly calendar and overdue rules, never by walking
// every record; and the overdue months of a scope with who is responsible for each.
#pragma once
#include <span>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "service/app.hpp"
#include "domain/actor.hpp"
#include "domain/workflow/overdue.hpp"
#include "store/task_store.hpp"

namespace qsm::service {

// How late an item is and the day it was due (the overdue rule's own answer).
using Lateness = domain::overdue::Late;

struct Task {
  std::string kind;  // declaration, monthly_evaluation, monthly_due, quarterly_registration, completion, suspension, termination
  std::optional<std::int64_t> id;
  std::string action, action_label, title;
  std::optional<std::string> status, status_label, period;
  store::DeclarationRef declaration;
  std::int64_t since = 0;  // ms
  int waited_days = 0;
  std::optional<Lateness> overdue;
};

bool is_task_kind(std::string_view kind);
// The kinds of to-do item, in the inbox's order, with the names its filter shows.
struct TaskKind {
  std::string_view code, label;
};
std::span<const TaskKind> task_kinds();
struct InboxQuery {
  std::string kind;  // one kind, or empty for all
  int page = 1, page_size = 20;  // page_size 0: the counts only
};
struct Inbox {
  std::vector<Task> items;             // the page: overdue first, then the longest waiting
  std::map<std::string, int> counts;   // every kind, 0 when none
  int total = 0;                       // items of the query's kind (all kinds when none)
  int overdue = 0;                     // of those, overdue
};
Inbox inbox(app::App& app, const domain::Actor& actor, const InboxQuery& q = {});

struct OverdueMonth {
  store::DeclarationRef declaration;
  std::string period;
  std::optional<std::int64_t> monthly_id;
  std::optional<std::string> status;
  Lateness late;
  int days_late = 0;
  domain::Role responsible = domain::Role::contractor;  // or site_supervisor
  std::string enterprise_uscc, enterprise_name;          // the responsible enterprise
  std::string manager, mobile;                           // its project manager (施工总包/监理项目负责人)
};
// Whether an active declaration may have a late month today (domain::overdue::may_have_late_months of
// what active_summaries read of it): the overdue months read only those whole.
bool may_have_late_months(const store::ActiveSummary& a, domain::Date today, const domain::overdue::Deadlines& d);
// Every overdue month of the scope's active declarations, most days late first.
std::vector<OverdueMonth> overdue_months(store::Connection& c, const domain::Scope& scope, domain::Date today,
                                         const domain::overdue::Deadlines& d);
std::vector<OverdueMonth> overdue_months(app::App& app, const domain::Actor& actor);

// Overdue months counted by district and by responsible enterprise (uscc → name, count), as the
// overdue list and the authority's dashboard show them.
struct OverdueCounts {
  std::map<std::string, int> by_district;
  std::map<std::string, std::pair<std::string, int>> by_enterprise;
  void add(const OverdueMonth& o);
};

}  // namespace qsm::service
