// 参数设置 (issue 27): the settings' rows. Values are text; the domain reads and checks them.
#pragma once
#include <string>
#include <vector>

#include "store/db.hpp"

namespace qsm::store {

struct SettingRow {
  std::string name, value;
  std::int64_t updated_at = 0;
  std::string updated_by;
};
std::vector<SettingRow> read_settings(Connection& c);
// The sum of every row's version: it changes with every write of any setting.
std::int64_t settings_stamp(Connection& c);
// Writes the setting (a new row or a new version of it).
void put_setting(Connection& c, const std::string& name, const std::string& value, std::int64_t at_ms, const std::string& by);
// The first run's value: written only when the setting has no row yet; true when written.
bool seed_setting(Connection& c, const std::string& name, const std::string& value, std::int64_t at_ms);

}  // namespace qsm::store
