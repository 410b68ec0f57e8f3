// Problems → the API's validation_failed error.
#include "domain/problems.hpp"

#include <boost/json.hpp>

namespace qsm::domain {

void Problems::throw_if_any(std::string message) const {
  if (items_.empty()) return;
  boost::json::array list;
  boost::json::object fields;  // "name" → reason, the first per field, for forms
  for (const Problem& p : items_) {
    list.push_back(boost::json::object{{"path", p.path}, {"reason", p.reason}});
    std::string field = p.path.rfind("$.", 0) == 0 ? p.path.substr(2) : p.path;
    if (!fields.contains(field)) fields[field] = p.reason;
  }
  throw Failure(Error::validation_failed, std::move(message),
                boost::json::object{{"problems", std::move(list)}, {"fields", std::move(fields)}});
}

}  // namespace qsm::domain
