// The scoring template (评分标准): check items → sub-items → clauses, validated per SPEC §6.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "domain/points.hpp"
#include "domain/problems.hpp"

namespace qsm::domain::scoring {

struct Clause {
  std::string code, text;
};
struct SubItem {
  std::string code, name;
  Points score;  // 分项得分 P_s
  std::vector<Clause> clauses;
};
struct CheckItem {
  std::string code, name;
  Points standard_score;  // 标准分 S_k
  std::vector<SubItem> sub_items;
};
struct Template {
  std::string code;
  std::int64_t version = 0;
  std::string name;
  std::vector<CheckItem> check_items;

  std::size_t sub_item_count() const;
  std::size_t clause_count() const;
  // The clause with this code, or nullptr.
  const Clause* find_clause(std::string_view code) const;
};

struct ParsedTemplate {
  Template tmpl;
  Problems problems;
};

inline constexpr Points kTotalStandardScore = Points::whole(100);

// Every problem at once: structure, lengths, 2-decimal scores, sums, unique codes.
ParsedTemplate parse_template(const boost::json::value& root);
// The canonical JSON form (SPEC §6 format), as stored and served.
boost::json::value to_json(const Template& t);

}  // namespace qsm::domain::scoring
