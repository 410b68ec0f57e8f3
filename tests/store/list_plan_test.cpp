// The authority's lists cost their page, not their district (issue 25), checked on SQLite's query
// plans rather than on timings: for every sort and filter of the declaration and monthly lists, the
// page's ids and the total are read from one index in the order asked for — no temporary sort of
// the district, no full scan, and without a project filter no table row either (a covering index).
// A changed sort or a dropped index makes the page sort the district again, and this test fail.
#include <array>
#include <atomic>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <tuple>

#include "domain/workflow/monthly.hpp"
#include "service/bench_data.hpp"
#include "service/task_service.hpp"
#include "store/dashboard_store.hpp"
#include "store/declaration_store.hpp"
#include "store/monthly_store.hpp"
#include "store/quarterly_store.hpp"
#include "store/registry_store.hpp"
#include "store/task_store.hpp"
#include "store_fixture.hpp"

namespace qsm::test {
namespace {

// A connection that keeps every statement it runs and, on SQLite, asks for its plan before running it.
class PlanRecorder : public store::Connection {
 public:
  struct Line {
    std::int64_t id = 0, parent = 0;
    std::string detail;
  };
  struct Plan {
    std::string sql;
    std::vector<Line> lines;
  };

  explicit PlanRecorder(store::Connection& inner) : inner_(inner) {}
  store::Dialect dialect() const override { return inner_.dialect(); }
  void execute_script(std::string_view sql) override { inner_.execute_script(sql); }
  std::int64_t run(std::string_view sql, std::span<const store::Value> params, const std::function<void(store::Row&)>& on_row) override {
    Plan plan{std::string(sql), {}};
    if (inner_.dialect() == store::Dialect::sqlite)
      inner_.run("EXPLAIN QUERY PLAN " + std::string(sql), params,
                 [&](store::Row& r) { plan.lines.push_back({r.integer(0), r.integer(1), r.text(3)}); });
    plans.push_back(std::move(plan));
    return inner_.run(sql, params, on_row);
  }

  std::vector<Plan> plans;

 private:
  store::Connection& inner_;
};

bool under(const PlanRecorder::Plan& p, const PlanRecorder::Line& line, std::int64_t ancestor) {
  for (auto parent = line.parent; parent != 0;) {
    if (parent == ancestor) return true;
    auto it = std::find_if(p.lines.begin(), p.lines.end(), [&](const auto& l) { return l.id == parent; });
    if (it == p.lines.end()) return false;
    parent = it->parent;
  }
  return false;
}

std::string shown(const PlanRecorder::Plan& p) {
  std::string out = p.sql + "\n";
  for (const auto& l : p.lines) out += "  " + std::to_string(l.id) + "<" + std::to_string(l.parent) + " " + l.detail + "\n";
  return out;
}

// The part of a plan that picks rows: the page subquery `pg` of a page query, the whole of a count.
std::vector<PlanRecorder::Line> picking(const PlanRecorder::Plan& p) {
  auto pg = std::find_if(p.lines.begin(), p.lines.end(), [](const auto& l) { return l.detail.ends_with(" pg"); });
  if (pg == p.lines.end()) return p.lines;
  std::vector<PlanRecorder::Line> out;
  for (const auto& l : p.lines)
    if (under(p, l, pg->id)) out.push_back(l);
  return out;
}

// Both statements of a list page (the count, then the page): each picks its rows from an index in
// order; `covering` also asks that no table row is read to pick them.
void expect_plan_in_index_order(const PlanRecorder::Plan& plan, bool covering, const std::string& what) {
  bool indexed = false;
  for (const auto& l : picking(plan)) {
    EXPECT_EQ(l.detail.find("TEMP B-TREE"), std::string::npos) << what << ": sorts the scope\n" << shown(plan);
    EXPECT_FALSE(l.detail.starts_with("SCAN ")) << what << ": scans a table\n" << shown(plan);
    if (l.detail.find(covering ? "USING COVERING INDEX" : "INDEX") != std::string::npos) indexed = true;
  }
  EXPECT_TRUE(indexed) << what << (covering ? ": not a covering index\n" : ": no index\n") << shown(plan);
}
void expect_index_order(const PlanRecorder& r, bool covering, const std::string& what) {
  ASSERT_EQ(r.plans.size(), 2u) << what;
  for (const auto& plan : r.plans) expect_plan_in_index_order(plan, covering, what);
}

// A total read from `counts` by its primary key (the scope's rows, a state's or all of them), nothing else.
void expect_counted(const PlanRecorder::Plan& plan, std::string_view counts, const std::string& what) {
  EXPECT_FALSE(plan.lines.empty()) << what;
  for (const auto& l : plan.lines)
    EXPECT_TRUE(l.detail.starts_with("SEARCH ") && l.detail.find(" USING PRIMARY KEY") != std::string::npos && plan.sql.find(counts) != std::string::npos)
        << what << "\n" << shown(plan);
}

// Whether a page statement picks its ids in another order than it shows them (read from the end).
bool read_from_end(const PlanRecorder::Plan& p) {
  const auto first = p.sql.find("ORDER BY "), last = p.sql.rfind("ORDER BY ");
  return first != last && p.sql.substr(first, p.sql.find(" LIMIT", first) - first) != p.sql.substr(last);
}

class ListPlanTest : public StoreTest {
 protected:
  template <class F>
  PlanRecorder plans_of(F list) {
    return db().read([&](store::Connection& c) {
      PlanRecorder r(c);
      list(r);
      return r;
    });
  }
  domain::Scope authority() {
    domain::Scope s;
    s.authority_id = 1;
    return s;
  }
  // Every declaration of the city as the list shows it (a page of 1,000).
  static std::vector<store::DeclarationRow> every_declaration(store::Connection& c) {
    domain::Scope all;
    all.all = true;
    store::DeclarationQuery q;
    q.page_size = 1000;
    return store::list_declarations(c, all, q).items;
  }
  // Whether `sql` finds a row.
  bool any_row(std::string_view sql) {
    return db().read([&](store::Connection& c) { return c.query_one(sql, {}).has_value(); });
  }
  // Every authority's counts (V040 on SQLite, V041 on PostgreSQL) are what COUNT(*) finds, and so are
  // its list totals with and without a state and its count of pending quarters.
  void expect_counts_match(const std::string& when) {
    db().read([&](store::Connection& c) {
      // (authority, state) → n, from a statement that selects the three.
      const auto by_authority_and_state = [&](std::string_view sql) {
        std::map<std::pair<std::int64_t, std::string>, std::int64_t> out;
        c.run(sql, {}, [&](store::Row& r) { out[{r.integer(0), r.text(1)}] = r.integer(2); });
        return out;
      };
      const auto counted = by_authority_and_state(
          "SELECT authority_id, status, COUNT(*) FROM declarations WHERE submitted_at IS NOT NULL GROUP BY authority_id, status");
      EXPECT_EQ(counted, by_authority_and_state("SELECT authority_id, status, n FROM declaration_counts WHERE n <> 0")) << when;
      EXPECT_GT(counted.size(), 3u) << when;
      const auto quarters = by_authority_and_state(
          "SELECT authority_id, status, COUNT(*) FROM quarterly_registrations WHERE authority_id IS NOT NULL GROUP BY authority_id, status");
      EXPECT_EQ(quarters, by_authority_and_state("SELECT authority_id, status, n FROM quarterly_counts WHERE n <> 0")) << when;
      EXPECT_GT(quarters.size(), 1u) << when;
      // The quarters' grades (V077, V078), those without an authority under 0.
      const auto grades = by_authority_and_state(
          "SELECT COALESCE(authority_id, 0), conclusion, COUNT(*) FROM quarterly_registrations WHERE conclusion IS NOT NULL GROUP BY 1, 2");
      EXPECT_EQ(grades, by_authority_and_state("SELECT authority_id, status, n FROM quarterly_grade_counts WHERE n <> 0")) << when;
      EXPECT_GT(grades.size(), 2u) << when;
      for (const auto& [key, n] : quarters) {
        if (key.second != "pending") continue;
        domain::Scope s;
        s.authority_id = key.first;
        EXPECT_EQ(store::task_counts(c, s, domain::Role::authority).at("quarterly_registration"), n) << when << " authority " << key.first;
      }
      // The months' counts (V058, V059) by authority and by construction enterprise, and the month
      // lists' totals with and without a state: an authority's without its drafts, an enterprise's with.
      const auto months = by_authority_and_state("SELECT authority_id, status, COUNT(*) FROM monthly_evaluations GROUP BY authority_id, status");
      EXPECT_EQ(months, by_authority_and_state("SELECT authority_id, status, n FROM monthly_counts WHERE n <> 0")) << when;
      EXPECT_GT(months.size(), 1u) << when;
      const auto contractors = by_authority_and_state(
          "SELECT contractor_enterprise_id, status, COUNT(*) FROM monthly_evaluations GROUP BY contractor_enterprise_id, status");
      EXPECT_EQ(contractors, by_authority_and_state("SELECT contractor_enterprise_id, status, n FROM monthly_contractor_counts WHERE n <> 0")) << when;
      const auto month_totals = [&](const auto& by_state, auto scope_of, bool drafts) {
        std::map<std::int64_t, std::int64_t> whole;
        for (const auto& [key, n] : by_state)
          if (drafts || key.second != "draft") whole[key.first] += n;
        for (const auto& [key, n] : by_state) {
          const domain::Scope s = scope_of(key.first);
          store::MonthlyQuery q;
          q.page_size = 1;
          q.status = key.second;
          EXPECT_EQ(store::list_monthly(c, s, q).total, drafts || key.second != "draft" ? n : 0) << when << " " << key.first << " " << key.second;
          q.status.clear();
          EXPECT_EQ(store::list_monthly(c, s, q).total, whole[key.first]) << when << " " << key.first;
        }
      };
      month_totals(months, [](std::int64_t id) { domain::Scope s; s.authority_id = id; return s; }, false);
      month_totals(contractors, [](std::int64_t id) {
        domain::Scope s;
        s.enterprise_id = id;
        s.enterprise_is_general = true;
        s.sees_drafts = true;
        return s;
      }, true);
      // Each declaration's months as its row counts them (V061, V062): how many, the first and the last.
      const auto spans = [&](std::string_view sql) {
        std::map<std::int64_t, std::tuple<std::int64_t, std::optional<std::string>, std::optional<std::string>>> out;
        c.run(sql, {}, [&](store::Row& r) { out[r.integer(0)] = {r.integer(1), r.opt_text(2), r.opt_text(3)}; });
        return out;
      };
      const auto month_spans = spans(
          "SELECT d.id, COUNT(m.id), MIN(m.period), MAX(m.period) FROM declarations d LEFT JOIN monthly_evaluations m ON m.declaration_id = d.id GROUP BY d.id");
      EXPECT_EQ(month_spans, spans("SELECT id, months_n, months_first, months_last FROM declarations")) << when;
      // And how many of them are past their draft (V065, V066).
      const auto past_drafts = [&](std::string_view sql) {
        std::map<std::int64_t, std::int64_t> out;
        c.run(sql, {}, [&](store::Row& r) { out[r.integer(0)] = r.integer(1); });
        return out;
      };
      const auto submitted = past_drafts(
          "SELECT d.id, COUNT(m.id) FROM declarations d LEFT JOIN monthly_evaluations m ON m.declaration_id = d.id AND m.status <> 'draft' GROUP BY d.id");
      EXPECT_EQ(submitted, past_drafts("SELECT id, months_submitted_n FROM declarations")) << when;
      // And the latest reviewed score (V075, V076): its latest filed or registered month's that has one.
      const auto latest = [&](std::string_view sql) {
        std::map<std::int64_t, std::optional<std::int64_t>> out;
        c.run(sql, {}, [&](store::Row& r) { out[r.integer(0)] = r.opt_integer(1); });
        return out;
      };
      const auto reviewed = latest(
          "SELECT d.id, (SELECT m.review_score FROM monthly_evaluations m WHERE m.declaration_id = d.id AND m.status IN ('filed', 'registered') "
          "AND m.review_score IS NOT NULL AND NOT EXISTS (SELECT 1 FROM monthly_evaluations l WHERE l.declaration_id = d.id AND l.period > m.period "
          "AND l.status IN ('filed', 'registered') AND l.review_score IS NOT NULL)) FROM declarations d");
      EXPECT_EQ(reviewed, latest("SELECT id, latest_review_score FROM declarations")) << when;
      EXPECT_GT(std::count_if(reviewed.begin(), reviewed.end(), [](const auto& d) { return d.second.has_value(); }), 3) << when;
      EXPECT_TRUE(std::any_of(submitted.begin(), submitted.end(), [&](const auto& d) { return d.second > 0 && d.second < std::get<0>(month_spans.at(d.first)); }))
          << when << ": no declaration with both drafts and months past them";
      EXPECT_TRUE(std::any_of(month_spans.begin(), month_spans.end(), [](const auto& d) { return std::get<0>(d.second) > 1; })) << when;
      std::map<std::int64_t, std::int64_t> district;
      for (const auto& [key, n] : counted) district[key.first] += n;
      for (const auto& [key, n] : counted) {
        domain::Scope s;
        s.authority_id = key.first;
        store::DeclarationQuery q;
        q.page_size = 1;
        q.status = key.second;
        EXPECT_EQ(store::list_declarations(c, s, q).total, n) << when << " authority " << key.first << " " << key.second;
        q.status.clear();
        EXPECT_EQ(store::list_declarations(c, s, q).total, district[key.first]) << when << " authority " << key.first;
      }
      return 0;
    });
  }
  // The generated city's authority or construction enterprise (by the months' copy of it) with the most months.
  domain::Scope busiest(std::string_view column) {
    domain::Scope s;
    const auto id = db().read([&](store::Connection& c) {
      return c.query_one("SELECT " + std::string(column) + " FROM monthly_evaluations GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1", {})->integer(0);
    });
    if (column == "authority_id") {
      s.authority_id = id;
    } else {
      s.enterprise_id = id;
      s.enterprise_is_general = true;
      s.sees_drafts = true;
    }
    return s;
  }
  // The first and the last page of a month list of `q.page_size` rows a page (the last read from the
  // end of the list: domain::page_window), once its total is known.
  std::vector<int> first_and_last_page(const domain::Scope& scope, store::MonthlyQuery q) {
    const auto total = db().read([&](store::Connection& c) { return store::list_monthly(c, scope, q).total; });
    const int last = static_cast<int>((total + q.page_size - 1) / q.page_size);
    return last > 1 ? std::vector<int>{1, last} : std::vector<int>{1};
  }
  // `qsm bench-data`'s city of `projects` projects, on a fixed day.
  void generate(int projects) {
    app().clock = app::Clock::at(*domain::parse_instant("2026-11-24T09:00:00+08:00"));
    service::BenchDataOptions o;
    o.projects = projects;
    o.password = "Bench@data2026";
    o.by.name = "测试";
    service::generate_bench_data(app(), o, [](std::string_view) {});
  }
};

TEST_P(ListPlanTest, EveryAuthorityDeclarationListPageIsReadInIndexOrder) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  for (std::string sort : {"-updated_at", "updated_at", "registration_no", "-registration_no", "status"})
    for (std::string status : {"", "accepted"})
      for (int page : {1, 40}) {
        store::DeclarationQuery q;
        q.sort = sort;
        q.status = status;
        q.page = page;
        const auto r = plans_of([&](store::Connection& c) { store::list_declarations(c, authority(), q); });
        const auto what = "sort=" + sort + " status=" + status + " page=" + std::to_string(page);
        ASSERT_EQ(r.plans.size(), 2u) << what;
        // The total is the authority's counts (V040), a row or a few; the page an index in order.
        for (const auto& l : r.plans[0].lines)
          EXPECT_TRUE(l.detail.starts_with("SEARCH declaration_counts USING PRIMARY KEY (authority_id=?")) << what << "\n" << shown(r.plans[0]);
        EXPECT_FALSE(r.plans[0].lines.empty()) << what;
        expect_plan_in_index_order(r.plans[1], true, what);
        // A state filter is a range of the index, not a test of each entry of the district (V046): a
        // state few declarations are in would otherwise walk the whole district to fill a page.
        if (!status.empty()) {
          const auto lines = picking(r.plans[1]);
          EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const auto& l) {
            return l.detail.find("(authority_id=? AND status=?") != std::string::npos;
          })) << what << ": the state is not a range of the index\n" << shown(r.plans[1]);
        }
      }
}

