// The benchmark data generator on both backends: what it writes is what the workflows would have
// written — twelve months per accepted declaration, every stored score equal to the engine's
// result against the stored history, registered quarters with the mean of their months.
#include <map>
#include <set>

#include "domain/scoring/engine.hpp"
#include "domain/scoring/sheet_json.hpp"
#include "domain/workflow/monthly.hpp"
#include "service/auth_service.hpp"
#include "service/bench_data.hpp"
#include "service/monthly_service.hpp"
#include "service/quarterly_service.hpp"
#include "store/bench_store.hpp"
#include "store/declaration_store.hpp"
#include "store/identity_store.hpp"
#include "store/monthly_store.hpp"
#include "store/quarterly_store.hpp"
#include "store/task_store.hpp"
#include "store_fixture.hpp"

namespace qsm::test {
namespace {

class BenchDataTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    app().clock = app::Clock::at(*domain::parse_instant("2026-11-24T09:00:00+08:00"));
    service::BenchDataOptions o;
    o.projects = 40;
    o.password = "Bench@data2026";
    o.by.name = "测试";
    o.batch = 7;
    counts_ = service::generate_bench_data(app(), o, [](std::string_view) {});
  }
  domain::Actor authority_all() {
    domain::Actor a;
    a.role = domain::Role::admin;
    a.name = "测试";
    return a;
  }
  service::BenchDataCounts counts_;
};

}  // namespace

