// Declaration service.
#include "service/declaration_service.hpp"

#include <algorithm>

#include "domain/problems.hpp"
#include "domain/workflow/management.hpp"
#include "service/workflow_step.hpp"
#include "store/clerk_store.hpp"
#include "store/identity_store.hpp"
#include "store/template_store.hpp"

namespace qsm::service {

using domain::declaration::Action;
using domain::declaration::State;

namespace {

using domain::field_failure;

// Typed, name + mobile must be a person of the real-name registry (otherwise the site user could not
// log in). Picked, the person must be registered with `enterprise_id`, the enterprise holding that
// contract (nullopt: the project has no such contract); an unknown id and another enterprise's
// person are refused alike, so a pick tells nothing the list did not.
std::int64_t resolve_manager(store::Connection& c, const ManagerInput& m, const std::string& field,
                             std::optional<std::int64_t> enterprise_id = std::nullopt) {
  if (m.person_id) {
    const bool general = field == "contractor_manager";
    if (!enterprise_id)
      throw field_failure(field + ".person_id", general ? "该工程没有施工总包合同，无法选择施工总包项目负责人"
                                                        : "该工程没有监理合同，无法选择监理项目负责人");
    if (!store::person_of_enterprise(c, *m.person_id, *enterprise_id))
      throw field_failure(field + ".person_id", std::string("所选人员不是该工程") + (general ? "施工总包企业" : "监理企业") +
                                                    "在现场人员实名制系统登记的人员，请从列表中重新选择");
    return *m.person_id;
  }
  auto id = store::person_by_name_mobile(c, m.name, m.mobile);
  if (!id) throw field_failure(field + ".mobile", "姓名与手机号在现场人员实名制系统中不匹配，请核对（否则该负责人无法登录现场用户）");
  return *id;
}

// Name + mobile checked against the registry would tell a stranger who is registered with which
// number: an enterprise has kManagerMissesPerEnterprise misses an hour, counted before the lookup in
// one statement, and once they are used up every lookup is refused alike, found or not.
constexpr int kManagerMissesPerEnterprise = 20;
constexpr std::int64_t kManagerMissWindowMs = 3'600'000;

void check_managers(app::App& app, const domain::Actor& actor, std::initializer_list<std::pair<const ManagerInput*, std::string_view>> managers) {
  // A picked person is checked against the enterprise's own list, which probes nothing: not counted.
  auto typed = [](const ManagerInput* m) { return m && !m->person_id; };
  if (std::none_of(managers.begin(), managers.end(), [&](const auto& m) { return typed(m.first); })) return;
  const auto now_ms = domain::to_millis(app.clock.now());
  const std::string key = "manager-misses:" + std::to_string(actor.enterprise_id);
  std::string missing;
  const auto window = app.db->write([&](store::Connection& c) {
    auto w = store::rate_take(c, key, now_ms, kManagerMissWindowMs);
    if (w.hits > kManagerMissesPerEnterprise) return w;
    for (const auto& [m, field] : managers)
      if (typed(m) && missing.empty() && !store::person_by_name_mobile(c, m->name, m->mobile)) missing = field;
    if (missing.empty()) store::rate_give_back(c, key, w.started_at);
    return w;
  });
  if (window.hits > kManagerMissesPerEnterprise) {
    const auto wait = (window.started_at + kManagerMissWindowMs - now_ms + 999) / 1000;
    throw Failure(Error::rate_limited, "本企业核对负责人姓名与手机号不匹配的次数过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试",
                  boost::json::object{{"retry_after", wait}});
  }
  if (!missing.empty()) throw field_failure(missing + ".mobile", "姓名与手机号在现场人员实名制系统中不匹配，请核对（否则该负责人无法登录现场用户）");
}

store::DeclarationRow load(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto row = store::find_declaration(c, domain::Scope::of(actor), id);
  if (!row) throw Failure(Error::not_found, "申报不存在");
  return *row;
}

constexpr const auto& kSpec = domain::declaration::kSpec;
using Request = workflow::Request<Action, store::DeclarationRow>;

// Scope, the machine and the version, checked before anything is looked up in the registry for this
// action (the write checks them again in its own transaction).
void precheck(app::App& app, const domain::Actor& actor, std::int64_t id, Action action, std::int64_t version) {
  const auto now = app.clock.now();
  app.db->read([&](store::Connection& c) {
    workflow::take(kSpec, actor, now, load(c, actor, id), Request{action, version, {}});
    return 0;
  });
}

}  // namespace

store::DeclarationRow get_declaration(app::App& app, const domain::Actor& actor, std::int64_t id) {
  return app.db->read([&](store::Connection& c) {
    auto d = load(c, actor, id);
    d.review = store::declaration_review(c, d.id);
    return d;
  });
}

store::DeclarationRow create_declaration(app::App& app, const domain::Actor& actor, const DeclarationInput& in) {
  if (actor.role != domain::Role::contractor) throw Failure(Error::forbidden, "只有施工企业可以申报");
  check_managers(app, actor, {{&*in.contractor_manager, "contractor_manager"}, {&*in.supervision_manager, "supervision_manager"}});
  const auto now = app.clock.now();
  return app.db->write([&](store::Connection& c) {
    auto project = store::declarable_project(c, in.project_id, actor.enterprise_id);
    if (!project) throw field_failure("project_id", "只能申报本企业为施工总包的工程");
    if (actor.clerk_id && !store::clerk_has_project(c, actor.clerk_id, in.project_id))
      throw field_failure("project_id", "只能申报证书管理员交给您办理的工程");
    if (project->has_declaration) throw Failure(Error::conflict, "该工程已有申报，每个工程只能申报一次");
    store::DeclarationFields f{in.quality_target, in.planned_start, in.planned_finish, in.overview,
                               resolve_manager(c, *in.contractor_manager, "contractor_manager", project->contractor_enterprise_id),
                               resolve_manager(c, *in.supervision_manager, "supervision_manager", project->supervisor_enterprise_id)};
    auto id = store::insert_declaration(c, *project, f, domain::to_millis(now), std::string(kSpec.code(State::draft)));
    workflow::audit(c, app.audit_key, actor, now, kSpec, id, id, kSpec.m.events[0].code, std::nullopt, State::draft, "");
    return load(c, actor, id);
  });
}

namespace {

// The audit note of an edit (issue 27: 操作日志 shows what changed): each changed field, old → new;
// the overview by its first characters. "" when nothing changed.
std::string edit_note(const store::DeclarationRow& a, const store::DeclarationRow& b) {
  // The overview whole when both fit 60 characters, else its beginning; "已修改" when the beginnings agree.
  const auto shortened = [](const std::string& text, std::size_t max) {
    std::size_t points = 0, i = 0;
    while (i < text.size() && points < max) {
      const auto lead = static_cast<unsigned char>(text[i]);
      i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      ++points;
    }
    return i < text.size() ? text.substr(0, i) + "…" : text;
  };
  std::string note;
  const auto add = [&](std::string text) { note += (note.empty() ? "" : "；") + text; };
  const auto field = [&](std::string_view label, const std::string& from, const std::string& to) {
    if (from != to) add(std::string(label) + "：" + (from.empty() ? "（空）" : from) + " → " + (to.empty() ? "（空）" : to));
  };
  field("质量目标", a.quality_target, b.quality_target);
  field("计划开工日期", a.planned_start, b.planned_start);
  field("计划竣工日期", a.planned_finish, b.planned_finish);
  if (a.overview != b.overview) {
    const auto from = shortened(a.overview, 60), to = shortened(b.overview, 60);
    if (from == to) add("工程概况：已修改");
    else field("工程概况", from, to);
  }
  if (a.contractor_manager.person_id != b.contractor_manager.person_id) field("施工总包项目负责人", a.contractor_manager.name, b.contractor_manager.name);
  if (a.supervision_manager.person_id != b.supervision_manager.person_id) field("监理项目负责人", a.supervision_manager.name, b.supervision_manager.name);
  return note;
}

}  // namespace

store::DeclarationRow update_declaration(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version,
                                         const DeclarationInput& in) {
  if (in.contractor_manager || in.supervision_manager) {
    precheck(app, actor, id, Action::edit, version);
    check_managers(app, actor, {{in.contractor_manager ? &*in.contractor_manager : nullptr, "contractor_manager"},
                                {in.supervision_manager ? &*in.supervision_manager : nullptr, "supervision_manager"}});
  }
  const auto now = app.clock.now();
  return app.db->write([&](store::Connection& c) {
    return workflow::step(c, app.audit_key, actor, now, kSpec, [&] { return load(c, actor, id); }, Request{Action::edit, version, {}},
                          [&](const store::DeclarationRow& row, const auto& step) {
                            // A picked manager belongs to the enterprise holding that contract now, as listed.
                            auto picked = [](const std::optional<ManagerInput>& m) { return m && m->person_id; };
                            const auto holders = picked(in.contractor_manager) || picked(in.supervision_manager)
                                                     ? store::contract_holders(c, row.project_id)
                                                     : std::nullopt;
                            auto resolve = [&](const std::optional<ManagerInput>& m, const std::string& field, std::int64_t kept,
                                               std::optional<std::int64_t> enterprise) { return m ? resolve_manager(c, *m, field, enterprise) : kept; };
                            store::DeclarationFields f{
                                in.quality_target, in.planned_start, in.planned_finish, in.overview,
                                resolve(in.contractor_manager, "contractor_manager", row.contractor_manager.person_id,
                                        holders ? std::optional(holders->general_enterprise_id) : std::nullopt),
                                resolve(in.supervision_manager, "supervision_manager", row.supervision_manager.person_id,
                                        holders ? holders->supervision_enterprise_id : std::nullopt)};
                            if (!store::update_declaration_fields(c, id, version, f, step.now_ms())) workflow::stale(kSpec.m.name, load(c, actor, id).version);
                            return edit_note(row, load(c, actor, id));
                          });
  });
}

ManagerChoices declaration_managers(app::App& app, const domain::Actor& actor, std::int64_t project_id) {
  if (actor.role != domain::Role::contractor) throw Failure(Error::forbidden, "只有施工企业可以申报");
  return app.db->read([&](store::Connection& c) {
    // The contractor's own project only: that of another enterprise is not found, as everywhere.
    auto holders = store::contract_holders(c, project_id);
    if (!holders || holders->general_enterprise_id != actor.enterprise_id ||
        (actor.clerk_id && !store::clerk_has_project(c, actor.clerk_id, project_id)))
      throw Failure(Error::not_found, "工程不存在");
    ManagerChoices out;
    out.general_manager_id = holders->general_manager_id;
    out.general = store::enterprise_persons(c, holders->general_enterprise_id, holders->general_manager_id);
    if (holders->supervision_enterprise_id) {
      out.supervision_manager_id = holders->supervision_manager_id.value_or(0);
      out.supervision = store::enterprise_persons(c, *holders->supervision_enterprise_id, out.supervision_manager_id);
    }
    return out;
  });
}

void delete_declaration(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version) {
  const auto now = app.clock.now();
  app.db->write([&](store::Connection& c) {
    auto row = load(c, actor, id);
    auto step = workflow::take(kSpec, actor, now, row, Request{Action::remove, version, {}});
    workflow::audit(c, app.audit_key, actor, now, kSpec, id, id, kSpec.code(Action::remove), step.from, std::nullopt,
                    "删除申报 " + row.registration_no);
    if (!store::delete_declaration(c, id, version)) throw Failure(Error::conflict);
  });
}

void check_declaration_action(app::App& app, const domain::Actor& actor, std::int64_t id, Action action, const ActionInput& in) {
  precheck(app, actor, id, action, in.version);
  if (in.supervision_manager) check_managers(app, actor, {{&*in.supervision_manager, "supervisor_manager"}});
}

store::DeclarationRow act_on_declaration(app::App& app, const domain::Actor& actor, std::int64_t id, Action action,
                                         const ActionInput& in) {
  if (in.supervision_manager) {
    precheck(app, actor, id, action, in.version);
    check_managers(app, actor, {{&*in.supervision_manager, "supervisor_manager"}});
  }
  const auto now = app.clock.now();
  const std::int64_t now_ms = domain::to_millis(now);
  return app.db->write([&](store::Connection& c) {
    return workflow::step(c, app.audit_key, actor, now, kSpec, [&] { return load(c, actor, id); }, Request{action, in.version, in.opinion},
                          [&](const store::DeclarationRow& row, const auto& step) {
                            store::StateChange change;
                            change.status = std::string(step.to_code());
                            change.management_status = row.management_status;
                            switch (action) {
                              case Action::submit:
                                change.submitted_at = now_ms;
                                change.review_written = true;  // a new round waits for its own review
                                break;
                              case Action::return_:
                              case Action::reject:
                                // Kept for the contractor until it resubmits (the audit trail keeps it for ever).
                                change.returned_by_role = std::string(domain::to_string(actor.role));
                                change.returned_by_name = actor.name;
                                change.returned_opinion = in.opinion;
                                change.returned_at = now_ms;
                                change.review_written = true;  // the round ended; its review stays in the trail
                                break;
                              case Action::pass:
                                if (in.supervision_manager) change.supervision_manager_id = resolve_manager(c, *in.supervision_manager, "supervisor_manager");
                                change.review_written = true;
                                change.review = store::DeclarationRow::Review{
                                    in.opinion.empty() ? std::nullopt : std::optional(in.opinion), actor.name, now_ms};
                                break;
                              case Action::accept: {
                                // The declaration keeps the template current at acceptance for all its evaluations.
                                auto tmpl = store::current_template(c);
                                if (!tmpl) throw Failure(Error::validation_failed, "尚未导入评分标准，无法受理；请系统管理员先导入评分标准");
                                change.template_id = tmpl->id;
                                change.accepted_at = now_ms;
                                // Its management starts (评价中).
                                change.management_status = std::string(domain::management::to_string(domain::management::Status::active));
                                if (!in.opinion.empty()) change.accept_opinion = in.opinion;
                                break;
                              }
                              default:
                                break;
                            }
                            if (!store::update_declaration_state(c, id, in.version, change, now_ms)) throw Failure(Error::conflict);
                            return in.opinion;
                          });
  });
}

}  // namespace qsm::service