TEST_P(ListPlanTest, EveryAuthorityMonthlyListPageIsReadInIndexOrder) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  const auto scope = busiest("authority_id");
  for (std::string sort : {"-period", "period", "-updated_at", "registration_no", "status"})
    for (std::string status : {"", "filed"})
      for (bool periods : {false, true}) {
        store::MonthlyQuery q;
        q.sort = sort;
        q.status = status;
        q.page_size = 2;
        if (periods) q.period_from = "2025-06", q.period_to = "2026-10";
        const auto pages = first_and_last_page(scope, q);
        EXPECT_EQ(pages.size(), 2u) << "too few months to read a page from the end";
        for (int page : pages) {
          q.page = page;
          const auto r = plans_of([&](store::Connection& c) { store::list_monthly(c, scope, q); });
          const auto what = "sort=" + sort + " status=" + status + (periods ? " 2025-06..2026-10" : "") + " page " + std::to_string(page);
          // The last page is read from the end of the list, in the index's order turned round.
          if (!r.plans.empty()) EXPECT_EQ(read_from_end(r.plans.back()), page > 1) << what << "\n" << shown(r.plans.back());
          if (periods) {
            expect_index_order(r, true, what);
            continue;
          }
          // Without a period the total is the authority's counts (V058), a row or a few.
          ASSERT_EQ(r.plans.size(), 2u) << what;
          expect_counted(r.plans[0], "monthly_counts", what);
          expect_plan_in_index_order(r.plans[1], true, what);
        }
      }
}

// The authority's quarter list (V067), as its month list: without a filter but the state its total is its
// counts (quarterly_counts) and its page walks the order's own index, covering, in index order; with a
// quarter range both statements do; the last page is read from the end, still in index order.
TEST_P(ListPlanTest, EveryAuthorityQuarterlyListPageIsReadInIndexOrder) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  const auto scope = busiest("authority_id");
  for (std::string sort : {"-quarter", "quarter", "-updated_at", "registration_no", "status"})
    for (std::string status : {"", "registered"})
      for (bool quarters : {false, true}) {
        store::QuarterlyQuery q;
        q.sort = sort;
        q.status = status;
        q.page_size = 2;
        if (quarters) q.quarter_from = "2025-Q1", q.quarter_to = "2026-Q4";
        const auto total = db().read([&](store::Connection& c) { return store::list_quarterly(c, scope, q).total; });
        const int last = static_cast<int>((total + q.page_size - 1) / q.page_size);
        EXPECT_GT(last, 1) << "too few quarters to read a page from the end";
        for (int page : {1, last}) {
          q.page = page;
          const auto r = plans_of([&](store::Connection& c) { store::list_quarterly(c, scope, q); });
          const auto what = "sort=" + sort + " status=" + status + (quarters ? " 2025-Q1..2026-Q4" : "") + " page " + std::to_string(page);
          ASSERT_EQ(r.plans.size(), 2u) << what;
          EXPECT_EQ(read_from_end(r.plans[1]), page > 1) << what << "\n" << shown(r.plans[1]);
          if (quarters)
            expect_plan_in_index_order(r.plans[0], true, what);
          else
            expect_counted(r.plans[0], "quarterly_counts", what);
          expect_plan_in_index_order(r.plans[1], true, what);
          const auto lines = picking(r.plans[1]);
          EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const auto& l) { return l.detail.find("INDEX quarterly_authority_") != std::string::npos; }))
              << what << "\n" << shown(r.plans[1]);
        }
      }
}

// A search that matches most of the authority's quarters ("区" is in every project's name): the page
// walks the order's own index, covering and in index order (the first page forward, the last from the
// end), past the other projects' quarters; nothing sorts the matches.
TEST_P(ListPlanTest, AQuarterlySearchMatchingMostQuartersWalksTheAuthoritysIndexInOrder) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  const auto scope = busiest("authority_id");
  for (std::string sort : {"-quarter", "quarter", "-updated_at", "registration_no", "status"})
    for (std::string status : {"", "registered"}) {
      store::QuarterlyQuery q;
      q.q = "区";
      q.sort = sort;
      q.status = status;
      q.page_size = 2;
      const auto total = db().read([&](store::Connection& c) { return store::list_quarterly(c, scope, q).total; });
      const int last = static_cast<int>((total + q.page_size - 1) / q.page_size);
      ASSERT_GT(last, 1) << "too few quarters to read a page from the end";
      for (int page : {1, last}) {
        q.page = page;
        const auto r = plans_of([&](store::Connection& c) { store::list_quarterly(c, scope, q); });
        const auto what = "sort=" + sort + " status=" + status + " page " + std::to_string(page);
        ASSERT_FALSE(r.plans.empty()) << what;
        const auto& walk = r.plans.back();
        EXPECT_NE(walk.sql.find("q.registration_no NOT IN"), std::string::npos) << what << ": the page does not walk\n" << shown(walk);
        EXPECT_EQ(read_from_end(walk), page > 1) << what << "\n" << shown(walk);
        expect_plan_in_index_order(walk, true, what);
        const auto lines = picking(walk);
        EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const auto& l) { return l.detail.find("INDEX quarterly_authority_") != std::string::npos; }))
            << what << "\n" << shown(walk);
      }
    }
}

// The 统计看板 of an authority and of the administrator (V069): its declarations by state, its
// management states and its quarters' grades are those counted from the rows (each quarter's grade the
// conclusion of its latest registration), after the workflow made them and after a quarter is
// registered again with another conclusion; and an authority's read no declaration's or quarter's row.
TEST_P(ListPlanTest, ADashboardsFiguresAreThoseOfItsRows) {
  generate(40);
  const auto authority = busiest("authority_id");
  domain::Scope all;
  all.all = true;
  const auto expect_figures = [&](const std::string& when) {
    db().read([&](store::Connection& c) {
      for (const auto& [who, scope] : {std::pair{std::string("authority"), authority}, std::pair{std::string("administrator"), all}}) {
        const auto stats = store::dashboard_stats(c, scope, store::DashboardView::supervision);
        const std::string where = scope.all ? "WHERE $1 = 0 " : "WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL ";
        const auto id = scope.all ? std::int64_t{0} : scope.authority_id;
        std::vector<std::pair<std::string, int>> by_status;
        c.run("SELECT d.status, COUNT(*) FROM declarations d " + where + "GROUP BY d.status ORDER BY d.status", store::params(id),
              [&](store::Row& r) { by_status.emplace_back(r.text(0), static_cast<int>(r.integer(1))); });
        EXPECT_EQ(stats.declarations_by_status, by_status) << who << " " << when;
        EXPECT_GT(by_status.size(), 1u) << who << " " << when;
        std::map<std::int64_t, std::string> latest;
        c.run("SELECT h.quarterly_id, h.conclusion FROM quarterly_registration_history h JOIN quarterly_registrations q ON q.id = h.quarterly_id "
              "JOIN declarations d ON d.id = q.declaration_id " + where + "ORDER BY h.quarterly_id, h.registered_at, h.id",
              store::params(id), [&](store::Row& r) { latest[r.integer(0)] = r.text(1); });
        std::map<std::string, int> grades;
        for (const auto& [quarter, grade] : latest) ++grades[grade];
        EXPECT_EQ(stats.quarter_grades, grades) << who << " " << when;
        EXPECT_FALSE(grades.empty()) << who << " " << when;
      }
      return 0;
    });
  };
  expect_figures("as the workflow made them");
  // A registered quarter registered once more (a correction), later and with another conclusion.
  db().write([](store::Connection& c) {
    const auto id = c.query_one("SELECT MIN(id) FROM quarterly_registrations WHERE status = 'registered' AND conclusion IS NOT NULL", {})->integer(0);
    const auto quarter = store::find_quarterly(c, domain::Scope{.all = true}, id);
    const auto latest = quarter->latest.value();
    store::RegistrationRecord again = latest;
    again.conclusion = latest.conclusion == "excellent" ? "qualified" : "excellent";
    again.registered_at = latest.registered_at + 1;
    const store::Move stays{quarter->status, quarter->status};
    EXPECT_TRUE(store::register_quarterly(c, *quarter, quarter->version, again, "2000-01", "2000-01", stays, stays));
    return 0;
  });
  expect_figures("after a quarter registered again");
  if (GetParam() != "sqlite") return;
  const auto r = plans_of([&](store::Connection& c) { store::dashboard_stats(c, authority, store::DashboardView::supervision); });
  for (const auto& plan : r.plans) {
    if (plan.sql.find("review_score") != std::string::npos) continue;  // each active project's latest reviewed month
    for (const auto& l : plan.lines) {
      EXPECT_FALSE(l.detail.starts_with("SCAN ")) << shown(plan);
      EXPECT_EQ(l.detail.find("quarterly_registration_history"), std::string::npos) << shown(plan);
      if (l.detail.find(" d ") != std::string::npos || l.detail.find(" q ") != std::string::npos)
        EXPECT_TRUE(l.detail.find("COVERING INDEX") != std::string::npos || l.detail.find("USING PRIMARY KEY") != std::string::npos)
            << shown(plan);
    }
  }
}

