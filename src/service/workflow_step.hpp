// One step of any workflow on a stored record, the same way for every workflow (issue 22): load in
// the actor's scope → the spec decides → version check → the opinion the spec requires → write the
// new state → audit with the spec's codes → reload. Each service says only what its step writes.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <type_traits>

#include "domain/problems.hpp"
#include "domain/time.hpp"
#include "domain/workflow/spec.hpp"
#include "store/audit.hpp"
#include "store/db.hpp"

namespace qsm::service::workflow {

using domain::workflow::Branch;
using domain::workflow::Spec;

// What the step's writer is told: the spec's step, the states it leads from and to.
template <class S, class A>
struct Taken {
  const Spec<S, A>& spec;
  A action;
  S from, to;
  domain::Instant now;
  std::int64_t now_ms() const { return domain::to_millis(now); }
  std::string_view to_code() const { return spec.code(to); }
};

// The 409 of a record changed since the client read it; `version` in details, for the client's reload.
[[noreturn]] inline void stale(std::string_view record, std::int64_t version) {
  throw Failure(Error::conflict, std::string(record) + "已被他人修改（版本 " + std::to_string(version) + "），请刷新后重试",
                boost::json::object{{"version", version}});
}

// The audit record of a step of `spec` on the record `id` of the declaration `declaration_id`.
template <class S, class A>
void audit(store::Connection& c, const store::AuditKey& key, const domain::Actor& actor, domain::Instant now, const Spec<S, A>& spec,
           std::int64_t id, std::int64_t declaration_id, std::string_view action, std::type_identity_t<std::optional<S>> from,
           std::type_identity_t<std::optional<S>> to, std::string note) {
  store::append_audit(c, key,
                      {std::string(spec.m.entity), id, declaration_id, std::string(action),
                       from ? std::optional<std::string>(spec.code(*from)) : std::nullopt,
                       to ? std::optional<std::string>(spec.code(*to)) : std::nullopt,
                       note.empty() ? std::nullopt : std::optional<std::string>(std::move(note))},
                      actor, now);
}

// A step's request: the action, the version the client read, its opinion, and (for an action with two
// ends) which end the stored record leads to.
template <class A, class Row>
struct Request {
  A action;
  std::int64_t version;
  std::string opinion;
  std::function<Branch(const Row&)> branch = {};
};

// The declaration a record belongs to (a declaration belongs to itself).
template <class Row>
std::int64_t declaration_of(const Row& row) {
  if constexpr (requires { row.declaration_id; })
    return row.declaration_id;
  else
    return row.id;
}

// The checks of a step on a loaded record, in SPEC §1's order after its 404: 403 (the role never takes
// the action), 409 invalid_transition (not in this state), 409 conflict (the version), 422 (the opinion).
template <class S, class A, class Row>
Taken<S, A> take(const Spec<S, A>& spec, const domain::Actor& actor, domain::Instant now, const Row& row, const Request<A, Row>& req) {
  const auto from = spec.state_from(row.status);
  if (!from) throw Failure(Error::internal, std::string(spec.m.name) + "状态未知：" + row.status);
  const auto& t = spec.decide(*from, req.action, actor.role, req.branch ? req.branch(row) : Branch::usual);
  if (row.version != req.version) stale(spec.m.name, row.version);
  const auto& a = spec.action(req.action);
  if (a.opinion_required() && req.opinion.empty())
    throw domain::field_failure("opinion", std::string(a.label) + "时必须填写" + std::string(a.opinion));
  return {spec, req.action, *from, Spec<S, A>::to(t), now};
}

// The step, inside the caller's write transaction. `load()` reads the record in the actor's scope (404
// when out of it); `write(row, taken)` writes the new state with the version the client read (throwing
// 409 conflict when the write finds it moved) and returns the audit note. Returns the record as stored
// after the step.
template <class S, class A, class Load, class Write>
auto step(store::Connection& c, const store::AuditKey& key, const domain::Actor& actor, domain::Instant now, const Spec<S, A>& spec,
          Load load, const Request<A, std::invoke_result_t<Load>>& req, Write write) {
  auto row = load();
  const auto taken = take(spec, actor, now, row, req);
  std::string note = write(row, taken);
  audit(c, key, actor, now, spec, row.id, declaration_of(row), spec.code(req.action), taken.from, taken.to, std::move(note));
  return load();
}

}  // namespace qsm::service::workflow
