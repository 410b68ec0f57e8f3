// 通知公告 (issue 27): a notice the authority or the administrator publishes, to some roles in some
// districts, for a while. Pure: the checks of a notice and who it is addressed to.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "domain/problems.hpp"

namespace qsm::domain {

struct NoticeInput {
  std::string title, body;                  // body: plain text, line breaks kept
  std::vector<std::string> roles;           // role codes; empty: every role
  std::vector<std::string> districts;       // Shanghai districts; empty: every district
  std::int64_t valid_from = 0;              // ms
  std::optional<std::int64_t> valid_until;  // ms; none: until withdrawn
};
inline constexpr std::size_t kNoticeTitleMax = 100, kNoticeBodyMax = 5000;

// Every problem of a notice, under its field: a title and a body, known roles and districts, a
// validity that ends after it begins. An authority publishes to its own district only (`own_district`).
void check_notice(const NoticeInput& n, const std::optional<std::string>& own_district, Problems& problems);

// Whether a notice of these roles and districts is for a user of `role` who works in `districts`
// (an authority: its own; an enterprise: where its projects are; a site user: the project's). The
// administrators see every notice.
bool addressed_to(const std::vector<std::string>& roles, const std::vector<std::string>& districts, Role role,
                  const std::vector<std::string>& user_districts);

// "a,b" ↔ {"a", "b"}; the empty text is the empty list.
std::string join_list(const std::vector<std::string>& items);
std::vector<std::string> split_list(const std::string& text);

}  // namespace qsm::domain
