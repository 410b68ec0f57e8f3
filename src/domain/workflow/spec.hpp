// One declarative spec per workflow, and the one machine that reads them (issue 22).
//
// A spec is a constexpr table: the record's entity code and name, its states (code, 中文 label, tag
// colour), its actions (code, label, the route permission, whether an opinion is required), the
// audit-trail events that are not steps of the machine (the record's creation …), and every step
// (from, action, who, to), including the ones the platform takes itself as the consequence of another
// record's step (a month becomes `registered` when its quarter is registered). The machine answers
// from the spec alone: decide, the actions a role may take in a state, the roles that take an action
// (the route's actors), the states that await a role (the inbox), and the audit trail's labels.
// Each workflow's header holds its spec; its .cpp keeps only its own calendar and completeness rules.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/actor.hpp"
#include "domain/error.hpp"
#include "domain/permissions.hpp"

namespace qsm::domain::workflow {

// Element Plus tag types: the colour a state is shown in.
enum class Tag { primary, success, info, warning, danger };
std::string_view to_string(Tag t);

// Who takes a step: a role, or the platform itself (`kSystem`) as the consequence of another record's step.
class Who {
 public:
  constexpr Who(Role r) : v_(static_cast<std::uint8_t>(static_cast<unsigned>(r) + 1)) {}  // NOLINT: a role is a Who
  static constexpr Who system() { return Who(); }
  constexpr bool is_system() const { return v_ == 0; }
  constexpr Role role() const { return static_cast<Role>(v_ - 1); }
  constexpr bool is(Role r) const { return !is_system() && role() == r; }
  constexpr bool operator==(const Who&) const = default;

 private:
  constexpr Who() = default;
  std::uint8_t v_ = 0;
};
inline constexpr Who kSystem = Who::system();

// Of an action with two ends (completion's review 同意 / 不同意, a rectification's confirmation), the
// step taken on the usual end, or on the other one (disagree, not all passed).
enum class Branch : std::uint8_t { usual, other };

struct StateSpec {
  std::uint8_t index;  // the enum value: entries are in enum order (checked by well_formed)
  std::string_view code, label;
  Tag tag;
  template <class S>
  constexpr StateSpec(S s, std::string_view c, std::string_view l, Tag t)
      : index(static_cast<std::uint8_t>(s)), code(c), label(l), tag(t) {}
};

struct ActionSpec {
  std::uint8_t index;
  std::string_view code, label;
  Permission permission;  // the permission of the action's route
  std::string_view opinion;  // the opinion the action requires (退回意见 …), or empty when it is optional
  // Taken at will (a withdrawal): the record does not wait for it, so it puts nothing in the actor's inbox.
  bool at_will = false;
  template <class A>
  constexpr ActionSpec(A a, std::string_view c, std::string_view l, Permission p, std::string_view required_opinion = {}, bool will = false)
      : index(static_cast<std::uint8_t>(a)), code(c), label(l), permission(p), opinion(required_opinion), at_will(will) {}
  constexpr bool opinion_required() const { return !opinion.empty(); }
};

// An audit-trail action of the record that is no step of its machine: its creation ("create", "apply"),
// a note of another record's step ("open" of a quarter when a month is filed).
struct EventSpec {
  std::string_view code, label;
};

struct Step {
  std::uint8_t from, action;
  Who who;
  std::uint8_t to;
  Branch branch = Branch::usual;
  template <class S, class A>
  constexpr Step(S f, A a, Who w, S t, Branch b = Branch::usual)
      : from(static_cast<std::uint8_t>(f)), action(static_cast<std::uint8_t>(a)), who(w), to(static_cast<std::uint8_t>(t)), branch(b) {}
};

// What a state asks of a role, in the inbox's words (待办): the step awaiting it and how it is put.
struct Todo {
  std::uint8_t state;
  Role role;
  std::string_view action, label;  // the inbox's action code ("review", "self_sheet", …) and label (复核申报 …)
  template <class S>
  constexpr Todo(S s, Role r, std::string_view a, std::string_view l) : state(static_cast<std::uint8_t>(s)), role(r), action(a), label(l) {}
};

// A spec without its enum types: what the dictionary, the audit trail's labels and the generic checks read.
struct Machine {
  std::string_view entity;  // the audit trail's entity code: "declaration", "monthly_evaluation", …
  std::string_view name;    // 申报, 月度评价, …
  std::span<const StateSpec> states;
  std::span<const ActionSpec> actions;
  std::span<const EventSpec> events;
  std::span<const Step> steps;
  std::span<const Todo> todos = {};  // one for each state a role awaits (checked by well_formed)