// The overdue months read only the months that can be late, and take the others from the declaration's
// month span (V061/V062): they are the same as when every month is read, which a declaration whose
// span has a gap gets (here every declaration, its count made wrong). Late submissions and late reviews
// both occur, a missing month in the middle of a declaration among them.
TEST_P(ListPlanTest, TheOverdueMonthsAreTheSameWhenEveryMonthIsRead) {
  generate(40);
  const auto authority = busiest("authority_id");
  domain::Scope all;
  all.all = true;
  const domain::overdue::Deadlines deadlines;
  // A month in the middle of a declaration goes (a draft, so nothing hangs off it; its later months stay).
  db().write([](store::Connection& c) {
    const auto m = c.query_one("SELECT m.id FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id WHERE m.status = 'draft' "
                               "AND d.management_status = 'active' AND EXISTS (SELECT 1 FROM monthly_evaluations x WHERE x.declaration_id = "
                               "m.declaration_id AND x.period > m.period) AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.monthly_id = m.id) "
                               "AND NOT EXISTS (SELECT 1 FROM rectifications r WHERE r.source_monthly_id = m.id) ORDER BY m.id LIMIT 1", {});
    if (!m) return 0;
    for (const char* table : {"monthly_sheets", "monthly_deductions"})
      c.execute("DELETE FROM " + std::string(table) + " WHERE monthly_id = $1", store::params(m->integer(0)));
    c.execute("DELETE FROM monthly_evaluations WHERE id = $1", store::params(m->integer(0)));
    return 0;
  });
  // On the day the data was made most declarations are whole and none of their months late: they are
  // passed over (not read whole); two months later every one is read.
  const auto first_day = *domain::parse_date("2026-11-24"), later = *domain::parse_date("2027-01-20");
  const auto passed_over = [&](domain::Date today) {
    return db().read([&](store::Connection& c) {
      int n = 0;
      for (const auto& a : store::active_summaries(c, domain::Scope{.all = true})) n += !service::may_have_late_months(a, today, deadlines);
      return n;
    });
  };
  EXPECT_GT(passed_over(first_day), 10);
  EXPECT_EQ(passed_over(later), 0);
  domain::Date today = first_day;
  const auto overdue = [&](const domain::Scope& scope) {
    return db().read([&](store::Connection& c) {
      std::vector<std::string> out;
      for (const auto& o : service::overdue_months(c, scope, today, deadlines))
        out.push_back(std::to_string(o.declaration.declaration_id) + " " + o.period + " " + std::string(domain::overdue::to_string(o.late.what)) + " " +
                      std::to_string(o.days_late) + " " + std::to_string(o.monthly_id.value_or(0)) + " " + o.status.value_or("-") + " " +
                      o.enterprise_uscc + " " + o.manager);
      return out;
    });
  };
  const auto by_span = overdue(authority), city_by_span = overdue(all);
  today = later;
  const auto later_by_span = overdue(authority), later_city_by_span = overdue(all);
  // Every declaration's count off: none is passed over, each one's months are all read.
  db().write([](store::Connection& c) { return c.execute("UPDATE declarations SET months_n = months_n + 1000 WHERE months_n > 0"); });
  EXPECT_EQ(passed_over(first_day), 0);
  EXPECT_EQ(later_by_span, overdue(authority));
  EXPECT_EQ(later_city_by_span, overdue(all));
  today = first_day;
  EXPECT_EQ(by_span, overdue(authority));
  EXPECT_EQ(city_by_span, overdue(all));
  EXPECT_FALSE(city_by_span.empty()) << "no late month on the first day";
  for (const char* what : {" submission ", " review "})
    EXPECT_TRUE(std::any_of(later_city_by_span.begin(), later_city_by_span.end(), [&](const auto& o) { return o.find(what) != std::string::npos; })) << what;
  EXPECT_TRUE(std::any_of(later_city_by_span.begin(), later_city_by_span.end(), [](const auto& o) { return o.find(" 0 - ") != std::string::npos; }))
      << "no missing month is late";
}

// An authority's overdue months and its dashboard's figures read indexes only (V069, V073): no
// declaration row, no month row, nothing scanned; only the declarations that may have a late month
// are then read whole (by id).
TEST_P(ListPlanTest, AnAuthoritysOverdueMonthsAndDashboardReadIndexesOnly) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  const auto authority = busiest("authority_id");
  const auto r = plans_of([&](store::Connection& c) {
    service::overdue_months(c, authority, *domain::parse_date("2026-11-24"), domain::overdue::Deadlines{});
    store::dashboard_stats(c, authority, store::DashboardView::supervision);
  });
  int by_scope = 0;
  for (const auto& plan : r.plans) {
    if (plan.sql.find(" IN ($") != std::string::npos) continue;  // the candidates, by id
    ++by_scope;
    for (const auto& l : plan.lines) {
      EXPECT_FALSE(l.detail.starts_with("SCAN ")) << shown(plan);
      if (l.detail.starts_with("SEARCH "))
        EXPECT_TRUE(l.detail.find("COVERING INDEX") != std::string::npos || l.detail.find("PRIMARY KEY") != std::string::npos) << shown(plan);
    }
  }
  EXPECT_EQ(by_scope, 6);  // the active declarations and their pending months; by state, management, latest scores, grades
  EXPECT_TRUE(std::any_of(r.plans.begin(), r.plans.end(), [](const auto& p) { return shown(p).find("monthly_may_be_late") != std::string::npos; }));
  // The latest scores are the declarations' own (V075): one range of the authority's index, no month read.
  const auto latest = std::find_if(r.plans.begin(), r.plans.end(), [](const auto& p) { return p.sql.find("latest_review_score") != std::string::npos; });
  ASSERT_NE(latest, r.plans.end());
  ASSERT_EQ(latest->lines.size(), 1u) << shown(*latest);
  EXPECT_TRUE(latest->lines[0].detail.starts_with("SEARCH d USING COVERING INDEX declarations_authority_management (authority_id=? AND management_status=?"))
      << shown(*latest);
}

// Whichever way the quarter list reads its filters (the authority's own index, its matching
// declarations, or anybody's declarations), every page, read to one past the end, together is the
// export of the same filters in the same order (each_quarterly, through the declarations), and the
// total is its length.
TEST_P(ListPlanTest, EveryQuarterlyListPageTogetherIsItsExport) {
  generate(40);
  const auto authority = busiest("authority_id");
  domain::Scope supervisor;
  std::string district, one_project;
  db().read([&](store::Connection& c) {
    const auto top = c.query_one("SELECT d.supervisor_enterprise_id, d.district, d.registration_no FROM quarterly_registrations q "
                                 "JOIN declarations d ON d.id = q.declaration_id WHERE d.authority_id = $1 GROUP BY d.id, d.supervisor_enterprise_id, "
                                 "d.district, d.registration_no ORDER BY COUNT(*) DESC, d.id LIMIT 1",
                                 store::params(authority.authority_id));
    supervisor.enterprise_id = top->integer(0);
    district = top->text(1);
    one_project = top->text(2);
    return 0;
  });
  supervisor.enterprise_is_general = false;
  domain::Scope all;
  all.all = true;
  const std::vector<std::pair<std::string, domain::Scope>> scopes{{"authority", authority}, {"supervisor", supervisor}, {"administrator", all}};
  struct Filter {
    std::string q, district;
    bool walks;  // the authority's page walks its index past the other projects (most quarters match)
  };
  const std::vector<Filter> filters{{"", "", false},          {"区", "", true}, {"住宅", "", false}, {one_project, "", false},
                                    {"", district, true}, {"无此工程", "", false}};
  for (const auto& [who, scope] : scopes)
    for (const auto& f : filters)
      for (std::string sort : {"-quarter", "quarter", "-updated_at", "registration_no", "status"})
        for (std::string status : {"", "pending"})
          for (bool quarters : {false, true}) {
            const auto what = who + " q=" + f.q + " district=" + f.district + " sort=" + sort + " status=" + status + (quarters ? " 2025-Q3.." : "");
            db().read([&](store::Connection& c) {
              store::QuarterlyQuery q;
              q.q = f.q;
              q.district = f.district;
              q.sort = sort;
              q.status = status;
              if (quarters) q.quarter_from = "2025-Q3";
              std::vector<std::int64_t> expected, shown;
              store::each_quarterly(c, scope, q, [&](const store::QuarterlyRow& r) { expected.push_back(r.id); });
              q.page_size = 7;
              bool walked = false;
              for (q.page = 1; q.page <= static_cast<int>(expected.size()) / 7 + 2; ++q.page) {
                PlanRecorder r(c);
                const auto page = store::list_quarterly(r, scope, q);
                EXPECT_EQ(page.total, static_cast<std::int64_t>(expected.size())) << what << " page " << q.page;
                for (const auto& row : page.items) shown.push_back(row.id);
                for (const auto& plan : r.plans) walked = walked || plan.sql.find("q.registration_no NOT IN") != std::string::npos;
              }
              EXPECT_EQ(shown, expected) << what;
              if (!expected.empty()) EXPECT_EQ(walked, f.walks && scope.authority_id != 0) << what;
              return 0;
            });
          }
  // The filters do find quarters: the authority's own list has some of every kind of filter.
  db().read([&](store::Connection& c) {
    for (const auto& f : {Filter{"区", "", true}, Filter{one_project, "", false}, Filter{"", district, true}}) {
      store::QuarterlyQuery q;
      q.q = f.q;
      q.district = f.district;
      EXPECT_GT(store::list_quarterly(c, authority, q).total, 1) << f.q << f.district;
    }
    return 0;
  });
}

// An authority's project list: every sort, the first page and the last (read from the end), its count
// and its page's ids from one of its indexes (projects_authority, V072's) covering and in order.
TEST_P(ListPlanTest, EveryAuthorityProjectListPageIsReadInIndexOrder) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  const auto scope = busiest("authority_id");
  for (std::string sort : {"registration_no", "-registration_no", "name", "-name", "planned_start", "-planned_start"}) {
    store::ProjectQuery q;
    q.sort = sort;
    q.page_size = 2;
    const auto total = db().read([&](store::Connection& c) { return store::list_projects(c, scope, q).total; });
    const int last = static_cast<int>((total + q.page_size - 1) / q.page_size);
    ASSERT_GT(last, 1) << "too few projects to read a page from the end";
    for (int page : {1, last}) {
      q.page = page;
      const auto r = plans_of([&](store::Connection& c) { store::list_projects(c, scope, q); });
      const auto what = "sort=" + sort + " page " + std::to_string(page);
      ASSERT_GE(r.plans.size(), 2u) << what;
      EXPECT_EQ(read_from_end(r.plans[1]), page > 1) << what << "\n" << shown(r.plans[1]);
      expect_plan_in_index_order(r.plans[0], true, what);
      expect_plan_in_index_order(r.plans[1], true, what);
    }
  }
}

