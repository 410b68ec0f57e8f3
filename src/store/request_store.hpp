// Management request persistence (中止/恢复/终止): one table for the three kinds, read per family
// (suspensions = suspend + resume, terminations), scoped like every workflow, written with versions;
// and the declaration's request in progress, claimed and closed with conditional UPDATEs.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "store/db.hpp"
#include "store/declaration_scope.hpp"
#include "store/spec_sql.hpp"

namespace qsm::store {

enum class RequestFamily { suspension, termination };

struct RequestRow : DeclarationRef {
  std::int64_t id = 0, version = 0;
  std::string kind, status, reason;
  std::optional<std::string> date;  // 中止日期 / 恢复日期; none for a termination
  std::string requested_by;
  std::int64_t requested_at = 0;
  std::optional<std::string> review_opinion, reviewer;
  std::optional<std::int64_t> reviewed_at;
  std::optional<std::string> register_opinion, registered_by;
  std::optional<std::int64_t> registered_at, withdrawn_at;
  std::int64_t updated_at = 0;
};

std::optional<RequestRow> find_request(Connection& c, const domain::Scope& scope, RequestFamily f, std::int64_t id);
// The declaration's requests of the family, newest first.
std::vector<RequestRow> requests_of_declaration(Connection& c, const domain::Scope& scope, RequestFamily f, std::int64_t declaration_id);

struct RequestQuery : ListQuery {
  std::string kind;  // suspend or resume within the suspension family; empty for any
};
bool valid_request_sort(std::string_view sort);
using RequestPage = Page<RequestRow>;
RequestPage list_requests(Connection& c, const domain::Scope& scope, RequestFamily f, const RequestQuery& q);
void each_request(Connection& c, const domain::Scope& scope, RequestFamily f, const RequestQuery& q,
                  const std::function<void(const RequestRow&)>& on_row);

struct NewRequest {
  std::string kind, reason;
  std::optional<std::string> date;
  std::string requested_by;
};
// A unique violation (DbError) when the declaration has a request in progress or a termination already.
// `status`: the state a new request starts in (from the spec).
std::int64_t insert_request(Connection& c, std::int64_t declaration_id, const NewRequest& r, std::int64_t now_ms, const std::string& status);
// Each write makes its spec's move and checks the version read; false means someone else changed the row first.
bool review_request(Connection& c, std::int64_t id, std::int64_t version, const std::string& opinion, const std::string& reviewer,
                    std::int64_t now_ms, const Move& move);
bool register_request(Connection& c, std::int64_t id, std::int64_t version, const std::string& opinion, const std::string& registered_by,
                      std::int64_t now_ms, const Move& move);
bool withdraw_request(Connection& c, std::int64_t id, std::int64_t version, std::int64_t now_ms, const Move& move);

// The declaration's suspensions and resumptions in state `registered`, in registration order: {kind, date}.
std::vector<std::pair<std::string, std::string>> registered_suspensions(Connection& c, std::int64_t declaration_id, const std::string& registered);

// The declaration's request in progress ("suspension", "termination", "completion"): claimed only
// when none is and the management status is still `status`; false otherwise.
bool claim_request(Connection& c, std::int64_t declaration_id, const std::string& request, const std::string& status, std::int64_t now_ms);
// Clears the claim and moves the management status from `from` to `to` (equal for a withdrawal);
// false when the claim or the status changed meanwhile.
bool close_request(Connection& c, std::int64_t declaration_id, const std::string& request, const std::string& from, const std::string& to,
                   std::int64_t now_ms);

}  // namespace qsm::store
