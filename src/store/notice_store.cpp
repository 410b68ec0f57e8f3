// 通知公告 SQL.
#include "store/notice_store.hpp"

namespace qsm::store {
namespace sql {
constexpr std::string_view kColumns =
    "SELECT n.id, n.valid_from, n.published_at, n.updated_at, n.version, "
    "(SELECT COUNT(*) FROM notice_reads r WHERE r.notice_id = n.id), n.valid_until, n.withdrawn_at, n.authority_id, n.title, n.body, "
    "n.roles, n.districts, n.publisher_ref, n.publisher_name, n.publisher_org";
constexpr std::string_view kInsert =
    "INSERT INTO notices (title, body, roles, districts, valid_from, valid_until, publisher_ref, publisher_name, publisher_org, "
    "authority_id, published_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE notices SET title = $3, body = $4, roles = $5, districts = $6, valid_from = $7, valid_until = $8, updated_at = $9, "
    "version = version + 1 WHERE id = $1 AND version = $2 AND withdrawn_at IS NULL";
constexpr std::string_view kWithdraw =
    "UPDATE notices SET withdrawn_at = $3, updated_at = $3, version = version + 1 WHERE id = $1 AND version = $2 AND withdrawn_at IS NULL";
constexpr std::string_view kRead =
    "INSERT INTO notice_reads (notice_id, reader, read_at) VALUES ($1, $2, $3) ON CONFLICT (notice_id, reader) DO NOTHING";
constexpr std::string_view kAuthorityDistrict = "SELECT district FROM authorities WHERE id = $1";
constexpr std::string_view kEnterpriseDistricts =
    "SELECT DISTINCT p.district FROM contracts c JOIN projects p ON p.id = c.project_id WHERE c.enterprise_id = $1";
constexpr std::string_view kProjectDistrict = "SELECT district FROM projects WHERE id = $1";
}  // namespace sql

namespace {

NoticeRow notice_from(Row& r) {
  NoticeRow n;
  n.id = r.integer(0);
  n.valid_from = r.integer(1);
  n.published_at = r.integer(2);
  n.updated_at = r.integer(3);
  n.version = r.integer(4);
  n.reads = r.integer(5);
  n.valid_until = r.opt_integer(6);
  n.withdrawn_at = r.opt_integer(7);
  n.authority_id = r.opt_integer(8);
  n.title = r.text(9);
  n.body = r.text(10);
  n.roles = r.text(11);
  n.districts = r.text(12);
  n.publisher_ref = r.text(13);
  n.publisher_name = r.text(14);
  n.publisher_org = r.text(15);
  return n;
}

}  // namespace

std::int64_t insert_notice(Connection& c, const domain::NoticeInput& n, const domain::Actor& p, std::int64_t now_ms) {
  std::optional<std::int64_t> authority;
  if (p.authority_id) authority = p.authority_id;
  return c
      .query_one(sql::kInsert, params(n.title, n.body, domain::join_list(n.roles), domain::join_list(n.districts), n.valid_from, n.valid_until,
                                      p.ref, p.name, p.organisation, authority, now_ms))
      ->integer(0);
}

bool update_notice(Connection& c, std::int64_t id, std::int64_t version, const domain::NoticeInput& n, std::int64_t now_ms) {
  return c.execute(sql::kUpdate, params(id, version, n.title, n.body, domain::join_list(n.roles), domain::join_list(n.districts), n.valid_from,
                                        n.valid_until, now_ms)) == 1;
}

bool withdraw_notice(Connection& c, std::int64_t id, std::int64_t version, std::int64_t now_ms) {
  return c.execute(sql::kWithdraw, params(id, version, now_ms)) == 1;
}

std::optional<NoticeRow> find_notice(Connection& c, std::int64_t id) {
  std::optional<NoticeRow> out;
  c.run(std::string(sql::kColumns) + " FROM notices n WHERE n.id = $1", params(id), [&](Row& r) { out = notice_from(r); });
  return out;
}

std::vector<NoticeRow> managed_notices(Connection& c, std::optional<std::int64_t> authority_id, int limit, int offset, std::int64_t& total) {
  std::vector<NoticeRow> out;
  if (authority_id) {
    total = c.query_one("SELECT COUNT(*) FROM notices WHERE authority_id = $1", params(*authority_id))->integer(0);
    c.run(std::string(sql::kColumns) + " FROM notices n WHERE n.authority_id = $1 ORDER BY n.id DESC LIMIT $2 OFFSET $3",
          params(*authority_id, limit, offset), [&](Row& r) { out.push_back(notice_from(r)); });
  } else {
    total = c.query_one("SELECT COUNT(*) FROM notices")->integer(0);
    c.run(std::string(sql::kColumns) + " FROM notices n ORDER BY n.id DESC LIMIT $1 OFFSET $2", params(limit, offset),
          [&](Row& r) { out.push_back(notice_from(r)); });
  }
  return out;
}

std::vector<NoticeRow> current_notices(Connection& c, std::int64_t now_ms, const std::string& reader) {
  std::vector<NoticeRow> out;
  c.run(std::string(sql::kColumns) +
            ", CASE WHEN EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.reader = $2) THEN 1 ELSE 0 END "
            "FROM notices n WHERE n.withdrawn_at IS NULL AND n.valid_from <= $1 AND (n.valid_until IS NULL OR n.valid_until > $1) "
            "ORDER BY n.valid_from DESC, n.id DESC LIMIT 200",
        params(now_ms, reader), [&](Row& r) {
          auto n = notice_from(r);
          n.read = r.integer(16) != 0;
          out.push_back(std::move(n));
        });
  return out;
}

void mark_notice_read(Connection& c, std::int64_t id, const std::string& reader, std::int64_t now_ms) {
  c.execute(sql::kRead, params(id, reader, now_ms));
}

std::optional<std::string> authority_district(Connection& c, std::int64_t authority_id) {
  auto r = c.query_one(sql::kAuthorityDistrict, params(authority_id));
  if (!r) return std::nullopt;
  return r->text(0);
}

std::vector<std::string> districts_of(Connection& c, const domain::Actor& a) {
  std::vector<std::string> out;
  if (a.authority_id) {
    if (auto d = authority_district(c, a.authority_id)) out.push_back(*d);
  } else if (a.project_id) {
    c.run(sql::kProjectDistrict, params(a.project_id), [&](Row& r) { out.push_back(r.text(0)); });
  } else if (a.enterprise_id) {
    c.run(sql::kEnterpriseDistricts, params(a.enterprise_id), [&](Row& r) { out.push_back(r.text(0)); });
  }
  return out;
}

}  // namespace qsm::store
