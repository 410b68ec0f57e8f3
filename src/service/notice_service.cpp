// 通知公告.
#include "service/notice_service.hpp"

#include "domain/error.hpp"
#include "store/audit.hpp"

namespace qsm::service {
namespace {

std::int64_t now_ms(const app::App& app) { return domain::to_millis(app.clock.now()); }

bool in_force(const store::NoticeRow& n, std::int64_t now) {
  return !n.withdrawn_at && n.valid_from <= now && (!n.valid_until || *n.valid_until > now);
}

// The notice as its manager may touch it: an authority only its own (404 otherwise, as for none).
store::NoticeRow managed(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto n = store::find_notice(c, id);
  if (!n || (actor.role == domain::Role::authority && n->authority_id != actor.authority_id)) throw Failure(Error::not_found, "通知不存在");
  return *n;
}

std::optional<std::string> own_district(store::Connection& c, const domain::Actor& actor) {
  if (actor.role != domain::Role::authority) return std::nullopt;
  return store::authority_district(c, actor.authority_id);
}

void audit(store::Connection& c, const app::App& app, const domain::Actor& actor, std::int64_t id, std::string action, std::string note) {
  store::append_audit(c, app.audit_key, {"notice", id, std::nullopt, std::move(action), std::nullopt, std::nullopt, std::move(note)}, actor,
                      app.clock.now());
}

}  // namespace

NoticeBoard my_notices(app::App& app, const domain::Actor& actor) {
  return app.db->read([&](store::Connection& c) {
    const auto districts = store::districts_of(c, actor);
    NoticeBoard board;
    for (auto& n : store::current_notices(c, now_ms(app), actor.ref)) {
      if (!domain::addressed_to(domain::split_list(n.roles), domain::split_list(n.districts), actor.role, districts)) continue;
      if (!n.read) ++board.unread;
      board.items.push_back(std::move(n));
    }
    return board;
  });
}

void read_notice(app::App& app, const domain::Actor& actor, std::int64_t id) {
  app.db->write([&](store::Connection& c) {
    auto n = store::find_notice(c, id);
    if (!n || !in_force(*n, now_ms(app)) ||
        !domain::addressed_to(domain::split_list(n->roles), domain::split_list(n->districts), actor.role, store::districts_of(c, actor)))
      throw Failure(Error::not_found, "通知不存在或已失效");
    store::mark_notice_read(c, id, actor.ref, now_ms(app));
  });
}

std::vector<store::NoticeRow> managed_notices(app::App& app, const domain::Actor& actor, int limit, int offset, std::int64_t& total) {
  return app.db->read([&](store::Connection& c) {
    std::optional<std::int64_t> authority;
    if (actor.role == domain::Role::authority) authority = actor.authority_id;
    return store::managed_notices(c, authority, limit, offset, total);
  });
}

store::NoticeRow publish_notice(app::App& app, const domain::Actor& actor, const domain::NoticeInput& n, domain::Problems problems) {
  return app.db->write([&](store::Connection& c) {
    domain::check_notice(n, own_district(c, actor), problems);
    problems.throw_if_any("请按提示填写通知");
    const auto id = store::insert_notice(c, n, actor, now_ms(app));
    audit(c, app, actor, id, "publish", "发布通知《" + n.title + "》");
    return *store::find_notice(c, id);
  });
}

store::NoticeRow edit_notice(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version, const domain::NoticeInput& n,
                             domain::Problems problems) {
  return app.db->write([&](store::Connection& c) {
    const auto before = managed(c, actor, id);
    if (before.withdrawn_at) throw Failure(Error::invalid_transition, "通知已撤回，不能修改");
    domain::check_notice(n, own_district(c, actor), problems);
    problems.throw_if_any("请按提示修改通知");
    if (!store::update_notice(c, id, version, n, now_ms(app))) throw Failure(Error::conflict);
    audit(c, app, actor, id, "edit", "修改通知《" + before.title + "》" + (before.title != n.title ? " → 《" + n.title + "》" : ""));
    return *store::find_notice(c, id);
  });
}

store::NoticeRow withdraw_notice(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version) {
  return app.db->write([&](store::Connection& c) {
    const auto before = managed(c, actor, id);
    if (before.withdrawn_at) throw Failure(Error::invalid_transition, "通知已撤回");
    if (!store::withdraw_notice(c, id, version, now_ms(app))) throw Failure(Error::conflict);
    audit(c, app, actor, id, "withdraw", "撤回通知《" + before.title + "》");
    return *store::find_notice(c, id);
  });
}

}  // namespace qsm::service
