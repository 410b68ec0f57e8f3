// GET /api/declarations/managers?project_id= — whom the 申报 form offers as the two managers (issue 26):
// the real-name registry's persons of the enterprise holding each contract, name and masked mobile.
#include <boost/json.hpp>

#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "domain/checksum.hpp"
#include "domain/problems.hpp"

namespace qsm::api::declarations {
namespace {

// `contract_manager`: the person the contract names as its 项目负责人 (listed first, the form's default).
boost::json::array persons_json(const std::vector<store::ManagerRef>& persons, std::int64_t contract_manager) {
  boost::json::array out;
  for (const auto& p : persons)
    out.push_back(boost::json::object{
        {"id", p.person_id}, {"name", p.name}, {"mobile_masked", domain::mask_mobile(p.mobile)}, {"contract_manager", p.person_id == contract_manager}});
  return out;
}

}  // namespace

http::Response managers(Context& ctx) {
  auto choices = service::declaration_managers(ctx.app, ctx.actor(), positive_query_param(ctx, "project_id", "缺少或无效的 project_id 参数：应为申报工程的 id"));
  return json_response(boost::json::object{{"general", persons_json(choices.general, choices.general_manager_id)},
                                           {"supervision", persons_json(choices.supervision, choices.supervision_manager_id)}});
}

}  // namespace qsm::api::declarations
