// 参数设置 (issue 27): each setting's text form and range, and the rules across settings, table by table.
#include <gtest/gtest.h>

#include "domain/tunables.hpp"

using namespace qsm::domain;

namespace {

// The problem reported for `name` when it is set to `text` (empty: accepted).
std::string problem_of(std::string_view name, std::string_view text, Tunables* out = nullptr) {
  Tunables t;
  Problems p;
  set_tunable(t, name, text, p);
  if (out) *out = t;
  return p.empty() ? std::string() : p.items().front().reason;
}

}  // namespace

TEST(Tunables, EachSettingAcceptsItsRangeOnly) {
  const struct {
    const char* name;
    const char* text;
    bool ok;
    const char* read_back;  // tunable_text after setting, when ok
  } cases[] = {
      {"submit_deadline_day", "1", true, "1"},       {"submit_deadline_day", "28", true, "28"},
      {"submit_deadline_day", "0", false, ""},       {"submit_deadline_day", "29", false, ""},
      {"submit_deadline_day", "10.5", false, ""},    {"submit_deadline_day", "", false, ""},
      {"submit_deadline_day", "1e1", false, ""},     {"review_deadline_day", "15", true, "15"},
      {"grade_excellent", "85.5", true, "85.50"},    {"grade_excellent", "100", true, "100.00"},
      {"grade_excellent", "100.01", false, ""},      {"grade_qualified", "-1", false, ""},
      {"grade_qualified", "70.123", false, ""},      {"grade_qualified", "abc", false, ""},
      {"agreement_threshold", "0", true, "0.00"},    {"agreement_threshold", "98.5", true, "98.50"},
      {"reminder_time", "09:00", true, "09:00"},     {"reminder_time", "23:59", true, "23:59"},
      {"reminder_time", "off", true, "off"},         {"reminder_time", "24:00", false, ""},
      {"reminder_time", "9:00", false, ""},          {"reminder_time", "09:60", false, ""},
      {"session_idle_minutes", "5", true, "5"},      {"session_idle_minutes", "4", false, ""},
      {"session_idle_minutes", "480", true, "480"},  {"session_absolute_hours", "25", false, ""},
      {"export_row_limit", "100", true, "100"},      {"export_row_limit", "99", false, ""},
      {"export_row_limit", "1000000", true, "1000000"},
      {"public_url", "", true, ""},                  {"public_url", "https://qsm.example.gov.cn/", true, "https://qsm.example.gov.cn"},
      {"public_url", "http://10.0.0.5:8443", true, "http://10.0.0.5:8443"},
      {"public_url", "https://x.cn/path", false, ""}, {"public_url", "ftp://x.cn", false, ""},
      {"public_url", "https://a\"b", false, ""},     {"public_url", "https://", false, ""},
      {"second_factor", "required", true, "required"}, {"second_factor", "optional", true, "optional"},
      {"second_factor", "off", false, ""},          {"password_max_age_days", "0", true, "0"},
      {"password_max_age_days", "3650", true, "3650"}, {"password_max_age_days", "3651", false, ""},
      {"max_sessions_per_account", "1", true, "1"}, {"max_sessions_per_account", "0", false, ""},
      {"log_retention_days", "180", true, "180"},   {"log_retention_days", "179", false, ""},
      {"no_such_setting", "1", false, ""},
  };
  for (const auto& c : cases) {
    Tunables t;
    const auto problem = problem_of(c.name, c.text, &t);
    EXPECT_EQ(problem.empty(), c.ok) << c.name << " = " << c.text << ": " << problem;
    if (c.ok) EXPECT_EQ(tunable_text(t, c.name), c.read_back) << c.name;
  }
}

TEST(Tunables, EveryListedSettingReadsBackWhatItIsGiven) {
  const Tunables defaults;
  for (const auto& info : tunable_infos()) {
    const auto text = tunable_text(defaults, info.name);
    Tunables t;
    Problems p;
    set_tunable(t, info.name, text, p);
    EXPECT_TRUE(p.empty()) << info.name << " = " << text;
    EXPECT_EQ(tunable_text(t, info.name), text) << info.name;
    EXPECT_FALSE(info.label.empty());
  }
  EXPECT_EQ(tunable_text(defaults, "reminder_time"), "09:00");
  EXPECT_EQ(tunable_text(defaults, "grade_excellent"), "80.00");
}

TEST(Tunables, RulesAcrossSettings) {
  const struct {
    unsigned submit, review;
    std::int64_t excellent, qualified;  // hundredths
    int idle_minutes, absolute_hours;
    std::vector<std::string> fields;  // the problems' names
  } cases[] = {
      {10, 15, 8000, 7000, 30, 12, {}},
      {10, 10, 8000, 7000, 30, 12, {}},  // the same day is allowed
      {16, 15, 8000, 7000, 30, 12, {"review_deadline_day"}},
      {10, 15, 7000, 7000, 30, 12, {"grade_excellent"}},
      {10, 15, 6999, 7000, 30, 12, {"grade_excellent"}},
      {10, 15, 8000, 7000, 60, 1, {}},  // one hour is not shorter than 60 minutes
      {10, 15, 8000, 7000, 61, 1, {"session_absolute_hours"}},
      {20, 15, 5000, 7000, 480, 2, {"review_deadline_day", "grade_excellent", "session_absolute_hours"}},
  };
  for (const auto& c : cases) {
    Tunables t;
    t.deadlines.submit_day = c.submit;
    t.deadlines.review_day = c.review;
    t.grades.excellent = Points::from_hundredths(c.excellent);
    t.grades.qualified = Points::from_hundredths(c.qualified);
    t.session_idle_minutes = c.idle_minutes;
    t.session_absolute_hours = c.absolute_hours;
    Problems p;
    check_tunables(t, p);
    std::vector<std::string> fields;
    for (const auto& item : p.items()) fields.push_back(item.path);
    EXPECT_EQ(fields, c.fields) << c.submit << "/" << c.review << " " << c.excellent << "/" << c.qualified;
  }
}
