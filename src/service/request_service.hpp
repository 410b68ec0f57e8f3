// The management requests (SPEC §3.7, §3.8): the contractor asks to suspend (中止), resume (恢复)
// or terminate (终止) an accepted project, the site supervisor reviews, the authority registers and
// the declaration's management status follows in the same transaction. A suspension or resumption
// still pending review may be withdrawn. One transaction per step, audited on the request and, when
// the status changes, on the declaration.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "service/app.hpp"
#include "domain/actor.hpp"
#include "domain/workflow/management.hpp"
#include "store/audit.hpp"
#include "store/declaration_store.hpp"
#include "store/request_store.hpp"

namespace qsm::service {

// The declaration's registered suspension intervals, oldest first.
std::vector<domain::management::Interval> suspension_intervals(store::Connection& c, std::int64_t declaration_id);
// The intervals of registered suspensions and resumptions as the store reads them: {kind, date} in
// registration order.
std::vector<domain::management::Interval> intervals_of(const std::vector<std::pair<std::string, std::string>>& registered);
// The request in progress on a declaration as read (for the one-request-in-progress rule).
std::optional<domain::management::OpenRequest> open_request_of(const store::DeclarationRow& d);
// What the caller may request on the declaration now (only the contractor requests; accepted only).
std::vector<domain::management::Request> requestable(const store::DeclarationRow& d, const domain::Actor& actor);
// Throws unless the contractor may make the request now: 409 invalid_transition with the reason.
void check_requestable(const store::DeclarationRow& d, domain::management::Request r);
// The management change a registration makes (SPEC §3.2), in the caller's transaction: the declaration's
// request in progress (`open`) ends and its status moves by the change's step from `from`, recorded
// on the declaration's trail. False when the status or the request moved meanwhile.
bool change_management(store::Connection& c, const store::AuditKey& key, const domain::Actor& actor, domain::Instant now, std::int64_t declaration_id,
                       domain::management::Open open, domain::management::Change change, domain::management::Status from, std::string note);

store::RequestRow request_suspension(app::App& app, const domain::Actor& actor, std::int64_t declaration_id, domain::management::Kind kind,
                                     const std::string& reason, const std::string& date);
store::RequestRow request_termination(app::App& app, const domain::Actor& actor, std::int64_t declaration_id, const std::string& reason);

store::RequestRow get_request(app::App& app, const domain::Actor& actor, store::RequestFamily f, std::int64_t id);
store::RequestRow review_request(app::App& app, const domain::Actor& actor, store::RequestFamily f, std::int64_t id, std::int64_t version,
                                 const std::string& opinion);
store::RequestRow register_request(app::App& app, const domain::Actor& actor, store::RequestFamily f, std::int64_t id, std::int64_t version,
                                   const std::string& opinion);
store::RequestRow withdraw_suspension(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version);

struct SuspensionHistory {
  std::vector<store::RequestRow> items;  // newest first
  std::vector<domain::management::Interval> intervals;
};
SuspensionHistory declaration_suspensions(app::App& app, const domain::Actor& actor, std::int64_t declaration_id);
SuspensionHistory declaration_suspensions(store::Connection& c, const domain::Actor& actor, std::int64_t declaration_id);

}  // namespace qsm::service