// Every page of a project list together is the scope's projects that pass the filters, in the order
// asked for, each once, and its total their number: for an authority, a contractor, a supervisor, the
// administrator and a site user's one project, with every filter and sort, checked against the
// projects read whole and filtered here.
TEST_P(ListPlanTest, EveryProjectListPageTogetherIsTheScopesMatchingProjects) {
  generate(40);
  struct Project {
    std::int64_t id = 0, authority_id = 0, general = 0, supervision = 0;
    std::string registration_no, name, planned_start, district;
    bool declared = false;
  };
  // Every generated project is declared: three of the busiest authority are not, one with the name of another.
  const auto busy = busiest("authority_id");
  db().write([&](store::Connection& c) {
    for (std::string suffix : {"-A", "-B", "-C"})
      c.execute("INSERT INTO projects (registration_no, name, address, district, authority_id, structure_type, floor_area_centi, "
                "planned_start, planned_finish, updated_at) SELECT registration_no || $2, CASE WHEN $2 = '-B' THEN name ELSE name || $2 END, "
                "address, district, authority_id, structure_type, floor_area_centi, planned_start, planned_finish, updated_at "
                "FROM projects WHERE authority_id = $1 ORDER BY id LIMIT 1",
                store::params(busy.authority_id, suffix));
  });
  std::vector<Project> every;
  db().read([&](store::Connection& c) {
    c.run("SELECT p.id, p.authority_id, "
          "COALESCE((SELECT g.enterprise_id FROM contracts g WHERE g.project_id = p.id AND g.kind = 'general'), 0), "
          "COALESCE((SELECT s.enterprise_id FROM contracts s WHERE s.project_id = p.id AND s.kind = 'supervision'), 0), "
          "p.registration_no, p.name, p.planned_start, p.district, "
          "CASE WHEN EXISTS (SELECT 1 FROM declarations d WHERE d.project_id = p.id) THEN 1 ELSE 0 END FROM projects p",
          {}, [&](store::Row& r) {
            every.push_back({r.integer(0), r.integer(1), r.integer(2), r.integer(3), r.text(4), r.text(5), r.text(6), r.text(7), r.integer(8) != 0});
          });
    return 0;
  });
  ASSERT_GT(every.size(), 30u);
  const auto& sample = *std::find_if(every.begin(), every.end(), [&](const Project& p) { return p.authority_id == busy.authority_id && p.supervision; });
  domain::Scope all, contractor, supervisor, one, nobody;
  all.all = true;
  contractor.enterprise_id = sample.general;
  supervisor.enterprise_id = sample.supervision;
  supervisor.enterprise_is_general = false;
  one.project_id = sample.id;
  const std::vector<std::pair<std::string, domain::Scope>> scopes{
      {"authority", busy}, {"contractor", contractor}, {"supervisor", supervisor}, {"administrator", all}, {"one project", one}, {"nobody", nobody}};
  const auto in_scope = [](const domain::Scope& s, const Project& p) {
    if (s.all) return true;
    if (s.authority_id) return p.authority_id == s.authority_id;
    if (s.enterprise_id) return (s.enterprise_is_general ? p.general : p.supervision) == s.enterprise_id;
    return p.id == s.project_id;
  };
  const auto lower = [](std::string t) {
    for (auto& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return t;
  };
  const auto contains = [&](const Project& p, const std::string& q) {
    return lower(p.registration_no).find(lower(q)) != std::string::npos || lower(p.name).find(lower(q)) != std::string::npos;
  };
  // A short search, a trigram one, the sample's 报监编号 in capitals and a part of it, none, and LIKE's own characters.
  std::string upper = sample.registration_no;
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const std::vector<std::string> searches{"", "区", "住宅", "住宅小区", upper, sample.registration_no.substr(0, 6), "无此工程", "%_"};
  for (const auto& [who, scope] : scopes)
    for (const auto& text : searches)
      for (std::string district : {std::string{}, sample.district})
        for (bool undeclared : {false, true})
          for (std::string sort : {"registration_no", "-registration_no", "name", "-name", "planned_start", "-planned_start"}) {
            std::vector<const Project*> expected;
            for (const auto& p : every)
              if (in_scope(scope, p) && (text.empty() || contains(p, text)) && (district.empty() || p.district == district) &&
                  (!undeclared || !p.declared))
                expected.push_back(&p);
            const bool descending = sort.starts_with('-');
            const std::string key = descending ? sort.substr(1) : sort;
            std::sort(expected.begin(), expected.end(), [&](const Project* a, const Project* b) {
              const auto field = [&](const Project* p) -> const std::string& {
                return key == "name" ? p->name : key == "planned_start" ? p->planned_start : p->registration_no;
              };
              if (field(a) != field(b)) return descending ? field(a) > field(b) : field(a) < field(b);
              return descending ? a->id > b->id : a->id < b->id;
            });
            std::vector<std::int64_t> want, shown;
            for (const auto* p : expected) want.push_back(p->id);
            const auto what = who + " q=" + text + " district=" + district + (undeclared ? " undeclared" : "") + " sort=" + sort;
            db().read([&](store::Connection& c) {
              store::ProjectQuery q;
              q.q = text;
              q.district = district;
              q.undeclared_only = undeclared;
              q.sort = sort;
              q.page_size = 7;
              for (q.page = 1; q.page <= static_cast<int>(want.size()) / 7 + 2; ++q.page) {
                const auto page = store::list_projects(c, scope, q);
                EXPECT_EQ(page.total, static_cast<std::int64_t>(want.size())) << what << " page " << q.page;
                for (const auto& row : page.items) shown.push_back(row.id);
              }
              return 0;
            });
            EXPECT_EQ(shown, want) << what;
          }
  // The filters do find projects: the authority's list has some of each.
  for (const auto& text : {std::string("区"), std::string("住宅小区"), upper})
    EXPECT_TRUE(std::any_of(every.begin(), every.end(), [&](const Project& p) { return p.authority_id == busy.authority_id && contains(p, text); })) << text;
  EXPECT_TRUE(std::any_of(every.begin(), every.end(), [&](const Project& p) { return p.authority_id == busy.authority_id && !p.declared; }));
}

// An authority's search on SQLite reads its own rowid range of V038's declaration index, for the
// declaration list (its count and its page) and the month list alike, never the city's project index.
TEST_P(ListPlanTest, AnAuthoritysSearchReadsItsOwnRangeOfTheDeclarationIndex) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  auto expect_own_range = [&](const PlanRecorder& r, const std::string& what) {
    ASSERT_FALSE(r.plans.empty()) << what;
    for (const auto& plan : r.plans) {
      bool ranged = false;
      for (const auto& l : plan.lines) {
        EXPECT_EQ(l.detail.find("project_search"), std::string::npos) << what << "\n" << shown(plan);
        // FTS5's plan line names the constraints it was handed after the colon: M (the MATCH), then
        // > and < (the rowid range), e.g. "INDEX 0:M2><".
        if (const auto colon = l.detail.find(':');
            l.detail.starts_with("SCAN declaration_search VIRTUAL TABLE INDEX ") && colon != std::string::npos) {
          const auto constraints = l.detail.substr(colon);
          ranged = constraints.find('M') != std::string::npos && constraints.find('>') != std::string::npos &&
                   constraints.find('<') != std::string::npos;
        }
      }
      EXPECT_TRUE(ranged) << what << "\n" << shown(plan);
    }
  };
  store::DeclarationQuery dq;
  dq.q = "住宅小区";
  expect_own_range(plans_of([&](store::Connection& c) { store::list_declarations(c, authority(), dq); }), "declarations");
  store::MonthlyQuery mq;
  mq.q = "住宅小区";
  expect_own_range(plans_of([&](store::Connection& c) { store::list_monthly(c, authority(), mq); }), "months");
}

// A construction enterprise's month list in its default order (V037): the page and the count from the
// months' copy of the enterprise, in index order, without sorting or reading the enterprise's months.
TEST_P(ListPlanTest, AContractorsMonthlyListPageIsReadInIndexOrder) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  const auto contractor = busiest("contractor_enterprise_id");
  for (std::string status : {"", "draft"}) {
    store::MonthlyQuery q;
    q.status = status;
    q.page_size = 2;
    for (int page : first_and_last_page(contractor, q)) {
      q.page = page;
      const auto r = plans_of([&](store::Connection& c) { store::list_monthly(c, contractor, q); });
      const auto what = "contractor status=" + status + " page=" + std::to_string(page);
      ASSERT_EQ(r.plans.size(), 2u) << what;
      expect_counted(r.plans[0], "monthly_contractor_counts", what);  // the total from its counts (V058)
      expect_plan_in_index_order(r.plans[1], true, what);
      EXPECT_EQ(read_from_end(r.plans[1]), page > 1) << what << "\n" << shown(r.plans[1]);
      const auto lines = picking(r.plans[1]);
      EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const auto& l) { return l.detail.find("USING COVERING INDEX monthly_contractor_") != std::string::npos; }))
          << shown(r.plans[1]);
    }
  }
}

TEST_P(ListPlanTest, AMonthlySearchPicksTheMatchingDeclarationsFirst) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  const auto scope = busiest("authority_id");
  store::MonthlyQuery q;
  // One project's 报监编号, the one with the most months.
  q.q = db().read([&](store::Connection& c) {
    return c.query_one("SELECT registration_no FROM monthly_evaluations WHERE authority_id = $1 GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1",
                       store::params(scope.authority_id))->text(0);
  });
  q.page_size = 2;
  const auto pages = first_and_last_page(scope, q);
  EXPECT_EQ(pages.size(), 2u) << "too few months to read a page from the end";
  for (int page : pages) {
    q.page = page;
    const auto r = plans_of([&](store::Connection& c) { store::list_monthly(c, scope, q); });
    // The matches' months and the authority's (from the declarations' rows and the counts: few, so
    // no walk) first, which give the total (no filter but the search), then the page.
    ASSERT_EQ(r.plans.size(), 3u);
    EXPECT_NE(r.plans[0].sql.find("months_submitted_n"), std::string::npos) << shown(r.plans[0]);
    expect_counted(r.plans[1], "monthly_counts", "the authority's months");
    EXPECT_EQ(read_from_end(r.plans[2]), page > 1) << shown(r.plans[2]);
    for (const auto& plan : std::span(r.plans).subspan(2)) {
      // The months are found by their declaration (the few that match), not by walking the district.
      bool by_declaration = false;
      for (const auto& l : picking(plan)) {
        EXPECT_FALSE(l.detail.starts_with("SCAN m")) << shown(plan);
        if (l.detail.find("monthly_declaration_status (declaration_id=?)") != std::string::npos) by_declaration = true;
      }
      EXPECT_TRUE(by_declaration) << shown(plan);
    }
  }
}

// A month list with a state, whose months are picked through the scope's declarations (an authority's
// search matching few, a supervisor's, a site's): every statement starts from those declarations and
// none walks the city's months of that state (monthly_status), which took 79–91 ms at 20k projects.
TEST_P(ListPlanTest, AMonthListWithAStateReadsTheScopesDeclarationsNotTheCitysMonthsOfThatState) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  auto authority = busiest("authority_id");
  domain::Scope supervisor, site;
  std::string one_project;
  // Each scope's most frequent state other than a draft, among the months of the declaration with the most.
  std::vector<std::string> states;
  db().read([&](store::Connection& c) {
    const auto top = c.query_one("SELECT d.id, d.supervisor_enterprise_id, d.project_id, d.registration_no FROM declarations d "
                                 "JOIN monthly_evaluations m ON m.declaration_id = d.id WHERE d.authority_id = $1 AND m.status <> 'draft' "
                                 "GROUP BY d.id ORDER BY COUNT(*) DESC, 1 LIMIT 1",
                                 store::params(authority.authority_id));
    supervisor.enterprise_id = top->integer(1);
    site.project_id = top->integer(2);
    one_project = top->text(3);
    states.push_back(c.query_one("SELECT status FROM monthly_evaluations WHERE declaration_id = $1 AND status <> 'draft' "
                                 "GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1",
                                 store::params(top->integer(0)))->text(0));
    return 0;
  });
  supervisor.enterprise_is_general = false;
  site.sees_drafts = true;
  const std::vector<std::pair<std::string, domain::Scope>> scopes{{"authority " + one_project, authority}, {"supervisor", supervisor}, {"site", site}};
  for (const auto& [who, scope] : scopes)
    for (const auto& status : states) {
      store::MonthlyQuery q;
      if (scope.authority_id) q.q = one_project;
      q.status = status;
      q.page_size = 2;
      const auto total = db().read([&](store::Connection& c) { return store::list_monthly(c, scope, q).total; });
      EXPECT_GT(total, 0) << who << " " << status << ": no month to list";
      const auto r = plans_of([&](store::Connection& c) { store::list_monthly(c, scope, q); });
      ASSERT_FALSE(r.plans.empty()) << who;
      for (const auto& plan : r.plans)
        for (const auto& l : picking(plan)) {
          EXPECT_EQ(l.detail.find("monthly_status"), std::string::npos) << who << " " << status << "\n" << shown(plan);
          EXPECT_FALSE(l.detail.starts_with("SCAN m")) << who << " " << status << "\n" << shown(plan);
        }
    }
}

// A search that matches most of an authority's months (a one-character one has no index and "区" is
// in every project's name): the page walks the authority's months in the order asked for, past the
// declarations that do not match, and the total is its counts less their months; no statement sorts
// the matches or walks the district to count them.
TEST_P(ListPlanTest, AMonthlySearchMatchingMostMonthsWalksTheAuthoritysIndexInOrder) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  const auto scope = busiest("authority_id");
  for (std::string sort : {"-period", "period", "-updated_at", "registration_no", "status"})
    for (std::string status : {"", "filed"})
      for (bool periods : {false, true})
        for (int at : {1, 2}) {
        store::MonthlyQuery q;
        q.q = "区";
        q.sort = sort;
        q.status = status;
        q.page_size = 2;
        if (periods) q.period_from = "2025-06", q.period_to = "2026-10";
        const auto pages = first_and_last_page(scope, q);
        if (at > static_cast<int>(pages.size())) continue;
        q.page = pages[at - 1];
        const auto r = plans_of([&](store::Connection& c) { store::list_monthly(c, scope, q); });
        const auto what = "sort=" + sort + " status=" + status + (periods ? " 2025-06..2026-10" : "") + " page " + std::to_string(q.page);
        ASSERT_FALSE(r.plans.empty()) << what;
        const auto& page = r.plans.back();
        EXPECT_EQ(read_from_end(page), at == 2) << what << "\n" << shown(page);
        EXPECT_NE(page.sql.find("NOT IN"), std::string::npos) << what << ": the page does not walk\n" << shown(page);
        expect_plan_in_index_order(page, true, what);
        const auto lines = picking(page);
        EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const auto& l) { return l.detail.find("INDEX monthly_authority_") != std::string::npos; }))
            << what << "\n" << shown(page);
        for (const auto& plan : r.plans)
          for (const auto& l : picking(plan)) {
            EXPECT_EQ(l.detail.find("TEMP B-TREE"), std::string::npos) << what << "\n" << shown(plan);
            EXPECT_FALSE(l.detail.starts_with("SCAN m")) << what << "\n" << shown(plan);
          }
      }
}

