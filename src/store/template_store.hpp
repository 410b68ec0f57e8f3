// Scoring templates: immutable versions, the latest loaded one is current.
#pragma once
#include <optional>
#include <string>

#include "domain/scoring/template.hpp"
#include "domain/time.hpp"
#include "store/db.hpp"

namespace qsm::store {

struct StoredTemplate {
  std::int64_t id = 0;
  std::string code;
  std::int64_t version = 0;
  std::string name;
  std::string body;  // canonical JSON
  domain::Instant loaded_at;
};

enum class TemplateSave { inserted, unchanged, version_taken };
// Inserts a new version; loading the same version again with the same body is a no-op.
TemplateSave save_template(Connection& c, const domain::scoring::Template& t, const std::string& body, domain::Instant now,
                           std::int64_t& id);
std::optional<StoredTemplate> find_template(Connection& c, std::string_view code, std::int64_t version);
std::optional<StoredTemplate> find_template_by_id(Connection& c, std::int64_t id);
std::optional<StoredTemplate> current_template(Connection& c);

}  // namespace qsm::store
