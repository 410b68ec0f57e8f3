// 企业办事员 (issue 27): the enterprise's certificate holder manages its clerks
// (GET/POST /api/enterprise/clerks, PUT /api/enterprise/clerks/{id}).
#include <boost/json.hpp>

#include "api/dispatch.hpp"
#include "api/handlers.hpp"
#include "api/values.hpp"
#include "domain/checksum.hpp"
#include "domain/json_input.hpp"
#include "domain/notice.hpp"
#include "service/clerk_service.hpp"

namespace qsm::api::clerks {
namespace {

boost::json::object clerk_json(const store::ClerkRow& k) {
  boost::json::array projects, project_ids, actions, labels;
  for (const auto& p : k.projects) {
    projects.push_back(boost::json::object{{"id", p.id}, {"registration_no", p.registration_no}, {"name", p.name}});
    project_ids.emplace_back(p.id);
  }
  for (const auto& code : domain::split_list(k.actions))
    if (auto a = domain::clerk_action_from(code)) {
      actions.emplace_back(code);
      labels.emplace_back(domain::label(*a));
    }
  return boost::json::object{{"id", k.id},
                             {"name", k.name},
                             {"mobile", domain::mask_mobile(k.mobile)},
                             {"projects", std::move(projects)},
                             {"project_ids", std::move(project_ids)},
                             {"actions", std::move(actions)},
                             {"action_labels", std::move(labels)},
                             {"disabled", k.disabled},
                             {"version", k.version},
                             {"created_at", instant_json(k.created_at)},
                             {"updated_at", instant_json(k.updated_at)}};
}

// A list of ids or codes at `key`; a problem (and nullopt) when it is not one.
std::optional<std::vector<std::int64_t>> read_ids(json::FieldReader& r, std::string_view key, domain::Problems& problems) {
  const auto* v = r.field(key);
  if (!v || v->is_null()) return std::nullopt;
  std::vector<std::int64_t> out;
  if (v->is_array() && v->as_array().size() <= domain::kClerkProjectsMax) {
    for (const auto& item : v->as_array()) {
      if (!item.is_int64() || item.as_int64() <= 0) break;
      out.push_back(item.as_int64());
    }
    if (out.size() == v->as_array().size()) return out;
  }
  problems.add("$." + std::string(key), "应为工程编号（正整数）的列表，至多 " + std::to_string(domain::kClerkProjectsMax) + " 个");
  return std::vector<std::int64_t>{};
}

std::optional<std::vector<std::string>> read_codes(json::FieldReader& r, std::string_view key, domain::Problems& problems) {
  const auto* v = r.field(key);
  if (!v || v->is_null()) return std::nullopt;
  std::vector<std::string> out;
  if (v->is_array() && v->as_array().size() <= 10) {
    for (const auto& item : v->as_array()) {
      if (!item.is_string() || item.as_string().size() > 20) break;
      out.emplace_back(item.as_string());
    }
    if (out.size() == v->as_array().size()) return out;
  }
  problems.add("$." + std::string(key), "应为业务代码的列表");
  return std::vector<std::string>{};
}

}  // namespace

http::Response list(Context& ctx) {
  boost::json::array items;
  for (const auto& k : service::list_clerks(ctx.app, ctx.actor())) items.push_back(clerk_json(k));
  boost::json::array offered;
  for (auto a : domain::clerk_actions_of(ctx.actor().role))
    offered.push_back(boost::json::object{{"code", domain::to_string(a)}, {"label", domain::label(a)}});
  return json_response(boost::json::object{{"items", std::move(items)}, {"actions", std::move(offered)}});
}

// {name, mobile, project_ids, actions} → 201 the clerk.
http::Response create(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"name", "mobile", "project_ids", "actions"});
  domain::ClerkInput in;
  // Absent or empty fields are the form's problems, reported together by domain::check_clerk.
  in.name = r.text("name", {.max = 30, .required = false}).value_or("");
  in.mobile = r.text("mobile", {.max = 11, .required = false}).value_or("");
  in.project_ids = read_ids(r, "project_ids", problems).value_or(std::vector<std::int64_t>{});
  in.actions = read_codes(r, "actions", problems).value_or(std::vector<std::string>{});
  if (!problems.empty()) domain::check_clerk(in, ctx.actor().role, problems);
  problems.throw_if_any("请按提示填写办事员信息");
  return json_response(clerk_json(service::create_clerk(ctx.app, ctx.actor(), in)), 201);
}

// {version, project_ids?, actions?, disabled?} → the clerk. The name and mobile name the person: to
// change the person, disable this clerk and add another.
http::Response update(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "project_ids", "actions", "disabled"});
  service::ClerkChange change;
  change.version = read_version(r);
  change.project_ids = read_ids(r, "project_ids", problems);
  change.actions = read_codes(r, "actions", problems);
  change.disabled = r.boolean("disabled", false);
  problems.throw_if_any("请按提示修改办事员信息");
  return json_response(clerk_json(service::change_clerk(ctx.app, ctx.actor(), ctx.id("id"), change)));
}

}  // namespace qsm::api::clerks
