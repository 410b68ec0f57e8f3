// 参数设置 (issue 27): the settings an administrator changes while the platform runs. They live in the
// database (one row per name, its value as text); the `qsm serve` flags of the same names are only
// their first-run defaults. Pure: names, text forms, validation one field and all together.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account_policy.hpp"
#include "domain/grade.hpp"
#include "domain/points.hpp"
#include "domain/problems.hpp"
#include "domain/workflow/overdue.hpp"

namespace qsm::domain {

struct Tunables {
  overdue::Deadlines deadlines;                        // 自评 / 复核 due days of the following month
  GradeThresholds grades;                              // the grade a quarter or completion score suggests
  Points agreement_threshold = Points::whole(80);      // 抽查比对: a mean agreement below it is flagged
  std::optional<std::chrono::minutes> reminder_at = std::chrono::minutes(9 * 60);  // Shanghai time; nullopt: off
  int session_idle_minutes = 30;                       // a session unused this long ends
  int session_absolute_hours = 12;                     // and any session this long after its login
  std::int64_t export_row_limit = 100'000;             // rows of one .xlsx export
  std::string public_url;                              // printed QR codes' origin; empty: the request's
  // The account security policy (issue 21): second factor, password age, sessions per account, login
  // log retention. (password_warning_days stays fixed.)
  AccountPolicy accounts;
  std::chrono::milliseconds idle_timeout() const { return std::chrono::minutes(session_idle_minutes); }
  std::chrono::milliseconds absolute_timeout() const { return std::chrono::hours(session_absolute_hours); }
};

// One setting: its name (the API's field and the database row's), its label and what it accepts.
struct TunableInfo {
  std::string_view name, label, range;
};
// Every setting, in the order the page shows them.
const std::vector<TunableInfo>& tunable_infos();

// The setting's value as text ("10", "80.00", "09:00" / "off", "https://…").
std::string tunable_text(const Tunables& t, std::string_view name);
// Sets one setting from its text; a problem (under the setting's name) instead when the text is not a
// value it accepts. Unknown names are a problem too.
void set_tunable(Tunables& t, std::string_view name, std::string_view text, Problems& problems);
// What no single field shows: 复核截止日 not before 自评's, 优良 above 合格, the absolute session limit
// not shorter than the idle one. Each problem under the field that was changed (or the second named).
void check_tunables(const Tunables& t, Problems& problems);

// "HH:MM" (Shanghai) or "off" for none; parse_clock_time reads it back.
std::string clock_time_text(std::optional<std::chrono::minutes> at);
// "HH:MM" (Shanghai) or "off"; nullopt for anything else.
std::optional<std::optional<std::chrono::minutes>> parse_clock_time(std::string_view text);
// "" or http(s)://host[:port] with nothing after it (a trailing "/" is dropped); nullopt otherwise.
std::optional<std::string> normalise_public_url(std::string_view text);

}  // namespace qsm::domain
