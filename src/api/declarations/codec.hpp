// Declaration JSON: the answer shape (with status labels and the caller's actions) and the
// parsing of create/edit/action bodies into typed inputs (422 with every field problem).
#pragma once
#include <boost/json/object.hpp>

#include "api/context.hpp"
#include "service/declaration_service.hpp"
#include "service/queries.hpp"

namespace qsm::api::declarations {

boost::json::object to_json(const store::DeclarationRow& d, const domain::Actor& viewer);
// A manager as every answer shows one: {person_id, name, mobile_masked}, never the whole mobile.
boost::json::object manager_json(const store::ManagerRef& m);
// One declaration read on its own (GET, 综合信息): to_json and the supervisor's review of the round
// ("review": {opinion, reviewer, at} or null).
boost::json::object detail_json(const store::DeclarationRow& d, const domain::Actor& viewer);
// The `declaration` of a workflow record (monthly, quarterly, completion …).
boost::json::object ref_json(const store::DeclarationRef& r);
boost::json::object audit_json(const store::AuditRecord& a);
// The Chinese labels of an audit record's entity, action and states, whatever workflow wrote it.
struct AuditLabels {
  std::string_view entity, action;
  std::optional<std::string_view> from, to;
};
AuditLabels audit_labels(std::string_view entity, std::string_view action, const std::optional<std::string>& from,
                         const std::optional<std::string>& to);
// create = true: project_id and both managers are required; otherwise version is (into *version).
service::DeclarationInput parse_input(const boost::json::value& body, bool create, std::int64_t* version = nullptr);
service::ActionInput parse_action(const boost::json::value& body, bool allow_manager);
std::int64_t version_param(const Context& ctx);
store::DeclarationQuery parse_query(const http::Request& req);

}  // namespace qsm::api::declarations
