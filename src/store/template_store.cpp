// Template SQL.
#include "store/template_store.hpp"

namespace qsm::store {
namespace sql {
constexpr std::string_view kFind =
    "SELECT id, code, version, name, body, loaded_at FROM templates WHERE code = $1 AND version = $2";
constexpr std::string_view kById = "SELECT id, code, version, name, body, loaded_at FROM templates WHERE id = $1";
constexpr std::string_view kCurrent = "SELECT id, code, version, name, body, loaded_at FROM templates ORDER BY id DESC LIMIT 1";
constexpr std::string_view kInsert =
    "INSERT INTO templates (code, version, name, body, loaded_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
}  // namespace sql

namespace {
StoredTemplate from_row(const Row& r) {
  return StoredTemplate{r.integer(0), r.text(1), r.integer(2), r.text(3), r.text(4), domain::from_millis(r.integer(5))};
}
}  // namespace

TemplateSave save_template(Connection& c, const domain::scoring::Template& t, const std::string& body, domain::Instant now,
                           std::int64_t& id) {
  if (auto existing = find_template(c, t.code, t.version)) {
    id = existing->id;
    return existing->body == body ? TemplateSave::unchanged : TemplateSave::version_taken;
  }
  auto r = c.query_one(sql::kInsert, params(t.code, t.version, t.name, body, domain::to_millis(now)));
  id = r->integer(0);
  return TemplateSave::inserted;
}

std::optional<StoredTemplate> find_template(Connection& c, std::string_view code, std::int64_t version) {
  auto r = c.query_one(sql::kFind, params(code, version));
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::optional<StoredTemplate> find_template_by_id(Connection& c, std::int64_t id) {
  auto r = c.query_one(sql::kById, params(id));
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::optional<StoredTemplate> current_template(Connection& c) {
  auto r = c.query_one(sql::kCurrent);
  if (!r) return std::nullopt;
  return from_row(*r);
}

}  // namespace qsm::store
