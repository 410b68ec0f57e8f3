// The JSON form of a sheet's input (not-applicable items, deducted clauses with their problems) and
// of its computed result: what the store keeps and what the API shows, one shape for both.
#pragma once
#include <boost/json/object.hpp>

#include "domain/scoring/engine.hpp"

namespace qsm::domain::scoring {

boost::json::object to_json(const SheetInput& in);
boost::json::object to_json(const SheetResult& r);
// Inverses for stored JSON (written by to_json; a malformed value throws).
SheetInput sheet_input_from_json(const boost::json::value& v);
SheetResult sheet_result_from_json(const boost::json::value& v);

}  // namespace qsm::domain::scoring
