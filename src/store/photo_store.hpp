// Photo persistence (issue 23): the served images once each by their SHA-256 (photo_blobs), and what
// each photo documents (photos). The caller has read the month through the actor's scope and decided
// that the sheet or finding may change; these functions only read and write.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace qsm::store {

struct PhotoRow {
  std::int64_t id = 0, monthly_id = 0, declaration_id = 0;
  std::string target, clause;  // target: self, review or spot_check
  std::string display_sha256, thumbnail_sha256;
  int width = 0, height = 0;
  std::string original_sha256, original_format;
  std::int64_t original_bytes = 0;
  std::optional<std::string> taken_at, gps;  // taken_at "YYYY-MM-DD HH:MM:SS" as the camera wrote it
  std::string uploaded_by, uploader_name;    // the actor's reference and name
  std::int64_t uploaded_at = 0;
};

struct PhotoInsert {
  PhotoRow row;  // id ignored
  std::string display, thumbnail;  // JPEG bytes
};

// The columns both photos tables (a month's, a rectification order's) have for the images and the
// upload, in this order, and their reading from column `at` into a PhotoRow or RectificationPhotoRow.
inline constexpr std::string_view kImageColumns =
    "display_sha256, thumbnail_sha256, width, height, original_sha256, original_format, original_bytes, taken_at, gps, uploaded_by, "
    "uploader_name, uploaded_at";
template <class R>
void read_image_columns(const Row& r, std::size_t at, R& p) {
  p.display_sha256 = r.text(at);
  p.thumbnail_sha256 = r.text(at + 1);
  p.width = static_cast<int>(r.integer(at + 2));
  p.height = static_cast<int>(r.integer(at + 3));
  p.original_sha256 = r.text(at + 4);
  p.original_format = r.text(at + 5);
  p.original_bytes = r.integer(at + 6);
  p.taken_at = r.opt_text(at + 7);
  p.gps = r.opt_text(at + 8);
  p.uploaded_by = r.text(at + 9);
  p.uploader_name = r.text(at + 10);
  p.uploaded_at = r.integer(at + 11);
}

// One served image by its SHA-256, stored once (an image already there is shared); and its removal
// once no photo of a month or of a rectification order uses it.
void put_blob(Connection& c, const std::string& sha256, const std::string& bytes);
void drop_unused_blob(Connection& c, const std::string& sha256);

// Serialises the photo writes of one month (PostgreSQL: a row lock on the month; SQLite has one
// writer), so two uploads cannot both take the last free place under a limit.
void lock_month_photos(Connection& c, std::int64_t monthly_id);
struct PhotoCounts {
  int clause = 0, sheet = 0;
};
PhotoCounts count_photos(Connection& c, std::int64_t monthly_id, std::string_view target, std::string_view clause);
// Stores the images (an image already there is shared) and the photo; returns its id.
std::int64_t insert_photo(Connection& c, const PhotoInsert& p);

std::optional<PhotoRow> find_photo(Connection& c, std::int64_t id);
// The month's photos of one target (all targets when empty), oldest first per clause.
std::vector<PhotoRow> photos_of_month(Connection& c, std::int64_t monthly_id, std::string_view target = {});
// One stored image's bytes by its SHA-256.
std::optional<std::string> photo_blob(Connection& c, std::string_view sha256);

// Removes the photo, and its images when no other photo uses them.
void delete_photo(Connection& c, const PhotoRow& p);
// Removes the month's photos of `target` on clauses outside `keep` (a deduction taken off the sheet);
// returns what was removed.
std::vector<PhotoRow> detach_photos(Connection& c, std::int64_t monthly_id, std::string_view target, const std::vector<std::string>& keep);

}  // namespace qsm::store
