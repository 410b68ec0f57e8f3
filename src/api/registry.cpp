// Registry import, projects in scope, scoring templates.
#include <boost/json.hpp>
#include <charconv>

#include "api/handlers.hpp"
#include "domain/checksum.hpp"
#include "service/registry_service.hpp"
#include "service/queries.hpp"
#include "util/json.hpp"

namespace qsm::api::registry {
namespace {

boost::json::value contract_json(const std::optional<store::ContractSummary>& c) {
  if (!c) return nullptr;
  return boost::json::object{{"id", c->id},
                             {"report_no", c->report_no},
                             {"enterprise", boost::json::object{{"uscc", c->enterprise_uscc}, {"name", c->enterprise_name}}},
                             {"manager", boost::json::object{{"name", c->manager_name}, {"mobile_masked", domain::mask_mobile(c->manager_mobile)}}}};
}

http::Response template_answer(const std::optional<store::StoredTemplate>& t) {
  if (!t) throw Failure(Error::not_found, "评分标准不存在");
  auto body = boost::json::parse(t->body).as_object();
  body["loaded_at"] = domain::format_instant(t->loaded_at);
  return json_response(body);
}

}  // namespace

http::Response import(Context& ctx) {
  auto counts = service::import_registry(ctx.app, ctx.body(), ctx.actor());
  return json_response(boost::json::object{{"counts", boost::json::object{{"authorities", counts.authorities},
                                                                           {"enterprises", counts.enterprises},
                                                                           {"persons", counts.persons},
                                                                           {"projects", counts.projects},
                                                                           {"contracts", counts.contracts}}}});
}

http::Response load_template(Context& ctx) {
  auto t = service::load_template(ctx.app, ctx.body(), ctx.actor());
  return json_response(boost::json::object{{"id", t.id},
                                           {"code", t.code},
                                           {"version", t.version},
                                           {"name", t.name},
                                           {"check_items", t.check_items},
                                           {"sub_items", t.sub_items},
                                           {"clauses", t.clauses},
                                           {"unchanged", t.unchanged}},
                       t.unchanged ? 200 : 201);
}

http::Response get_template(Context& ctx) {
  std::int64_t version = 0;
  auto v = ctx.param("version");
  auto r = std::from_chars(v.data(), v.data() + v.size(), version);
  if (r.ec != std::errc{} || r.ptr != v.data() + v.size()) throw Failure(Error::not_found, "评分标准不存在");
  std::string code(ctx.param("code"));
  return template_answer(service::query::template_of(ctx.app, code, version));
}

http::Response current_template(Context& ctx) {
  return template_answer(service::query::current_template(ctx.app));
}

http::Response projects(Context& ctx) {
  auto p = paging(ctx.req);
  store::ProjectQuery q;
  q.page = p.page;
  q.page_size = p.page_size;
  domain::Problems problems;
  auto filters = list_filters(ctx.req, problems);
  q.q = std::move(filters.q);
  q.district = std::move(filters.district);
  if (auto v = ctx.req.query_param("sort"); v && !v->empty()) {
    if (!service::query::valid_project_sort(*v)) problems.add("sort", "可选 registration_no、name、planned_start，前加 - 为倒序");
    q.sort = *v;
  }
  bool declarable = false;
  if (auto v = ctx.req.query_param("declarable"); v && !v->empty()) {
    if (*v != "true" && *v != "false") problems.add("declarable", "应为 true 或 false");
    declarable = *v == "true";
  }
  problems.throw_if_any("查询条件有误");
  // Declarable: the contractor's projects (its scope is its general contracts) not yet declared.
  if (declarable && ctx.actor().role != domain::Role::contractor) throw Failure(Error::forbidden, "只有施工企业可以申报工程");
  q.undeclared_only = declarable;
  auto page = service::query::projects(ctx.app, ctx.actor(), q);
  boost::json::array items;
  for (const auto& r : page.items) {
    items.push_back(boost::json::object{{"id", r.id},
                                        {"registration_no", r.registration_no},
                                        {"name", r.name},
                                        {"address", r.address},
                                        {"district", r.district},
                                        {"authority", boost::json::object{{"code", r.authority_code}, {"name", r.authority_name}}},
                                        {"structure_type", r.structure_type},
                                        {"floor_area", domain::Points::from_hundredths(r.floor_area_centi).to_double()},
                                        {"planned_start", r.planned_start},
                                        {"planned_finish", r.planned_finish},
                                        {"general", contract_json(r.general)},
                                        {"supervision", contract_json(r.supervision)}});
  }
  return json_response(page_json(std::move(items), page.total, p));
}

}  // namespace qsm::api::registry
