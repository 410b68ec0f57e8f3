// Declaration JSON codec.
#include "api/declarations/codec.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <limits>

#include "api/values.hpp"
#include "domain/checksum.hpp"
#include "domain/clerk.hpp"
#include "domain/registry.hpp"
#include "domain/time.hpp"
#include "domain/spot_check.hpp"
#include "domain/workflow/completion.hpp"
#include "domain/workflow/management.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"
#include "domain/workflow/rectification.hpp"
#include "service/request_service.hpp"
#include "domain/json_input.hpp"

namespace qsm::api::declarations {
namespace {

namespace dd = domain::declaration;
namespace dm = domain::management;

constexpr auto when = instant_json;

// {name, mobile} typed, or (`pickable`: the declaration's own form, issue 26) {person_id} picked from
// GET /api/declarations/managers; not both.
std::optional<service::ManagerInput> read_manager(json::FieldReader& r, std::string_view key, bool required, domain::Problems& problems,
                                                  bool pickable = false) {
  const auto* v = r.field(key);
  if (!v) {
    if (required && r.ok()) problems.add("$." + std::string(key), "必填");
    return std::nullopt;
  }
  json::FieldReader m(*v, "$." + std::string(key), problems);
  if (pickable && m.field("person_id")) {
    m.reject_unknown({"person_id"});
    auto id = m.integer("person_id", 1, std::numeric_limits<std::int64_t>::max());
    if (!id) return std::nullopt;
    service::ManagerInput picked;
    picked.person_id = *id;
    return picked;
  }
  if (pickable)
    m.reject_unknown({"name", "mobile", "person_id"});
  else
    m.reject_unknown({"name", "mobile"});
  auto name = m.text("name", {.max = 50});
  auto mobile = m.text("mobile", {.max = 11});
  if (mobile && !domain::valid_mobile(*mobile)) problems.add("$." + std::string(key) + ".mobile", "手机号应为 1 开头的 11 位数字");
  if (!name || !mobile || !domain::valid_mobile(*mobile)) return std::nullopt;
  return service::ManagerInput{*name, *mobile, std::nullopt};
}

}  // namespace

boost::json::object manager_json(const store::ManagerRef& m) {
  return boost::json::object{{"person_id", m.person_id}, {"name", m.name}, {"mobile_masked", domain::mask_mobile(m.mobile)}};
}

boost::json::object to_json(const store::DeclarationRow& d, const domain::Actor& viewer) {
  auto state = dd::state_from(d.status).value_or(dd::State::draft);
  boost::json::array actions;
  if (domain::acts_in(viewer, domain::Permission::declaration_write))
    for (auto a : dd::available(state, viewer.role)) actions.push_back(boost::json::string(dd::to_string(a)));
  boost::json::array requests;
  // 竣工 and 中止/恢复/终止 applications: one clerk action (completion_apply and request_create need the same).
  if (domain::acts_in(viewer, domain::Permission::request_create))
    for (auto r : service::requestable(d, viewer)) requests.push_back(boost::json::string(dm::to_string(r)));
  boost::json::value returned = nullptr;
  if (d.returned_opinion && state == dd::State::returned) {
    auto role = domain::role_from(d.returned_by_role.value_or(""));
    returned = boost::json::object{{"by_role", d.returned_by_role.value_or("")},
                                   {"by_role_label", role ? (*role == domain::Role::authority ? "监督机构" : "监理企业") : ""},
                                   {"by_name", d.returned_by_name.value_or("")},
                                   {"opinion", *d.returned_opinion},
                                   {"at", when(d.returned_at)}};
  }
  boost::json::value supervision = nullptr;
  if (d.supervision_report_no)
    supervision = boost::json::object{{"report_no", *d.supervision_report_no},
                                      {"enterprise", boost::json::object{{"uscc", d.supervision_uscc.value_or("")}, {"name", d.supervision_name.value_or("")}}}};
  return boost::json::object{
      {"id", d.id},
      {"version", d.version},
      {"status", d.status},
      {"status_label", dd::label(state)},
      {"management_status", d.management_status ? boost::json::value(*d.management_status) : nullptr},
      {"management_status_label", d.management_status ? boost::json::value(dm::status_label(*d.management_status)) : nullptr},
      {"stop_work", d.stop_work},
      {"completion", d.completion_id ? boost::json::value(boost::json::object{
                                           {"id", *d.completion_id},
                                           {"status", *d.completion_status},
                                           {"status_label", domain::completion::state_label(*d.completion_status)}})
                                     : boost::json::value(nullptr)},
      {"suspension", d.suspension ? boost::json::value(boost::json::object{
                                        {"id", d.suspension->id},
                                        {"kind", d.suspension->kind},
                                        {"kind_label", dm::label(*dm::kind_from(d.suspension->kind))},
                                        {"status", d.suspension->status},
                                        {"status_label", dm::label(*dm::state_from(d.suspension->status), *dm::kind_from(d.suspension->kind))},
                                        {"date", d.suspension->date}})
                                  : boost::json::value(nullptr)},
      {"termination", d.termination ? boost::json::value(boost::json::object{
                                          {"id", d.termination->id},
                                          {"status", d.termination->status},
                                          {"status_label", dm::kTerminationSpec.m.state_label(d.termination->status)}})
                                    : boost::json::value(nullptr)},
      {"open_request", text_json(d.open_request)},
      {"request_actions", std::move(requests)},
      {"project", boost::json::object{{"id", d.project_id},
                                      {"registration_no", d.registration_no},
                                      {"name", d.project_name},
                                      {"address", d.address},
                                      {"district", d.district},
                                      {"authority", boost::json::object{{"code", d.authority_code}, {"name", d.authority_name}}},
                                      {"structure_type", d.structure_type},
                                      {"floor_area", domain::Points::from_hundredths(d.floor_area_centi).to_double()},
                                      {"planned_start", d.project_planned_start},
                                      {"planned_finish", d.project_planned_finish}}},
      {"general", boost::json::object{{"report_no", d.general_report_no}, {"enterprise", boost::json::object{{"uscc", d.general_uscc}, {"name", d.general_name}}}}},
      {"supervision", std::move(supervision)},
      {"quality_target", d.quality_target},
      {"planned_start", d.planned_start},
      {"planned_finish", d.planned_finish},
      {"overview", d.overview},
      {"contractor_manager", manager_json(d.contractor_manager)},
      {"supervision_manager", manager_json(d.supervision_manager)},
      {"returned", std::move(returned)},
      {"accept_opinion", d.accept_opinion ? boost::json::value(*d.accept_opinion) : nullptr},
      {"accepted_at", when(d.accepted_at)},
      {"template", d.template_code ? boost::json::value(boost::json::object{{"code", *d.template_code}, {"version", *d.template_version}}) : nullptr},
      {"created_at", when(d.created_at)},
      {"submitted_at", when(d.submitted_at)},
      {"updated_at", when(d.updated_at)},
      {"actions", std::move(actions)},
  };
}

boost::json::object detail_json(const store::DeclarationRow& d, const domain::Actor& viewer) {
  auto o = to_json(d, viewer);
  o["review"] = d.review ? boost::json::value(boost::json::object{
                               {"opinion", d.review->opinion ? boost::json::value(*d.review->opinion) : nullptr},
                               {"reviewer", d.review->reviewer},
                               {"at", when(d.review->at)}})
                         : boost::json::value(nullptr);
  return o;
}

boost::json::object ref_json(const store::DeclarationRef& r) {
  const auto& ms = r.management_status;
  return boost::json::object{{"id", r.declaration_id},
                             {"registration_no", r.registration_no},
                             {"project_name", r.project_name},
                             {"district", r.district},
                             {"general_name", r.general_name},
                             {"supervision_name", r.supervision_name ? boost::json::value(*r.supervision_name) : nullptr},
                             {"management_status", ms ? boost::json::value(*ms) : nullptr},
                             {"management_status_label", ms ? boost::json::value(dm::status_label(*ms)) : nullptr},
                             {"stop_work", r.stop_work}};
}

namespace {

// The trail of 综合信息 mixes records: each workflow's spec labels its own actions and states (a
// declaration's trail also carries its management changes); the account-security and administration
// records (issues 21, 27) label their actions here and have no states. `label` is the trail's short name
// of the record.
struct EntityLabels {
  std::string_view entity, label;
  const domain::workflow::Machine* machine = nullptr;
};
std::string_view security_action_label(std::string_view code) {
  static constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
      {"create_or_reset", "新增或重置账号"}, {"change_password", "修改密码"},     {"enrol_second_factor", "绑定动态口令"},
      {"use_recovery_code", "使用恢复码"},   {"unlock", "解除锁定"},             {"reset_second_factor", "重置动态口令"},
      {"end_sessions", "结束会话"},          {"reset_password", "重置密码"},     {"choose_contract", "选择合同"},
      {"read", "查询"},                      {"import", "导入"},                 {"load", "导入"},
      {"create", "新建"},                    {"update", "修改"},                 {"edit", "修改"},
      {"force_logout", "强制退出"},          {"run", "立即执行"},                {"pause", "暂停"},
      {"resume", "恢复"},                    {"publish", "发布"},                {"withdraw", "撤回"}};
  for (const auto& [c, l] : kLabels)
    if (c == code) return l;
  return code;
}

const EntityLabels kEntityLabels[] = {
    {"declaration", "申报", &dd::kSpec.m},
    {"monthly_evaluation", "月度评价", &domain::monthly::kSpec.m},
    {"quarterly_registration", "季度评价", &domain::quarterly::kSpec.m},
    {"completion", "竣工评价", &domain::completion::kSpec.m},
    {"suspension", "中止", &dm::kSuspensionSpec.m},
    {"resumption", "恢复", &dm::kResumptionSpec.m},
    {"termination", "终止", &dm::kTerminationSpec.m},
    {"spot_check", "抽查比对", &domain::spot_check::kSpec.m},
    {"rectification", "整改指令单", &domain::rectification::kSpec.m},
    {"account", "账号"},
    {"session", "会话"},
    {"login_log", "登录日志"},
    {"audit_log", "审计日志"},
    {"registry", "登记数据"},
    {"template", "评分标准"},
    {"setting", "参数设置"},
    {"job", "定时任务"},
    {"notice", "通知公告"},
    {"clerk", "企业办事员"},
};

// An entity not in the table is shown by its code, its actions and states by theirs (never with
// another entity's labels).
const EntityLabels& labels_of(std::string_view entity) {
  static const EntityLabels kUnknown{"", ""};
  for (const auto& e : kEntityLabels)
    if (e.entity == entity) return e;
  return kUnknown;
}

std::string_view state_label(const EntityLabels& e, std::string_view code) {
  if (e.machine == &dd::kSpec.m) return dd::state_label(code);
  return e.machine ? e.machine->state_label(code) : code;
}

std::string_view action_label(const EntityLabels& e, std::string_view code) {
  if (e.machine == &dd::kSpec.m) return dd::audit_action_label(code);
  return e.machine ? e.machine->action_label(code) : security_action_label(code);
}

}  // namespace

