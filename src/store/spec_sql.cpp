// State codes as SQL literals.
#include "store/spec_sql.hpp"

#include <stdexcept>

#include "domain/workflow/management.hpp"

namespace qsm::store {

std::string quoted(std::string_view code) {
  if (code.empty()) throw std::logic_error("empty state code");
  for (char ch : code)
    if (!((ch >= 'a' && ch <= 'z') || ch == '_')) throw std::logic_error("state code is not [a-z_]: " + std::string(code));
  return "'" + std::string(code) + "'";
}

std::string quoted(std::span<const std::string> codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ", ") + quoted(c);
  return out;
}

const std::string& under_management() {
  namespace mg = domain::management;
  static const std::string text = "AND d.management_status = " + quoted(mg::to_string(mg::Status::active)) + " ";
  return text;
}

}  // namespace qsm::store
