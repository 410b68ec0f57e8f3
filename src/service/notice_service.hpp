// 通知公告 (issue 27): the authority publishes to its district, the administrator to any roles and
// districts; every user reads the notices in force addressed to him, unread ones first.
#pragma once
#include <vector>

#include "domain/notice.hpp"
#include "service/app.hpp"
#include "store/notice_store.hpp"

namespace qsm::service {

struct NoticeBoard {
  std::vector<store::NoticeRow> items;  // in force, addressed to the caller, newest first
  std::int64_t unread = 0;
};
NoticeBoard my_notices(app::App& app, const domain::Actor& actor);
// Marks a notice read by the caller; 404 when it is not one addressed to him and in force.
void read_notice(app::App& app, const domain::Actor& actor, std::int64_t id);

// Management: the authority's own notices, or every notice for the administrator.
std::vector<store::NoticeRow> managed_notices(app::App& app, const domain::Actor& actor, int limit, int offset, std::int64_t& total);
store::NoticeRow publish_notice(app::App& app, const domain::Actor& actor, const domain::NoticeInput& n, domain::Problems problems);
store::NoticeRow edit_notice(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version, const domain::NoticeInput& n,
                             domain::Problems problems);
store::NoticeRow withdraw_notice(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version);

}  // namespace qsm::service
