// 参数设置: text forms and validation of the settings.
#include "domain/tunables.hpp"

#include <charconv>

namespace qsm::domain {
namespace {

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end || text.empty()) return std::nullopt;
  return v;
}

std::string two_digits(long v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// Sets an integer field when the text is a whole number in [lo, hi].
template <class T>
void set_int(T& field, std::string_view name, std::string_view text, std::int64_t lo, std::int64_t hi, Problems& problems) {
  auto v = whole_number(text);
  if (!v || *v < lo || *v > hi) {
    problems.add(std::string(name), "应为 " + std::to_string(lo) + "–" + std::to_string(hi) + " 的整数");
    return;
  }
  field = static_cast<T>(*v);
}

void set_percent(Points& field, std::string_view name, std::string_view text, Problems& problems) {
  auto v = Points::percent_from_text(text);
  if (!v) {
    problems.add(std::string(name), "应为 0–100 的数，最多两位小数");
    return;
  }
  field = *v;
}

}  // namespace

const std::vector<TunableInfo>& tunable_infos() {
  static const std::vector<TunableInfo> infos{
      {"submit_deadline_day", "月度自评提交截止日（次月）", "1–28"},
      {"review_deadline_day", "月度复核提交截止日（次月）", "1–28，不早于自评截止日"},
      {"grade_excellent", "建议等级“优良”最低分", "0–100，高于“合格”"},
      {"grade_qualified", "建议等级“合格”最低分", "0–100"},
      {"agreement_threshold", "抽查比对符合率阈值（%）", "0–100"},
      {"reminder_time", "逾期提醒短信发送时间", "HH:MM（上海时间）或 off"},
      {"session_idle_minutes", "会话空闲超时（分钟）", "5–480"},
      {"session_absolute_hours", "会话最长时长（小时）", "1–24，不短于空闲超时"},
      {"export_row_limit", "Excel 导出行数上限", "100–1000000"},
      {"public_url", "打印件二维码的平台地址", "空，或 https://主机[:端口]"},
      {"second_factor", "监督机构和管理员账号的第二重验证", "required（必须绑定动态口令）或 optional（已绑定者才验证）"},
      {"password_max_age_days", "密码有效天数", "0–3650，0 为不过期"},
      {"max_sessions_per_account", "同一账号最多同时会话数", "1–100"},
      {"log_retention_days", "登录日志保存天数", "180–36500"},
  };
  return infos;
}

std::string clock_time_text(std::optional<std::chrono::minutes> at) {
  if (!at) return "off";
  const auto m = at->count();
  return two_digits(m / 60) + ":" + two_digits(m % 60);
}

std::optional<std::optional<std::chrono::minutes>> parse_clock_time(std::string_view text) {
  if (text == "off") return std::optional<std::chrono::minutes>();
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto h = whole_number(text.substr(0, 2));
  auto m = whole_number(text.substr(3, 2));
  if (!h || !m || *h < 0 || *h > 23 || *m < 0 || *m > 59) return std::nullopt;
  return std::optional(std::chrono::minutes(*h * 60 + *m));
}

std::optional<std::string> normalise_public_url(std::string_view text) {
  if (text.empty()) return std::string();
  std::string url(text);
  if (url.ends_with('/')) url.pop_back();
  std::string_view rest = url;
  if (rest.starts_with("https://")) rest.remove_prefix(8);
  else if (rest.starts_with("http://")) rest.remove_prefix(7);
  else return std::nullopt;
  if (rest.empty() || rest.size() > 200) return std::nullopt;
  // A host name or address and an optional port: letters, digits, '.', '-', ':' and the brackets of IPv6.
  for (char ch : rest)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == ':' || ch == '[' || ch == ']')) return std::nullopt;
  return url;
}

