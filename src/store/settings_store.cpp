// 参数设置 SQL.
#include "store/settings_store.hpp"

namespace qsm::store {
namespace sql {
constexpr std::string_view kRead = "SELECT name, value, updated_at, updated_by FROM platform_settings ORDER BY name";
constexpr std::string_view kStamp = "SELECT COALESCE(SUM(version), 0) FROM platform_settings";
constexpr std::string_view kPut =
    "INSERT INTO platform_settings (name, value, version, updated_at, updated_by) VALUES ($1, $2, 1, $3, $4) "
    "ON CONFLICT (name) DO UPDATE SET value = excluded.value, version = platform_settings.version + 1, "
    "updated_at = excluded.updated_at, updated_by = excluded.updated_by";
constexpr std::string_view kSeed =
    "INSERT INTO platform_settings (name, value, version, updated_at, updated_by) VALUES ($1, $2, 1, $3, '初始值（qsm serve 参数）') "
    "ON CONFLICT (name) DO NOTHING RETURNING name";
}  // namespace sql

std::vector<SettingRow> read_settings(Connection& c) {
  std::vector<SettingRow> out;
  c.run(sql::kRead, {}, [&](Row& r) { out.push_back({r.text(0), r.text(1), r.integer(2), r.text(3)}); });
  return out;
}

std::int64_t settings_stamp(Connection& c) { return c.query_one(sql::kStamp)->integer(0); }

void put_setting(Connection& c, const std::string& name, const std::string& value, std::int64_t at_ms, const std::string& by) {
  c.execute(sql::kPut, params(name, value, at_ms, by));
}

bool seed_setting(Connection& c, const std::string& name, const std::string& value, std::int64_t at_ms) {
  return c.query_one(sql::kSeed, params(name, value, at_ms)).has_value();
}

}  // namespace qsm::store
