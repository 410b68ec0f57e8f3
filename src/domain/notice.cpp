// 通知公告: checks and audience.
#include "domain/notice.hpp"

#include <algorithm>

#include "domain/registry.hpp"

namespace qsm::domain {
namespace {

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

void check_notice(const NoticeInput& n, const std::optional<std::string>& own_district, Problems& problems) {
  if (blank(n.title)) problems.add("title", "请填写标题");
  else if (code_points(n.title) > kNoticeTitleMax) problems.add("title", "标题不能超过 " + std::to_string(kNoticeTitleMax) + " 个字符");
  else if (n.title.find_first_of("\r\n") != std::string::npos) problems.add("title", "标题不能换行");
  if (blank(n.body)) problems.add("body", "请填写正文");
  else if (code_points(n.body) > kNoticeBodyMax) problems.add("body", "正文不能超过 " + std::to_string(kNoticeBodyMax) + " 个字符");
  for (const auto& r : n.roles)
    if (!role_from(r)) {
      problems.add("roles", "没有角色 " + r);
      break;
    }
  for (const auto& d : n.districts)
    if (!registry::is_shanghai_district(d)) {
      problems.add("districts", d + " 不是上海市的区");
      break;
    }
  if (own_district && (n.districts.size() != 1 || n.districts.front() != *own_district))
    problems.add("districts", "监督机构只能向本区（" + *own_district + "）发布通知");
  if (n.valid_until && *n.valid_until <= n.valid_from) problems.add("valid_until", "截止时间应晚于生效时间");
}

bool addressed_to(const std::vector<std::string>& roles, const std::vector<std::string>& districts, Role role,
                  const std::vector<std::string>& user_districts) {
  if (role == Role::admin || role == Role::security_admin || role == Role::auditor) return true;
  if (!roles.empty() && std::find(roles.begin(), roles.end(), to_string(role)) == roles.end()) return false;
  if (districts.empty()) return true;
  return std::any_of(user_districts.begin(), user_districts.end(),
                     [&](const std::string& d) { return std::find(districts.begin(), districts.end(), d) != districts.end(); });
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace qsm::domain
