// Monthly evaluation JSON: the record (with status labels and the caller's actions), both sheets
// with their computed results, and the parsing of sheets, actions and list queries.
#pragma once
#include <boost/json/object.hpp>

#include "api/context.hpp"
#include "domain/workflow/overdue.hpp"
#include "service/monthly_service.hpp"

namespace qsm::api::monthly {

// The list form: the record without its sheets.
boost::json::object to_json(const store::MonthlyRow& m, const domain::Actor& viewer);
// A list's item: to_json and `overdue` ({lateness, label, deadline} or null) of an active project's month.
boost::json::object list_json(const store::MonthlyRow& m, const domain::Actor& viewer, domain::Date today,
                              const domain::overdue::Deadlines& deadlines);
// The detail form: with `self` and `review` (a copy of the self sheet, saved = false, until the
// site supervisor saves one).
// With the sheets' photos (issue 23) and, for whoever may edit a sheet, `history`.
boost::json::object detail_json(const service::MonthlyDetail& detail, const domain::Actor& viewer);

struct SheetBody {
  std::int64_t version = 0;
  domain::scoring::SheetInput input;
};
// {version, not_applicable: [code], deductions: [{clause, problem}]}; version is optional in a preview.
SheetBody parse_sheet(const boost::json::value& body, bool preview);
// {version} of an action.
store::MonthlyQuery parse_query(const http::Request& req);

}  // namespace qsm::api::monthly
