// Management request service.
#include "service/request_service.hpp"

#include "service/workflow_step.hpp"

#include "domain/problems.hpp"
#include "domain/workflow/completion.hpp"
#include "domain/workflow/declaration.hpp"

namespace qsm::service {

namespace dm = domain::management;

namespace {

const char* kFamilyNames[] = {"中止/恢复申请", "终止申请"};

store::RequestRow load(store::Connection& c, const domain::Actor& actor, store::RequestFamily f, std::int64_t id) {
  auto row = store::find_request(c, domain::Scope::of(actor), f, id);
  if (!row) throw Failure(Error::not_found, std::string(kFamilyNames[static_cast<int>(f)]) + "不存在");
  return *row;
}

store::DeclarationRow load_declaration(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto row = store::find_declaration(c, domain::Scope::of(actor), id);
  if (!row) throw Failure(Error::not_found, "申报不存在");
  return *row;
}

dm::Kind kind_of(const store::RequestRow& r) { return *dm::kind_from(r.kind); }

// The management status of an accepted declaration; a declaration not yet accepted takes no request.
dm::Status management_of(const store::DeclarationRow& d, std::string_view what) {
  if (!d.accepted_at || !d.management_status)
    throw Failure(Error::invalid_transition, "申报尚未受理，不能" + std::string(what), boost::json::object{{"status", d.status}});
  return *dm::status_from(*d.management_status);
}

const dm::RequestSpec& spec_of(const store::RequestRow& row) { return dm::spec_of(kind_of(row)); }

template <class Taken>
store::Move move_of(const Taken& t) {
  return {std::string(t.spec.code(t.from)), std::string(t.to_code())};
}

std::string with_opinion(std::string_view what, const std::string& opinion) {
  return std::string(what) + (opinion.empty() ? "" : "：" + opinion);
}

// Claims the declaration's request in progress and inserts the request, audited; the row as stored.
store::RequestRow start(store::Connection& c, const store::AuditKey& key, const domain::Actor& actor, domain::Instant now, const store::DeclarationRow& d,
                        const store::NewRequest& in, std::string note) {
  const auto kind = *dm::kind_from(in.kind);
  const auto now_ms = domain::to_millis(now);
  if (!store::claim_request(c, d.id, std::string(dm::to_string(dm::open_of(kind))), *d.management_status, now_ms))
    throw Failure(Error::conflict, "工程状态刚刚发生变化（可能已有其他申请），请刷新后重试");
  std::int64_t id = 0;
  try {
    id = store::insert_request(c, d.id, in, now_ms, std::string(dm::to_string(dm::State::pending_review)));
  } catch (const store::DbError& e) {
    if (e.kind() == store::DbError::Kind::unique_violation) throw Failure(Error::conflict, "该工程已有" + std::string(dm::label(kind)) + "申请");
    throw;
  }
  const auto family = kind == dm::Kind::terminate ? store::RequestFamily::termination : store::RequestFamily::suspension;
  auto row = load(c, actor, family, id);
  const auto& spec = spec_of(row);
  workflow::audit(c, key, actor, now, spec, row.id, row.declaration_id, spec.m.events[0].code, std::nullopt, dm::State::pending_review, std::move(note));
  return row;
}

// One step of the request's machine (its kind's spec): `write` does the step's own writing and returns the trail note.
template <class Write>
store::RequestRow step(app::App& app, const domain::Actor& actor, store::RequestFamily f, std::int64_t id, std::int64_t version,
                       dm::Action action, const std::string& opinion, Write write) {
  const auto now = app.clock.now();
  return app.db->write([&](store::Connection& c) {
    // The kind (and so the spec) is the stored request's: the first load serves the step's own.
    std::optional<store::RequestRow> first = load(c, actor, f, id);
    const auto kind = kind_of(*first);
    const auto load_it = [&] {
      if (!first) return load(c, actor, f, id);
      auto row = std::move(*first);
      first.reset();
      return row;
    };
    return workflow::step(c, app.audit_key, actor, now, dm::spec_of(kind), load_it, workflow::Request<dm::Action, store::RequestRow>{action, version, opinion},
                          [&](const store::RequestRow& r, const auto& taken) { return write(c, r, kind, taken); });
  });
}

}  // namespace

bool change_management(store::Connection& c, const store::AuditKey& key, const domain::Actor& actor, domain::Instant now, std::int64_t declaration_id,
                       dm::Open open, dm::Change change, dm::Status from, std::string note) {
  const auto& spec = dm::kStatusSpec;
  const auto* t = spec.system_step(from, change);
  if (!t) return false;
  const auto from_code = std::string(spec.code(from)), to_code = std::string(spec.code(spec.to(*t)));
  if (!store::close_request(c, declaration_id, std::string(dm::to_string(open)), from_code, to_code, domain::to_millis(now))) return false;
  // Recorded on the declaration's own trail, as one of its changes.
  store::append_audit(c, key, {std::string(domain::declaration::kSpec.m.entity), declaration_id, declaration_id, std::string(spec.code(change)),
                               from_code, to_code, std::move(note)},
                      actor, now);
  return true;
}

std::vector<dm::Interval> intervals_of(const std::vector<std::pair<std::string, std::string>>& registered) {
  std::vector<dm::Registered> parsed;
  for (const auto& [kind, date] : registered) parsed.push_back({*dm::kind_from(kind), *domain::parse_date(date)});
  return dm::intervals(parsed);
}

std::vector<dm::Interval> suspension_intervals(store::Connection& c, std::int64_t declaration_id) {
  return intervals_of(store::registered_suspensions(c, declaration_id, std::string(dm::to_string(dm::State::registered))));
}

std::optional<dm::OpenRequest> open_request_of(const store::DeclarationRow& d) {
  if (!d.open_request) return std::nullopt;
  const auto what = *dm::open_from(*d.open_request);
  std::string state;
  if (what == dm::Open::completion && d.completion_status)
    state = domain::completion::state_label(*d.completion_status);
  else if (what == dm::Open::termination && d.termination)
    state = dm::kTerminationSpec.m.state_label(d.termination->status);
  else if (what == dm::Open::suspension && d.suspension)
    state = dm::label(*dm::state_from(d.suspension->status), *dm::kind_from(d.suspension->kind));
  return dm::OpenRequest{what, state};
}

std::vector<dm::Request> requestable(const store::DeclarationRow& d, const domain::Actor& actor) {
  if (actor.role != domain::Role::contractor || !d.accepted_at || !d.management_status) return {};
  return dm::requestable(*dm::status_from(*d.management_status), open_request_of(d));
}

void check_requestable(const store::DeclarationRow& d, dm::Request r) {
  dm::check_request(r, management_of(d, dm::label(r)), open_request_of(d));
}

store::RequestRow request_suspension(app::App& app, const domain::Actor& actor, std::int64_t declaration_id, dm::Kind kind,
                                     const std::string& reason, const std::string& date) {
  if (actor.role != domain::Role::contractor) throw Failure(Error::forbidden, "只有施工企业可以申请中止或恢复");
  const auto now = app.clock.now();
  return app.db->write([&](store::Connection& c) {
    auto d = load_declaration(c, actor, declaration_id);
    check_requestable(d, kind == dm::Kind::suspend ? dm::Request::suspend : dm::Request::resume);
    if (kind == dm::Kind::suspend && reason.empty()) throw domain::field_failure("reason", "请填写中止原因");
    auto day = domain::parse_date(date);
    if (!day) throw domain::field_failure("date", std::string(dm::label(kind)) + "日期应为 YYYY-MM-DD");
    const auto accepted = domain::shanghai_date(domain::from_millis(*d.accepted_at));
    if (auto why = dm::date_problem(kind, *day, domain::shanghai_date(now), accepted, suspension_intervals(c, d.id)))
      throw domain::field_failure("date", *why);
    const auto by = actor.organisation.empty() ? actor.name : actor.organisation;
    return start(c, app.audit_key, actor, now, d, {std::string(dm::to_string(kind)), reason, date, by},
                 with_opinion(std::string(dm::label(kind)) + "日期 " + date, reason));
  });
}

store::RequestRow request_termination(app::App& app, const domain::Actor& actor, std::int64_t declaration_id, const std::string& reason) {
  if (actor.role != domain::Role::contractor) throw Failure(Error::forbidden, "只有施工企业可以申请终止");
  const auto now = app.clock.now();
  return app.db->write([&](store::Connection& c) {
    auto d = load_declaration(c, actor, declaration_id);
    if (d.termination) throw Failure(Error::conflict, "该工程已申请终止（" + std::string(dm::kTerminationSpec.m.state_label(d.termination->status)) + "）");
    check_requestable(d, dm::Request::terminate);
    if (reason.empty()) throw domain::field_failure("reason", "请填写终止原因");
    const auto by = actor.organisation.empty() ? actor.name : actor.organisation;
    return start(c, app.audit_key, actor, now, d, {"terminate", reason, std::nullopt, by}, reason);
  });
}

store::RequestRow get_request(app::App& app, const domain::Actor& actor, store::RequestFamily f, std::int64_t id) {
  return app.db->read([&](store::Connection& c) { return load(c, actor, f, id); });
}

store::RequestRow review_request(app::App& app, const domain::Actor& actor, store::RequestFamily f, std::int64_t id, std::int64_t version,
                                 const std::string& opinion) {
  return step(app, actor, f, id, version, dm::Action::review, opinion,
              [&](store::Connection& c, const store::RequestRow& row, dm::Kind kind, const auto& taken) {
                if (!store::review_request(c, row.id, version, opinion, actor.name, taken.now_ms(), move_of(taken))) throw Failure(Error::conflict);
                return with_opinion(dm::label(dm::Action::review, kind), opinion);
              });
}

store::RequestRow register_request(app::App& app, const domain::Actor& actor, store::RequestFamily f, std::int64_t id, std::int64_t version,
                                   const std::string& opinion) {
  return step(app, actor, f, id, version, dm::Action::register_, opinion,
              [&](store::Connection& c, const store::RequestRow& row, dm::Kind kind, const auto& taken) {
                const auto now_ms = taken.now_ms();
                const auto by = actor.organisation.empty() ? actor.name : actor.organisation;
                if (!store::register_request(c, row.id, version, opinion, by, now_ms, move_of(taken))) throw Failure(Error::conflict);
                std::string what = std::string(dm::label(dm::Action::register_, kind));
                if (row.date) what += "（" + std::string(dm::label(kind)) + "日期 " + *row.date + "）";
                // The declaration's management status follows, from the status the request was made in.
                const auto from = dm::status_from(row.management_status.value_or(""));
                if (!from || !change_management(c, app.audit_key, actor, domain::from_millis(now_ms), row.declaration_id, dm::open_of(kind),
                                                dm::registered_change(kind), *from, what))
                  throw Failure(Error::conflict, "工程状态已变化，请刷新后重试");
                return with_opinion(what, opinion);
              });
}

store::RequestRow withdraw_suspension(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version) {
  return step(app, actor, store::RequestFamily::suspension, id, version, dm::Action::withdraw, std::string(),
              [&](store::Connection& c, const store::RequestRow& row, dm::Kind kind, const auto& taken) {
                const auto now_ms = taken.now_ms();
                if (!store::withdraw_request(c, row.id, version, now_ms, move_of(taken))) throw Failure(Error::conflict);
                const auto status = row.management_status.value_or("");
                if (!store::close_request(c, row.declaration_id, std::string(dm::to_string(dm::open_of(kind))), status, status, now_ms))
                  throw Failure(Error::conflict, "工程状态已变化，请刷新后重试");
                return "撤回" + std::string(dm::label(kind)) + "申请";
              });
}

SuspensionHistory declaration_suspensions(store::Connection& c, const domain::Actor& actor, std::int64_t declaration_id) {
  auto d = load_declaration(c, actor, declaration_id);
  return {store::requests_of_declaration(c, domain::Scope::of(actor), store::RequestFamily::suspension, d.id), suspension_intervals(c, d.id)};
}

SuspensionHistory declaration_suspensions(app::App& app, const domain::Actor& actor, std::int64_t declaration_id) {
  return app.db->read([&](store::Connection& c) { return declaration_suspensions(c, actor, declaration_id); });
}

}  // namespace qsm::service
