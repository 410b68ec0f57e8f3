// The monthly evaluation (月度评价, SPEC §3.3): its state machine as a table, and the calendar rule
// that decides which month may be created next.
#pragma once
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/period.hpp"
#include "domain/workflow/spec.hpp"

namespace qsm::domain::monthly {

enum class State { draft, submitted, reviewed, filed, registered };
enum class Action { save_self, submit, save_review, review_submit, register_ };
enum class Sheet { self, review };  // 自评 by the contractor, 复核 by the site supervisor

namespace spec {
using workflow::Tag;
using P = Permission;
inline constexpr std::array kStates{
    workflow::StateSpec{State::draft, "draft", "待提交", Tag::info},
    workflow::StateSpec{State::submitted, "submitted", "已提交待复核评价", Tag::warning},
    workflow::StateSpec{State::reviewed, "reviewed", "已复核待提交", Tag::warning},
    workflow::StateSpec{State::filed, "filed", "已复核待季度评价监督信息登记", Tag::primary},
    workflow::StateSpec{State::registered, "registered", "已季度登记", Tag::success},
};
inline constexpr std::array kActions{
    workflow::ActionSpec{Action::save_self, "save_self", "保存自评", P::monthly_write},
    workflow::ActionSpec{Action::submit, "submit", "提交", P::monthly_write},
    workflow::ActionSpec{Action::save_review, "save_review", "保存复核", P::monthly_write},
    workflow::ActionSpec{Action::review_submit, "review_submit", "提交复核", P::monthly_write},
    workflow::ActionSpec{Action::register_, "register", "季度登记", P::platform},
};
// Photo evidence on a sheet's deduction or a spot-check finding (issue 23): audited on the month.
inline constexpr std::string_view kPhotoAdd = "photo_add", kPhotoRemove = "photo_remove";
inline constexpr std::array kEvents{workflow::EventSpec{"create", "新增评价"}, workflow::EventSpec{kPhotoAdd, "添加照片"},
                                    workflow::EventSpec{kPhotoRemove, "删除照片"}};
inline constexpr std::array kSteps{
    workflow::Step{State::draft, Action::save_self, Role::contractor, State::draft},
    workflow::Step{State::draft, Action::submit, Role::contractor, State::submitted},
    workflow::Step{State::submitted, Action::save_review, Role::site_supervisor, State::reviewed},
    workflow::Step{State::reviewed, Action::save_review, Role::site_supervisor, State::reviewed},
    workflow::Step{State::reviewed, Action::review_submit, Role::site_supervisor, State::filed},
    // When the month's quarter is registered (季度评价监督信息登记).
    workflow::Step{State::filed, Action::register_, workflow::kSystem, State::registered},
};
inline constexpr std::array kTodos{
    workflow::Todo{State::draft, Role::contractor, "self_sheet", "自评并提交"},
    workflow::Todo{State::submitted, Role::site_supervisor, "review", "复核评价"},
    workflow::Todo{State::reviewed, Role::site_supervisor, "review_submit", "提交复核"},
};
}  // namespace spec

inline constexpr workflow::Spec<State, Action> kSpec{
    {"monthly_evaluation", "月度评价", spec::kStates, spec::kActions, spec::kEvents, spec::kSteps, spec::kTodos}};
static_assert(workflow::well_formed(kSpec.m));

inline std::string_view to_string(State s) { return kSpec.code(s); }
inline std::string_view label(State s) { return kSpec.label(s); }
inline std::optional<State> state_from(std::string_view s) { return kSpec.state_from(s); }
inline std::string_view to_string(Action a) { return kSpec.code(a); }
inline std::string_view label(Action a) { return kSpec.label(a); }
// The label of a stored state code, or of an audit action code (an unknown code is shown as it is).
inline std::string_view state_label(std::string_view code) { return kSpec.m.state_label(code); }
inline std::string_view audit_action_label(std::string_view code) { return kSpec.m.action_label(code); }
std::string_view to_string(Sheet s);                  // "self", "review"
std::string_view sheet_label(std::string_view code);  // 自评, 复核
// The action that saves (save_self, save_review) or submits (submit, review_submit) a sheet.
Action save_action(Sheet s);
Action submit_action(Sheet s);

// Failure(forbidden) when the role never takes the action, Failure(invalid_transition) when not now.
inline const workflow::Step& decide(State from, Action action, Role role) { return kSpec.decide(from, action, role); }
inline std::vector<Action> available(State s, Role r) { return kSpec.available(s, r); }
// The months a filed review or a registered quarter counts: filed or registered.
inline bool counted(State s) { return s == State::filed || s == State::registered; }

// What the calendar rule needs to know about a declaration.
struct Calendar {
  YearMonth accepted;              // the month of acceptance: the first due month
  YearMonth current;               // today's month, Asia/Shanghai
  std::set<YearMonth> exempt;      // months the project was suspended for the whole month
  std::set<YearMonth> existing;    // the months the declaration has an evaluation of
  std::set<YearMonth> drafts;      // those of them still drafts (the rule asks of the others only that they exist)
  bool active = true;              // management_status == active
  std::string management_label;    // 已中止 … for the refusal
  std::optional<Date> suspended_since;  // the open suspension interval's start, while suspended
};

struct NextMonth {
  std::optional<YearMonth> period;  // the month that may be created now
  std::string reason;               // why none may, when period is empty
};

// Whether `n` months from `first` to `last` are every month between them (none missing).
bool is_whole_span(YearMonth first, YearMonth last, std::int64_t n);
// Every month from `first` to `last` when there are `n` of them: a declaration's months as its row
// counts them (V061, V062), whole when none is missing between its first and its last; nullopt when
// some is (the months must then be read one by one).
std::optional<std::set<YearMonth>> whole_span(YearMonth first, YearMonth last, std::int64_t n);
// The same of the periods as stored ("YYYY-MM"); nullopt when either is not a period.
std::optional<std::set<YearMonth>> whole_span(std::string_view first, std::string_view last, std::int64_t n);

// The one month that may be created now: the first due month without an evaluation, provided the
// previous due month's evaluation was submitted and the month is not in the future.
NextMonth next_month(const Calendar& cal);
// Throws the precise refusal unless `period` is next_month(cal): 422 for a future, early, exempt or
// out-of-order month, 409 conflict when it exists, 409 invalid_transition unless the project is active.
void check_create(const Calendar& cal, YearMonth period);

}  // namespace qsm::domain::monthly
