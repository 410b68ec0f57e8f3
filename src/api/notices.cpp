// 通知公告 (issue 27): every user's notices in force (GET /api/notices, read marks), and their
// management by the authority (its district) and the administrator (/api/admin/notices).
#include <boost/json.hpp>

#include "api/dispatch.hpp"
#include "api/handlers.hpp"
#include "api/values.hpp"
#include "domain/json_input.hpp"
#include "service/notice_service.hpp"

namespace qsm::api::notices {
namespace {

// A day as the notice's validity reads it: "YYYY-MM-DD" in Shanghai.
std::string day_of(std::int64_t ms) { return domain::format_date(domain::shanghai_date(domain::from_millis(ms))); }

boost::json::object notice_json(const store::NoticeRow& n, bool manager) {
  boost::json::array roles, role_labels, districts;
  for (const auto& r : domain::split_list(n.roles)) {
    roles.emplace_back(r);
    if (auto role = domain::role_from(r)) role_labels.emplace_back(domain::label(*role));
  }
  for (const auto& d : domain::split_list(n.districts)) districts.emplace_back(d);
  boost::json::object o{{"id", n.id},
                        {"title", n.title},
                        {"body", n.body},
                        {"roles", std::move(roles)},
                        {"role_labels", std::move(role_labels)},
                        {"districts", std::move(districts)},
                        {"valid_from", day_of(n.valid_from)},
                        // valid_until is stored as the end of its last day.
                        {"valid_until", n.valid_until ? boost::json::value(day_of(*n.valid_until - 1)) : nullptr},
                        {"published_at", instant_json(n.published_at)},
                        {"publisher", boost::json::object{{"name", n.publisher_name}, {"organisation", n.publisher_org}}}};
  if (manager) {
    o["version"] = n.version;
    o["withdrawn_at"] = n.withdrawn_at ? instant_json(*n.withdrawn_at) : boost::json::value(nullptr);
    o["reads"] = n.reads;
    o["updated_at"] = instant_json(n.updated_at);
  } else {
    o["read"] = n.read;
  }
  return o;
}

// {title, body, roles?, districts?, valid_from?, valid_until?}: the dates are Shanghai days, the
// notice in force from the first day's start to the last day's end; no valid_from: from now.
domain::NoticeInput read_notice(Context& ctx, json::FieldReader& r, domain::Problems& problems) {
  domain::NoticeInput n;
  n.title = r.text("title", {.max = domain::kNoticeTitleMax, .required = false}).value_or("");
  n.body = r.text("body", {.max = domain::kNoticeBodyMax, .required = false, .multiline = true}).value_or("");
  auto list = [&](const char* key, std::vector<std::string>& out) {
    const auto* v = r.field(key);
    if (!v || v->is_null()) return;
    if (!v->is_array() || v->as_array().size() > 20) {
      problems.add(std::string("$.") + key, "应为列表（至多 20 项）");
      return;
    }
    for (const auto& item : v->as_array()) {
      if (!item.is_string() || item.as_string().size() > 40) {
        problems.add(std::string("$.") + key, "列表的每一项应为文本");
        return;
      }
      out.emplace_back(item.as_string());
    }
  };
  list("roles", n.roles);
  list("districts", n.districts);
  auto day = [&](const char* key) -> std::optional<domain::Date> {
    auto text = r.text(key, {.max = 10, .required = false});
    if (!text || text->empty()) return std::nullopt;
    auto d = domain::parse_date(*text);
    if (!d) problems.add(std::string("$.") + key, "日期格式应为 YYYY-MM-DD");
    return d;
  };
  const auto from = day("valid_from");
  const auto until = day("valid_until");
  n.valid_from = from ? domain::to_millis(domain::shanghai_time(*from)) : domain::to_millis(ctx.app.clock.now());
  if (until) n.valid_until = domain::to_millis(domain::shanghai_time(domain::Date{std::chrono::sys_days(*until) + std::chrono::days(1)}));
  return n;
}

}  // namespace

http::Response mine(Context& ctx) {
  auto board = service::my_notices(ctx.app, ctx.actor());
  boost::json::array items;
  for (const auto& n : board.items) items.push_back(notice_json(n, false));
  auto res = json_response(boost::json::object{{"items", std::move(items)}, {"unread", board.unread}});
  res.keepable = false;
  return res;
}

http::Response mark_read(Context& ctx) {
  service::read_notice(ctx.app, ctx.actor(), ctx.id("id"));
  return json_response(boost::json::object{{"ok", true}});
}

http::Response managed(Context& ctx) {
  auto p = paging(ctx.req);
  std::int64_t total = 0;
  boost::json::array items;
  for (const auto& n : service::managed_notices(ctx.app, ctx.actor(), p.page_size, (p.page - 1) * p.page_size, total))
    items.push_back(notice_json(n, true));
  auto res = json_response(page_json(std::move(items), total, p));
  res.keepable = false;
  return res;
}

http::Response publish(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"title", "body", "roles", "districts", "valid_from", "valid_until"});
  auto n = read_notice(ctx, r, problems);
  return json_response(notice_json(service::publish_notice(ctx.app, ctx.actor(), n, std::move(problems)), true), 201);
}

http::Response edit(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "title", "body", "roles", "districts", "valid_from", "valid_until"});
  const auto version = read_version(r);
  auto n = read_notice(ctx, r, problems);
  return json_response(notice_json(service::edit_notice(ctx.app, ctx.actor(), ctx.id("id"), version, n, std::move(problems)), true));
}

http::Response withdraw(Context& ctx) {
  const auto version = parse_version(ctx.body());
  return json_response(notice_json(service::withdraw_notice(ctx.app, ctx.actor(), ctx.id("id"), version), true));
}

}  // namespace qsm::api::notices
