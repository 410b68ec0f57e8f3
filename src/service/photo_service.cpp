#include "service/photo_service.hpp"

#include <algorithm>

#include "crypto/secret.hpp"
#include "domain/spot_check.hpp"
#include "domain/workflow/monthly.hpp"
#include "image/photo.hpp"
#include "service/workflow_step.hpp"
#include "store/spot_check_store.hpp"
#include "util/net.hpp"

namespace qsm::service {

namespace dm = domain::monthly;
namespace ds = domain::spot_check;

std::string photo_time(const std::optional<std::string>& taken_at, domain::Instant uploaded) {
  std::string when = taken_at ? "拍摄 " + taken_at->substr(0, 16) : "上传 " + domain::format_instant(uploaded).substr(0, 16);
  std::replace(when.begin(), when.end(), 'T', ' ');
  return when;
}

std::string_view to_string(PhotoTarget t) {
  switch (t) {
    case PhotoTarget::self: return "self";
    case PhotoTarget::review: return "review";
    case PhotoTarget::spot_check: return "spot_check";
  }
  return "self";
}

namespace {

std::optional<PhotoTarget> target_from(std::string_view s) {
  for (auto t : {PhotoTarget::self, PhotoTarget::review, PhotoTarget::spot_check})
    if (to_string(t) == s) return t;
  return std::nullopt;
}

std::string_view target_label(PhotoTarget t) {
  switch (t) {
    case PhotoTarget::self: return "自评打分表";
    case PhotoTarget::review: return "复核打分表";
    case PhotoTarget::spot_check: return "抽查比对";
  }
  return "";
}

// The month in the actor's scope (404 otherwise).
store::MonthlyRow month_in_scope(store::Connection& c, const domain::Actor& actor, std::int64_t monthly_id) {
  auto m = store::find_monthly(c, domain::Scope::of(actor), monthly_id);
  if (!m) throw Failure(Error::not_found, "月度评价不存在");
  return std::move(*m);
}

// Whether the actor may read the target's photos on a month it can see: a sheet's by anyone who
// sees the month, the spot-check's (the authority's own record) by the authority only.
bool may_read(const domain::Actor& actor, PhotoTarget target) {
  return target != PhotoTarget::spot_check || actor.role == domain::Role::authority;
}

// The month, when the actor may change the target now: the same decisions as saving that sheet or
// finding (403 for a role that never may, 409 in a state that does not allow it).
store::MonthlyRow editable(store::Connection& c, const domain::Actor& actor, std::int64_t monthly_id, PhotoTarget target) {
  if (target == PhotoTarget::spot_check && actor.role != domain::Role::authority)
    throw Failure(Error::forbidden, "只有监督机构可以为抽查比对添加或删除照片");
  auto m = month_in_scope(c, actor, monthly_id);
  const auto state = dm::state_from(m.status);
  if (!state) throw Failure(Error::internal, "月度评价状态未知：" + m.status);
  if (target == PhotoTarget::spot_check) {
    if (*state == dm::State::draft)
      throw Failure(Error::invalid_transition, "月度评价尚未提交，不能抽查比对", boost::json::object{{"status", m.status}});
    auto row = store::spot_check_of_monthly(c, m.id);
    const auto from = row ? ds::kSpec.state_from(row->status).value_or(ds::State::finished) : ds::State::in_progress;
    ds::kSpec.decide(from, ds::Action::save, actor.role);
  } else {
    dm::decide(*state, dm::save_action(target == PhotoTarget::self ? dm::Sheet::self : dm::Sheet::review), actor.role);
  }
  return m;
}

void require_clause(const domain::scoring::Template& t, const std::string& clause) {
  if (!t.find_clause(clause)) throw Failure(Error::not_found, "评分标准中没有条文 " + clause);
}

void require_room(store::Connection& c, std::int64_t monthly_id, PhotoTarget target, const std::string& clause) {
  auto n = store::count_photos(c, monthly_id, to_string(target), clause);
  if (n.clause >= kPhotosPerClause)
    throw Failure(Error::conflict, "条文 " + clause + " 已有 " + std::to_string(n.clause) + " 张照片，每个条文最多 " +
                                       std::to_string(kPhotosPerClause) + " 张：请先删除不需要的照片",
                  boost::json::object{{"limit", kPhotosPerClause}, {"clause", clause}});
  if (n.sheet >= kPhotosPerSheet)
    throw Failure(Error::conflict, std::string(target_label(target)) + "已有 " + std::to_string(n.sheet) + " 张照片，每月最多 " +
                                       std::to_string(kPhotosPerSheet) + " 张：请先删除不需要的照片",
                  boost::json::object{{"limit", kPhotosPerSheet}});
}

// image/… or application/octet-stream (what a browser sends for a file it cannot name), any case, any parameters.
bool image_type(std::string_view header) {
  const auto type = net::media_type(header);
  return type.starts_with("image/") || type == "application/octet-stream";
}

[[noreturn]] void refuse(const image::Refused& r) {
  using R = image::Refused::Reason;
  const Error e = r.reason() == R::too_large ? Error::payload_too_large : r.reason() == R::not_a_photo ? Error::unsupported_media_type : Error::validation_failed;
  throw Failure(e, r.what(), boost::json::object{{"field", "photo"}});
}

// "沪建质2026-0001 · 拍摄 2026-11-30 14:05 · 张三": what the display image carries along its edge.
std::string watermark_line(std::string_view registration_no, const std::optional<std::string>& taken_at, domain::Instant now,
                           const domain::Actor& actor) {
  return std::string(registration_no) + " · " + photo_time(taken_at, now) + " · " + actor.name;
}

// The photo of `id` when the actor may read the record it documents; otherwise 404, exactly as for a
// photo that does not exist.
std::pair<store::PhotoRow, PhotoTarget> readable_photo(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto p = store::find_photo(c, id);
  auto target = p ? target_from(p->target) : std::nullopt;
  if (!p || !target || !may_read(actor, *target) || !store::find_monthly(c, domain::Scope::of(actor), p->monthly_id))
    throw Failure(Error::not_found, "照片不存在");
  return {std::move(*p), *target};
}

void audit_photo(store::Connection& c, const app::App& app, const domain::Actor& actor, domain::Instant now, const store::MonthlyRow& m,
                 std::string_view event, const store::PhotoRow& p, std::string_view why = {}) {
  auto target = target_from(p.target).value_or(PhotoTarget::self);
  std::string note = std::string(target_label(target)) + " 条文 " + p.clause + " 照片 #" + std::to_string(p.id) + "（原图 SHA-256 " +
                     p.original_sha256.substr(0, 16) + "…）";
  if (!why.empty()) note += "：" + std::string(why);
  workflow::audit(c, app.audit_key, actor, now, dm::kSpec, m.id, m.declaration_id, event, std::nullopt, std::nullopt, std::move(note));
}

}  // namespace

RenderedPhoto render_photo(std::string_view content_type, std::string_view bytes, std::string_view registration_no, const domain::Actor& actor,
                           domain::Instant now) {
  if (!image_type(content_type))
    throw Failure(Error::unsupported_media_type, "照片须以图片本身上传（Content-Type: image/jpeg、image/png、image/webp 或 image/heic）");
  image::Original original;
  image::Rendered rendered;
  try {
    original = image::inspect(bytes);
    rendered = image::render(bytes, original, watermark_line(registration_no, original.taken_at, now, actor));
  } catch (const image::Refused& r) {
    image::release_memory();
    refuse(r);
  }
  image::release_memory();
  RenderedPhoto out;
  out.display_sha256 = crypto::sha256_hex(rendered.display);
  out.thumbnail_sha256 = crypto::sha256_hex(rendered.thumbnail);
  out.width = rendered.width;
  out.height = rendered.height;
  out.original_sha256 = crypto::sha256_hex(bytes);
  out.original_format = original.format;
  out.original_bytes = static_cast<std::int64_t>(bytes.size());
  out.taken_at = original.taken_at;
  out.gps = original.gps;
  out.display = std::move(rendered.display);
  out.thumbnail = std::move(rendered.thumbnail);
  return out;
}

store::PhotoRow add_photo(app::App& app, const domain::Actor& actor, std::int64_t monthly_id, PhotoTarget target, const std::string& clause,
                          std::string_view content_type, std::string_view bytes) {
  auto check = [&](store::Connection& c) {
    auto m = editable(c, actor, monthly_id, target);
    require_clause(*app.templates->get(c, m.template_id), clause);
    require_room(c, m.id, target, clause);
    return m;
  };
  // Nothing is decoded for a caller who could not store it.
  const auto month = app.db->read(check);
  const auto now = app.clock.now();
  auto rendered = render_photo(content_type, bytes, month.registration_no, actor, now);
  store::PhotoInsert in;
  auto& p = in.row;
  p.monthly_id = month.id;
  p.declaration_id = month.declaration_id;
  p.target = std::string(to_string(target));
  p.clause = clause;
  copy_image_fields(p, rendered);
  p.uploaded_by = actor.ref;
  p.uploader_name = actor.name;
  p.uploaded_at = domain::to_millis(now);
  in.display = std::move(rendered.display);
  in.thumbnail = std::move(rendered.thumbnail);
  return app.db->write([&](store::Connection& c) {
    // Checked again under the month's lock: the sheet may have been submitted, or the last place
    // taken, while the image was rendered.
    store::lock_month_photos(c, monthly_id);
    const auto m = check(c);
    p.id = store::insert_photo(c, in);
    audit_photo(c, app, actor, now, m, dm::spec::kPhotoAdd, p);
    return p;
  });
}

PhotoImage photo_image(app::App& app, const domain::Actor& actor, std::int64_t id, bool thumbnail) {
  return app.db->read([&](store::Connection& c) {
    const auto [p, target] = readable_photo(c, actor, id);
    const auto& sha = thumbnail ? p.thumbnail_sha256 : p.display_sha256;
    auto bytes = store::photo_blob(c, sha);
    if (!bytes) throw Failure(Error::internal, "照片数据缺失");
    return PhotoImage{std::move(*bytes), sha};
  });
}

void delete_photo(app::App& app, const domain::Actor& actor, std::int64_t id) {
  const auto now = app.clock.now();
  app.db->write([&](store::Connection& c) {
    const auto [p, target] = readable_photo(c, actor, id);
    store::lock_month_photos(c, p.monthly_id);
    const auto m = editable(c, actor, p.monthly_id, target);
    store::delete_photo(c, p);
    audit_photo(c, app, actor, now, m, dm::spec::kPhotoRemove, p);
  });
}

MonthPhotos month_photos(store::Connection& c, const domain::Actor& actor, const store::MonthlyRow& month) {
  MonthPhotos out;
  for (auto& p : store::photos_of_month(c, month.id)) {
    auto target = target_from(p.target);
    if (!target || !may_read(actor, *target)) continue;
    auto& into = *target == PhotoTarget::self ? out.self : *target == PhotoTarget::review ? out.review : out.spot_check;
    into[p.clause].push_back(std::move(p));
  }
  return out;
}

std::vector<std::pair<store::PhotoRow, std::string>> sheet_thumbnails(app::App& app, const domain::Actor& actor, const store::MonthlyRow& month,
                                                                      PhotoTarget target) {
  std::vector<std::pair<store::PhotoRow, std::string>> out;
  if (!may_read(actor, target)) return out;
  app.db->read([&](store::Connection& c) {
    for (auto& p : store::photos_of_month(c, month.id, to_string(target))) {
      auto bytes = store::photo_blob(c, p.thumbnail_sha256);
      if (bytes) out.emplace_back(std::move(p), std::move(*bytes));
    }
  });
  return out;
}

void detach_photos(store::Connection& c, const app::App& app, const domain::Actor& actor, domain::Instant now, const store::MonthlyRow& month,
                   PhotoTarget target, const std::vector<std::string>& deducted) {
  for (const auto& p : store::detach_photos(c, month.id, to_string(target), deducted))
    audit_photo(c, app, actor, now, month, dm::spec::kPhotoRemove, p, "该条文已不扣分");
}

}  // namespace qsm::service
