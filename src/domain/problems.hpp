// A list of validation problems, each a JSON path and a Chinese reason, reported all at once.
#pragma once
#include <string>
#include <vector>

#include "domain/error.hpp"

namespace qsm::domain {

struct Problem {
  std::string path;    // JSON path, e.g. "$.enterprises[3].uscc"
  std::string reason;  // Chinese, says what to do
  bool operator==(const Problem&) const = default;
};

class Problems {
 public:
  void add(std::string path, std::string reason) { items_.push_back({std::move(path), std::move(reason)}); }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Problem>& items() const { return items_; }
  // validation_failed with details.problems = [{path, reason}] and details.fields = {field: reason}.
  Failure to_failure(std::string message) const;
  // Throws to_failure(message) when any problem was found.
  void throw_if_any(std::string message) const;

 private:
  std::vector<Problem> items_;
};

// The validation failure of one field ("opinion", "contractor_manager.mobile"): details.fields and
// details.problems as every other 422 carries them.
Failure field_failure(const std::string& field, const std::string& message);

}  // namespace qsm::domain
