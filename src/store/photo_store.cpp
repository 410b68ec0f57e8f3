#include "store/photo_store.hpp"

#include <algorithm>

namespace qsm::store {

namespace {

const std::string kColumns = "id, monthly_id, declaration_id, target, clause, " + std::string(kImageColumns);

PhotoRow read(const Row& r) {
  PhotoRow p;
  p.id = r.integer(0);
  p.monthly_id = r.integer(1);
  p.declaration_id = r.integer(2);
  p.target = r.text(3);
  p.clause = r.text(4);
  read_image_columns(r, 5, p);
  return p;
}

}  // namespace

void put_blob(Connection& c, const std::string& sha256, const std::string& bytes) {
  c.execute("INSERT INTO photo_blobs (sha256, data, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING",
            params(sha256, Blob{bytes}, static_cast<std::int64_t>(bytes.size())));
}

void drop_unused_blob(Connection& c, const std::string& sha256) {
  c.execute("DELETE FROM photo_blobs WHERE sha256 = $1 AND NOT EXISTS "
            "(SELECT 1 FROM photos WHERE display_sha256 = $1 OR thumbnail_sha256 = $1) AND NOT EXISTS "
            "(SELECT 1 FROM rectification_photos WHERE display_sha256 = $1 OR thumbnail_sha256 = $1)",
            params(sha256));
}

void lock_month_photos(Connection& c, std::int64_t monthly_id) {
  if (c.dialect() == Dialect::postgresql) c.query("SELECT id FROM monthly_evaluations WHERE id = $1 FOR UPDATE", params(monthly_id));
}

PhotoCounts count_photos(Connection& c, std::int64_t monthly_id, std::string_view target, std::string_view clause) {
  auto r = c.query_one("SELECT COUNT(*), COALESCE(SUM(CASE WHEN clause = $3 THEN 1 ELSE 0 END), 0) FROM photos "
                       "WHERE monthly_id = $1 AND target = $2",
                       params(monthly_id, target, clause));
  return {static_cast<int>(r->integer(1)), static_cast<int>(r->integer(0))};
}

std::int64_t insert_photo(Connection& c, const PhotoInsert& in) {
  const auto& p = in.row;
  put_blob(c, p.display_sha256, in.display);
  put_blob(c, p.thumbnail_sha256, in.thumbnail);
  auto r = c.query_one(
      "INSERT INTO photos (monthly_id, declaration_id, target, clause, display_sha256, thumbnail_sha256, width, height, "
      "original_sha256, original_format, original_bytes, taken_at, gps, uploaded_by, uploader_name, uploaded_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
      params(p.monthly_id, p.declaration_id, p.target, p.clause, p.display_sha256, p.thumbnail_sha256, p.width, p.height, p.original_sha256,
             p.original_format, p.original_bytes, p.taken_at, p.gps, p.uploaded_by, p.uploader_name, p.uploaded_at));
  return r->integer(0);
}

std::optional<PhotoRow> find_photo(Connection& c, std::int64_t id) {
  auto r = c.query_one("SELECT " + std::string(kColumns) + " FROM photos WHERE id = $1", params(id));
  if (!r) return std::nullopt;
  return read(*r);
}

std::vector<PhotoRow> photos_of_month(Connection& c, std::int64_t monthly_id, std::string_view target) {
  std::vector<PhotoRow> out;
  const std::string sql = "SELECT " + std::string(kColumns) + " FROM photos WHERE monthly_id = $1" +
                          (target.empty() ? " AND $2 = ''" : " AND target = $2") + " ORDER BY clause, id";
  for (auto& r : c.query(sql, params(monthly_id, target))) out.push_back(read(r));
  return out;
}

std::optional<std::string> photo_blob(Connection& c, std::string_view sha256) {
  auto r = c.query_one("SELECT data FROM photo_blobs WHERE sha256 = $1", params(sha256));
  if (!r) return std::nullopt;
  return r->take_blob(0);
}

void delete_photo(Connection& c, const PhotoRow& p) {
  c.execute("DELETE FROM photos WHERE id = $1", params(p.id));
  drop_unused_blob(c, p.display_sha256);
  if (p.thumbnail_sha256 != p.display_sha256) drop_unused_blob(c, p.thumbnail_sha256);
}

std::vector<PhotoRow> detach_photos(Connection& c, std::int64_t monthly_id, std::string_view target, const std::vector<std::string>& keep) {
  std::vector<PhotoRow> removed;
  for (auto& p : photos_of_month(c, monthly_id, target))
    if (std::find(keep.begin(), keep.end(), p.clause) == keep.end()) removed.push_back(std::move(p));
  for (const auto& p : removed) delete_photo(c, p);
  return removed;
}

}  // namespace qsm::store