std::string tunable_text(const Tunables& t, std::string_view name) {
  if (name == "submit_deadline_day") return std::to_string(t.deadlines.submit_day);
  if (name == "review_deadline_day") return std::to_string(t.deadlines.review_day);
  if (name == "grade_excellent") return t.grades.excellent.to_string();
  if (name == "grade_qualified") return t.grades.qualified.to_string();
  if (name == "agreement_threshold") return t.agreement_threshold.to_string();
  if (name == "reminder_time") return clock_time_text(t.reminder_at);
  if (name == "session_idle_minutes") return std::to_string(t.session_idle_minutes);
  if (name == "session_absolute_hours") return std::to_string(t.session_absolute_hours);
  if (name == "export_row_limit") return std::to_string(t.export_row_limit);
  if (name == "public_url") return t.public_url;
  if (name == "second_factor") return t.accounts.second_factor_required ? "required" : "optional";
  if (name == "password_max_age_days") return std::to_string(t.accounts.password_max_age_days);
  if (name == "max_sessions_per_account") return std::to_string(t.accounts.max_sessions_per_account);
  if (name == "log_retention_days") return std::to_string(t.accounts.log_retention_days);
  return {};
}

void set_tunable(Tunables& t, std::string_view name, std::string_view text, Problems& problems) {
  const std::string key(name);
  if (name == "submit_deadline_day") set_int(t.deadlines.submit_day, name, text, 1, 28, problems);
  else if (name == "review_deadline_day") set_int(t.deadlines.review_day, name, text, 1, 28, problems);
  else if (name == "grade_excellent") set_percent(t.grades.excellent, name, text, problems);
  else if (name == "grade_qualified") set_percent(t.grades.qualified, name, text, problems);
  else if (name == "agreement_threshold") set_percent(t.agreement_threshold, name, text, problems);
  else if (name == "reminder_time") {
    if (auto v = parse_clock_time(text)) t.reminder_at = *v;
    else problems.add(key, "应为 HH:MM（上海时间，例如 09:00）或 off（关闭）");
  } else if (name == "session_idle_minutes") set_int(t.session_idle_minutes, name, text, 5, 480, problems);
  else if (name == "session_absolute_hours") set_int(t.session_absolute_hours, name, text, 1, 24, problems);
  else if (name == "export_row_limit") set_int(t.export_row_limit, name, text, 100, 1'000'000, problems);
  else if (name == "public_url") {
    if (auto v = normalise_public_url(text)) t.public_url = *v;
    else problems.add(key, "应为空，或 https://主机[:端口]（不带路径），例如 https://qsm.example.gov.cn");
  } else if (name == "second_factor") {
    if (text == "required" || text == "optional") t.accounts.second_factor_required = text == "required";
    else problems.add(key, "应为 required（必须绑定动态口令）或 optional（已绑定者才验证）");
  } else if (name == "password_max_age_days") set_int(t.accounts.password_max_age_days, name, text, 0, 3650, problems);
  else if (name == "max_sessions_per_account") set_int(t.accounts.max_sessions_per_account, name, text, 1, 100, problems);
  // At least 180 days: 网络安全法 §21.
  else if (name == "log_retention_days") set_int(t.accounts.log_retention_days, name, text, 180, 36500, problems);
  else problems.add(key, "没有这个参数");
}

void check_tunables(const Tunables& t, Problems& problems) {
  if (t.deadlines.review_day < t.deadlines.submit_day)
    problems.add("review_deadline_day", "复核截止日不能早于自评截止日（" + std::to_string(t.deadlines.submit_day) + " 日）");
  if (!(t.grades.qualified < t.grades.excellent))
    problems.add("grade_excellent", "“优良”最低分应高于“合格”最低分（" + t.grades.qualified.to_string() + "）");
  if (std::chrono::hours(t.session_absolute_hours) < std::chrono::minutes(t.session_idle_minutes))
    problems.add("session_absolute_hours", "会话最长时长不能短于空闲超时（" + std::to_string(t.session_idle_minutes) + " 分钟）");
}

}  // namespace qsm::domain
