// 通知公告 (issue 27): notices and their reads.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "domain/notice.hpp"
#include "store/db.hpp"

namespace qsm::store {

struct NoticeRow {
  std::int64_t id = 0, valid_from = 0, published_at = 0, updated_at = 0, version = 0, reads = 0;
  std::optional<std::int64_t> valid_until, withdrawn_at, authority_id;
  std::string title, body, roles, districts, publisher_ref, publisher_name, publisher_org;
  bool read = false;  // current_notices: by the reader asked about
};

std::int64_t insert_notice(Connection& c, const domain::NoticeInput& n, const domain::Actor& publisher, std::int64_t now_ms);
// The notice's new content; false when its version is not `version` (409 for the caller).
bool update_notice(Connection& c, std::int64_t id, std::int64_t version, const domain::NoticeInput& n, std::int64_t now_ms);
bool withdraw_notice(Connection& c, std::int64_t id, std::int64_t version, std::int64_t now_ms);
std::optional<NoticeRow> find_notice(Connection& c, std::int64_t id);
// The notices an authority published (authority_id), or every notice (nullopt), newest first, with their reads.
std::vector<NoticeRow> managed_notices(Connection& c, std::optional<std::int64_t> authority_id, int limit, int offset, std::int64_t& total);
// Every notice in force at now_ms (not withdrawn, begun, not ended), newest first, `read` by `reader`.
std::vector<NoticeRow> current_notices(Connection& c, std::int64_t now_ms, const std::string& reader);
void mark_notice_read(Connection& c, std::int64_t id, const std::string& reader, std::int64_t now_ms);
// The districts a user works in: an authority's own; an enterprise's projects'; a site user's project's.
std::vector<std::string> districts_of(Connection& c, const domain::Actor& a);
std::optional<std::string> authority_district(Connection& c, std::int64_t authority_id);

}  // namespace qsm::store
