// The declaration scope of each role as a WHERE fragment over `declarations d` (SPEC §1 "sees"),
// shared by every aggregate that hangs off a declaration. $1 is the scope's id in every fragment.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>
#include <string>
#include <string_view>

#include "domain/actor.hpp"
#include "domain/paging.hpp"
#include "store/db.hpp"

namespace qsm::store {

struct ScopeSql {
  std::string_view where;
  std::int64_t id;
};

// Supervisors and authorities see a declaration once it has been submitted (a draft is the
// contractor's own work).
ScopeSql declaration_scope(const domain::Scope& s);
// Whether the scope is a construction enterprise's over all its declarations (its certificate
// holder's, not a clerk's): the one whose months are read by their copy of the enterprise (V037).
bool whole_contractor(const domain::Scope& s);
// Whether the scope is an authority's (the declarations of its district).
bool authority_scope(const domain::Scope& s);

// What a workflow record shows of the declaration it belongs to (lists, exports, prints).
struct DeclarationRef {
  std::int64_t declaration_id = 0;
  std::string registration_no, project_name, district, general_name;
  std::optional<std::string> supervision_name, management_status;
  bool stop_work = false;  // an open 停工整改 rectification order (issue 24): shown as 停工整改中 wherever the project is named
};
// The SELECT columns of a DeclarationRef (after the record's own columns), all of `declarations d`:
// the project's 报监编号, name and district (V019, V034, V053) and the enterprises' names (V050) as the
// declaration carries them, so that no list row looks up its project or enterprises. Read back with
// read_declaration_ref from the first of these columns.
inline constexpr std::string_view kDeclarationRefColumns =
    "d.id, d.registration_no, d.project_name, d.district, d.contractor_name, d.supervisor_name, d.management_status, "
    "CASE WHEN EXISTS (SELECT 1 FROM rectifications sw WHERE sw.declaration_id = d.id AND sw.kind = 'stop_work' AND sw.status <> 'closed') "
    "THEN 1 ELSE 0 END ";
inline constexpr int kDeclarationRefWidth = 8;  // the number of those columns
void read_declaration_ref(const Row& r, int first, DeclarationRef& out);

// The query form every workflow list shares; each list adds its own ranges.
struct ListQuery {
  std::string q;                // 工程名称 or 报监编号 contains
  std::string status, district;  // exact, empty for any
  std::string sort;             // one of the list's sort keys; empty for its default order
  int page = 1, page_size = 20;
};

// One of a list's sort keys and the ORDER BY it stands for; the first of a table is the default.
struct SortOrder {
  std::string_view key, order_by;
};
std::string_view order_by(std::span<const SortOrder> sorts, std::string_view key);
// The same ORDER BY with every term's direction turned ("ORDER BY a DESC, b" → "ORDER BY a ASC, b DESC"):
// a page read from the end of its list (domain::page_window).
std::string reversed_order(std::string_view order_by);
bool has_sort(std::span<const SortOrder> sorts, std::string_view key);

// A WHERE clause built from the scope fragment ($1) and only the filters a request uses, so the
// planner sees plain predicates it can match to an index (an `($n = '' OR col = $n)` form hides them).
// Fragments are constants of the store; each "?" in one becomes the next $n, bound to the next value.
class Conditions {
 public:
  explicit Conditions(const ScopeSql& s) : sql_(s.where), params_{Value{s.id}} {}
  template <class... V>
  Conditions& add(std::string_view fragment, V&&... values) {
    for (char ch : fragment) sql_ += ch == '?' ? "$" + std::to_string(++numbered_) : std::string(1, ch);
    (params_.push_back(to_value(std::forward<V>(values))), ...);
    return *this;
  }
  const std::string& sql() const { return sql_; }
  const std::vector<Value>& params() const { return params_; }
  // The positional parameter after the last one bound ($n of LIMIT, then OFFSET).
  std::string next_param(int after = 0) const { return "$" + std::to_string(numbered_ + 1 + after); }

 private:
  std::string sql_;
  std::vector<Value> params_;
  int numbered_ = 1;  // $1 is the scope's id
};

// The 名称/编号 search (`q`) of a list over `declarations d`: the trigram index where it serves
// (project_search_phrase), else a case-insensitive LIKE over the declaration's own copies
// (registration_no, project_name, kept by the database), on PostgreSQL strpos for under three characters.
void add_project_search(Conditions& w, Dialect d, const domain::Scope& scope, std::string_view q);
// The same choice over any table's 报监编号 and name: `indexed` takes the trigram phrase (SQLite, three
// characters or more), `contains_short` the text twice (PostgreSQL under three characters, strpos),
// `contains` the LIKE pattern twice (otherwise).
struct SearchFragments {
  std::string_view indexed, contains, contains_short;
};
void add_search(Conditions& w, Dialect d, const SearchFragments& f, std::string_view q);

template <class R>
struct Page {
  std::vector<R> items;
  std::int64_t total = 0;
};

// One page of a list: the count of `count_sql` with `filter`, then the rows of `select_sql`, whose
// last two parameters (after the filter's) are LIMIT and OFFSET.
template <class R, class FromRow>
Page<R> fetch_page(Connection& c, const std::string& count_sql, const std::string& select_sql, std::vector<Value> filter,
                   const ListQuery& q, FromRow from_row) {
  Page<R> page;
  page.total = c.query_one(count_sql, filter)->integer(0);
  filter.emplace_back(std::int64_t{q.page_size});
  filter.emplace_back(std::int64_t{q.page - 1} * q.page_size);
  c.run(select_sql, filter, [&](Row& r) { page.items.push_back(from_row(r)); });
  return page;
}

// The rows of a list page whose ids are read first and then joined for those rows only: `head` (the
// columns, then "FROM t JOIN ("), the ids' statement `ids` ("SELECT x.id FROM … WHERE …", with the
// filters of `w`) in `order`, or in the reverse order from the end when the page is in the second half
// of the list's `total` rows (domain::page_window: every order must be total), then `tail`
// (") pg ON … WHERE <the caller's scope again> ") and the order once more. The LIMIT is the page size
// written into the statement (1–100: api::paging): PostgreSQL's generic plan of a LIMIT parameter took
// it for a tenth of the scope and sorted the district with a parallel worker instead of walking the
// order's index, 30–40 ms a page of the month list at 20k projects (session 30). A page past the end
// runs nothing.
template <class R, class FromRow>
void read_page_of_ids(Connection& c, std::string_view head, const std::string& ids, const Conditions& w, std::string_view tail,
                      std::string_view order, std::int64_t total, const ListQuery& q, std::vector<R>& items, FromRow from_row) {
  const auto window = domain::page_window(total, q.page, q.page_size);
  if (window.limit == 0) return;
  auto bound = w.params();
  bound.emplace_back(window.offset);
  std::string text(head);
  text += ids;
  text += window.from_end ? reversed_order(order) : std::string(order);
  text += " LIMIT " + std::to_string(q.page_size) + " OFFSET " + w.next_param();
  text += tail;
  text += order;
  c.run(text, bound, [&](Row& r) { items.push_back(from_row(r)); });
  // A short last page read from the end came with the rows before it: the page is the last of them.
  if (items.size() > static_cast<std::size_t>(window.limit)) items.erase(items.begin(), items.end() - window.limit);
}

}  // namespace qsm::store
