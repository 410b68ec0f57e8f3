// Inbox and calendar SQL: statements are composed only from the constants below and the declaration
// scope fragment.
#include "store/task_store.hpp"

#include <map>

namespace qsm::store {
namespace sql {

// Each source: its own columns (id, status, detail, date, since), then the declaration ref; the
// FROM joins `declarations d` for the scope fragment.
// `id` and `since` name the source's key and waiting-since columns for the first `limit` rows;
// `scan` and `link` (when set) are how counts and pages walk it: from the scope's declarations.
struct Source {
  std::string_view kind, select, from, id, since, scan = {}, link = {};
  std::string_view scan_from() const { return scan.empty() ? from : scan; }
};
constexpr Source kDeclarations{"declaration", "SELECT d.id, d.status, NULL, NULL, d.updated_at, ", "FROM declarations d ", "d.id",
                               "d.updated_at"};
constexpr Source kMonths{"monthly_evaluation", "SELECT m.id, m.status, m.period, NULL, m.updated_at, ",
                         "FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id ", "m.id", "m.updated_at"};
// Every active project has a quarter waiting for the authority: SQLite would otherwise walk the city's
// pending quarters and keep its authority's, where the scope's declarations and one index probe each
// will do (CROSS JOIN keeps SQLite's join order; PostgreSQL plans it as an inner join).
constexpr Source kQuarters{"quarterly_registration",
                           "SELECT q.id, q.status, q.quarter, NULL, q.updated_at, ",
                           "FROM quarterly_registrations q JOIN declarations d ON d.id = q.declaration_id ",
                           "q.id",
                           "q.updated_at",
                           "FROM declarations d CROSS JOIN quarterly_registrations q ",
                           "AND q.declaration_id = d.id "};
constexpr Source kCompletions{"completion", "SELECT c.id, c.status, NULL, NULL, c.updated_at, ",
                              "FROM completions c JOIN declarations d ON d.id = c.declaration_id ", "c.id", "c.updated_at"};
constexpr Source kSuspensions{"suspension", "SELECT r.id, r.status, r.kind, r.effective_date, r.updated_at, ",
                              "FROM management_requests r JOIN declarations d ON d.id = r.declaration_id ", "r.id", "r.updated_at"};
constexpr Source kTerminations{"termination", "SELECT r.id, r.status, r.kind, NULL, r.updated_at, ",
                               "FROM management_requests r JOIN declarations d ON d.id = r.declaration_id ", "r.id", "r.updated_at"};

// Which states of which source await which role (SPEC §3: who acts in each state).
struct Awaiting {
  domain::Role role;
  const Source* source;
  std::string_view condition;
};
constexpr Awaiting kAwaiting[] = {
    {domain::Role::contractor, &kDeclarations, "AND d.status IN ('draft', 'returned')"},
    {domain::Role::contractor, &kMonths, "AND m.status = 'draft'"},
    {domain::Role::contractor, &kCompletions, "AND c.status = 'rejected'"},
    {domain::Role::supervisor, &kDeclarations, "AND d.status = 'submitted'"},
    {domain::Role::site_supervisor, &kMonths, "AND m.status IN ('submitted', 'reviewed')"},
    {domain::Role::site_supervisor, &kCompletions, "AND c.status = 'pending_review'"},
    {domain::Role::site_supervisor, &kSuspensions, "AND r.kind IN ('suspend', 'resume') AND r.status = 'pending_review'"},
    {domain::Role::site_supervisor, &kTerminations, "AND r.kind = 'terminate' AND r.status = 'pending_review'"},
    {domain::Role::authority, &kDeclarations, "AND d.status = 'reviewed'"},
    {domain::Role::authority, &kQuarters, "AND q.status = 'pending'"},
    {domain::Role::authority, &kCompletions, "AND c.status = 'pending_registration'"},
    {domain::Role::authority, &kSuspensions, "AND r.kind IN ('suspend', 'resume') AND r.status = 'pending_registration'"},
    {domain::Role::authority, &kTerminations, "AND r.kind = 'terminate' AND r.status = 'pending_registration'"},
};

constexpr std::string_view kActive =
    "SELECT d.accepted_at, ge.uscc, se.uscc, cm.name, cm.mobile, sm.name, sm.mobile, ";
constexpr std::string_view kActiveFrom =
    "FROM declarations d JOIN persons cm ON cm.id = d.contractor_manager_id JOIN persons sm ON sm.id = d.supervision_manager_id ";
constexpr std::string_view kActiveOnly = "AND d.management_status = 'active' AND d.accepted_at IS NOT NULL ORDER BY d.id";
constexpr std::string_view kActiveMonths =
    "SELECT m.declaration_id, m.id, m.period, m.status FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id ";
constexpr std::string_view kMonthsOrder = "AND d.management_status = 'active' ORDER BY m.declaration_id, m.period";
constexpr std::string_view kActiveSuspensions =
    "SELECT r.declaration_id, r.kind, r.effective_date FROM management_requests r JOIN declarations d ON d.id = r.declaration_id ";
constexpr std::string_view kSuspensionsOrder =
    "AND d.management_status = 'active' AND r.kind IN ('suspend', 'resume') AND r.status = 'registered' "
    "ORDER BY r.declaration_id, r.registered_at, r.id";

}  // namespace sql

std::vector<TaskRow> task_rows(Connection& c, const domain::Scope& scope, domain::Role role, std::string_view kind, std::int64_t limit) {
  auto s = declaration_scope(scope);
  std::vector<TaskRow> out;
  for (const auto& a : sql::kAwaiting) {
    if (a.role != role || (!kind.empty() && a.source->kind != kind)) continue;
    const std::string where = std::string(s.where) + std::string(a.source->link) + std::string(a.condition);
    std::string text = std::string(a.source->select) + std::string(kDeclarationRefColumns) + std::string(a.source->from);
    // Months come whole (a role's waiting months are one or two per project and carry the overdue
    // order); the other sources only their `limit` longest-waiting rows, picked before the joins.
    if (a.source == &sql::kMonths)
      text += std::string(kDeclarationRefJoins) + where;
    else
      text += "JOIN (SELECT " + std::string(a.source->id) + " AS id " + std::string(a.source->scan_from()) + where + " ORDER BY " +
              std::string(a.source->since) + ", " + std::string(a.source->id) + " LIMIT $2) pg ON pg.id = " + std::string(a.source->id) +
              " " + std::string(kDeclarationRefJoins);
    auto bound = params(s.id);
    if (a.source != &sql::kMonths) bound.emplace_back(limit);
    c.run(text, bound, [&](Row& r) {
      TaskRow t;
      t.kind = std::string(a.source->kind);
      t.id = r.integer(0);
      t.status = r.text(1);
      t.detail = r.opt_text(2);
      t.date = r.opt_text(3);
      t.since = r.integer(4);
      read_declaration_ref(r, 5, t);
      out.push_back(std::move(t));
    });
  }
  return out;
}

std::map<std::string, std::int64_t> task_counts(Connection& c, const domain::Scope& scope, domain::Role role) {
  auto s = declaration_scope(scope);
  std::map<std::string, std::int64_t> out;
  for (const auto& a : sql::kAwaiting) {
    if (a.role != role) continue;
    const std::string text = "SELECT COUNT(*) " + std::string(a.source->scan_from()) +
                             std::string(s.where) + std::string(a.source->link) + std::string(a.condition);
    out[std::string(a.source->kind)] += c.query_one(text, params(s.id))->integer(0);
  }
  return out;
}

std::vector<ManagedDeclaration> active_declarations(Connection& c, const domain::Scope& scope) {
  auto s = declaration_scope(scope);
  std::vector<ManagedDeclaration> out;
  std::map<std::int64_t, std::size_t> index;
  c.run(std::string(sql::kActive) + std::string(kDeclarationRefColumns) + std::string(sql::kActiveFrom) + std::string(kDeclarationRefJoins) +
            std::string(s.where) + std::string(sql::kActiveOnly),
        params(s.id), [&](Row& r) {
          ManagedDeclaration d;
          d.accepted_at = r.integer(0);
          d.general_uscc = r.text(1);
          d.supervision_uscc = r.opt_text(2);
          d.contractor_manager = r.text(3);
          d.contractor_mobile = r.text(4);
          d.supervision_manager = r.text(5);
          d.supervision_mobile = r.text(6);
          read_declaration_ref(r, 7, d);
          index[d.declaration_id] = out.size();
          out.push_back(std::move(d));
        });
  if (out.empty()) return out;
  c.run(std::string(sql::kActiveMonths) + std::string(s.where) + std::string(sql::kMonthsOrder), params(s.id), [&](Row& r) {
    if (auto it = index.find(r.integer(0)); it != index.end()) out[it->second].months.push_back({r.integer(1), r.text(2), r.text(3)});
  });
  c.run(std::string(sql::kActiveSuspensions) + std::string(s.where) + std::string(sql::kSuspensionsOrder), params(s.id), [&](Row& r) {
    if (auto it = index.find(r.integer(0)); it != index.end()) out[it->second].suspensions.emplace_back(r.text(1), r.text(2));
  });
  return out;
}

}  // namespace qsm::store
