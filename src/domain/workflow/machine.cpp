// The shared refusal of the workflow state machines.
#include "domain/workflow/machine.hpp"

#include <boost/json/object.hpp>
#include <string>

namespace qsm::domain::workflow {

void refuse(Refusal why, std::string_view record, std::string_view state_code, std::string_view state_label,
            std::string_view action_code, std::string_view action_label) {
  if (why == Refusal::role_never)
    throw Failure(Error::forbidden, "当前角色不能" + std::string(action_label) + std::string(record));
  throw Failure(Error::invalid_transition,
                std::string(record) + "当前状态为「" + std::string(state_label) + "」，不能" + std::string(action_label),
                boost::json::object{{"status", state_code}, {"action", action_code}});
}

}  // namespace qsm::domain::workflow
