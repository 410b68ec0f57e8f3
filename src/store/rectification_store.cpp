// Rectification order SQL: statements are composed only from the constants below, the declaration
// scope fragment and an ORDER BY from a fixed table.
#include "store/rectification_store.hpp"

#include <array>

#include "store/photo_store.hpp"
#include "store/registry_store.hpp"

namespace qsm::store {
namespace sql {

constexpr std::string_view kColumns =
    "SELECT x.id, x.authority_id, x.version, x.year, x.seq, x.round, x.number, x.kind, x.status, x.deadline, x.recheck_by, x.basis, "
    "x.source_monthly_id, (SELECT m.period FROM monthly_evaluations m WHERE m.id = x.source_monthly_id), x.issued_by, x.issuer_name, "
    "x.issued_at, x.updated_at, x.ever_replied, x.closed_at, "
    "(SELECT COUNT(*) FROM rectification_items i WHERE i.rectification_id = x.id), "
    "(SELECT COUNT(*) FROM rectification_items i WHERE i.rectification_id = x.id AND i.passed_round IS NULL), ";
constexpr int kRefAt = 22;
constexpr std::string_view kFrom = "FROM rectifications x JOIN declarations d ON d.id = x.declaration_id ";
constexpr std::string_view kCountFrom =
    "SELECT COUNT(*) FROM rectifications x JOIN declarations d ON d.id = x.declaration_id ";

constexpr std::string_view kContains =
    "AND (d.registration_no LIKE ? ESCAPE '\\' OR d.project_name LIKE ? ESCAPE '\\' OR x.number LIKE ? ESCAPE '\\') ";
constexpr std::string_view kStatus = "AND x.status = ? ";
constexpr std::string_view kDistrict = "AND d.district = ? ";
constexpr std::string_view kKind = "AND x.kind = ? ";
constexpr std::string_view kOverdue = "AND x.status = 'issued' AND x.deadline < ? ";

constexpr std::array kSorts{
    SortOrder{"-issued_at", "ORDER BY x.issued_at DESC, x.id DESC"},
    SortOrder{"deadline", "ORDER BY x.deadline ASC, x.id ASC"},
    SortOrder{"number", "ORDER BY x.year DESC, x.authority_id ASC, x.seq DESC"},
    SortOrder{"-updated_at", "ORDER BY x.updated_at DESC, x.id DESC"},
};

constexpr std::string_view kNextSeq =
    "INSERT INTO rectification_numbers (authority_id, year, last_seq) VALUES ($1, $2, 1) "
    "ON CONFLICT (authority_id, year) DO UPDATE SET last_seq = rectification_numbers.last_seq + 1 RETURNING last_seq";
constexpr std::string_view kInsert =
    "INSERT INTO rectifications (declaration_id, authority_id, year, seq, number, kind, status, deadline, recheck_by, basis, "
    "source_monthly_id, issued_by, issuer_name, issued_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id";
constexpr std::string_view kInsertItem =
    "INSERT INTO rectification_items (rectification_id, position, clause, clause_text, problem) VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr std::string_view kInsertRound = "INSERT INTO rectification_rounds (rectification_id, round, deadline) VALUES ($1, $2, $3)";
constexpr std::string_view kItems =
    "SELECT id, rectification_id, position, clause, clause_text, problem, passed_round FROM rectification_items "
    "WHERE rectification_id = $1 ORDER BY position";
constexpr std::string_view kRounds =
    "SELECT round, deadline, replied_at, replied_by, confirm_agree, confirm_opinion, confirmed_by, confirmed_at, rechecked_at, "
    "rechecked_by FROM rectification_rounds WHERE rectification_id = $1 ORDER BY round";
constexpr std::string_view kReplies =
    "SELECT r.item_id, r.round, r.measure, r.passed, r.note FROM rectification_replies r JOIN rectification_items i ON i.id = r.item_id "
    "WHERE i.rectification_id = $1 ORDER BY i.position, r.round";
constexpr std::string_view kUpdate =
    "UPDATE rectifications SET status = $3, round = $4, deadline = $5, ever_replied = $6, closed_at = $7, updated_at = $8, "
    "version = version + 1 WHERE id = $1 AND version = $2";
constexpr std::string_view kSaveReply =
    "INSERT INTO rectification_replies (item_id, round, measure) VALUES ($1, $2, $3) "
    "ON CONFLICT (item_id, round) DO UPDATE SET measure = excluded.measure, passed = NULL, note = NULL";
constexpr std::string_view kRoundReplied =
    "UPDATE rectification_rounds SET replied_at = $3, replied_by = $4, confirm_agree = NULL, confirm_opinion = NULL, confirmed_by = NULL, "
    "confirmed_at = NULL WHERE rectification_id = $1 AND round = $2";
constexpr std::string_view kRoundConfirmed =
    "UPDATE rectification_rounds SET confirm_agree = $3, confirm_opinion = $4, confirmed_by = $5, confirmed_at = $6 "
    "WHERE rectification_id = $1 AND round = $2";
constexpr std::string_view kRecheckResult = "UPDATE rectification_replies SET passed = $3, note = $4 WHERE item_id = $1 AND round = $2";
constexpr std::string_view kItemPassed = "UPDATE rectification_items SET passed_round = $2 WHERE id = $1";
constexpr std::string_view kRoundRechecked =
    "UPDATE rectification_rounds SET rechecked_at = $3, rechecked_by = $4 WHERE rectification_id = $1 AND round = $2";

const std::string kPhotoColumns = "id, rectification_id, item_id, side, round, " + std::string(kImageColumns);
constexpr std::string_view kInsertPhoto =
    "INSERT INTO rectification_photos (rectification_id, item_id, side, round, display_sha256, thumbnail_sha256, width, height, "
    "original_sha256, original_format, original_bytes, taken_at, gps, uploaded_by, uploader_name, uploaded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id";

// The counts of a set of orders (the statistics' columns; $2 today, $3 the month's start).
constexpr std::string_view kCountColumns =
    "COUNT(CASE WHEN x.status <> 'closed' THEN 1 END), COUNT(CASE WHEN x.status = 'issued' AND x.deadline < $2 THEN 1 END), "
    "COUNT(x.closed_at), COUNT(CASE WHEN x.closed_at >= $3 THEN 1 END), "
    "CAST(COALESCE(SUM(CASE WHEN x.closed_at IS NOT NULL THEN x.closed_at - x.issued_at END), 0) AS BIGINT) ";
// The construction enterprise's USCC and name as the declaration carries them (V050).
constexpr std::string_view kStatsFrom = "FROM rectifications x JOIN declarations d ON d.id = x.declaration_id ";
constexpr std::string_view kTopClauses =
    "SELECT i.clause, MAX(i.clause_text), COUNT(*) FROM rectification_items i JOIN rectifications x ON x.id = i.rectification_id "
    "JOIN declarations d ON d.id = x.declaration_id ";
constexpr std::string_view kTopClausesTail = "AND i.clause IS NOT NULL GROUP BY i.clause ORDER BY COUNT(*) DESC, i.clause LIMIT 10";

constexpr std::string_view kOverdueOrders =
    "SELECT x.id, x.declaration_id, x.number, x.deadline, d.registration_no, d.project_name, d.contractor_manager_name, "
    "d.contractor_manager_mobile FROM rectifications x JOIN declarations d ON d.id = x.declaration_id "
    "WHERE x.status = 'issued' AND x.deadline < $1 ORDER BY x.id";
}  // namespace sql

namespace {

RectificationRow from_row(const Row& r) {
  RectificationRow x;
  x.id = r.integer(0);
  x.authority_id = r.integer(1);
  x.version = r.integer(2);
  x.year = static_cast<int>(r.integer(3));
  x.seq = static_cast<int>(r.integer(4));
  x.round = static_cast<int>(r.integer(5));
  x.number = r.text(6);
  x.kind = r.text(7);
  x.status = r.text(8);
  x.deadline = r.text(9);
  x.recheck_by = r.text(10);
  x.basis = r.text(11);
  x.source_monthly_id = r.opt_integer(12);
  x.source_period = r.opt_text(13);
  x.issued_by = r.text(14);
  x.issuer_name = r.text(15);
  x.issued_at = r.integer(16);
  x.updated_at = r.integer(17);
  x.ever_replied = r.integer(18) != 0;
  x.closed_at = r.opt_integer(19);
  x.items_count = static_cast<int>(r.integer(20));
  x.open_items = static_cast<int>(r.integer(21));
  read_declaration_ref(r, sql::kRefAt, x);
  return x;
}

RectificationPhotoRow photo_from(const Row& r) {
  RectificationPhotoRow p;
  p.id = r.integer(0);
  p.rectification_id = r.integer(1);
  p.item_id = r.integer(2);
  p.side = r.text(3);
  p.round = static_cast<int>(r.integer(4));
  read_image_columns(r, 5, p);
  return p;
}

std::string select_from() {
  return std::string(sql::kColumns) + std::string(kDeclarationRefColumns) + std::string(sql::kFrom);
}

Conditions conditions(const domain::Scope& scope, const RectificationQuery& q) {
  Conditions w(declaration_scope(scope));
  if (!q.q.empty()) {
    const auto like = like_contains(q.q);
    w.add(sql::kContains, like, like, like);
  }
  if (!q.status.empty()) w.add(sql::kStatus, q.status);
  if (!q.district.empty()) w.add(sql::kDistrict, q.district);
  if (!q.kind.empty()) w.add(sql::kKind, q.kind);
  if (!q.overdue_on.empty()) w.add(sql::kOverdue, q.overdue_on);
  return w;
}

RectificationCounts counts_from(const Row& r, int at) {
  return {r.integer(at), r.integer(at + 1), r.integer(at + 2), r.integer(at + 3), r.integer(at + 4)};
}

}  // namespace

std::optional<RectificationRow> find_rectification(Connection& c, const domain::Scope& scope, std::int64_t id) {
  auto s = declaration_scope(scope);
  auto r = c.query_one(select_from() + std::string(s.where) + "AND x.id = $2", params(s.id, id));
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<RectificationRow> rectifications_of_declaration(Connection& c, const domain::Scope& scope, std::int64_t declaration_id) {
  auto s = declaration_scope(scope);
  std::vector<RectificationRow> out;
  c.run(select_from() + std::string(s.where) + "AND x.declaration_id = $2 ORDER BY x.issued_at DESC, x.id DESC", params(s.id, declaration_id),
        [&](Row& r) { out.push_back(from_row(r)); });
  return out;
}

bool valid_rectification_sort(std::string_view sort) { return has_sort(sql::kSorts, sort); }

RectificationPage list_rectifications(Connection& c, const domain::Scope& scope, const RectificationQuery& q) {
  const auto w = conditions(scope, q);
  RectificationPage page;
  page.total = c.query_one(std::string(sql::kCountFrom) + w.sql(), w.params())->integer(0);
  auto bound = w.params();
  bound.emplace_back(std::int64_t{q.page_size});
  bound.emplace_back(std::int64_t{q.page - 1} * q.page_size);
  c.run(select_from() + w.sql() + std::string(order_by(sql::kSorts, q.sort)) + " LIMIT " + w.next_param() + " OFFSET " + w.next_param(1), bound,
        [&](Row& r) { page.items.push_back(from_row(r)); });
  return page;
}

void each_rectification(Connection& c, const domain::Scope& scope, const RectificationQuery& q,
                        const std::function<void(const RectificationRow&)>& on_row) {
  const auto w = conditions(scope, q);
  c.run(select_from() + w.sql() + std::string(order_by(sql::kSorts, q.sort)), w.params(), [&](Row& r) { on_row(from_row(r)); });
}

int next_rectification_seq(Connection& c, std::int64_t authority_id, int year) {
  return static_cast<int>(c.query_one(sql::kNextSeq, params(authority_id, year))->integer(0));
}

std::int64_t insert_rectification(Connection& c, const RectificationInsert& x) {
  return c.query_one(sql::kInsert, params(x.declaration_id, x.authority_id, x.year, x.seq, x.number, x.kind, x.status, x.deadline,
                                          x.recheck_by, x.basis, x.source_monthly_id, x.issued_by, x.issuer_name, x.now_ms))
      ->integer(0);
}

std::int64_t insert_rectification_item(Connection& c, std::int64_t rectification_id, int position, const std::optional<std::string>& clause,
                                       const std::optional<std::string>& clause_text, const std::string& problem) {
  return c.query_one(sql::kInsertItem, params(rectification_id, position, clause, clause_text, problem))->integer(0);
}

void insert_rectification_round(Connection& c, std::int64_t rectification_id, int round, const std::string& deadline) {
  c.execute(sql::kInsertRound, params(rectification_id, round, deadline));
}

std::vector<RectificationItemRow> rectification_items(Connection& c, std::int64_t rectification_id) {
  std::vector<RectificationItemRow> out;
  c.run(sql::kItems, params(rectification_id), [&](Row& r) {
    RectificationItemRow i;
    i.id = r.integer(0);
    i.rectification_id = r.integer(1);
    i.position = static_cast<int>(r.integer(2));
    i.clause = r.opt_text(3);
    i.clause_text = r.opt_text(4);
    i.problem = r.text(5);
    if (auto n = r.opt_integer(6)) i.passed_round = static_cast<int>(*n);
    out.push_back(std::move(i));
  });
  return out;
}

std::vector<RectificationRoundRow> rectification_rounds(Connection& c, std::int64_t rectification_id) {
  std::vector<RectificationRoundRow> out;
  c.run(sql::kRounds, params(rectification_id), [&](Row& r) {
    RectificationRoundRow x;
    x.round = static_cast<int>(r.integer(0));
    x.deadline = r.text(1);
    x.replied_at = r.opt_integer(2);
    x.replied_by = r.opt_text(3);
    if (auto a = r.opt_integer(4)) x.confirm_agree = *a != 0;
    x.confirm_opinion = r.opt_text(5);
    x.confirmed_by = r.opt_text(6);
    x.confirmed_at = r.opt_integer(7);
    x.rechecked_at = r.opt_integer(8);
    x.rechecked_by = r.opt_text(9);
    out.push_back(std::move(x));
  });
  return out;
}

std::vector<RectificationReplyRow> rectification_replies(Connection& c, std::int64_t rectification_id) {
  std::vector<RectificationReplyRow> out;
  c.run(sql::kReplies, params(rectification_id), [&](Row& r) {
    RectificationReplyRow x;
    x.item_id = r.integer(0);
    x.round = static_cast<int>(r.integer(1));
    x.measure = r.text(2);
    if (auto p = r.opt_integer(3)) x.passed = *p != 0;
    x.note = r.opt_text(4);
    out.push_back(std::move(x));
  });
  return out;
}

bool update_rectification(Connection& c, std::int64_t id, std::int64_t version, const RectificationState& s, std::int64_t now_ms) {
  return c.execute(sql::kUpdate, params(id, version, s.status, s.round, s.deadline, s.ever_replied, s.closed_at, now_ms)) == 1;
}

void save_rectification_reply(Connection& c, std::int64_t item_id, int round, const std::string& measure) {
  c.execute(sql::kSaveReply, params(item_id, round, measure));
}

void round_replied(Connection& c, std::int64_t rectification_id, int round, const std::string& by, std::int64_t at) {
  c.execute(sql::kRoundReplied, params(rectification_id, round, at, by));
}

void round_confirmed(Connection& c, std::int64_t rectification_id, int round, bool agree, const std::string& opinion, const std::string& by,
                     std::int64_t at) {
  c.execute(sql::kRoundConfirmed, params(rectification_id, round, agree, opinion, by, at));
}

void save_recheck_result(Connection& c, std::int64_t item_id, int round, bool passed, const std::string& note) {
  c.execute(sql::kRecheckResult, params(item_id, round, passed, note));
  if (passed) c.execute(sql::kItemPassed, params(item_id, round));
}

void round_rechecked(Connection& c, std::int64_t rectification_id, int round, const std::string& by, std::int64_t at) {
  c.execute(sql::kRoundRechecked, params(rectification_id, round, at, by));
}

void lock_rectification(Connection& c, std::int64_t rectification_id) {
  if (c.dialect() == Dialect::postgresql) c.query("SELECT id FROM rectifications WHERE id = $1 FOR UPDATE", params(rectification_id));
}

int count_rectification_photos(Connection& c, std::int64_t item_id, std::string_view side, int round) {
  return static_cast<int>(
      c.query_one("SELECT COUNT(*) FROM rectification_photos WHERE item_id = $1 AND side = $2 AND round = $3", params(item_id, side, round))
          ->integer(0));
}

std::int64_t insert_rectification_photo(Connection& c, const RectificationPhotoInsert& in) {
  const auto& p = in.row;
  if (!in.display.empty()) put_blob(c, p.display_sha256, in.display);
  if (!in.thumbnail.empty()) put_blob(c, p.thumbnail_sha256, in.thumbnail);
  return c.query_one(sql::kInsertPhoto, params(p.rectification_id, p.item_id, p.side, p.round, p.display_sha256, p.thumbnail_sha256, p.width,
                                               p.height, p.original_sha256, p.original_format, p.original_bytes, p.taken_at, p.gps,
                                               p.uploaded_by, p.uploader_name, p.uploaded_at))
      ->integer(0);
}

std::optional<RectificationPhotoRow> find_rectification_photo(Connection& c, std::int64_t rectification_id, std::int64_t photo_id) {
  auto r = c.query_one("SELECT " + std::string(sql::kPhotoColumns) + " FROM rectification_photos WHERE id = $1 AND rectification_id = $2",
                       params(photo_id, rectification_id));
  if (!r) return std::nullopt;
  return photo_from(*r);
}

std::vector<RectificationPhotoRow> rectification_photos(Connection& c, std::int64_t rectification_id) {
  std::vector<RectificationPhotoRow> out;
  c.run("SELECT " + std::string(sql::kPhotoColumns) + " FROM rectification_photos WHERE rectification_id = $1 ORDER BY item_id, round, id",
        params(rectification_id), [&](Row& r) { out.push_back(photo_from(r)); });
  return out;
}

void delete_rectification_photo(Connection& c, const RectificationPhotoRow& p) {
  c.execute("DELETE FROM rectification_photos WHERE id = $1", params(p.id));
  drop_unused_blob(c, p.display_sha256);
  if (p.thumbnail_sha256 != p.display_sha256) drop_unused_blob(c, p.thumbnail_sha256);
}

RectificationStats rectification_stats(Connection& c, const domain::Scope& scope, const std::string& today, std::int64_t month_start_ms) {
  auto s = declaration_scope(scope);
  const auto bound = params(s.id, today, month_start_ms);
  const std::string where(s.where);
  RectificationStats out;
  auto total = c.query_one("SELECT " + std::string(sql::kCountColumns) + std::string(sql::kStatsFrom) + where, bound);
  out.total = counts_from(*total, 0);
  c.run("SELECT d.district, " + std::string(sql::kCountColumns) + std::string(sql::kStatsFrom) + where + "GROUP BY d.district ORDER BY d.district",
        bound, [&](Row& r) { out.by_district.push_back({r.text(0), r.text(0), counts_from(r, 1)}); });
  c.run("SELECT d.contractor_uscc, MAX(d.contractor_name), " + std::string(sql::kCountColumns) + std::string(sql::kStatsFrom) + where +
            "GROUP BY d.contractor_uscc ORDER BY COUNT(*) DESC, d.contractor_uscc LIMIT 20",
        bound, [&](Row& r) { out.by_enterprise.push_back({r.text(0), r.text(1), counts_from(r, 2)}); });
  c.run(std::string(sql::kTopClauses) + std::string(s.where) + std::string(sql::kTopClausesTail), params(s.id),
        [&](Row& r) { out.top_clauses.push_back({r.text(0), r.opt_text(1).value_or(""), r.integer(2)}); });
  return out;
}

std::vector<OverdueRectification> overdue_rectifications(Connection& c, const std::string& today) {
  std::vector<OverdueRectification> out;
  c.run(sql::kOverdueOrders, params(today), [&](Row& r) {
    out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)});
  });
  return out;
}

bool record_rectification_reminder(Connection& c, std::int64_t id, const std::string& day, const std::string& recipient,
                                   const std::string& mobile_masked, std::int64_t now_ms) {
  return c.execute("INSERT INTO rectification_reminders (rectification_id, day, recipient, mobile_masked, sent_at) VALUES ($1, $2, $3, $4, $5) "
                   "ON CONFLICT (rectification_id, day) DO NOTHING",
                   params(id, day, recipient, mobile_masked, now_ms)) == 1;
}

void forget_rectification_reminder(Connection& c, std::int64_t id, const std::string& day) {
  c.execute("DELETE FROM rectification_reminders WHERE rectification_id = $1 AND day = $2", params(id, day));
}

}  // namespace qsm::store