// Whichever way the authority's month list reads a search or a district (the matches' months, or a walk
// of all its months past the others), every page holds the months that the list without them shows,
// in the same order, less those of other projects, and the total is their number.
TEST_P(ListPlanTest, AnAuthoritysMonthListShowsTheSameMonthsWhicheverWayItReadsAFilter) {
  generate(40);
  domain::Scope scope;
  std::string district;
  db().read([&](store::Connection& c) {
    auto r = c.query_one(
        "SELECT m.authority_id, d.district FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id "
        "GROUP BY m.authority_id, d.district ORDER BY COUNT(*) DESC, m.authority_id LIMIT 1", {});
    scope.authority_id = r->integer(0);
    district = r->text(1);
    return 0;
  });
  struct Filter {
    std::string q, district;
    bool walks;
  };
  // "区" and the district match every project, "新建" eight kinds of ten; "北区" and "住宅" a few.
  const std::vector<Filter> filters{{"区", "", true}, {"新建", "", true}, {"", district, true}, {"区", district, true},
                                    {"北区", "", false}, {"住宅", "", false}, {"住宅小区", "", false}, {"", "无此区", false}, {"无此工程", "", false}};
  for (const auto& f : filters)
    for (std::string sort : {"-period", "period", "-updated_at", "registration_no", "status"})
      for (std::string status : {"", "filed"})
        for (bool periods : {false, true}) {
          const auto what = "q=" + f.q + " district=" + f.district + " sort=" + sort + " status=" + status + (periods ? " 2026-03..05" : "");
          db().read([&](store::Connection& c) {
            store::MonthlyQuery q;
            q.sort = sort;
            q.status = status;
            if (periods) q.period_from = "2026-03", q.period_to = "2026-05";
            q.page_size = 100000;
            std::set<std::int64_t> matching;
            c.run("SELECT d.id FROM declarations d WHERE d.authority_id = $1 AND (lower(d.registration_no) LIKE lower($2) ESCAPE '\\' "
                  "OR lower(d.project_name) LIKE lower($2) ESCAPE '\\') AND ($3 = '' OR d.district = $3)",
                  store::params(scope.authority_id, store::like_contains(f.q), f.district), [&](store::Row& r) { matching.insert(r.integer(0)); });
            std::vector<std::int64_t> expected;
            for (const auto& m : store::list_monthly(c, scope, q).items)
              if (matching.contains(m.declaration_id)) expected.push_back(m.id);
            q.q = f.q;
            q.district = f.district;
            q.page_size = 7;
            std::vector<std::int64_t> shown;
            bool walked = false;
            for (q.page = 1; q.page <= static_cast<int>(expected.size()) / 7 + 2; ++q.page) {
              PlanRecorder r(c);
              const auto page = store::list_monthly(r, scope, q);
              EXPECT_EQ(page.total, static_cast<std::int64_t>(expected.size())) << what << " page " << q.page;
              for (const auto& m : page.items) shown.push_back(m.id);
              for (const auto& plan : r.plans) walked = walked || plan.sql.find("m.registration_no NOT IN") != std::string::npos ||
                                                             plan.sql.find("m.registration_no IN") != std::string::npos;
            }
            EXPECT_EQ(shown, expected) << what;
            EXPECT_EQ(walked, f.walks) << what;
            if (f.walks && !periods && status.empty()) EXPECT_GT(expected.size(), 20u) << what << ": too few months to tell";
            return 0;
          });
        }
}

// An enterprise's or a project's inbox starts from its own declarations: the city's waiting rows
// (draft months on the 1st of a month are every active project's) are never walked for one inbox.
TEST_P(ListPlanTest, AnEnterpriseOrProjectInboxStartsFromItsDeclarations) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  domain::Scope contractor;
  contractor.enterprise_id = 1;
  contractor.enterprise_is_general = true;
  domain::Scope site;
  site.project_id = 1;
  struct Case {
    std::string what;
    domain::Scope scope;
    domain::Role role;
  };
  for (const auto& [what, scope, role] : {Case{"contractor", contractor, domain::Role::contractor},
                                          Case{"site supervisor", site, domain::Role::site_supervisor},
                                          Case{"site contractor", site, domain::Role::site_contractor}}) {
    const auto r = plans_of([&](store::Connection& c) {
      store::task_counts(c, scope, role);
      store::task_rows(c, scope, role, "", 20);
      store::active_calendars(c, scope);
    });
    ASSERT_FALSE(r.plans.empty()) << what;
    // A construction enterprise's waiting months come from its own index (V037), not its declarations'.
    if (role == domain::Role::contractor)
      EXPECT_TRUE(std::any_of(r.plans.begin(), r.plans.end(), [](const auto& plan) {
        return std::any_of(plan.lines.begin(), plan.lines.end(),
                           [](const auto& l) { return l.detail.find("monthly_contractor_status (contractor_enterprise_id=? AND status=?)") != std::string::npos; });
      })) << what;
    for (const auto& plan : r.plans)
      for (const auto& l : plan.lines) {
        // (the counts are one row of subqueries: its SCAN CONSTANT ROW reads no table)
        EXPECT_FALSE(l.detail.starts_with("SCAN ") && !l.detail.ends_with(" pg") && l.detail != "SCAN CONSTANT ROW")
            << what << ": scans a table\n" << shown(plan);
        for (std::string_view city_wide : {"monthly_status", "completions_status", "rectifications_status", "management_requests_status",
                                           "declarations_status"})
          EXPECT_EQ(l.detail.find(city_wide), std::string::npos) << what << ": walks the city's " << city_wide << "\n" << shown(plan);
      }
  }
}

// A sheet save counts the declaration's earlier deductions per clause (the progressive n) from the
// V025 index alone: each earlier month by the declaration's months index, then its latest sheet's
// entries, clause included, without reading a deduction row or a month's sheets.
TEST_P(ListPlanTest, TheDeductionHistoryReadsOneIndexPerEarlierMonth) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  const auto r = plans_of([](store::Connection& c) { store::clause_history(c, 1, "2026-11"); });
  ASSERT_EQ(r.plans.size(), 1u);
  // The months outside; inside, one index seek a month to its latest sheet's deductions (not a range
  // over both sheets of every earlier month, each deduction looking its month up); no sorting.
  bool covering = false;
  for (const auto& l : r.plans[0].lines) {
    EXPECT_FALSE(l.detail.starts_with("SCAN ")) << shown(r.plans[0]);
    EXPECT_EQ(l.detail.find("monthly_sheets"), std::string::npos) << shown(r.plans[0]);
    EXPECT_EQ(l.detail.find("TEMP B-TREE"), std::string::npos) << shown(r.plans[0]);
    if (l.detail == "SEARCH x USING COVERING INDEX monthly_deductions_history (declaration_id=? AND period=? AND sheet=?)") covering = true;
  }
  EXPECT_TRUE(covering) << shown(r.plans[0]);
  ASSERT_FALSE(r.plans[0].lines.empty());
  EXPECT_TRUE(r.plans[0].lines[0].detail.starts_with("SEARCH m ")) << shown(r.plans[0]);
}

// An authority's list total and its inbox's pending quarters come from its counts (V040 on SQLite,
// V041 on PostgreSQL), kept by triggers: after the workflow made the declarations and quarters, and
// after every kind of change a row can go through (a state, leaving and entering the submitted ones,
// another authority or none, a delete), each count is what COUNT(*) finds, and so is every list total
// with and without a state and every authority's count of pending quarters.
TEST_P(ListPlanTest, AnAuthoritysCountsFollowEveryChangeOfItsDeclarations) {
  generate(40);
  expect_counts_match("as the workflow made them");
  db().write([](store::Connection& c) {
    c.execute("UPDATE declarations SET status = 'returned' WHERE id IN (SELECT id FROM declarations WHERE submitted_at IS NOT NULL AND status <> 'returned' ORDER BY id LIMIT 3)");
    c.execute("UPDATE declarations SET submitted_at = NULL WHERE id = (SELECT MAX(id) FROM declarations WHERE submitted_at IS NOT NULL)");
    c.execute("UPDATE declarations SET authority_id = (SELECT MAX(id) FROM authorities) "
              "WHERE id = (SELECT MIN(id) FROM declarations WHERE submitted_at IS NOT NULL AND authority_id <> (SELECT MAX(id) FROM authorities))");
    c.execute("UPDATE declarations SET submitted_at = 1 WHERE id = (SELECT MIN(id) FROM declarations WHERE submitted_at IS NULL)");
    c.execute("UPDATE declarations SET status = status, submitted_at = submitted_at, quality_target = quality_target WHERE id % 5 = 0");
    c.execute("DELETE FROM declarations WHERE id = (SELECT MIN(id) FROM declarations WHERE submitted_at = 1)");
    c.execute("UPDATE quarterly_registrations SET status = 'registered' WHERE id IN (SELECT id FROM quarterly_registrations WHERE status = 'pending' ORDER BY id LIMIT 3)");
    c.execute("UPDATE quarterly_registrations SET authority_id = (SELECT MAX(id) FROM authorities) "
              "WHERE id = (SELECT MIN(id) FROM quarterly_registrations WHERE authority_id <> (SELECT MAX(id) FROM authorities))");
    c.execute("UPDATE quarterly_registrations SET authority_id = NULL WHERE id = (SELECT MAX(id) FROM quarterly_registrations)");
    c.execute("UPDATE quarterly_registrations SET status = status WHERE id % 3 = 0");
    // The grades (V077, V078): a conclusion changed, one removed, one given, a graded quarter to no
    // authority and one back from none, a graded quarter deleted with its registrations.
    const auto graded = [&](std::string_view where) {
      return c.query_one("SELECT MIN(id) FROM quarterly_registrations WHERE conclusion IS NOT NULL " + std::string(where), {})->integer(0);
    };
    c.execute("UPDATE quarterly_registrations SET conclusion = CASE conclusion WHEN 'excellent' THEN 'qualified' ELSE 'unqualified' END "
              "WHERE id = $1", store::params(graded("")));
    c.execute("UPDATE quarterly_registrations SET conclusion = NULL WHERE id = $1", store::params(graded("AND id % 2 = 0")));
    c.execute("UPDATE quarterly_registrations SET conclusion = 'excellent' WHERE id = (SELECT MAX(id) FROM quarterly_registrations WHERE conclusion IS NULL)");
    c.execute("UPDATE quarterly_registrations SET authority_id = NULL WHERE id = $1", store::params(graded("AND id % 2 = 1 AND authority_id IS NOT NULL")));
    c.execute("UPDATE quarterly_registrations SET authority_id = NULL, conclusion = 'unqualified' WHERE id = $1",
              store::params(graded("AND id % 3 = 1 AND authority_id IS NOT NULL")));
    c.execute("UPDATE quarterly_registrations SET authority_id = 1 WHERE id = $1", store::params(graded("AND id % 3 = 1 AND authority_id IS NULL")));
    const auto deleted = graded("AND id % 5 = 2");
    c.execute("DELETE FROM quarterly_registration_history WHERE quarterly_id = $1", store::params(deleted));
    c.execute("DELETE FROM quarterly_registrations WHERE id = $1", store::params(deleted));
    c.execute("UPDATE monthly_evaluations SET status = 'submitted' WHERE id IN (SELECT id FROM monthly_evaluations WHERE status = 'draft' ORDER BY id LIMIT 3)");
    c.execute("UPDATE monthly_evaluations SET authority_id = (SELECT MAX(id) FROM authorities) "
              "WHERE id = (SELECT MIN(id) FROM monthly_evaluations WHERE authority_id <> (SELECT MAX(id) FROM authorities))");
    c.execute("UPDATE monthly_evaluations SET contractor_enterprise_id = contractor_enterprise_id + 1, status = 'filed' WHERE id = (SELECT MAX(id) FROM monthly_evaluations)");
    c.execute("UPDATE monthly_evaluations SET status = status, self_score = self_score WHERE id % 4 = 0");
    const auto draft = c.query_one(
        "SELECT MIN(id) FROM monthly_evaluations m WHERE status = 'draft' AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.monthly_id = m.id) "
        "AND NOT EXISTS (SELECT 1 FROM rectifications r WHERE r.source_monthly_id = m.id)", {})->integer(0);
    for (const char* table : {"monthly_sheets", "monthly_deductions"})
      c.execute("DELETE FROM " + std::string(table) + " WHERE monthly_id = $1", store::params(draft));
    c.execute("DELETE FROM monthly_evaluations WHERE id = $1", store::params(draft));
    // A month's spans: a new month before a declaration's first and one after its last, a month
    // moved to another declaration and one to another period, a rewrite that changes nothing.
    c.execute("INSERT INTO monthly_evaluations (declaration_id, period, status, template_id, self_score, created_at, updated_at, authority_id, registration_no, "
              "contractor_enterprise_id) SELECT declaration_id, p, 'draft', template_id, 0, 1, 1, authority_id, registration_no, contractor_enterprise_id "
              "FROM monthly_evaluations CROSS JOIN (SELECT '2001-01' AS p UNION ALL SELECT '2099-12') x WHERE id = (SELECT MIN(id) FROM monthly_evaluations)");
    c.execute("UPDATE monthly_evaluations SET declaration_id = (SELECT MAX(declaration_id) FROM monthly_evaluations), period = '2098-01' "
              "WHERE id = (SELECT MIN(id) FROM monthly_evaluations)");
    c.execute("UPDATE monthly_evaluations SET period = '2097-06' WHERE id = (SELECT MAX(id) FROM monthly_evaluations WHERE period < '2090-01')");
    c.execute("UPDATE monthly_evaluations SET period = period, declaration_id = declaration_id WHERE id % 3 = 0");
    // A month back to its draft, and one whose state and period change at once (V065, V066 count each once).
    c.execute("UPDATE monthly_evaluations SET status = 'draft' WHERE id = (SELECT MIN(id) FROM monthly_evaluations WHERE status <> 'draft')");
    c.execute("UPDATE monthly_evaluations SET status = 'submitted', period = '2096-03' WHERE id = (SELECT MAX(id) FROM monthly_evaluations WHERE status = 'draft')");
    // The latest reviewed scores (V075, V076), each change on a declaration of its own, on the month
    // that gives its score: the score changed, set to none, the month back to its review, its earliest
    // reviewed month moved after it, a later month filed, a new filed month after its last, the month
    // deleted; then filed → registered (nothing changes).
    std::vector<std::int64_t> scored;  // declarations with a reviewed score, whose months nothing else refers to
    c.run("SELECT DISTINCT declaration_id FROM monthly_evaluations m WHERE status IN ('filed', 'registered') AND review_score IS NOT NULL "
          "AND NOT EXISTS (SELECT 1 FROM photos p JOIN monthly_evaluations o ON o.id = p.monthly_id WHERE o.declaration_id = m.declaration_id) "
          "AND NOT EXISTS (SELECT 1 FROM rectifications r JOIN monthly_evaluations o ON o.id = r.source_monthly_id WHERE o.declaration_id = m.declaration_id) "
          "AND NOT EXISTS (SELECT 1 FROM spot_checks s JOIN monthly_evaluations o ON o.id = s.monthly_id WHERE o.declaration_id = m.declaration_id) "
          "ORDER BY declaration_id",
          {}, [&](store::Row& r) { scored.push_back(r.integer(0)); });
    ASSERT_GE(scored.size(), 7u);
    const auto month_of = [&](std::int64_t declaration, std::string_view order) {
      return c.query_one("SELECT id FROM monthly_evaluations WHERE declaration_id = $1 AND status IN ('filed', 'registered') AND review_score IS NOT NULL "
                         "ORDER BY period " + std::string(order) + " LIMIT 1", store::params(declaration))->integer(0);
    };
    c.execute("UPDATE monthly_evaluations SET review_score = review_score - 123 WHERE id = $1", store::params(month_of(scored[0], "DESC")));
    c.execute("UPDATE monthly_evaluations SET review_score = NULL WHERE id = $1", store::params(month_of(scored[1], "DESC")));
    c.execute("UPDATE monthly_evaluations SET status = 'reviewed' WHERE id = $1", store::params(month_of(scored[2], "DESC")));
    c.execute("UPDATE monthly_evaluations SET period = '2095-01', review_score = 4321 WHERE id = $1", store::params(month_of(scored[3], "ASC")));
    // Its earliest reviewed month leaves them as a later submitted month, then enters them again filed.
    const auto later = month_of(scored[4], "ASC");
    c.execute("UPDATE monthly_evaluations SET period = '2095-02', status = 'submitted' WHERE id = $1", store::params(later));
    c.execute("UPDATE monthly_evaluations SET status = 'filed', review_score = 7777 WHERE id = $1", store::params(later));
    c.execute("INSERT INTO monthly_evaluations (declaration_id, period, status, template_id, self_score, review_score, created_at, updated_at, authority_id, "
              "registration_no, contractor_enterprise_id) SELECT declaration_id, '2099-11', 'filed', template_id, 0, 8888, 1, 1, authority_id, registration_no, "
              "contractor_enterprise_id FROM monthly_evaluations WHERE id = $1", store::params(month_of(scored[5], "DESC")));
    const auto gone = month_of(scored[6], "DESC");
    for (const char* table : {"monthly_sheets", "monthly_deductions"})
      c.execute("DELETE FROM " + std::string(table) + " WHERE monthly_id = $1", store::params(gone));
    c.execute("DELETE FROM monthly_evaluations WHERE id = $1", store::params(gone));
    c.execute("UPDATE monthly_evaluations SET status = 'registered' WHERE status = 'filed' AND id % 2 = 0");
  });
  expect_counts_match("after the changes");
}

