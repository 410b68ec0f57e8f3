// The inbox and the overdue months.
#include "service/task_service.hpp"

#include <algorithm>

#include "domain/clerk.hpp"
#include "domain/spot_check.hpp"
#include "domain/workflow/completion.hpp"
#include "domain/workflow/declaration.hpp"
#include "domain/workflow/management.hpp"
#include "domain/workflow/quarterly.hpp"
#include "domain/workflow/rectification.hpp"
#include "domain/workflow/specs.hpp"
#include "service/monthly_service.hpp"
#include "service/request_service.hpp"

namespace qsm::service {

namespace dm = domain::management;

namespace {

constexpr TaskKind kKinds[] = {{"declaration", "申报"},          {"monthly_evaluation", "月度评价"}, {"monthly_due", "待新增月度评价"},
                               {"quarterly_registration", "季度评价"}, {"completion", "竣工评价"},   {"suspension", "中止/恢复"},
                               {"termination", "终止"},        {"rectification", "整改"}};

int days_between(domain::Date from, domain::Date to) {
  return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

domain::Instant month_start(domain::YearMonth m) {
  return domain::shanghai_time(m.day(1));
}

// The calendar of an active declaration as the monthly rules see it: from its months (active_declarations',
// or active_calendars' of a declaration with a month missing), or from active_calendars' span of them and
// their drafts when the span is whole (its months are then not read).
domain::monthly::Calendar calendar_of(const store::ManagedDeclaration& d, domain::Instant now) {
  std::vector<std::pair<std::string, std::string>> existing;
  for (const auto& m : d.months) existing.emplace_back(m.period, m.status);
  auto cal = month_calendar(d.accepted_at, now, existing, intervals_of(d.suspensions), d.management_status);
  if (d.span) {
    cal.existing = *d.span;
    cal.drafts = d.drafts;
  }
  return cal;
}

// The spec of a to-do record: its kind's, or for a request its kind of request's (中止 / 恢复 / 终止).
const domain::workflow::Machine& machine_of(const store::TaskRow& t) {
  if (t.kind == dm::kSuspensionSpec.m.entity || t.kind == dm::kTerminationSpec.m.entity)
    return dm::spec_of(*dm::kind_from(t.detail.value_or(std::string(dm::to_string(dm::Kind::terminate))))).m;
  return *domain::workflow::machine_of(t.kind);
}

// What the role is asked to do with the record, in its words (the spec's todo of its state).
std::pair<std::string, std::string> action_of(const store::TaskRow& t, domain::Role role) {
  const auto* todo = machine_of(t).todo(t.status, role);
  if (!todo) return {"view", "查看"};  // not reached: the inbox lists only what awaits the role
  return {std::string(todo->action), std::string(todo->label)};
}

std::string title_of(const store::TaskRow& t) {
  if (t.kind == "declaration") return "质量标准化申报";
  if (t.kind == "monthly_evaluation") return *t.detail + " 月度评价";
  if (t.kind == "quarterly_registration") return *t.detail + " 季度评价";
  if (t.kind == "completion") return "竣工评价";
  if (t.kind == "rectification") return "整改指令单 " + t.detail.value_or("");
  const auto kind = *dm::kind_from(t.detail.value_or("terminate"));
  return std::string(dm::label(kind)) + "申请" + (t.date ? "（" + *t.date + "）" : "");
}

std::string status_label_of(const store::TaskRow& t) { return std::string(machine_of(t).state_label(t.status)); }

std::optional<Lateness> late(domain::YearMonth m, std::optional<domain::monthly::State> s, std::optional<std::int64_t> submitted_at,
                             domain::Date today, const domain::overdue::Deadlines& d) {
  const auto l = domain::overdue::lateness(m, s, domain::shanghai_date_of(submitted_at), today, d);
  if (l.what == domain::overdue::Lateness::none) return std::nullopt;
  return l;
}

// The page's items, in a total order: items that waited as long are ordered by kind and id, not by the
// order the database happened to return them in (it has no ORDER BY across the sources). Sorts
// `candidates`; the page is a view into it.
std::span<Task> page(std::vector<Task>& candidates, std::int64_t window, int page_size) {
  std::sort(candidates.begin(), candidates.end(), [](const Task& a, const Task& b) {
    if (a.overdue.has_value() != b.overdue.has_value()) return a.overdue.has_value();
    return std::tie(a.since, a.kind, a.id, a.declaration.declaration_id) < std::tie(b.since, b.kind, b.id, b.declaration.declaration_id);
  });
  const auto first = std::min(candidates.size(), static_cast<std::size_t>(window - page_size));
  const auto last = std::min(candidates.size(), static_cast<std::size_t>(window));
  return std::span<Task>(candidates).subspan(first, last - first);
}

// A clerk's inbox holds only the kinds of item whose action he was given (issue 27); anyone else's, all.
bool acts_on(const domain::Actor& actor, std::string_view kind) {
  using domain::Permission;
  if (!actor.clerk_id) return true;
  const Permission p = kind == "declaration"                                     ? Permission::declaration_write
                       : kind == "monthly_evaluation" || kind == "monthly_due" ? Permission::monthly_write
                       : kind == "completion"                                  ? Permission::completion_write
                       : kind == "rectification"                               ? Permission::rectification_write
                       : kind == "suspension" || kind == "termination"         ? Permission::request_write
                                                                               : Permission::quarterly_register;
  return domain::acts_in(actor, p);
}

}  // namespace

bool is_task_kind(std::string_view kind) {
  return std::any_of(std::begin(kKinds), std::end(kKinds), [&](const TaskKind& k) { return k.code == kind; });
}

std::span<const TaskKind> task_kinds() { return kKinds; }

Inbox inbox(app::App& app, const domain::Actor& actor, const InboxQuery& q) {
  const auto now = app.clock.now();
  const auto today = domain::shanghai_date(now);
  const auto scope = domain::Scope::of(actor);
  const auto& deadlines = app.tuned().deadlines;
  const std::int64_t window = std::int64_t{q.page} * q.page_size;  // a page ends within the first `window` items
  const bool all_kinds = q.kind.empty();
  Inbox out;
  for (const auto& k : kKinds) out.counts[std::string(k.code)] = 0;
  std::vector<Task> candidates;
  auto add = [&](Task t) {
    t.waited_days = std::max(0, days_between(domain::shanghai_date(domain::from_millis(t.since)), today));
    if (t.overdue) ++out.overdue;
    candidates.push_back(std::move(t));
  };
  app.db->read([&](store::Connection& c) {
    const auto counts = store::task_counts(c, scope, actor.role);
    for (const auto& [kind, n] : counts)
      if (acts_on(actor, kind)) out.counts[kind] = static_cast<int>(n);
    for (auto& row : store::task_rows(c, scope, actor.role, q.kind, window, counts)) {
      if (!acts_on(actor, row.kind)) continue;  // each source is limited on its own: the others' rows stay whole
      Task t;
      t.kind = row.kind;
      t.id = row.id;
      std::tie(t.action, t.action_label) = action_of(row, actor.role);
      t.title = title_of(row);
      t.status = row.status;
      t.status_label = status_label_of(row);
      t.since = row.since;
      if (row.kind == "monthly_evaluation") {
        t.period = row.detail;
        if (dm::status_from(row.management_status.value_or("")) == dm::Status::active)
          t.overdue = late(*domain::YearMonth::parse(*row.detail), domain::monthly::state_from(row.status), row.submitted_at, today, deadlines);
      }
      if (row.kind == "rectification" && row.date)
        if (auto deadline = domain::parse_date(*row.date))
          if (domain::rectification::overdue_days(*domain::rectification::state_from(row.status), *deadline, today) > 0)
            t.overdue = Lateness{domain::overdue::Lateness::rectification, *deadline};
      t.declaration = std::move(row);
      add(std::move(t));
    }
    // The months the contractor may create now (新增月度评价), from the same calendar rule as the page.
    // Counted for every query (the counts cover every kind); listed when the query asks for them.
    if (actor.role == domain::Role::contractor && acts_on(actor, "monthly_due"))
      for (auto& d : store::active_calendars(c, scope)) {
        const auto next = domain::monthly::next_month(calendar_of(d, now));
        if (!next.period) continue;
        Task t;
        t.kind = "monthly_due";
        t.action = "create";
        t.action_label = "新增月度评价";
        t.title = next.period->to_string() + " 月度评价";
        t.period = next.period->to_string();
        t.since = domain::to_millis(std::max(month_start(*next.period), domain::from_millis(d.accepted_at)));
        t.overdue = late(*next.period, std::nullopt, std::nullopt, today, deadlines);
        t.declaration = std::move(d);
        ++out.counts["monthly_due"];
        if (all_kinds || q.kind == "monthly_due") add(std::move(t));
      }
    // The names of the months due come with the page, not for every active declaration.
    const auto items = page(candidates, window, q.page_size);
    std::vector<std::int64_t> due;
    for (const auto& t : items)
      if (t.kind == "monthly_due") due.push_back(t.declaration.declaration_id);
    const auto refs = store::declaration_refs(c, due);
    for (auto& t : items)
      if (t.kind == "monthly_due")
        if (auto ref = refs.find(t.declaration.declaration_id); ref != refs.end()) t.declaration = ref->second;
    out.items.assign(std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
    return 0;
  });
  for (const auto& [kind, n] : out.counts)
    if (all_kinds || kind == q.kind) out.total += n;
  return out;
}

namespace {

// A month as read, as the overdue rule reads it; nothing for a period or state it cannot read.
std::optional<std::pair<domain::YearMonth, domain::overdue::MonthState>> month_state(const store::ManagedMonth& month) {
  const auto period = domain::YearMonth::parse(month.period);
  const auto state = domain::monthly::state_from(month.status);
  if (!period || !state) return std::nullopt;
  return std::pair{*period, domain::overdue::MonthState{*state, domain::shanghai_date_of(month.submitted_at)}};
}

}  // namespace

bool may_have_late_months(const store::ActiveSummary& a, domain::Date today, const domain::overdue::Deadlines& d) {
  std::vector<std::pair<domain::YearMonth, domain::overdue::MonthState>> pending;
  for (const auto& month : a.pending)
    if (auto m = month_state(month)) pending.push_back(*m);
  const auto parsed = [](const std::optional<std::string>& p) { return p ? domain::YearMonth::parse(*p) : std::nullopt; };
  return domain::overdue::may_have_late_months(domain::YearMonth::of(domain::from_millis(a.accepted_at)), parsed(a.months_first), parsed(a.months_last),
                                               a.months_n, pending, today, d);
}

std::vector<OverdueMonth> overdue_months(store::Connection& c, const domain::Scope& scope, domain::Date today,
                                         const domain::overdue::Deadlines& d) {
  std::vector<OverdueMonth> out;
  // Midnight in Shanghai at the start of `today`: the calendar's current month is today's.
  const auto now = domain::shanghai_time(today);
  // Of the scope's active declarations, only those that may have a late month are read whole: the
  // others have every due month and none late (domain::overdue::may_have_late_months).
  std::vector<std::int64_t> candidates;
  for (const auto& a : store::active_summaries(c, scope))
    if (may_have_late_months(a, today, d)) candidates.push_back(a.declaration_id);
  for (const auto& decl : store::active_declarations(c, candidates)) {
    const auto cal = calendar_of(decl, now);
    std::map<domain::YearMonth, domain::overdue::MonthState> states;
    for (const auto& month : decl.months)
      if (auto m = month_state(month)) states.insert_or_assign(m->first, m->second);
    for (const auto& [m, late] : domain::overdue::late_months(cal, states, today, d)) {
      OverdueMonth o;
      o.declaration = decl;
      o.period = m.to_string();
      for (const auto& month : decl.months)
        if (month.period == o.period) {
          o.monthly_id = month.id;
          o.status = month.status;
        }
      o.late = late;
      o.days_late = days_between(late.due, today);
      if (late.what == domain::overdue::Lateness::submission) {
        o.responsible = domain::Role::contractor;
        o.enterprise_uscc = decl.general_uscc;
        o.enterprise_name = decl.general_name;
        o.manager = decl.contractor_manager;
        o.mobile = decl.contractor_mobile;
      } else {
        o.responsible = domain::Role::site_supervisor;
        o.enterprise_uscc = decl.supervision_uscc.value_or("");
        o.enterprise_name = decl.supervision_name.value_or("");
        o.manager = decl.supervision_manager;
        o.mobile = decl.supervision_mobile;
      }
      out.push_back(std::move(o));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const OverdueMonth& a, const OverdueMonth& b) {
    if (a.days_late != b.days_late) return a.days_late > b.days_late;
    if (a.declaration.registration_no != b.declaration.registration_no) return a.declaration.registration_no < b.declaration.registration_no;
    return a.period < b.period;
  });
  return out;
}

void OverdueCounts::add(const OverdueMonth& o) {
  ++by_district[o.declaration.district];
  auto& e = by_enterprise[o.enterprise_uscc];
  e.first = o.enterprise_name;
  ++e.second;
}

std::vector<OverdueMonth> overdue_months(app::App& app, const domain::Actor& actor) {
  const auto today = domain::shanghai_date(app.clock.now());
  return app.db->read([&](store::Connection& c) { return overdue_months(c, domain::Scope::of(actor), today, app.tuned().deadlines); });
}

}  // namespace qsm::service