TEST_P(BenchDataTest, WritesTheRegistryAndTwelveMonthsPerAcceptedDeclaration) {
  EXPECT_EQ(counts_.authorities, 16);
  EXPECT_EQ(counts_.projects, 40);
  EXPECT_EQ(counts_.contracts, 80);
  EXPECT_EQ(counts_.persons, 80);
  EXPECT_EQ(counts_.declarations, 40);
  EXPECT_EQ(counts_.accepted, 38);  // one in twenty waits in an earlier state
  EXPECT_EQ(counts_.months, 38 * 12);
  EXPECT_GE(counts_.deductions, counts_.sheets * 3);
  EXPECT_LE(counts_.deductions, counts_.sheets * 8);

  auto page = db().read([&](store::Connection& c) {
    store::DeclarationQuery q;
    q.page_size = 100;
    return store::list_declarations(c, domain::Scope::of(authority_all()), q);
  });
  ASSERT_EQ(page.total, 40);
  int checked = 0;
  for (const auto& d : page.items) {
    if (d.status != "accepted") continue;
    auto months = db().read([&](store::Connection& c) { return store::periods_of_declaration(c, d.id); });
    ASSERT_EQ(months.size(), 12u) << d.registration_no;
    EXPECT_EQ(months.front().first, "2025-11");
    EXPECT_EQ(months.back().first, "2026-10");
    // Every month but the latest is filed, and quarters ended before October are registered.
    for (std::size_t i = 0; i + 1 < months.size(); ++i) {
      const auto& [period, status] = months[i];
      EXPECT_EQ(status, period < "2026-10" ? "registered" : "filed") << d.registration_no << " " << period;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 38);
}

TEST_P(BenchDataTest, StoredScoresAreTheEnginesAgainstTheStoredHistory) {
  auto admin = authority_all();
  auto rows = db().read([&](store::Connection& c) {
    store::MonthlyQuery q;
    q.page_size = 200;
    return store::list_monthly(c, domain::Scope::of(admin), q).items;
  });
  ASSERT_FALSE(rows.empty());
  for (const auto& listed : rows) {
    auto m = service::get_monthly(app(), admin, listed.id);
    auto t = service::template_of(app(), m);
    auto history = db().read([&](store::Connection& c) { return store::clause_history(c, m.declaration_id, m.period); });
    domain::Problems problems;
    auto self = domain::scoring::evaluate(*t, domain::scoring::sheet_input_from_json(boost::json::parse(m.self_sheet)), history, problems);
    ASSERT_TRUE(problems.empty()) << m.period;
    EXPECT_EQ(self.score.hundredths(), m.self_score) << m.registration_no << " " << m.period;
    EXPECT_GE(self.deductions.size(), 3u);
    EXPECT_LE(self.deductions.size(), 8u);
    if (!m.review_sheet) continue;
    auto review = domain::scoring::evaluate(*t, domain::scoring::sheet_input_from_json(boost::json::parse(*m.review_sheet)), history, problems);
    ASSERT_TRUE(problems.empty());
    EXPECT_EQ(review.score.hundredths(), m.review_score) << m.registration_no << " " << m.period;
  }
}

TEST_P(BenchDataTest, RegisteredQuartersCarryTheMeanOfTheirMonths) {
  auto admin = authority_all();
  auto quarters = db().read([&](store::Connection& c) {
    store::QuarterlyQuery q;
    q.page_size = 200;
    q.status = "registered";
    return store::list_quarterly(c, domain::Scope::of(admin), q).items;
  });
  ASSERT_GE(quarters.size(), 38u * 4);
  for (const auto& q : quarters) {
    auto detail = service::get_quarterly(app(), admin, q.id);
    auto filed = service::filed_months(detail.months);
    ASSERT_TRUE(filed.score);
    EXPECT_EQ(detail.row.score, filed.score->hundredths()) << q.quarter;
    ASSERT_EQ(detail.registrations.size(), 1u);
  }
}

TEST_P(BenchDataTest, RefusesADatabaseThatAlreadyHasDeclarations) {
  service::BenchDataOptions o;
  o.projects = 5;
  o.password = "Bench@data2026";
  try {
    service::generate_bench_data(app(), o, [](std::string_view) {});
    FAIL() << "a second run was accepted";
  } catch (const Failure& f) {
    EXPECT_EQ(f.error(), Error::conflict);
  }
}

// The write benchmark's sessions: each a contractor's session that may save its own new draft month.
TEST_P(BenchDataTest, BenchSessionsAreContractorsWithADraftMonthEach) {
  service::BenchSessionsOptions o;
  o.contractors = 5;
  const auto s = service::bench_sessions(app(), o);
  ASSERT_FALSE(s.sessions.empty());
  EXPECT_TRUE(s.drafts.empty());
  EXPECT_TRUE(s.reviews.empty());
  EXPECT_FALSE(s.clauses.empty());
  std::set<std::int64_t> months;
  for (const auto& one : s.sessions) {
    const auto session = service::authenticate(app(), one.token, "127.0.0.1");
    ASSERT_TRUE(session);
    EXPECT_EQ(session->actor.role, domain::Role::contractor);
    const auto m = service::get_monthly(app(), session->actor, one.monthly_id);
    EXPECT_EQ(m.status, domain::monthly::to_string(domain::monthly::State::draft));
    EXPECT_EQ(m.version, one.version);
    months.insert(one.monthly_id);
    domain::scoring::SheetInput input;
    input.deductions.push_back({s.clauses.front(), "现场检查发现的问题"});
    EXPECT_EQ(service::save_sheet(app(), session->actor, one.monthly_id, service::Sheet::self, one.version, input).month.version, one.version + 1);
  }
  EXPECT_EQ(months.size(), s.sessions.size()) << "one month per session";
}

// The mix's writes: months to submit, each with its contractor's session, and submitted months, each
// with a site supervisor's session that may review it and a 项目部 session that may read it.
TEST_P(BenchDataTest, BenchSessionsForTheMixActOnTheirMonths) {
  service::BenchSessionsOptions o;
  o.contractors = 3;
  o.drafts = 60;  // more than the data has: the rest are new
  o.site = 4;
  const auto existing = db().read([](store::Connection& c) { return store::bench_months(c, domain::monthly::to_string(domain::monthly::State::draft), 100); });
  app().clock = app::Clock::at(*domain::parse_instant("2026-12-02T09:00:00+08:00"));  // December may be created
  const auto s = service::bench_sessions(app(), o);
  EXPECT_GT(s.drafts.size(), existing.size()) << "new drafts beside the existing ones";
  ASSERT_FALSE(s.reviews.empty());
  ASSERT_EQ(s.site_contractors.size(), s.reviews.size());
  std::set<std::int64_t> saved;
  for (const auto& one : s.sessions) saved.insert(one.monthly_id);
  std::set<std::int64_t> drafts;
  for (const auto& one : s.drafts) {
    EXPECT_TRUE(drafts.insert(one.monthly_id).second) << "each month once";
    EXPECT_FALSE(saved.count(one.monthly_id)) << "a month to submit is not one of the months to save";
    const auto session = service::authenticate(app(), one.token, "127.0.0.1");
    ASSERT_TRUE(session);
    EXPECT_EQ(session->actor.role, domain::Role::contractor);
    const auto m = service::submit_sheet(app(), session->actor, one.monthly_id, service::Sheet::self, one.version);
    EXPECT_EQ(m.status, domain::monthly::to_string(domain::monthly::State::submitted));
  }
  for (std::size_t i = 0; i < s.reviews.size(); ++i) {
    const auto& one = s.reviews[i];
    const auto reviewer = service::authenticate(app(), one.token, "127.0.0.1");
    ASSERT_TRUE(reviewer);
    EXPECT_EQ(reviewer->actor.role, domain::Role::site_supervisor);
    const auto m = service::get_monthly(app(), reviewer->actor, one.monthly_id);
    EXPECT_EQ(m.status, domain::monthly::to_string(domain::monthly::State::submitted));
    EXPECT_EQ(m.declaration_id, one.declaration_id);
    domain::scoring::SheetInput input;
    input.deductions.push_back({s.clauses.front(), "监理复核发现的问题"});
    EXPECT_EQ(service::save_sheet(app(), reviewer->actor, one.monthly_id, service::Sheet::review, one.version, input).month.version,
              one.version + 1);
    const auto site = service::authenticate(app(), s.site_contractors[i].token, "127.0.0.1");
    ASSERT_TRUE(site);
    EXPECT_EQ(site->actor.role, domain::Role::site_contractor);
    EXPECT_EQ(service::get_monthly(app(), site->actor, one.monthly_id).id, one.monthly_id);
  }
}

// A month's page is read in one transaction (month, photos, history), not one per part: on
// PostgreSQL each is a BEGIN and a COMMIT more. A save is its write and the page read after it, and on
// SQLite (writers take turns) a read before the write that scores the sheet.
TEST_P(BenchDataTest, AMonthsPageAndASaveAreOneTransactionEach) {
  service::BenchSessionsOptions o;
  o.contractors = 1;
  const auto s = service::bench_sessions(app(), o);
  ASSERT_FALSE(s.sessions.empty());
  const auto& one = s.sessions.front();
  const auto session = service::authenticate(app(), one.token, "127.0.0.1");
  ASSERT_TRUE(session);

  auto before = db().transactions();
  const auto page = service::monthly_detail(app(), session->actor, one.monthly_id);
  EXPECT_EQ(db().transactions() - before, 1u);
  EXPECT_EQ(page.month.id, one.monthly_id);
  ASSERT_TRUE(page.history) << "the contractor may edit its draft: the page scores ticks with the history";
  const auto history = db().read([&](store::Connection& c) { return store::clause_history(c, page.month.declaration_id, page.month.period); });
  EXPECT_EQ(*page.history, history);
  EXPECT_FALSE(history.empty()) << "the bench data's earlier months deducted clauses";

  domain::scoring::SheetInput input;
  input.deductions.push_back({s.clauses.front(), "现场检查发现的问题"});
  before = db().transactions();
  const auto saved = service::save_sheet(app(), session->actor, one.monthly_id, service::Sheet::self, one.version, input);
  // The write scores the sheet and reads the answer too.
  EXPECT_EQ(db().transactions() - before, 1u);
  EXPECT_EQ(saved.month.version, one.version + 1);
  ASSERT_TRUE(saved.history);
  EXPECT_EQ(*saved.history, history) << "the earlier months' deductions: the save's own are not among them";
  // The answer is the month as committed.
  const auto stored = db().read([&](store::Connection& c) { return store::find_monthly(c, domain::Scope::of(authority_all()), one.monthly_id); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(saved.month.self_sheet, stored->self_sheet);
  EXPECT_EQ(saved.month.self_score, stored->self_score);
  EXPECT_LT(saved.month.self_score, 10000) << "one clause deducted";

  // Whoever may not edit a sheet of it reads the month without the history.
  const auto read = service::monthly_detail(app(), authority_all(), one.monthly_id);
  EXPECT_EQ(read.month.version, one.version + 1);
  EXPECT_FALSE(read.history);
}

// `--inspectors N`: N authority accounts of their own over the districts in turn, each with one live
// session acting for its district's authority (the mix's many authority sessions).
TEST_P(BenchDataTest, InspectorsAreSessionsOfTheirDistrictsAuthority) {
  service::BenchSessionsOptions o;
  o.contractors = 1;
  o.inspectors = 20;
  const auto s = service::bench_sessions(app(), o);
  ASSERT_EQ(s.inspectors.size(), 20u);
  std::set<std::string> usernames, districts;
  for (const auto& one : s.inspectors) {
    usernames.insert(one.username);
    districts.insert(one.district);
    const auto session = service::authenticate(app(), one.token, "127.0.0.1");
    ASSERT_TRUE(session) << one.username;
    EXPECT_EQ(session->actor.role, domain::Role::authority);
    EXPECT_EQ(session->actor.authority_id, db().read([&](store::Connection& c) { return store::authority_id_by_code(c, one.district); }));
  }
  EXPECT_EQ(usernames.size(), 20u) << "an account each: an account keeps only a few sessions";
  EXPECT_EQ(districts.size(), 16u) << "the districts in turn";
}

// A sheet's deductions are written several rows a statement (16, 8, 4, 2, 1): whatever their number,
// every one is stored once with its problem and its n, and a save with fewer replaces them.
TEST_P(BenchDataTest, EverySavedDeductionIsStoredOnceWhateverTheirNumber) {
  service::BenchSessionsOptions o;
  o.contractors = 1;
  const auto s = service::bench_sessions(app(), o);
  ASSERT_FALSE(s.sessions.empty());
  ASSERT_GE(s.clauses.size(), 31u);
  const auto& one = s.sessions.front();
  const auto session = service::authenticate(app(), one.token, "127.0.0.1");
  ASSERT_TRUE(session);
  auto version = one.version;
  for (std::size_t count : {23u, 1u, 16u, 31u, 5u, 0u}) {
    domain::scoring::SheetInput input;
    for (std::size_t i = 0; i < count; ++i) input.deductions.push_back({s.clauses[i], "问题 " + std::to_string(i)});
    const auto saved = service::save_sheet(app(), session->actor, one.monthly_id, service::Sheet::self, version, input);
    version = saved.month.version;
    ASSERT_TRUE(saved.history);
    std::map<std::string, std::pair<std::string, std::int64_t>> stored;
    db().read([&](store::Connection& c) {
      c.run("SELECT clause, problem, n FROM monthly_deductions WHERE monthly_id = $1 AND sheet = 'self'", store::params(one.monthly_id),
            [&](store::Row& r) { EXPECT_TRUE(stored.emplace(r.text(0), std::pair{r.text(1), r.integer(2)}).second) << r.text(0); });
    });
    ASSERT_EQ(stored.size(), count);
    for (std::size_t i = 0; i < count; ++i) {
      const auto& clause = s.clauses[i];
      ASSERT_TRUE(stored.count(clause)) << clause;
      EXPECT_EQ(stored[clause].first, "问题 " + std::to_string(i));
      const auto earlier = saved.history->count(clause) ? saved.history->at(clause) : 0;
      EXPECT_EQ(stored[clause].second, 1 + earlier) << clause;
    }
  }
}

// The inbox names its months due with one statement for the page: every id that exists, whatever
// the padding of the IN list.
TEST_P(BenchDataTest, DeclarationRefsOfAPageAreEveryIdThatExists) {
  const auto page = db().read([&](store::Connection& c) {
    store::DeclarationQuery q;
    q.page_size = 5;
    return store::list_declarations(c, domain::Scope::of(authority_all()), q);
  });
  ASSERT_EQ(page.items.size(), 5u);
  std::vector<std::int64_t> ids;
  for (const auto& d : page.items) ids.push_back(d.id);
  ids.push_back(999'999'999);  // none: left out
  const auto refs = db().read([&](store::Connection& c) { return store::declaration_refs(c, ids); });
  ASSERT_EQ(refs.size(), 5u);
  for (const auto& d : page.items) {
    ASSERT_TRUE(refs.count(d.id)) << d.id;
    EXPECT_EQ(refs.at(d.id).registration_no, d.registration_no);
    EXPECT_EQ(refs.at(d.id).project_name, d.project_name);
  }
  EXPECT_TRUE(db().read([&](store::Connection& c) { return store::declaration_refs(c, {}); }).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, BenchDataTest, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace qsm::test