AuditLabels audit_labels(std::string_view entity, std::string_view action, const std::optional<std::string>& from,
                         const std::optional<std::string>& to) {
  const auto& labels = labels_of(entity);
  auto state = [&](const std::optional<std::string>& s) { return s ? std::optional<std::string_view>(state_label(labels, *s)) : std::nullopt; };
  return {labels.entity == entity ? labels.label : entity, action_label(labels, action), state(from), state(to)};
}

boost::json::object audit_json(const store::AuditRecord& a) {
  const auto& labels = labels_of(a.entry.entity);
  auto label_of = [&](const std::optional<std::string>& s) -> boost::json::value {
    if (!s) return nullptr;
    return boost::json::string(state_label(labels, *s));
  };
  const std::string& action = a.entry.action;
  auto role = domain::role_from(a.actor_role);
  return boost::json::object{{"id", a.id},
                             {"at", domain::format_instant(a.at)},
                             {"entity", a.entry.entity},
                             {"entity_label", labels.entity == a.entry.entity ? labels.label : std::string_view(a.entry.entity)},
                             {"action", action},
                             {"action_label", action_label(labels, action)},
                             {"from_status", a.entry.from_state ? boost::json::value(*a.entry.from_state) : nullptr},
                             {"from_label", label_of(a.entry.from_state)},
                             {"to_status", a.entry.to_state ? boost::json::value(*a.entry.to_state) : nullptr},
                             {"to_label", label_of(a.entry.to_state)},
                             {"actor_role", a.actor_role},
                             {"actor_role_label", role ? domain::label(*role) : ""},
                             {"actor_name", a.actor_name},
                             {"organisation", a.organisation ? boost::json::value(*a.organisation) : nullptr},
                             {"opinion", a.entry.opinion ? boost::json::value(*a.entry.opinion) : nullptr}};
}

