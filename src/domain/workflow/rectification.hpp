// The rectification order (整改指令单, issue 24): the authority issues a numbered order for an
// accepted declaration of its district; the contractor or its 项目部 replies with a measure per item,
// the project's supervision office confirms (or sends it back), and the authority re-checks: every
// item passed closes it (销项), otherwise what remains is issued again with a new deadline (round + 1).
// Its state machine as a spec, the number's wording, the overdue rule and the checks of the bodies.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/period.hpp"
#include "domain/workflow/spec.hpp"

namespace qsm::domain::rectification {

enum class State { issued, replied, confirmed, closed };
enum class Action { reply, confirm, recheck };
enum class Kind { rectify, stop_work };

namespace spec {
using workflow::Branch;
using workflow::Tag;
using P = Permission;
inline constexpr std::string_view kIssue = "issue", kPhotoAdd = "photo_add", kPhotoRemove = "photo_remove";
inline constexpr std::array kStates{
    workflow::StateSpec{State::issued, "issued", "已下发待整改", Tag::warning},
    workflow::StateSpec{State::replied, "replied", "已回复待监理确认", Tag::primary},
    workflow::StateSpec{State::confirmed, "confirmed", "已确认待复查", Tag::primary},
    workflow::StateSpec{State::closed, "closed", "已销项", Tag::success},
};
inline constexpr std::array kActions{
    workflow::ActionSpec{Action::reply, "reply", "整改回复", P::rectification_write},
    workflow::ActionSpec{Action::confirm, "confirm", "监理确认", P::rectification_write},
    workflow::ActionSpec{Action::recheck, "recheck", "复查", P::rectification_write},
};
inline constexpr std::array kEvents{workflow::EventSpec{kIssue, "下发整改指令单"}, workflow::EventSpec{kPhotoAdd, "添加照片"},
                                    workflow::EventSpec{kPhotoRemove, "删除照片"}};
inline constexpr std::array kSteps{
    workflow::Step{State::issued, Action::reply, Role::contractor, State::replied},
    workflow::Step{State::issued, Action::reply, Role::site_contractor, State::replied},
    // 同意 goes on to the re-check; 不同意 (with an opinion) back to the site.
    workflow::Step{State::replied, Action::confirm, Role::site_supervisor, State::confirmed},
    workflow::Step{State::replied, Action::confirm, Role::site_supervisor, State::issued, Branch::other},
    // Every item passed closes the order; otherwise what remains is issued again (round + 1).
    workflow::Step{State::confirmed, Action::recheck, Role::authority, State::closed},
    workflow::Step{State::confirmed, Action::recheck, Role::authority, State::issued, Branch::other},
};
inline constexpr std::array kTodos{
    workflow::Todo{State::issued, Role::contractor, "reply", "整改回复"},
    workflow::Todo{State::issued, Role::site_contractor, "reply", "整改回复"},
    workflow::Todo{State::replied, Role::site_supervisor, "confirm", "整改确认"},
    workflow::Todo{State::confirmed, Role::authority, "recheck", "整改复查"},
};
}  // namespace spec

inline constexpr workflow::Spec<State, Action> kSpec{
    {"rectification", "整改指令单", spec::kStates, spec::kActions, spec::kEvents, spec::kSteps, spec::kTodos}};
static_assert(workflow::well_formed(kSpec.m));

inline std::string_view to_string(State s) { return kSpec.code(s); }
inline std::string_view label(State s) { return kSpec.label(s); }
inline std::optional<State> state_from(std::string_view s) { return kSpec.state_from(s); }
inline std::string_view to_string(Action a) { return kSpec.code(a); }
inline std::string_view label(Action a) { return kSpec.label(a); }

std::string_view to_string(Kind k);  // rectify, stop_work
std::string_view label(Kind k);      // 限期整改, 停工整改
std::optional<Kind> kind_from(std::string_view s);

inline const workflow::Step& decide(State from, Action action, Role role, workflow::Branch b = workflow::Branch::usual) {
  return kSpec.decide(from, action, role, b);
}
inline std::vector<Action> available(State s, Role r) { return kSpec.available(s, r); }

// The short name of a district's station in an order's number: 徐汇区 → 徐汇, 浦东新区 → 浦东, 崇明县 → 崇明.
std::string short_name(std::string_view district);
// 徐汇质监（2026）整字第0007号: per authority and calendar year, the sequence from 1, at least four digits.
std::string number(std::string_view district, int year, int seq);

// An issued order is due by the end of its deadline (Asia/Shanghai): overdue (逾期未整改) from the
// next day, by the days since the deadline; an order in any other state is never overdue.
int overdue_days(State s, Date deadline, Date today);
inline constexpr std::string_view kOverdueLabel = "逾期未整改";
// What an order's state is called today: 逾期未整改 while overdue, else its state's label.
inline std::string_view status_label(State s, int overdue_days) { return overdue_days > 0 ? kOverdueLabel : label(s); }

// The deadline of an order or of a new round: a date after today, at most a year ahead.
std::optional<std::string> deadline_problem(std::optional<Date> deadline, Date today);

// The re-check's outcome of the open items: usual (all passed → closed) or other (issued again).
struct ItemResult {
  bool passed = false;
};
workflow::Branch recheck_branch(const std::vector<ItemResult>& results);

// Where the photos of an item stand: the authority's of the problem (issue) or the site's of its reply.
enum class PhotoSide { issue, reply };
std::string_view to_string(PhotoSide s);
// Who may add or remove photos of which side now: the authority its problem photos while the order
// is issued in its first round with no reply yet; the contractor's side its reply photos while issued.
std::optional<PhotoSide> photo_side(State s, int round, bool ever_replied, Role r);

}  // namespace qsm::domain::rectification
