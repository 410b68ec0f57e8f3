// Inbox and calendar SQL: statements are composed only from the constants below and the declaration
// scope fragment.
#include "store/task_store.hpp"

#include <algorithm>
#include <map>

#include "domain/spot_check.hpp"
#include "domain/workflow/completion.hpp"
#include "domain/workflow/declaration.hpp"
#include "domain/workflow/management.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/overdue.hpp"
#include "domain/workflow/quarterly.hpp"
#include "domain/workflow/rectification.hpp"
#include "store/monthly_store.hpp"
#include "store/spec_sql.hpp"

namespace qsm::store {
namespace sql {

// Each source: its own columns (id, status, detail, date, since), then the declaration ref; the
// FROM joins `declarations d` for the scope fragment.
// `id` and `since` name the source's key and waiting-since columns for the first `limit` rows;
// `authority_scan` (when set) is how an authority's counts and pages walk it instead of over the
// district's declarations: FROM and WHERE, to which `authority_and` adds the authority test.
// `window` (when set) orders the rows a page may take instead of `since` (a rectification order's
// deadline: the overdue ones are never cut off by newer ones).
// `table` and `key` (unset for declarations themselves): the source's table and its declaration column,
// for the scopes of an enterprise or a project, whose few declarations drive the scan (CROSS JOIN
// fixes the order on SQLite): a city's draft months or open orders are never walked for one inbox.
// `contractor_scan` (when set): how a construction enterprise's counts and rows walk the source by
// its own copy of the enterprise instead of over the enterprise's declarations: FROM (the joins go
// after it) and WHERE.
// `authority_counts` (when set): FROM and WHERE of the source's counts by authority and state (V040,
// V041), whose `n` an authority's count sums instead of counting the rows.
struct Source {
  std::string_view kind, select, from, id, since, authority_scan = {}, authority_and = {}, window = {}, table = {}, key = {};
  std::string_view contractor_scan = {}, contractor_where = {}, authority_counts = {};
};
constexpr Source kDeclarations{"declaration", "SELECT d.id, d.status, NULL, NULL, d.updated_at, ", "FROM declarations d ", "d.id",
                               "d.updated_at"};
// A month's fourth column is its submission time (the review's due date follows it), not a date.
constexpr Source kMonths{"monthly_evaluation", "SELECT m.id, m.status, m.period, m.submitted_at, m.updated_at, ",
                         "FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id ", "m.id", "m.updated_at",
                         {}, {}, {}, "monthly_evaluations m ", "m.declaration_id",
                         // V037: its waiting months from the index on (contractor, status); the
                         // declaration checked once more against the scope.
                         "FROM monthly_evaluations m CROSS JOIN declarations d ",
                         "WHERE m.contractor_enterprise_id = $1 AND d.id = m.declaration_id AND d.contractor_enterprise_id = $1 "};
// Every active project has a quarter waiting for the authority: its oldest come from the index on the
// quarter's copy of the authority (V010), its count from the authority's counts (V040, V041), whatever
// the size of the district.
constexpr Source kQuarters{"quarterly_registration",
                           "SELECT q.id, q.status, q.quarter, NULL, q.updated_at, ",
                           "FROM quarterly_registrations q JOIN declarations d ON d.id = q.declaration_id ",
                           "q.id",
                           "q.updated_at",
                           "FROM quarterly_registrations q WHERE q.authority_id = $1 ",
                           "",
                           {},
                           "quarterly_registrations q ",
                           "q.declaration_id",
                           {},
                           {},
                           "FROM quarterly_counts q WHERE q.authority_id = $1 "};
// Completions and requests wait in a state for days at most, so an authority's are found from the
// city's waiting rows (the status index) rather than by probing every declaration of the district.
constexpr std::string_view kAuthorityOfDeclaration = "AND d.authority_id = $1 AND d.submitted_at IS NOT NULL ";
constexpr Source kCompletions{"completion",
                              "SELECT c.id, c.status, NULL, NULL, c.updated_at, ",
                              "FROM completions c JOIN declarations d ON d.id = c.declaration_id ",
                              "c.id",
                              "c.updated_at",
                              "FROM completions c CROSS JOIN declarations d WHERE d.id = c.declaration_id ",
                              kAuthorityOfDeclaration,
                              {},
                              "completions c ",
                              "c.declaration_id"};
constexpr Source kSuspensions{"suspension",
                              "SELECT r.id, r.status, r.kind, r.effective_date, r.updated_at, ",
                              "FROM management_requests r JOIN declarations d ON d.id = r.declaration_id ",
                              "r.id",
                              "r.updated_at",
                              "FROM management_requests r CROSS JOIN declarations d WHERE d.id = r.declaration_id ",
                              kAuthorityOfDeclaration,
                              {},
                              "management_requests r ",
                              "r.declaration_id"};
constexpr Source kTerminations{"termination",
                               "SELECT r.id, r.status, r.kind, NULL, r.updated_at, ",
                               "FROM management_requests r JOIN declarations d ON d.id = r.declaration_id ",
                               "r.id",
                               "r.updated_at",
                               "FROM management_requests r CROSS JOIN declarations d WHERE d.id = r.declaration_id ",
                               kAuthorityOfDeclaration,
                               {},
                               "management_requests r ",
                               "r.declaration_id"};

// Rectification orders carry their authority (issue 24); detail is the number, date the deadline.
constexpr Source kRectifications{"rectification",
                                 "SELECT x.id, x.status, x.number, x.deadline, x.updated_at, ",
                                 "FROM rectifications x JOIN declarations d ON d.id = x.declaration_id ",
                                 "x.id",
                                 "x.updated_at",
                                 "FROM rectifications x WHERE x.authority_id = $1 ",
                                 "",
                                 "x.deadline",
                                 "rectifications x ",
                                 "x.declaration_id"};

// Which states of which source await which role: from each source's spec (the states in which the role
// has a step to take), built once. A source's `kinds` narrows the requests table to one spec's kinds.
// `from_declarations` is the same condition for a scan that starts from the scope's declarations: the
// status compared as an expression (`|| ''`, on both backends), so that SQLite looks a declaration's
// rows up by their declaration column rather than walking the city's rows of that status for each one.
struct Awaiting {
  domain::Role role;
  const Source* source;
  std::string condition, from_declarations;
};
const std::vector<Awaiting>& awaiting() {
  namespace mg = domain::management;
  struct Spec {
    const Source* source;
    const domain::workflow::Machine* machine;
    std::string_view alias;
    std::string kinds;  // "AND r.kind IN (…) " or empty
  };
  static const std::vector<Awaiting> table = [] {
    const auto kinds = [](std::initializer_list<mg::Kind> ks) {
      std::vector<std::string> codes;
      for (auto k : ks) codes.emplace_back(mg::to_string(k));
      return "AND r.kind IN (" + quoted(codes) + ") ";
    };
    const Spec specs[] = {
        {&kDeclarations, &domain::declaration::kSpec.m, "d", ""},
        {&kMonths, &domain::monthly::kSpec.m, "m", ""},
        {&kQuarters, &domain::quarterly::kSpec.m, "q", ""},
        {&kCompletions, &domain::completion::kSpec.m, "c", ""},
        {&kSuspensions, &mg::kSuspensionSpec.m, "r", kinds({mg::Kind::suspend, mg::Kind::resume})},
        {&kTerminations, &mg::kTerminationSpec.m, "r", kinds({mg::Kind::terminate})},
        {&kRectifications, &domain::rectification::kSpec.m, "x", ""},
    };
    std::vector<Awaiting> out;
    for (auto role : domain::all_roles())
      for (const auto& spec : specs) {
        const auto states = spec.machine->awaiting_codes(role);
        if (states.empty()) continue;
        const auto in = " IN (" + quoted(states) + ")";
        out.push_back({role, spec.source, spec.kinds + "AND " + std::string(spec.alias) + ".status" + in,
                       spec.kinds + "AND " + std::string(spec.alias) + ".status || ''" + in});
      }
    return out;
  }();
  return table;
}

// FROM and WHERE of a source's count and page: over the scope's declarations, or for an authority
// over the source's own authority column when it has one.
bool by_contractor(const Source& source, const domain::Scope& scope) {
  return whole_contractor(scope) && !source.contractor_scan.empty();
}
bool declarations_first(const Source& source, const domain::Scope& scope) {
  return !scope.authority_id && !scope.all && !source.table.empty() && !by_contractor(source, scope);
}
std::string scan_of(const Source& source, const domain::Scope& scope, const ScopeSql& s) {
  if (scope.authority_id && !source.authority_scan.empty()) return std::string(source.authority_scan) + std::string(source.authority_and);
  if (by_contractor(source, scope)) return std::string(source.contractor_scan) + std::string(source.contractor_where);
  if (declarations_first(source, scope))
    return "FROM declarations d CROSS JOIN " + std::string(source.table) + std::string(s.where) + "AND " +
           std::string(source.key) + " = d.id ";
  return std::string(source.from) + std::string(s.where);
}
const std::string& condition_of(const Awaiting& a, const domain::Scope& scope) {
  return declarations_first(*a.source, scope) ? a.from_declarations : a.condition;
}

// The enterprises' USCCs and the managers' names and mobiles as the declaration carries them (V050, V047).
constexpr std::string_view kActive =
    "SELECT d.accepted_at, d.contractor_uscc, d.supervisor_uscc, d.contractor_manager_name, d.contractor_manager_mobile, "
    "d.supervision_manager_name, d.supervision_manager_mobile, ";
constexpr int kActiveRefAt = 7;
constexpr std::string_view kActiveOfIds = "FROM declarations d WHERE d.id IN ";
// Every month and every registered suspension or resumption of some declarations.
constexpr std::string_view kMonthsOfIds = "SELECT m.declaration_id, m.id, m.period, m.status, m.submitted_at FROM monthly_evaluations m WHERE m.declaration_id IN ";
constexpr std::string_view kSuspensionsOfIds = "SELECT r.declaration_id, r.kind, r.effective_date FROM management_requests r WHERE r.declaration_id IN ";
const std::string& active_only() {
  static const std::string text = under_management() + "AND d.accepted_at IS NOT NULL ORDER BY d.id";
  return text;
}
// What the calendar rule needs of a declaration, without the people and names (the inbox's months due).
constexpr std::string_view kActiveCalendars =
    "SELECT d.id, d.accepted_at, d.management_status, d.months_n, d.months_first, d.months_last FROM declarations d ";
// The scope's declarations first, then each one's months and requests (CROSS JOIN fixes the order on
// SQLite): the city's registered suspensions grow with the years.
constexpr std::string_view kActiveMonths =
    "SELECT m.declaration_id, m.id, m.period, m.status, m.submitted_at FROM declarations d CROSS JOIN monthly_evaluations m ";
// The drafts of the scope's declarations, for the calendars whose months their span says.
constexpr std::string_view kActiveDrafts = "SELECT m.declaration_id, m.period FROM declarations d CROSS JOIN monthly_evaluations m ";
// The months that can be late (domain::overdue::kMayBeLate).
const std::string& pending_only() {
  static const std::string text = [] {
    std::vector<std::string> codes;
    for (auto state : domain::overdue::kMayBeLate) codes.emplace_back(domain::monthly::to_string(state));
    return "AND m.status IN (" + quoted(codes) + ") ";
  }();
  return text;
}
const std::string& drafts_only() {
  static const std::string text = "AND m.status = " + quoted(domain::monthly::to_string(domain::monthly::State::draft)) + " ";
  return text;
}
// A construction enterprise's own (no clerk's): from its range of the (enterprise, status) index,
// which holds the period (V061), by the months' copy of the enterprise ($1).
const std::string& contractor_drafts() {
  static const std::string text = "SELECT m.declaration_id, m.period FROM monthly_evaluations m WHERE m.contractor_enterprise_id = $1 " + drafts_only();
  return text;
}
// In no order: a district's months would be sorted in a temporary tree; each declaration's few are
// put in period order below.
const std::string& months_order() {
  static const std::string text = "AND m.declaration_id = d.id " + under_management();
  return text;
}
constexpr std::string_view kActiveSuspensions = "SELECT r.declaration_id, r.kind, r.effective_date FROM declarations d CROSS JOIN management_requests r ";
// The registered suspensions and resumptions, in registration order.
const std::string& registered_suspensions() {
  namespace mg = domain::management;
  static const std::string text = "AND r.kind IN (" + quoted(mg::to_string(mg::Kind::suspend)) + ", " + quoted(mg::to_string(mg::Kind::resume)) +
                                  ") AND r.status = " + quoted(mg::to_string(mg::State::registered)) + " ORDER BY r.declaration_id, r.registered_at, r.id";
  return text;
}
const std::string& suspensions_order() {
  static const std::string text = "AND r.declaration_id = d.id " + under_management() + registered_suspensions();
  return text;
}

}  // namespace sql

std::vector<TaskRow> task_rows(Connection& c, const domain::Scope& scope, domain::Role role, std::string_view kind, std::int64_t limit,
                               const std::map<std::string, std::int64_t>& counts) {
  auto s = declaration_scope(scope);
  std::vector<TaskRow> out;
  for (const auto& a : sql::awaiting()) {
    if (a.role != role || (!kind.empty() && a.source->kind != kind)) continue;
    if (auto n = counts.find(std::string(a.source->kind)); n != counts.end() && n->second == 0) continue;  // nothing to read
    const std::string& condition = sql::condition_of(a, scope);
    std::string text = std::string(a.source->select) + std::string(kDeclarationRefColumns);
    // Months come whole (a role's waiting months are one or two per project and carry the overdue
    // order); the other sources only their `limit` longest-waiting rows, picked before any row is read.
    if (a.source == &sql::kMonths)
      text += sql::scan_of(*a.source, scope, s) + condition;
    else
      text += std::string(a.source->from) + "JOIN (SELECT " + std::string(a.source->id) + " AS id " + sql::scan_of(*a.source, scope, s) + condition + " ORDER BY " +
              std::string(a.source->window.empty() ? a.source->since : a.source->window) + ", " + std::string(a.source->id) + " LIMIT $2) pg ON pg.id = " + std::string(a.source->id);
    auto bound = params(s.id);
    if (a.source != &sql::kMonths) bound.emplace_back(limit);
    c.run(text, bound, [&](Row& r) {
      TaskRow t;
      t.kind = std::string(a.source->kind);
      t.id = r.integer(0);
      t.status = r.text(1);
      t.detail = r.opt_text(2);
      if (a.source == &sql::kMonths)
        t.submitted_at = r.opt_integer(3);
      else
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
  // Every source's count in one statement (one COUNT subquery each): one round trip, not one a source.
  std::vector<std::string_view> kinds;
  std::string text = "SELECT ";
  for (const auto& a : sql::awaiting()) {
    if (a.role != role) continue;
    text += kinds.empty() ? "(" : ", (";
    if (authority_scope(scope) && !a.source->authority_counts.empty())
      text += "SELECT COALESCE(SUM(n), 0) " + std::string(a.source->authority_counts) + a.condition + ")";
    else
      text += "SELECT COUNT(*) " + sql::scan_of(*a.source, scope, s) + sql::condition_of(a, scope) + ")";
    kinds.push_back(a.source->kind);
    out[std::string(a.source->kind)] = 0;
  }
  if (kinds.empty()) return out;
  const auto row = c.query_one(text, params(s.id));
  for (std::size_t i = 0; i < kinds.size(); ++i) out[std::string(kinds[i])] += row->integer(static_cast<int>(i));
  return out;
}

namespace {

// Ids in one statement's IN list at most; a list is padded to a power of two by repeating its last id,
// so that few statements are prepared.
constexpr std::size_t kIdsPerStatement = 256;
std::string id_list(std::span<const std::int64_t> ids, std::vector<Value>& values) {
  std::size_t width = 1;
  while (width < ids.size()) width *= 2;
  std::string text = "(";
  for (std::size_t i = 0; i < width; ++i) {
    text += (i ? ", $" : "$") + std::to_string(values.size() + 1);
    values.emplace_back(ids[std::min(i, ids.size() - 1)]);
  }
  return text + ")";
}
// `each(in, values)` for every IN list of at most kIdsPerStatement of `ids`, in order.
template <class F>
void in_batches(std::span<const std::int64_t> ids, F each) {
  for (std::size_t at = 0; at < ids.size(); at += kIdsPerStatement) {
    std::vector<Value> values;
    const auto in = id_list(ids.subspan(at, std::min(kIdsPerStatement, ids.size() - at)), values);
    each(in, values);
  }
}

// The registered suspensions of the declarations `index` finds in `out`.
void read_suspensions(Connection& c, const ScopeSql& s, std::vector<ManagedDeclaration>& out, const std::map<std::int64_t, std::size_t>& index) {
  c.run(std::string(sql::kActiveSuspensions) + std::string(s.where) + sql::suspensions_order(), params(s.id), [&](Row& r) {
    if (auto it = index.find(r.integer(0)); it != index.end()) out[it->second].suspensions.emplace_back(r.text(1), r.text(2));
  });
}

}  // namespace

std::vector<ActiveSummary> active_summaries(Connection& c, const domain::Scope& scope) {
  auto s = declaration_scope(scope);
  std::vector<ActiveSummary> out;
  std::map<std::int64_t, std::size_t> index;
  c.run(std::string(sql::kActiveCalendars) + std::string(s.where) + sql::active_only(), params(s.id), [&](Row& r) {
    index[r.integer(0)] = out.size();
    out.push_back({r.integer(0), r.integer(1), r.integer(3), r.opt_text(4), r.opt_text(5), {}});
  });
  if (out.empty()) return out;
  // Only the months that can be late, from the index by declaration (V070/V071), instead of every month
  // of the scope's active projects (21,924 of 闵行 at 20k projects, each turned into a row: 20 ms).
  c.run(std::string(sql::kActiveMonths) + std::string(s.where) + sql::months_order() + sql::pending_only(), params(s.id), [&](Row& r) {
    if (auto it = index.find(r.integer(0)); it != index.end()) out[it->second].pending.push_back({r.integer(1), r.text(2), r.text(3), r.opt_integer(4)});
  });
  return out;
}

std::vector<ManagedDeclaration> active_declarations(Connection& c, std::span<const std::int64_t> ids) {
  std::vector<ManagedDeclaration> out;
  in_batches(ids, [&](const std::string& in, const std::vector<Value>& values) {
    std::map<std::int64_t, std::size_t> index;
    const auto first = out.size();
    c.run(std::string(sql::kActive) + std::string(kDeclarationRefColumns) + std::string(sql::kActiveOfIds) + in + " ORDER BY d.id", values, [&](Row& r) {
      ManagedDeclaration d;
      d.accepted_at = r.integer(0);
      d.general_uscc = r.text(1);
      d.supervision_uscc = r.opt_text(2);
      d.contractor_manager = r.text(3);
      d.contractor_mobile = r.text(4);
      d.supervision_manager = r.text(5);
      d.supervision_mobile = r.text(6);
      read_declaration_ref(r, sql::kActiveRefAt, d);
      index[d.declaration_id] = out.size();
      out.push_back(std::move(d));
    });
    c.run(std::string(sql::kMonthsOfIds) + in, values, [&](Row& r) {
      if (auto it = index.find(r.integer(0)); it != index.end()) out[it->second].months.push_back({r.integer(1), r.text(2), r.text(3), r.opt_integer(4)});
    });
    c.run(std::string(sql::kSuspensionsOfIds) + in + sql::registered_suspensions(), values, [&](Row& r) {
      if (auto it = index.find(r.integer(0)); it != index.end()) out[it->second].suspensions.emplace_back(r.text(1), r.text(2));
    });
    for (auto d = out.begin() + static_cast<std::ptrdiff_t>(first); d != out.end(); ++d)
      std::sort(d->months.begin(), d->months.end(), [](const auto& a, const auto& b) { return a.period < b.period; });
  });
  return out;
}

std::vector<ManagedDeclaration> active_calendars(Connection& c, const domain::Scope& scope) {
  auto s = declaration_scope(scope);
  std::vector<ManagedDeclaration> out;
  std::map<std::int64_t, std::size_t> index;
  std::vector<std::size_t> gapped;  // those whose count leaves a month missing: their months are read
  c.run(std::string(sql::kActiveCalendars) + std::string(s.where) + sql::active_only(), params(s.id), [&](Row& r) {
    ManagedDeclaration d;
    d.declaration_id = r.integer(0);
    d.accepted_at = r.integer(1);
    d.management_status = r.opt_text(2);
    const auto months = r.integer(3);
    d.span = domain::monthly::whole_span(r.opt_text(4).value_or(""), r.opt_text(5).value_or(""), months);
    if (months > 0 && !d.span) gapped.push_back(out.size());
    index[d.declaration_id] = out.size();
    out.push_back(std::move(d));
  });
  if (out.empty()) return out;
  const auto drafts = whole_contractor(scope) ? sql::contractor_drafts() : std::string(sql::kActiveDrafts) + std::string(s.where) + sql::months_order() + sql::drafts_only();
  c.run(drafts, params(s.id), [&](Row& r) {
    if (auto it = index.find(r.integer(0)); it != index.end())
      if (auto m = domain::YearMonth::parse(r.text(1))) out[it->second].drafts.insert(*m);
  });
  for (auto i : gapped)
    for (auto& [period, status] : periods_of_declaration(c, out[i].declaration_id)) out[i].months.push_back({0, std::move(period), std::move(status), std::nullopt});
  read_suspensions(c, s, out, index);
  return out;
}

std::map<std::int64_t, DeclarationRef> declaration_refs(Connection& c, std::span<const std::int64_t> ids) {
  std::map<std::int64_t, DeclarationRef> out;
  in_batches(ids, [&](const std::string& in, const std::vector<Value>& values) {
    c.run("SELECT " + std::string(kDeclarationRefColumns) + "FROM declarations d WHERE d.id IN " + in, values, [&](Row& r) {
      DeclarationRef ref;
      read_declaration_ref(r, 0, ref);
      out.emplace(ref.declaration_id, std::move(ref));
    });
  });
  return out;
}

}  // namespace qsm::store
