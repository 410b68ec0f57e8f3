// The spot-check comparison (抽查比对, SPEC §3.9): the authority's finding per clause of a monthly
// evaluation against the contractor's self-sheet and the site supervisor's review sheet, and the
// agreement rates over all clauses of the template. A clause "conforms" on a sheet when the sheet
// does not deduct it; a clause without a finding conforms. Rates are exact: agree / total × 100,
// rounded half-up to hundredths. Also the per-enterprise aggregation of finished spot-checks.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/points.hpp"
#include "domain/problems.hpp"
#include "domain/scoring/engine.hpp"
#include "domain/scoring/template.hpp"
#include "domain/workflow/spec.hpp"

namespace qsm::domain::spot_check {

enum class State { in_progress, finished };
enum class Action { save, finish };

namespace spec {
using workflow::Tag;
using P = Permission;
inline constexpr std::array kStates{
    workflow::StateSpec{State::in_progress, "in_progress", "抽查中", Tag::warning},
    workflow::StateSpec{State::finished, "finished", "已完成", Tag::success},
};
inline constexpr std::array kActions{
    workflow::ActionSpec{Action::save, "save", "保存抽查", P::spot_check, {}, true},
    workflow::ActionSpec{Action::finish, "finish", "完成抽查", P::spot_check, {}, true},
};
inline constexpr std::array<workflow::EventSpec, 0> kEvents{};
// A month without a record yet is checked as an in-progress record: its first save creates it. Spot-checks
// are the authority's own choice (at will): nothing awaits it in the inbox.
inline constexpr std::array kSteps{
    workflow::Step{State::in_progress, Action::save, Role::authority, State::in_progress},
    workflow::Step{State::in_progress, Action::finish, Role::authority, State::finished},
};
}  // namespace spec

inline constexpr workflow::Spec<State, Action> kSpec{{"spot_check", "抽查比对", spec::kStates, spec::kActions, spec::kEvents, spec::kSteps}};
static_assert(workflow::well_formed(kSpec.m));

inline std::string_view to_string(State s) { return kSpec.code(s); }
inline std::string_view label(State s) { return kSpec.label(s); }  // 抽查中, 已完成
inline std::optional<State> state_from(std::string_view s) { return kSpec.state_from(s); }
inline std::string_view state_label(std::string_view code) { return kSpec.m.state_label(code); }
inline std::string_view audit_action_label(std::string_view code) { return kSpec.m.action_label(code); }  // 保存抽查, 完成抽查

struct Finding {
  std::string clause;
  bool conforms = true;
  std::string note;
};
// The findings by clause, or every problem (unknown clause, repeated clause) with its JSON path.
std::map<std::string, Finding> check_findings(const scoring::Template& t, const std::vector<Finding>& findings, Problems& problems);

struct ClauseComparison {
  const scoring::CheckItem* item = nullptr;
  const scoring::SubItem* sub_item = nullptr;
  const scoring::Clause* clause = nullptr;
  const scoring::Deduction* self = nullptr;    // the self-sheet's deduction of the clause, if any
  const scoring::Deduction* review = nullptr;  // the review sheet's, if any
  bool review_exists = false;
  Finding authority;
  bool self_agrees() const { return (self == nullptr) == authority.conforms; }
  std::optional<bool> review_agrees() const {
    if (!review_exists) return std::nullopt;
    return (review == nullptr) == authority.conforms;
  }
};

struct Agreement {
  int agree = 0;
  Points rate;  // percent, hundredths
};
// agree / total × 100, half-up to hundredths (total > 0).
Points rate(int agree, int total);

struct Comparison {
  std::vector<ClauseComparison> clauses;  // template order
  Agreement self;
  std::optional<Agreement> review;        // without a review sheet, none
  std::vector<const ClauseComparison*> disputed(bool review_side) const;
};
// The template, the sheets and the findings must outlive the comparison (it points into them).
Comparison compare(const scoring::Template& t, const scoring::SheetInput& self, const std::optional<scoring::SheetInput>& review,
                   const std::map<std::string, Finding>& findings);

// One enterprise's finished spot-checks: how many, the exact mean of their rates, whether below the
// threshold, and the clauses most often disputed (count descending, then code).
struct Sample {
  Points rate;
  std::vector<std::pair<std::string, std::string>> disputed;  // clause code, text
};
struct DisputedClause {
  std::string clause, text;
  int count = 0;
};
struct EnterpriseAgreement {
  int spot_checks = 0;
  Points mean;
  bool low = false;
  std::vector<DisputedClause> disputed;  // at most `top`
};
EnterpriseAgreement aggregate(const std::vector<Sample>& samples, Points threshold, std::size_t top = 5);

}  // namespace qsm::domain::spot_check
