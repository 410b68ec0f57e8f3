// Photo evidence (拍照取证, issue 23) on a deduction of a month's self or review sheet, or on a
// finding of its spot-check. Whoever may edit that sheet or finding now may add and delete its
// photos; whoever may read the record may see them. Each upload and deletion is audited on the month.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/actor.hpp"
#include "domain/time.hpp"
#include "service/app.hpp"
#include "store/monthly_store.hpp"
#include "store/photo_store.hpp"

namespace qsm::service {

enum class PhotoTarget { self, review, spot_check };
std::string_view to_string(PhotoTarget t);  // self, review, spot_check (the photos table's target)

// "拍摄 2026-11-30 14:05" (the EXIF capture time) or "上传 2026-12-03 09:30" (Shanghai time): how the
// watermark and the printed forms say when a photo was taken.
std::string photo_time(const std::optional<std::string>& taken_at, domain::Instant uploaded);

// An uploaded image decoded, checked and rendered (libvips), with what the photos tables keep of it:
// `content_type` must be an image type or application/octet-stream (else 415); image::Refused becomes
// 413, 415 or 422. The display version carries "registration_no · 拍摄/上传 time · actor" along its edge.
struct RenderedPhoto {
  std::string display, thumbnail;  // JPEG bytes
  std::string display_sha256, thumbnail_sha256, original_sha256, original_format;
  int width = 0, height = 0;
  std::int64_t original_bytes = 0;
  std::optional<std::string> taken_at, gps;
};
RenderedPhoto render_photo(std::string_view content_type, std::string_view bytes, std::string_view registration_no, const domain::Actor& actor,
                           domain::Instant now);

// The image's fields of a photos row (a month's or a rectification order's) from a rendering or from
// another row: the served images' checksums and size, and what the original was.
template <class Row, class From>
void copy_image_fields(Row& to, const From& from) {
  to.display_sha256 = from.display_sha256;
  to.thumbnail_sha256 = from.thumbnail_sha256;
  to.width = from.width;
  to.height = from.height;
  to.original_sha256 = from.original_sha256;
  to.original_format = from.original_format;
  to.original_bytes = from.original_bytes;
  to.taken_at = from.taken_at;
  to.gps = from.gps;
}

inline constexpr int kPhotosPerClause = 9;
inline constexpr int kPhotosPerSheet = 200;

// Checks first what needs no decoding (the month in the actor's scope: 404; may edit it now: 403 or
// 409; the clause in the month's template: 404; the limits: 409), then decodes and renders the image
// (`content_type` must be an image type or application/octet-stream, else 415; image::Refused becomes
// 413, 415 or 422), then stores it after checking all of that again.
store::PhotoRow add_photo(app::App& app, const domain::Actor& actor, std::int64_t monthly_id, PhotoTarget target, const std::string& clause,
                          std::string_view content_type, std::string_view bytes);

struct PhotoImage {
  std::string bytes, sha256;
};
// The display image or the thumbnail, for whoever may read the record it documents (404 otherwise).
PhotoImage photo_image(app::App& app, const domain::Actor& actor, std::int64_t id, bool thumbnail);
// While the sheet or finding is editable by the actor (409 once it is submitted or finished).
void delete_photo(app::App& app, const domain::Actor& actor, std::int64_t id);

// The photos of the month that the actor may see (the spot-check's only for the authority), by clause.
using PhotosByClause = std::map<std::string, std::vector<store::PhotoRow>>;
struct MonthPhotos {
  PhotosByClause self, review, spot_check;
};
// Read in the caller's transaction (a month's page reads it with the month: service::monthly_detail).
MonthPhotos month_photos(store::Connection& c, const domain::Actor& actor, const store::MonthlyRow& month);

// The thumbnails of the month's photos of a sheet (self or review) with their rows, for printing.
std::vector<std::pair<store::PhotoRow, std::string>> sheet_thumbnails(app::App& app, const domain::Actor& actor, const store::MonthlyRow& month,
                                                                      PhotoTarget target);

// Removes the photos of the sheet's clauses that are no longer deducted, with an audit record each
// (called by the sheet's save and submit, in their transaction).
void detach_photos(store::Connection& c, const app::App& app, const domain::Actor& actor, domain::Instant now, const store::MonthlyRow& month,
                   PhotoTarget target, const std::vector<std::string>& deducted);

}  // namespace qsm::service