  std::optional<std::size_t> state_index(std::string_view code) const;
  std::optional<std::size_t> action_index(std::string_view code) const;
  // The label of a stored state code, or of an audit action code (action or event); an unknown code as it is.
  std::string_view state_label(std::string_view code) const;
  std::string_view action_label(std::string_view code) const;
  // The roles that take the action in some state, as a mask of domain::bit(role).
  constexpr std::uint32_t actors(std::size_t action) const {
    std::uint32_t mask = 0;
    for (const auto& t : steps)
      if (t.action == action && !t.who.is_system()) mask |= bit(t.who.role());
    return mask;
  }
  // The states in which the role has a step to take that is not at will (what awaits it), in state order.
  std::vector<std::size_t> awaiting(Role r) const;
  // The codes of awaiting(r).
  std::vector<std::string> awaiting_codes(Role r) const;
  // The inbox's wording of what the state asks of the role, or nullptr when it asks nothing.
  const Todo* todo(std::string_view state_code, Role r) const;
};

// Whether the role has a step that is not at will from the state (the state awaits the role).
constexpr bool awaits(const Machine& m, std::size_t state, Role r) {
  for (const auto& t : m.steps)
    if (t.from == state && t.who.is(r) && !m.actions[t.action].at_will) return true;
  return false;
}

// Checked at compile time for every spec: entries in enum order, codes unique, every step's indices
// in range, no two steps for the same (from, action, who, branch), and one inbox wording (todo) for
// exactly the (state, role) pairs the steps make await.
constexpr bool well_formed(const Machine& m) {
  for (std::size_t i = 0; i < m.states.size(); ++i) {
    if (m.states[i].index != i) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (m.states[j].code == m.states[i].code) return false;
  }
  for (std::size_t i = 0; i < m.actions.size(); ++i) {
    if (m.actions[i].index != i) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (m.actions[j].code == m.actions[i].code) return false;
    for (const auto& e : m.events)
      if (e.code == m.actions[i].code) return false;
  }
  for (std::size_t i = 0; i < m.steps.size(); ++i) {
    const auto& s = m.steps[i];
    if (s.from >= m.states.size() || s.to >= m.states.size() || s.action >= m.actions.size()) return false;
    for (std::size_t j = 0; j < i; ++j) {
      const auto& o = m.steps[j];
      if (o.from == s.from && o.action == s.action && o.who == s.who && o.branch == s.branch) return false;
    }
  }
  for (const auto& t : m.todos)
    if (t.state >= m.states.size() || !awaits(m, t.state, t.role)) return false;
  for (std::size_t s = 0; s < m.states.size(); ++s)
    for (unsigned r = 0; r <= static_cast<unsigned>(Role::auditor); ++r) {
      if (!awaits(m, s, static_cast<Role>(r))) continue;
      int n = 0;
      for (const auto& t : m.todos) n += t.state == s && t.role == static_cast<Role>(r);
      if (n != 1) return false;
    }
  return true;
}

enum class Refusal { none, role_never, wrong_state };

// The refusal of a step the machine did not find, worded the same for every workflow: 403 when the
// role never takes the action ("当前角色不能提交申报"), 409 invalid_transition when not in this state.
[[noreturn]] void refuse(Refusal why, std::string_view record, std::string_view state_code, std::string_view state_label,
                         std::string_view action_code, std::string_view action_label);

// The step for (from, action, role, branch) or nullptr with why.
const Step* find_step(const Machine& m, std::size_t from, std::size_t action, Role role, Branch branch, Refusal& why);

// A machine whose indices are the enums S and A: the typed face each workflow's code uses.
template <class S, class A>
struct Spec {
  Machine m;

  static constexpr std::size_t at(S s) { return static_cast<std::size_t>(s); }
  static constexpr std::size_t at(A a) { return static_cast<std::size_t>(a); }
  constexpr std::string_view code(S s) const { return m.states[at(s)].code; }
  constexpr std::string_view label(S s) const { return m.states[at(s)].label; }
  constexpr Tag tag(S s) const { return m.states[at(s)].tag; }
  constexpr std::string_view code(A a) const { return m.actions[at(a)].code; }
  constexpr std::string_view label(A a) const { return m.actions[at(a)].label; }
  constexpr const ActionSpec& action(A a) const { return m.actions[at(a)]; }
  std::optional<S> state_from(std::string_view code) const {
    auto i = m.state_index(code);
    return i ? std::optional<S>(static_cast<S>(*i)) : std::nullopt;
  }
  std::optional<A> action_from(std::string_view code) const {
    auto i = m.action_index(code);
    return i ? std::optional<A>(static_cast<A>(*i)) : std::nullopt;
  }
  static constexpr S from(const Step& t) { return static_cast<S>(t.from); }
  static constexpr S to(const Step& t) { return static_cast<S>(t.to); }

  // The step for (from, action, role, branch); Failure(forbidden) when the role never takes the
  // action, Failure(invalid_transition) when it does but not in this state.
  const Step& decide(S from, A action, Role role, Branch branch = Branch::usual) const {
    Refusal why;
    if (const auto* t = find_step(m, at(from), at(action), role, branch, why)) return *t;
    refuse(why, m.name, code(from), label(from), code(action), label(action));
  }
  // The step the platform takes on this record as the consequence of another's (nullptr when none from here).
  const Step* system_step(S from, A action) const {
    for (const auto& t : m.steps)
      if (t.who.is_system() && t.from == at(from) && t.action == at(action)) return &t;
    return nullptr;
  }
  // The actions a role may take in a state (the UI's buttons), in spec order without repeats.
  std::vector<A> available(S s, Role r) const {
    std::vector<A> out;
    for (const auto& t : m.steps)
      if (t.from == at(s) && t.who.is(r)) {
        auto a = static_cast<A>(t.action);
        bool seen = false;
        for (auto x : out) seen = seen || x == a;
        if (!seen) out.push_back(a);
      }
    return out;
  }
  constexpr std::uint32_t actors(A a) const { return m.actors(at(a)); }
};

}  // namespace qsm::domain::workflow
