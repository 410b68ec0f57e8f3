// 企业办事员.
#include "service/clerk_service.hpp"

#include <algorithm>

#include "domain/checksum.hpp"
#include "domain/error.hpp"
#include "domain/notice.hpp"
#include "service/account_security.hpp"
#include "store/audit.hpp"

namespace qsm::service {
namespace {

std::string_view contract_kind(const domain::Actor& holder) { return holder.role == domain::Role::supervisor ? "supervision" : "general"; }

std::string actions_label(const std::string& codes) {
  std::string out;
  for (const auto& code : domain::split_list(codes))
    if (auto a = domain::clerk_action_from(code)) out += (out.empty() ? "" : "、") + std::string(domain::label(*a));
  return out.empty() ? "无" : out;
}

std::string who(const store::ClerkRow& k) { return domain::clerk_display_name(k.name) + "（" + domain::mask_mobile(k.mobile) + "）"; }

void audit(store::Connection& c, const app::App& app, const domain::Actor& actor, std::int64_t id, std::string action, std::string note) {
  store::append_audit(c, app.audit_key, {"clerk", id, std::nullopt, std::move(action), std::nullopt, std::nullopt, std::move(note)}, actor,
                      app.clock.now());
}

// Projects where the enterprise holds no contract of its kind, as one problem under project_ids.
void check_projects(store::Connection& c, const domain::Actor& holder, const std::vector<std::int64_t>& ids, domain::Problems& problems) {
  auto foreign = store::foreign_projects(c, holder.enterprise_id, contract_kind(holder), ids);
  if (foreign.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < foreign.size() && i < 5; ++i) list += (i ? "、" : "") + std::to_string(foreign[i]);
  problems.add("project_ids", "只能选择本企业为" + std::string(holder.role == domain::Role::supervisor ? "监理" : "施工总包") +
                                  "的工程（不是本企业工程的编号：" + list + (foreign.size() > 5 ? " 等" : "") + "）");
}

store::ClerkRow clerk_of(store::Connection& c, const domain::Actor& holder, std::int64_t id) {
  auto k = store::find_clerk(c, holder.enterprise_id, id);
  if (!k) throw Failure(Error::not_found, "办事员不存在");
  return *k;
}

std::vector<std::int64_t> project_ids_of(const store::ClerkRow& k) {
  std::vector<std::int64_t> ids;
  for (const auto& p : k.projects) ids.push_back(p.id);
  return ids;
}

std::string projects_note(const store::ClerkRow& k) {
  std::string out;
  for (std::size_t i = 0; i < k.projects.size() && i < 5; ++i) out += (i ? "、" : "") + k.projects[i].registration_no;
  if (k.projects.size() > 5) out += " 等 " + std::to_string(k.projects.size()) + " 个";
  return out;
}

}  // namespace

std::vector<store::ClerkRow> list_clerks(app::App& app, const domain::Actor& holder) {
  return app.db->read([&](store::Connection& c) { return store::clerks_of(c, holder.enterprise_id); });
}

store::ClerkRow create_clerk(app::App& app, const domain::Actor& holder, const domain::ClerkInput& in) {
  domain::Problems problems;
  domain::check_clerk(in, holder.role, problems);
  return app.db->write([&](store::Connection& c) {
    std::optional<std::int64_t> person;
    if (problems.empty()) {
      person = store::enterprise_person(c, holder.enterprise_id, in.name, in.mobile);
      if (!person)
        problems.add("mobile", "本企业在实名制系统登记的人员中没有 " + in.name + "（手机 " + domain::mask_mobile(in.mobile) +
                                   "）：请核对姓名和手机号，或先在实名制系统登记");
      else if (store::is_clerk(c, *person))
        problems.add("mobile", in.name + " 已是办事员：请在列表中修改其工程和业务");
      check_projects(c, holder, in.project_ids, problems);
    }
    problems.throw_if_any("请按提示填写办事员信息");
    const auto now = domain::to_millis(app.clock.now());
    const auto actions = domain::clerk_actions_text(domain::clerk_actions_of(in.actions));
    std::int64_t id = 0;
    try {
      id = store::insert_clerk(c, holder.enterprise_id, *person, actions, now);
    } catch (const store::DbError& e) {
      // The same person added by another request at the same moment (PostgreSQL's concurrent writers).
      if (e.kind() == store::DbError::Kind::unique_violation) throw Failure(Error::conflict, in.name + " 刚刚已被添加为办事员，请刷新列表");
      throw;
    }
    store::set_clerk_projects(c, id, in.project_ids);
    auto k = clerk_of(c, holder, id);
    audit(c, app, holder, id, "create", "新增" + who(k) + "：工程 " + projects_note(k) + "；业务 " + actions_label(actions));
    return k;
  });
}

store::ClerkRow change_clerk(app::App& app, const domain::Actor& holder, std::int64_t clerk_id, const ClerkChange& change) {
  bool ended = false;
  auto result = app.db->write([&](store::Connection& c) {
    const auto before = clerk_of(c, holder, clerk_id);
    // The form's checks over the clerk as it would be.
    const domain::ClerkInput next{before.name, before.mobile, change.project_ids.value_or(project_ids_of(before)),
                                  change.actions.value_or(domain::split_list(before.actions))};
    domain::Problems problems;
    domain::check_clerk(next, holder.role, problems);
    if (problems.empty() && change.project_ids) check_projects(c, holder, next.project_ids, problems);
    problems.throw_if_any("请按提示修改办事员信息");
    if (before.version != change.version) throw Failure(Error::conflict);

    const auto actions = domain::clerk_actions_text(domain::clerk_actions_of(next.actions));
    const bool disabled = change.disabled.value_or(before.disabled);
    if (!store::update_clerk(c, clerk_id, change.version, actions, disabled, domain::to_millis(app.clock.now()))) throw Failure(Error::conflict);
    if (change.project_ids) store::set_clerk_projects(c, clerk_id, next.project_ids);
    auto after = clerk_of(c, holder, clerk_id);

    std::vector<std::string> notes;
    // Both lists in the registration numbers' order: equal ids, the same projects.
    if (project_ids_of(before) != project_ids_of(after))
      notes.push_back("工程 " + projects_note(before) + " → " + projects_note(after));
    if (before.actions != actions) notes.push_back("业务 " + actions_label(before.actions) + " → " + actions_label(actions));
    if (disabled != before.disabled) {
      if (disabled) {
        const auto n = store::revoke_clerk_sessions(c, clerk_id);
        notes.push_back("停用，结束会话 " + std::to_string(n) + " 个");
        ended = true;
      } else {
        notes.push_back("启用");
      }
    }
    // Fewer projects or actions take effect at the clerk's next request: its sessions read them anew.
    if (!notes.empty()) {
      std::string note = who(after) + "：";
      for (std::size_t i = 0; i < notes.size(); ++i) note += (i ? "；" : "") + notes[i];
      audit(c, app, holder, clerk_id, "update", note);
    }
    return after;
  });
  // A disabled clerk's sessions, and a narrowed clerk's cached actions, are gone everywhere before the answer.
  if (ended || change.actions) forget_everywhere(app);
  return result;
}

}  // namespace qsm::service
