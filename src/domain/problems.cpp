// Problems → the API's validation_failed error.
#include "domain/problems.hpp"

#include <boost/json.hpp>

namespace qsm::domain {

Failure Problems::to_failure(std::string message) const {
  boost::json::array list;
  boost::json::object fields;  // "name" → reason, the first per field, for forms
  for (const Problem& p : items_) {
    list.push_back(boost::json::object{{"path", p.path}, {"reason", p.reason}});
    std::string field = p.path.rfind("$.", 0) == 0 ? p.path.substr(2) : p.path;
    if (!fields.contains(field)) fields[field] = p.reason;
  }
  return Failure(Error::validation_failed, std::move(message),
                 boost::json::object{{"problems", std::move(list)}, {"fields", std::move(fields)}});
}

void Problems::throw_if_any(std::string message) const {
  if (!items_.empty()) throw to_failure(std::move(message));
}

Failure field_failure(const std::string& field, const std::string& message) {
  Problems p;
  p.add("$." + field, message);
  return p.to_failure(message);
}

}  // namespace qsm::domain