service::DeclarationInput parse_input(const boost::json::value& body, bool create, std::int64_t* version) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  if (create)
    r.reject_unknown({"project_id", "quality_target", "planned_start", "planned_finish", "overview", "contractor_manager", "supervision_manager"});
  else
    r.reject_unknown({"version", "quality_target", "planned_start", "planned_finish", "overview", "contractor_manager", "supervision_manager"});
  service::DeclarationInput in;
  if (create) in.project_id = r.integer("project_id", 1, std::numeric_limits<std::int64_t>::max()).value_or(0);
  if (version) *version = read_version(r);
  in.quality_target = r.text("quality_target", {.max = 50}).value_or("");
  auto start = r.text("planned_start", {.max = 10});
  auto finish = r.text("planned_finish", {.max = 10});
  in.overview = r.text("overview", {.max = 2000, .multiline = true}).value_or("");
  std::optional<domain::Date> s, f;
  if (start && !(s = domain::parse_date(*start))) problems.add("$.planned_start", "日期格式应为 YYYY-MM-DD");
  if (finish && !(f = domain::parse_date(*finish))) problems.add("$.planned_finish", "日期格式应为 YYYY-MM-DD");
  if (s && f && *f < *s) problems.add("$.planned_finish", "计划竣工日期不能早于计划开工日期");
  in.planned_start = start.value_or("");
  in.planned_finish = finish.value_or("");
  in.contractor_manager = read_manager(r, "contractor_manager", create, problems, true);
  in.supervision_manager = read_manager(r, "supervision_manager", create, problems, true);
  problems.throw_if_any("申报信息有误，请按提示修改");
  return in;
}

