// POST /api/monthly/{id}/self-sheet/deductions/{clause}/photos, …/review-sheet/deductions/{clause}/photos,
// …/spot-check/findings/{clause}/photos — the body is the image itself; GET /api/photos/{id} and
// /thumbnail; DELETE /api/photos/{id}.
#include "api/photos.hpp"

#include "api/handlers.hpp"
#include "api/values.hpp"

namespace qsm::api {

namespace {

// EXIF's local time, taken as Shanghai's (the cameras on Shanghai's sites): "2026-11-30T14:05:09+08:00".
boost::json::value taken_json(const std::optional<std::string>& t) {
  if (!t || t->size() != 19) return nullptr;
  std::string s = *t;
  s[10] = 'T';
  return boost::json::string(s + "+08:00");
}

std::string url_of(const store::PhotoRow& p) { return "/api/photos/" + std::to_string(p.id); }

http::Response upload(Context& ctx, service::PhotoTarget target) {
  const std::string clause(ctx.param("clause"));
  auto p = service::add_photo(ctx.app, ctx.actor(), ctx.id("id"), target, clause, ctx.req.header("content-type").value_or(""), ctx.req.body);
  return json_response(photo_json(p), 201);
}

}  // namespace

http::Response photo_response(const http::Request& req, service::PhotoImage img) {
  http::Response r;
  // The bytes under an id never change (a photo is replaced by deleting it and adding another), so the
  // browser keeps them for a year — privately: they are the record's.
  const std::string etag = "\"" + img.sha256 + "\"";
  r.set_header("ETag", etag);
  r.set_header("Cache-Control", "private, max-age=31536000, immutable");
  r.set_header("X-Content-Type-Options", "nosniff");
  r.keepable = false;
  if (req.header("if-none-match") == etag) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.content_type = "image/jpeg";
  r.body = std::move(img.bytes);
  return r;
}

boost::json::object photo_ref_json(std::int64_t id, const std::string& url, const std::optional<std::string>& taken_at, const std::string& uploader,
                                   std::int64_t uploaded_at) {
  return boost::json::object{{"id", id},
                             {"url", url},
                             {"thumbnail_url", url + "/thumbnail"},
                             {"taken_at", taken_json(taken_at)},
                             {"uploaded_by", uploader},
                             {"uploaded_at", instant_json(uploaded_at)}};
}

boost::json::object photo_ref_json(const store::PhotoRow& p) { return photo_ref_json(p.id, url_of(p), p.taken_at, p.uploader_name, p.uploaded_at); }

boost::json::object photo_json(const store::PhotoRow& p) {
  auto o = photo_ref_json(p);
  o["width"] = p.width;
  o["height"] = p.height;
  o["bytes"] = p.original_bytes;
  o["sha256"] = p.original_sha256;
  o["clause"] = p.clause;
  o["target"] = p.target;
  return o;
}

boost::json::array photo_refs_json(const std::vector<store::PhotoRow>& photos) {
  boost::json::array a;
  for (const auto& p : photos) a.push_back(photo_ref_json(p));
  return a;
}

boost::json::object photos_by_clause_json(const service::PhotosByClause& photos) {
  boost::json::object o;
  for (const auto& [clause, list] : photos) o[clause] = photo_refs_json(list);
  return o;
}

namespace photos {
http::Response add_self(Context& ctx) { return upload(ctx, service::PhotoTarget::self); }
http::Response add_review(Context& ctx) { return upload(ctx, service::PhotoTarget::review); }
http::Response add_finding(Context& ctx) { return upload(ctx, service::PhotoTarget::spot_check); }
http::Response get(Context& ctx) { return photo_response(ctx.req, service::photo_image(ctx.app, ctx.actor(), ctx.id("id"), false)); }
http::Response thumbnail(Context& ctx) { return photo_response(ctx.req, service::photo_image(ctx.app, ctx.actor(), ctx.id("id"), true)); }
http::Response remove(Context& ctx) {
  service::delete_photo(ctx.app, ctx.actor(), ctx.id("id"));
  http::Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}
}  // namespace photos

}  // namespace qsm::api