// The counts under writers at once: on PostgreSQL the triggers of concurrent transactions meet on the
// same count rows (two authorities' states, each moved into and out of by every writer). Eight writers
// each commit 100 transactions of one change a declaration, a quarter or a month goes through (another
// state, another authority, a new pending quarter; a month also another enterprise, V059's two counts
// in one move; a new month of one of four declarations, whose rows' spans (V062) every writer adds to).
// None is refused as busy (a deadlock between two moves
// would be: with V041's moves taking their rows in any order, 5-13 of the 800 were), and afterwards
// every count is what COUNT(*) finds.
TEST_P(ListPlanTest, AnAuthoritysCountsStayExactUnderWritersAtOnce) {
  generate(40);
  const auto [declarations, quarters, months] = db().write([](store::Connection& c) {
    c.execute("UPDATE declarations SET authority_id = 1 + id % 2, submitted_at = COALESCE(submitted_at, 1)");
    c.execute("UPDATE quarterly_registrations SET authority_id = 1 + declaration_id % 2");
    c.execute("UPDATE monthly_evaluations SET authority_id = 1 + declaration_id % 2, contractor_enterprise_id = 1 + declaration_id % 3");
    std::vector<std::int64_t> d, q, m;
    c.run("SELECT id FROM declarations ORDER BY id", {}, [&](store::Row& r) { d.push_back(r.integer(0)); });
    c.run("SELECT id FROM quarterly_registrations ORDER BY id", {}, [&](store::Row& r) { q.push_back(r.integer(0)); });
    c.run("SELECT id FROM monthly_evaluations ORDER BY id", {}, [&](store::Row& r) { m.push_back(r.integer(0)); });
    return std::tuple{d, q, m};
  });
  ASSERT_GT(declarations.size(), 20u);
  ASSERT_GT(quarters.size(), 20u);
  ASSERT_GT(months.size(), 20u);
  expect_counts_match("before the writers");
  constexpr int kWriters = 8, kEach = 100;
  std::atomic<int> refused{0}, committed{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      std::mt19937 rng(static_cast<unsigned>(w) * 7919u + 1u);
      const auto pick = [&](const std::vector<std::int64_t>& ids) { return ids[rng() % ids.size()]; };
      static constexpr std::array kStates{"submitted", "reviewed", "accepted", "returned"};
      static constexpr std::array kMonthStates{"draft", "submitted", "reviewed", "filed"};
      for (int k = 0; k < kEach; ++k) {
        try {
          db().write([&](store::Connection& c) {
            switch (rng() % 7) {
              case 6:  // a new month of one of the first few declarations: writers meet on their rows' spans
                c.execute("INSERT INTO monthly_evaluations (declaration_id, period, status, template_id, self_score, created_at, updated_at, authority_id, "
                          "registration_no, contractor_enterprise_id) SELECT id, $2, 'draft', (SELECT MIN(id) FROM templates), 0, 1, 1, authority_id, registration_no, "
                          "contractor_enterprise_id FROM declarations WHERE id = $1",
                          store::params(declarations[rng() % 4], std::to_string(2100 + w) + "-" + (k < 10 ? "0" : "") + std::to_string(k % 100)));
                break;
              case 4:
                c.execute("UPDATE monthly_evaluations SET status = $1 WHERE id = $2", store::params(std::string(kMonthStates[rng() % 4]), pick(months)));
                break;
              case 5:
                c.execute("UPDATE monthly_evaluations SET authority_id = 3 - authority_id, contractor_enterprise_id = 1 + (contractor_enterprise_id + 1) % 3 "
                          "WHERE id = $1",
                          store::params(pick(months)));
                break;
              case 0:
                c.execute("UPDATE declarations SET status = $1 WHERE id = $2", store::params(std::string(kStates[rng() % 4]), pick(declarations)));
                break;
              case 1:
                c.execute("UPDATE declarations SET authority_id = 3 - authority_id WHERE id = $1", store::params(pick(declarations)));
                break;
              case 2:
                c.execute("UPDATE quarterly_registrations SET status = $1, conclusion = $3 WHERE id = $2",
                          store::params(std::string(rng() % 2 ? "pending" : "registered"), pick(quarters),
                                        std::string(std::array{"excellent", "qualified", "unqualified"}[rng() % 3])));
                break;
              default:
                c.execute("INSERT INTO quarterly_registrations (declaration_id, quarter, status, created_at, updated_at, authority_id, registration_no) "
                          "SELECT id, $2, 'pending', 1, 1, authority_id, registration_no FROM declarations WHERE id = $1",
                          store::params(pick(declarations), "2030-Q" + std::to_string(w) + "-" + std::to_string(k)));
            }
          });
          ++committed;
        } catch (const store::DbError& e) {
          ++refused;
          ADD_FAILURE() << "writer " << w << " refused: " << e.what();
        }
      }
    });
  for (auto& t : writers) t.join();
  EXPECT_EQ(refused.load(), 0);
  EXPECT_EQ(committed.load(), kWriters * kEach);
  expect_counts_match("after the writers");
}

// A declaration shows its project's contracts as the project carries them (V043), kept by triggers
// (V044 on SQLite, V045 on PostgreSQL): after the workflow, and after a contract's report number or
// enterprise changes, a contract is deleted, moves to another project, or is added, every declaration
// shows what a join over the contracts finds.
TEST_P(ListPlanTest, ADeclarationShowsItsProjectsContractsThroughEveryChange) {
  generate(20);
  const auto expect_contracts_match = [&](const std::string& when) {
    db().read([&](store::Connection& c) {
      using Shown = std::tuple<std::string, std::optional<std::string>, std::optional<std::string>, std::optional<std::string>>;
      std::map<std::int64_t, Shown> joined;
      c.run("SELECT d.id, gc.report_no, sc.report_no, se.uscc, se.name FROM declarations d "
            "LEFT JOIN contracts gc ON gc.project_id = d.project_id AND gc.kind = 'general' "
            "LEFT JOIN contracts sc ON sc.project_id = d.project_id AND sc.kind = 'supervision' "
            "LEFT JOIN enterprises se ON se.id = sc.enterprise_id",
            {}, [&](store::Row& r) { joined[r.integer(0)] = {r.opt_text(1).value_or(""), r.opt_text(2), r.opt_text(3), r.opt_text(4)}; });
      std::map<std::int64_t, Shown> shown;
      for (const auto& d : every_declaration(c)) shown[d.id] = {d.general_report_no, d.supervision_report_no, d.supervision_uscc, d.supervision_name};
      EXPECT_EQ(shown, joined) << when;
      EXPECT_GT(shown.size(), 10u) << when;
      return 0;
    });
  };
  expect_contracts_match("as the workflow made them");
  // The project whose supervision contract is deleted, and the one whose supervision contract then moves to it.
  const auto [emptied, moved] = db().write([](store::Connection& c) {
    c.execute("UPDATE contracts SET report_no = report_no || '-R' WHERE id IN (SELECT MIN(id) FROM contracts GROUP BY kind)");
    c.execute("UPDATE contracts SET enterprise_id = (SELECT MAX(enterprise_id) FROM contracts WHERE kind = 'supervision') "
              "WHERE id = (SELECT MIN(id) FROM contracts WHERE kind = 'supervision' AND enterprise_id <> "
              "(SELECT MAX(enterprise_id) FROM contracts WHERE kind = 'supervision'))");
    const auto lone = "SELECT MAX(c.id) FROM contracts c WHERE c.kind = 'supervision' AND c.project_id IN (SELECT project_id FROM declarations) "
                      "AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.contract_id = c.id)";
    const auto deleted = c.query_one(lone, {})->integer(0);
    const auto emptied = c.query_one("SELECT project_id FROM contracts WHERE id = $1", store::params(deleted))->integer(0);
    c.execute("DELETE FROM contracts WHERE id = $1", store::params(deleted));
    const auto moving = c.query_one(lone, {})->integer(0);
    const auto moved = c.query_one("SELECT project_id FROM contracts WHERE id = $1", store::params(moving))->integer(0);
    c.execute("UPDATE contracts SET project_id = $1 WHERE id = $2", store::params(emptied, moving));
    return std::pair{emptied, moved};
  });
  EXPECT_NE(emptied, moved);
  expect_contracts_match("after a rename, another enterprise, a delete and a move");
  db().write([&](store::Connection& c) {
    c.execute("INSERT INTO contracts (report_no, project_id, kind, enterprise_id, manager_person_id, updated_at) "
              "SELECT 'JL-NEW-1', $1, 'supervision', enterprise_id, manager_person_id, 1 FROM contracts WHERE kind = 'supervision' "
              "ORDER BY id LIMIT 1",
              store::params(moved));
  });
  expect_contracts_match("after a contract was added");
  // Each change reached a declaration.
  EXPECT_TRUE(any_row("SELECT 1 FROM declarations d JOIN projects p ON p.id = d.project_id WHERE p.supervision_report_no = 'JL-NEW-1'"));
  EXPECT_TRUE(any_row("SELECT 1 FROM declarations d JOIN projects p ON p.id = d.project_id WHERE p.general_report_no LIKE '%-R'"));
}

