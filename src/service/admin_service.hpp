// The administration console's 在线用户 and 参数设置 (issue 27). Users are in account_security.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "service/app.hpp"
#include "store/account_store.hpp"
#include "store/settings_store.hpp"

namespace qsm::service {

// 在线用户: live sessions (not revoked, within the idle and absolute timeouts in force), newest use first.
struct SessionPage {
  std::vector<store::LiveSession> items;
  std::int64_t total = 0;
};
SessionPage list_live_sessions(app::App& app, const std::string& q, const std::string& role, int limit, int offset);
// 强退 one session (404 when it is not live; 422 for the caller's own: that is 退出登录). Audited; the
// answer comes once no server process can still take the session (forget_everywhere).
void end_session(app::App& app, const domain::Actor& actor, std::int64_t own_session_id, std::int64_t session_id);
// 强退 every session of an account but the caller's own; returns how many ended.
std::int64_t end_sessions_of(app::App& app, const domain::Actor& actor, std::int64_t own_session_id, std::int64_t account_id);

// 参数设置. The first start's values (the serve flags) are written where the database has none; then
// the database's values are loaded (a stored value that does not parse is skipped with a warning, the
// flag's value kept).
void load_tunables(app::App& app, const domain::Tunables& defaults);
// Reloads the settings when another process changed them (the stamp moved): every few seconds.
void refresh_tunables(app::App& app);
// Who changed each setting last and when (the page shows it).
std::vector<store::SettingRow> setting_rows(app::App& app);
// Changes some settings (name → text): all or nothing, every problem under its name (422); each
// change audited (old → new) in the same transaction; in force here at once, elsewhere within seconds.
domain::Tunables change_settings(app::App& app, const domain::Actor& actor, const std::vector<std::pair<std::string, std::string>>& changes);

}  // namespace qsm::service
