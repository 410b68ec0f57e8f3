// JSON values every record shares: instants, optional texts, scores and the grade a score suggests.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/grade.hpp"
#include "domain/json_input.hpp"
#include "domain/workflow/overdue.hpp"

namespace qsm::api {

// "2026-03-15T09:30:00+08:00" or null.
boost::json::value instant_json(std::optional<std::int64_t> ms);
// The same as text, "" for 0 (a time that has not happened: never logged in, not finished).
std::string instant_text(std::int64_t ms);
boost::json::value text_json(const std::optional<std::string>& s);
// An overdue item's {lateness, label, deadline} (inbox, overdue list, monthly lists), or null when it is on time.
boost::json::value overdue_json(const domain::overdue::Late& l);
// A score of hundredths as an exact JSON number (88.5), or null.
boost::json::value score_json(std::optional<std::int64_t> hundredths);
// Sets `score`, `grade` and `grade_label` (the grade the thresholds suggest; null without a score).
void put_score(boost::json::object& o, std::optional<std::int64_t> hundredths, const domain::GradeThresholds& t);
// `conclusion` and `conclusion_label` of a stored grade code (null when none).
void put_conclusion(boost::json::object& o, const std::optional<std::string>& code);
// The record's `version` (≥ 1, required) of a state-changing body; 0 with a problem when absent or bad.
std::int64_t read_version(json::FieldReader& r);
// A body that is {version} and nothing else (submit, review-submit, withdraw …): the version, or 422.
std::int64_t parse_version(const boost::json::value& body);
// The required `conclusion` of a registration body: a grade code, else a problem at $.conclusion.
std::optional<domain::Grade> read_conclusion(json::FieldReader& r, domain::Problems& problems);

// A login method's label (login log, 在线用户): 账号密码, 企业数字证书, 短信验证码, 动态口令, 退出登录.
std::string_view login_method_label(std::string_view method);

}  // namespace qsm::api