// A declaration shows its managers' names and mobiles as it carries them (V047), kept by triggers
// (V048 on SQLite, V049 on PostgreSQL): after the workflow made the declarations, and after a person
// is renamed, given another mobile, written again unchanged, and made a declaration's other manager,
// every declaration shows what a join over persons finds.
TEST_P(ListPlanTest, ADeclarationShowsItsManagersThroughEveryChange) {
  generate(20);
  const auto expect_managers_match = [&](const std::string& when) {
    db().read([&](store::Connection& c) {
      using Shown = std::tuple<std::int64_t, std::string, std::string, std::int64_t, std::string, std::string>;
      std::map<std::int64_t, Shown> joined;
      c.run("SELECT d.id, cm.id, cm.name, cm.mobile, sm.id, sm.name, sm.mobile FROM declarations d "
            "JOIN persons cm ON cm.id = d.contractor_manager_id JOIN persons sm ON sm.id = d.supervision_manager_id",
            {}, [&](store::Row& r) {
              joined[r.integer(0)] = {r.integer(1), r.text(2), r.text(3), r.integer(4), r.text(5), r.text(6)};
            });
      std::map<std::int64_t, Shown> shown;
      for (const auto& d : every_declaration(c))
        shown[d.id] = {d.contractor_manager.person_id,   d.contractor_manager.name,   d.contractor_manager.mobile,
                       d.supervision_manager.person_id, d.supervision_manager.name, d.supervision_manager.mobile};
      EXPECT_EQ(shown, joined) << when;
      EXPECT_GT(shown.size(), 10u) << when;
      domain::Scope all;
      all.all = true;
      EXPECT_EQ(store::find_declaration(c, all, shown.begin()->first)->contractor_manager.name, std::get<1>(shown.begin()->second)) << when;
      return 0;
    });
  };
  expect_managers_match("as the workflow made them");
  db().write([](store::Connection& c) {
    c.execute("UPDATE persons SET name = name || '改' WHERE id = (SELECT MIN(contractor_manager_id) FROM declarations)");
    c.execute("UPDATE persons SET mobile = '13900000000' WHERE id = (SELECT MAX(supervision_manager_id) FROM declarations)");
    c.execute("UPDATE persons SET name = name, mobile = mobile");
    c.execute("UPDATE declarations SET supervision_manager_id = (SELECT MIN(supervision_manager_id) FROM declarations) "
              "WHERE id = (SELECT MAX(id) FROM declarations WHERE supervision_manager_id <> (SELECT MIN(supervision_manager_id) FROM declarations))");
    c.execute("UPDATE declarations SET contractor_manager_id = (SELECT MAX(contractor_manager_id) FROM declarations) "
              "WHERE id = (SELECT MIN(id) FROM declarations WHERE contractor_manager_id <> (SELECT MAX(contractor_manager_id) FROM declarations))");
  });
  expect_managers_match("after a rename, a new mobile, an unchanged write and new managers");
  // Each change reached a declaration.
  EXPECT_TRUE(any_row("SELECT 1 FROM declarations WHERE contractor_manager_name LIKE '%改'"));
  EXPECT_TRUE(any_row("SELECT 1 FROM declarations WHERE supervision_manager_mobile = '13900000000'"));
}

// A declaration shows its enterprises as it carries them, and its project's supervision enterprise as
// the project carries it (V050), kept by triggers (V051 on SQLite, V052 on PostgreSQL): after the
// workflow, and after an enterprise is renamed, the import writes every enterprise again unchanged, a
// declaration is given other enterprises and a supervision contract names another enterprise, the
// declaration list and every month's row show what joins over the enterprises find.
TEST_P(ListPlanTest, ADeclarationShowsItsEnterprisesThroughEveryChange) {
  generate(20);
  const auto expect_enterprises_match = [&](const std::string& when) {
    db().read([&](store::Connection& c) {
      using Shown = std::tuple<std::string, std::string, std::optional<std::string>, std::optional<std::string>, std::optional<std::string>,
                               std::optional<std::string>>;
      std::map<std::int64_t, Shown> joined;
      c.run("SELECT d.id, ge.uscc, ge.name, de.name, se.uscc, se.name, de.uscc FROM declarations d JOIN projects p ON p.id = d.project_id "
            "JOIN enterprises ge ON ge.id = d.contractor_enterprise_id LEFT JOIN enterprises de ON de.id = d.supervisor_enterprise_id "
            "LEFT JOIN enterprises se ON se.id = p.supervision_enterprise_id",
            {}, [&](store::Row& r) { joined[r.integer(0)] = {r.text(1), r.text(2), r.opt_text(3), r.opt_text(4), r.opt_text(5), r.opt_text(6)}; });
      std::map<std::int64_t, std::pair<std::string, std::optional<std::string>>> refs;
      for (const auto& [id, j] : joined) refs[id] = {std::get<1>(j), std::get<2>(j)};
      std::map<std::int64_t, Shown> shown;
      // The supervision enterprise's USCC of a declaration as the inbox's calendars read it.
      std::map<std::int64_t, std::optional<std::string>> carried;
      c.run("SELECT id, supervisor_uscc FROM declarations", {}, [&](store::Row& r) { carried[r.integer(0)] = r.opt_text(1); });
      for (const auto& d : every_declaration(c))
        shown[d.id] = {d.general_uscc, d.general_name, refs[d.id].second, d.supervision_uscc, d.supervision_name, carried[d.id]};
      EXPECT_EQ(shown, joined) << when;
      EXPECT_GT(shown.size(), 10u) << when;
      // Every month's row (a DeclarationRef, as every workflow list shows its declaration).
      domain::Scope all;
      all.all = true;
      int months = 0;
      store::each_monthly(c, all, store::MonthlyQuery{}, [&](const store::MonthlyRow& m) {
        ++months;
        EXPECT_EQ(std::pair(m.general_name, m.supervision_name), refs.at(m.declaration_id)) << when << " month " << m.id;
      });
      EXPECT_GT(months, 10) << when;
      return 0;
    });
  };
  expect_enterprises_match("as the workflow made them");
  db().write([](store::Connection& c) {
    c.execute("UPDATE enterprises SET name = name || '改' WHERE id = (SELECT MIN(contractor_enterprise_id) FROM declarations)");
    c.execute("UPDATE enterprises SET name = name || '新' WHERE id = (SELECT MAX(supervisor_enterprise_id) FROM declarations)");
    c.execute("UPDATE enterprises SET name = name, uscc = uscc");
    c.execute("UPDATE declarations SET contractor_enterprise_id = (SELECT MAX(contractor_enterprise_id) FROM declarations), "
              "supervisor_enterprise_id = (SELECT MIN(supervisor_enterprise_id) FROM declarations) "
              "WHERE id = (SELECT MIN(id) FROM declarations WHERE contractor_enterprise_id <> (SELECT MAX(contractor_enterprise_id) FROM declarations))");
    c.execute("UPDATE contracts SET enterprise_id = (SELECT MIN(enterprise_id) FROM contracts WHERE kind = 'supervision') "
              "WHERE id = (SELECT MAX(id) FROM contracts WHERE kind = 'supervision' AND enterprise_id <> "
              "(SELECT MIN(enterprise_id) FROM contracts WHERE kind = 'supervision'))");
  });
  expect_enterprises_match("after two renames, an unchanged write, other enterprises and another supervision enterprise");
  // Each change reached a declaration or a project.
  EXPECT_TRUE(any_row("SELECT 1 FROM declarations WHERE contractor_name LIKE '%改'"));
  EXPECT_TRUE(any_row("SELECT 1 FROM declarations WHERE supervisor_name LIKE '%新'"));
  EXPECT_TRUE(any_row("SELECT 1 FROM projects WHERE supervision_name LIKE '%新'"));
}

// A construction enterprise's calendars say every declaration's months as they are: from the span its
// row keeps (V061, V062) and its drafts, or, where a month is missing between the first and the last
// (here one moved out of the span), from the months read one by one.
TEST_P(ListPlanTest, AContractorsCalendarsHoldEveryMonthAndDraftOfItsDeclarations) {
  generate(30);
  domain::Scope contractor;
  contractor.enterprise_id = 1;
  contractor.enterprise_is_general = true;
  contractor.sees_drafts = true;
  const auto gap = db().write([](store::Connection& c) {
    const auto id = c.query_one("SELECT MIN(d.id) FROM declarations d WHERE d.contractor_enterprise_id = 1 AND d.management_status = 'active' AND d.months_n >= 3", {});
    const auto gapped = id->integer(0);
    c.execute("UPDATE monthly_evaluations SET period = '2099-01' WHERE id = (SELECT MIN(id) FROM monthly_evaluations WHERE declaration_id = $1)", store::params(gapped));
    c.execute("UPDATE monthly_evaluations SET status = 'draft' WHERE id IN (SELECT MAX(m.id) FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id "
              "WHERE d.contractor_enterprise_id = 1 GROUP BY m.declaration_id)");
    return gapped;
  });
  ASSERT_GT(gap, 0);
  std::size_t read = 0, spanned = 0, drafts = 0;
  db().read([&](store::Connection& c) {
    const auto calendars = store::active_calendars(c, contractor);
    EXPECT_GT(calendars.size(), 3u);
    for (const auto& d : calendars) {
      std::set<domain::YearMonth> existing, draft;
      if (!d.months.empty()) {
        ++read;
        EXPECT_EQ(d.declaration_id, gap);
        for (const auto& m : d.months) {
          existing.insert(*domain::YearMonth::parse(m.period));
          if (m.status == "draft") draft.insert(*domain::YearMonth::parse(m.period));
        }
      } else if (d.span) {
        ++spanned;
        existing = *d.span;
        draft = d.drafts;
      }
      std::set<domain::YearMonth> actual, actual_drafts;
      for (const auto& [period, status] : store::periods_of_declaration(c, d.declaration_id)) {
        actual.insert(*domain::YearMonth::parse(period));
        if (status == "draft") actual_drafts.insert(*domain::YearMonth::parse(period));
      }
      EXPECT_EQ(existing, actual) << d.declaration_id;
      EXPECT_EQ(draft, actual_drafts) << d.declaration_id;
      drafts += draft.size();
    }
    return 0;
  });
  EXPECT_EQ(read, 1u);  // the gapped declaration's months only
  EXPECT_GT(spanned, 2u);
  EXPECT_GT(drafts, 2u);
}

// A construction enterprise's inbox reads its calendars (新增月度评价), its counts and its waiting
// declarations from its own ranges of V039's, V042's and V061's indexes: its declarations with their
// months' span and its drafts each from an index that starts with the enterprise and answers alone,
// never a declaration row or a leaf of the city's months index (declaration_id, …) per declaration,
// which under the mix are pages read one by one, and no declaration's months (every span is whole).
TEST_P(ListPlanTest, AContractorsInboxReadsItsCalendarsFromItsOwnRanges) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  domain::Scope contractor;
  contractor.enterprise_id = 1;
  contractor.enterprise_is_general = true;
  contractor.sees_drafts = true;
  const auto r = plans_of([&](store::Connection& c) {
    ASSERT_FALSE(store::active_calendars(c, contractor).empty());
    store::task_counts(c, contractor, domain::Role::contractor);
    store::task_rows(c, contractor, domain::Role::contractor, "declaration", 20, {});
  });
  ASSERT_EQ(r.plans.size(), 5u);  // the calendars, their drafts, their suspensions; the counts; the declarations
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& plan = r.plans[i];
    for (const auto& l : plan.lines) {
      if (l.detail.starts_with("SEARCH d ")) EXPECT_TRUE(l.detail.starts_with("SEARCH d USING COVERING INDEX declarations_contractor_calendar ")) << shown(plan);
      if (l.detail.starts_with("SEARCH m ")) EXPECT_EQ(l.detail, "SEARCH m USING COVERING INDEX monthly_contractor_status (contractor_enterprise_id=? AND status=?)") << shown(plan);
      EXPECT_FALSE(l.detail.starts_with("SCAN ")) << shown(plan);
    }
  }
  // The counts: the declarations awaiting the enterprise from an index of its declarations that holds
  // their state, its drafts from the (enterprise, status) index without reading their rows.
  const auto& counts = r.plans[3];
  const auto has = [&](std::string_view detail) {
    return std::any_of(counts.lines.begin(), counts.lines.end(), [&](const auto& l) { return l.detail.starts_with(detail); });
  };
  for (const auto& l : counts.lines)
    if (l.detail.starts_with("SEARCH d USING ") && !l.detail.starts_with("SEARCH d USING INTEGER PRIMARY KEY"))
      EXPECT_TRUE(l.detail.starts_with("SEARCH d USING COVERING INDEX declarations_contractor")) << shown(counts);
  EXPECT_TRUE(has("SEARCH d USING COVERING INDEX declarations_contractor")) << shown(counts);
  EXPECT_TRUE(has("SEARCH m USING COVERING INDEX monthly_contractor_status (contractor_enterprise_id=? AND status=?)")) << shown(counts);
  // Its declarations awaiting it, oldest first, from the index of its declarations in that order,
  // which holds their state (V042): no row read to find them, no sort.
  const auto& rows = r.plans[4];
  const auto lines = picking(rows);
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const auto& l) {
    return l.detail == "SEARCH d USING COVERING INDEX declarations_contractor (contractor_enterprise_id=?)";
  })) << shown(rows);
  for (const auto& l : lines) EXPECT_EQ(l.detail.find("TEMP B-TREE"), std::string::npos) << shown(rows);
}