service::ActionInput parse_action(const boost::json::value& body, bool allow_manager) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  if (allow_manager)
    r.reject_unknown({"version", "opinion", "supervisor_manager", "supervision_manager"});
  else
    r.reject_unknown({"version", "opinion"});
  service::ActionInput in;
  in.version = read_version(r);
  in.opinion = r.text("opinion", {.max = 500, .required = false, .multiline = true}).value_or("");
  // SPEC §5 names it supervisor_manager; supervision_manager (the declaration's own field name) is accepted too.
  if (allow_manager) {
    in.supervision_manager = read_manager(r, "supervisor_manager", false, problems);
    if (!in.supervision_manager) in.supervision_manager = read_manager(r, "supervision_manager", false, problems);
  }
  problems.throw_if_any("请求内容有误");
  return in;
}

std::int64_t version_param(const Context& ctx) {
  return positive_query_param(ctx, "version", "缺少或无效的 version 参数：应为读取时的版本号");
}

store::DeclarationQuery parse_query(const http::Request& req) {
  domain::Problems problems;
  store::DeclarationQuery q;
  read_list_query(
      req, problems, q, [](std::string_view s) { return dd::state_from(s).has_value(); }, store::valid_declaration_sort,
      "-updated_at、updated_at、registration_no、-registration_no、status");
  auto day_start = [&](std::string_view key, int add_days) -> std::optional<std::int64_t> {
    auto v = req.query_param(key);
    if (!v || v->empty()) return std::nullopt;
    auto d = domain::parse_date(*v);
    if (!d) {
      problems.add(std::string(key), "日期格式应为 YYYY-MM-DD");
      return std::nullopt;
    }
    return domain::to_millis(domain::shanghai_time(domain::Date{std::chrono::sys_days(*d) + std::chrono::days(add_days)}));
  };
  q.from_ms = day_start("from", 0);
  q.to_ms = day_start("to", 1);  // inclusive of the whole "to" day
  problems.throw_if_any("查询条件有误");
  return q;
}

}  // namespace qsm::api::declarations
