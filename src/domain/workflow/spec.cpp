// The machine over a workflow spec: lookups by code, the shared refusal, the roles and states it implies.
#include "domain/workflow/spec.hpp"

#include <boost/json/object.hpp>

namespace qsm::domain::workflow {

std::string_view to_string(Tag t) {
  switch (t) {
    case Tag::primary: return "primary";
    case Tag::success: return "success";
    case Tag::info: return "info";
    case Tag::warning: return "warning";
    case Tag::danger: return "danger";
  }
  return "info";
}

std::optional<std::size_t> Machine::state_index(std::string_view code) const {
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i].code == code) return i;
  return std::nullopt;
}

std::optional<std::size_t> Machine::action_index(std::string_view code) const {
  for (std::size_t i = 0; i < actions.size(); ++i)
    if (actions[i].code == code) return i;
  return std::nullopt;
}

std::string_view Machine::state_label(std::string_view code) const {
  auto i = state_index(code);
  return i ? states[*i].label : code;
}

std::string_view Machine::action_label(std::string_view code) const {
  if (auto i = action_index(code)) return actions[*i].label;
  for (const auto& e : events)
    if (e.code == code) return e.label;
  return code;
}

std::vector<std::size_t> Machine::awaiting(Role r) const {
  std::vector<std::size_t> out;
  for (std::size_t s = 0; s < states.size(); ++s)
    if (awaits(*this, s, r)) out.push_back(s);
  return out;
}

const Todo* Machine::todo(std::string_view state_code, Role r) const {
  auto s = state_index(state_code);
  if (!s) return nullptr;
  for (const auto& t : todos)
    if (t.state == *s && t.role == r) return &t;
  return nullptr;
}

std::vector<std::string> Machine::awaiting_codes(Role r) const {
  std::vector<std::string> out;
  for (auto s : awaiting(r)) out.emplace_back(states[s].code);
  return out;
}

const Step* find_step(const Machine& m, std::size_t from, std::size_t action, Role role, Branch branch, Refusal& why) {
  why = Refusal::role_never;
  for (const auto& t : m.steps) {
    if (t.action != action || !t.who.is(role)) continue;
    if (why == Refusal::role_never) why = Refusal::wrong_state;
    if (t.from == from && t.branch == branch) {
      why = Refusal::none;
      return &t;
    }
  }
  return nullptr;
}

void refuse(Refusal why, std::string_view record, std::string_view state_code, std::string_view state_label,
            std::string_view action_code, std::string_view action_label) {
  if (why == Refusal::role_never)
    throw Failure(Error::forbidden, "当前角色不能" + std::string(action_label) + std::string(record));
  throw Failure(Error::invalid_transition,
                std::string(record) + "当前状态为「" + std::string(state_label) + "」，不能" + std::string(action_label),
                boost::json::object{{"status", state_code}, {"action", action_code}});
}

}  // namespace qsm::domain::workflow