// The trigram index finds exactly what LIKE '%…%' finds, on both backends (PostgreSQL searches with
// LIKE): a name fragment, a 报监编号 fragment in either case, two characters (LIKE), and text with
// the characters each form must escape.
TEST_P(ListPlanTest, TheProjectSearchFindsWhatLikeFinds) {
  generate(30);
  domain::Scope all;
  all.all = true;
  db().write([](store::Connection& c) {  // a project renamed after the index was built: the trigger keeps up
    c.execute("UPDATE projects SET name = '浦东\"新区\"%_测试工程' WHERE id = (SELECT MIN(id) FROM projects)");
  });
  for (std::string q : {"住宅小区", "2025-00", "hp2025", "HP2025", "工程", "\"新区\"", "%_测试", "无此工程名称", "号地"}) {
    const auto [found, like] = db().read([&](store::Connection& c) {
      store::DeclarationQuery dq;
      dq.q = q;
      dq.page_size = 100;
      std::set<std::int64_t> found;
      for (const auto& d : store::list_declarations(c, all, dq).items) found.insert(d.project_id);
      std::set<std::int64_t> like;
      c.run("SELECT p.id FROM projects p JOIN declarations d ON d.project_id = p.id WHERE lower(p.registration_no) LIKE lower($1) "
            "ESCAPE '\\' OR lower(p.name) LIKE lower($1) ESCAPE '\\'",
            store::params(store::like_contains(q)), [&](store::Row& r) { like.insert(r.integer(0)); });
      return std::pair{found, like};
    });
    EXPECT_EQ(found, like) << "q=" << q;
    if (q == "住宅小区" || q == "\"新区\"") EXPECT_FALSE(found.empty()) << "q=" << q << " should find something";
  }
}

// An authority's search (on PostgreSQL over the declaration's own copy of its project's name, kept by
// the database: V034–V036) finds what LIKE over the projects finds, in the declaration list and the
// monthly list, after a project is renamed by a plain UPDATE and its declaration re-read.
TEST_P(ListPlanTest, AnAuthoritysSearchFindsWhatLikeFindsAfterARename) {
  generate(40);
  const auto [authority, renamed] = db().write([](store::Connection& c) {
    auto r = c.query_one(
        "SELECT d.authority_id, MIN(d.project_id) FROM declarations d WHERE d.submitted_at IS NOT NULL AND EXISTS "
        "(SELECT 1 FROM monthly_evaluations m WHERE m.declaration_id = d.id AND m.status <> 'draft') GROUP BY d.authority_id ORDER BY COUNT(*) DESC, d.authority_id LIMIT 1");
    c.execute("UPDATE projects SET name = '改名后的\"滨江\"%_工程' WHERE id = $1", store::params(r->integer(1)));
    return std::pair{r->integer(0), r->integer(1)};
  });
  domain::Scope scope;
  scope.authority_id = authority;
  for (std::string q : {"改名后", "\"滨江\"", "%_工", "%_", "区", "住宅小区", "2025-00", "hp2025", "工程", "无此工程名称"}) {
    const auto found = db().read([&](store::Connection& c) {
      store::DeclarationQuery dq;
      dq.q = q;
      dq.page_size = 100;
      std::set<std::int64_t> declarations, months;
      for (const auto& d : store::list_declarations(c, scope, dq).items) declarations.insert(d.project_id);
      store::MonthlyQuery mq;
      mq.q = q;
      mq.page_size = 1000;
      for (const auto& m : store::list_monthly(c, scope, mq).items) months.insert(m.declaration_id);
      std::set<std::int64_t> like_declarations, like_months;
      const std::string matches = "(lower(p.registration_no) LIKE lower($2) ESCAPE '\\' OR lower(p.name) LIKE lower($2) ESCAPE '\\')";
      c.run("SELECT p.id FROM projects p JOIN declarations d ON d.project_id = p.id WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL AND " + matches,
            store::params(authority, store::like_contains(q)), [&](store::Row& r) { like_declarations.insert(r.integer(0)); });
      c.run("SELECT DISTINCT d.id FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id JOIN projects p ON p.id = d.project_id "
            "WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL AND m.status <> 'draft' AND " + matches,
            store::params(authority, store::like_contains(q)), [&](store::Row& r) { like_months.insert(r.integer(0)); });
      EXPECT_EQ(declarations, like_declarations) << "declarations, q=" << q;
      EXPECT_EQ(months, like_months) << "months, q=" << q;
      return declarations;
    });
    if (q == "改名后" || q == "\"滨江\"" || q == "%_工" || q == "%_") EXPECT_TRUE(found.contains(renamed)) << "q=" << q << " should find the renamed project";
  }
}

// What every workflow list shows of a declaration's project (DeclarationRef: 报监编号, name, district)
// is the declaration's own copy (V019, V034, V053): an authority's inbox, its months and its quarters
// read no project row on SQLite.
TEST_P(ListPlanTest, AnAuthoritysWorkflowListsReadNoProjectRow) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  generate(30);
  const auto r = plans_of([&](store::Connection& c) {
    for (std::string kind : {"declaration", "monthly_evaluation", "quarterly_registration"}) store::task_rows(c, authority(), domain::Role::authority, kind, 20);
    store::list_monthly(c, authority(), store::MonthlyQuery{});
    store::MonthlyQuery district;
    district.district = "浦东新区";
    store::list_monthly(c, authority(), district);
    store::list_quarterly(c, authority(), store::QuarterlyQuery{});
  });
  ASSERT_GE(r.plans.size(), 6u);
  for (const auto& plan : r.plans)
    for (const auto& l : plan.lines) {
      EXPECT_FALSE(l.detail.starts_with("SEARCH p ") || l.detail.starts_with("SCAN p ")) << shown(plan);
      EXPECT_EQ(l.detail.find("projects"), std::string::npos) << shown(plan);
    }
}

// The administrator's district filter reads the district's declarations from V057's index of V053's
// copy of the district (count and page, in the default order), never every declaration of the city.
TEST_P(ListPlanTest, ACityWideDistrictFilterReadsOnlyTheDistrict) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the plans checked are SQLite's";
  domain::Scope all;
  all.all = true;
  store::DeclarationQuery q;
  q.district = "浦东新区";
  q.page = 3;
  const auto r = plans_of([&](store::Connection& c) { store::list_declarations(c, all, q); });
  ASSERT_EQ(r.plans.size(), 2u);
  for (const auto& plan : r.plans) {
    const auto lines = picking(plan);
    EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const auto& l) {
      return l.detail.starts_with("SEARCH d USING COVERING INDEX declarations_district (district=?)");
    })) << shown(plan);
    for (const auto& l : lines) {
      EXPECT_FALSE(l.detail.starts_with("SCAN ")) << shown(plan);
      EXPECT_EQ(l.detail.find("TEMP B-TREE"), std::string::npos) << shown(plan);
    }
  }
}

// A declaration's copy of its project's 报监编号, name and district (V019, V034, V053; V054 and V055
// keep the district) is what a join over projects finds, in the declaration list and every month's
// row, after projects are renamed and moved to another district; and the district filter finds the
// moved project's declaration by its new district.
TEST_P(ListPlanTest, ADeclarationShowsItsProjectThroughEveryChange) {
  generate(20);
  const auto expect_projects_match = [&](const std::string& when) {
    db().read([&](store::Connection& c) {
      using Shown = std::tuple<std::string, std::string, std::string>;
      std::map<std::int64_t, Shown> joined;
      c.run("SELECT d.id, p.registration_no, p.name, p.district FROM declarations d JOIN projects p ON p.id = d.project_id", {},
            [&](store::Row& r) { joined[r.integer(0)] = {r.text(1), r.text(2), r.text(3)}; });
      std::map<std::int64_t, Shown> carried;
      c.run("SELECT id, registration_no, project_name, district FROM declarations", {},
            [&](store::Row& r) { carried[r.integer(0)] = {r.text(1), r.text(2), r.text(3)}; });
      EXPECT_EQ(carried, joined) << when;
      EXPECT_GT(joined.size(), 10u) << when;
      domain::Scope all;
      all.all = true;
      int months = 0;
      store::each_monthly(c, all, store::MonthlyQuery{}, [&](const store::MonthlyRow& m) {
        ++months;
        EXPECT_EQ(Shown(m.registration_no, m.project_name, m.district), joined.at(m.declaration_id)) << when << " month " << m.id;
      });
      EXPECT_GT(months, 10) << when;
      return 0;
    });
  };
  expect_projects_match("as the workflow made them");
  const auto moved = db().write([](store::Connection& c) {
    const auto id = c.query_one("SELECT MIN(project_id) FROM declarations", {})->integer(0);
    c.execute("UPDATE projects SET district = '测试新区', name = name || '（更名）' WHERE id = $1", store::params(id));
    c.execute("UPDATE projects SET district = district, name = name");  // written again unchanged
    return id;
  });
  expect_projects_match("after a project was renamed and moved, and every project written again unchanged");
  const auto found = db().read([&](store::Connection& c) {
    domain::Scope all;
    all.all = true;
    store::DeclarationQuery q;
    q.district = "测试新区";
    return store::list_declarations(c, all, q);
  });
  ASSERT_EQ(found.total, 1);
  ASSERT_EQ(found.items.size(), 1u);
  EXPECT_EQ(found.items[0].project_id, moved);
  EXPECT_EQ(found.items[0].district, "测试新区");
}

// An authority's search total is the number of its submitted declarations that match, on both
// backends (on SQLite a count of V056's index, which holds only submitted declarations): a draft of
// its district that matches is neither listed nor counted, until it is submitted.
TEST_P(ListPlanTest, AnAuthoritysSearchCountsItsSubmittedMatchesOnly) {
  generate(40);
  const auto [authority, draft] = db().write([](store::Connection& c) {
    const auto a = c.query_one(
        "SELECT authority_id FROM declarations WHERE submitted_at IS NOT NULL GROUP BY authority_id ORDER BY COUNT(*) DESC, authority_id LIMIT 1",
        {})->integer(0);
    // Two of its declarations share a name fragment; one of them goes back to a draft that was never submitted.
    std::vector<std::int64_t> two;
    c.run("SELECT id, project_id FROM declarations WHERE authority_id = $1 AND submitted_at IS NOT NULL ORDER BY id LIMIT 2", store::params(a),
          [&](store::Row& r) { two.push_back(r.integer(1)); });
    c.execute("UPDATE projects SET name = '甲乙丙丁' || name WHERE id IN ($1, $2)", store::params(two.at(0), two.at(1)));
    c.execute("UPDATE declarations SET submitted_at = NULL, status = 'draft' WHERE project_id = $1", store::params(two.at(1)));
    return std::pair{a, c.query_one("SELECT id FROM declarations WHERE project_id = $1", store::params(two.at(1)))->integer(0)};
  });
  domain::Scope scope;
  scope.authority_id = authority;
  const auto search = [&](std::string q, std::string status) {
    return db().read([&](store::Connection& c) {
      store::DeclarationQuery dq;
      dq.q = q;
      dq.status = status;
      dq.page_size = 100;
      auto page = store::list_declarations(c, scope, dq);
      std::int64_t like = 0;
      c.run("SELECT COUNT(*) FROM declarations d JOIN projects p ON p.id = d.project_id WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL "
            "AND ($3 = '' OR d.status = $3) AND (lower(p.registration_no) LIKE lower($2) ESCAPE '\\' OR lower(p.name) LIKE lower($2) ESCAPE '\\')",
            store::params(authority, store::like_contains(q), status), [&](store::Row& r) { like = r.integer(0); });
      EXPECT_EQ(page.total, like) << "q=" << q << " status=" << status;
      EXPECT_EQ(static_cast<std::int64_t>(page.items.size()), like) << "q=" << q << " status=" << status;
      return page;
    });
  };
  const auto before = search("甲乙丙丁", "");
  EXPECT_EQ(before.total, 1);
  for (const auto& d : before.items) EXPECT_NE(d.id, draft);
  for (std::string q : {"住宅小区", "工程", "2025-00", "无此工程名称"})
    for (std::string status : {"", "accepted"}) search(q, status);
  db().write([&](store::Connection& c) {
    c.execute("UPDATE declarations SET submitted_at = 1, status = 'submitted' WHERE id = $1", store::params(draft));
  });
  EXPECT_EQ(search("甲乙丙丁", "").total, 2);
  EXPECT_EQ(search("甲乙丙丁", "submitted").total, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ListPlanTest, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace qsm::test
