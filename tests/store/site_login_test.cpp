// Site-user SMS login and enterprise certificate login on both backends, with a controlled clock:
// 60-second resend, 10 a day, 5-minute validity, 5 wrong tries burn the code, contract choice.
#include "../unit/test_files.hpp"
#include "service/registry_service.hpp"
#include "service/site_login.hpp"
#include "store/identity_store.hpp"
#include "store_fixture.hpp"

#include <atomic>
#include <thread>

namespace qsm::test {
namespace {

// The demo's first project: its general contract's manager (2 general contracts) and a foreign one.
constexpr const char* kName = "董海波";
constexpr const char* kId = "310117197212308398";

class SiteLoginTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    domain::Actor admin;
    admin.name = "测试";
    service::import_registry(app(), read_json("share/demo/registry.json"), admin);
    now_ = *domain::parse_instant("2026-03-16T09:00:00+08:00");
    app().clock = app::Clock::at(now_);
  }
  void advance(std::chrono::milliseconds d) {
    now_ += d;
    app().clock = app::Clock::at(now_);
  }
  std::string last_code() {
    auto rows = db().read([](store::Connection& c) { return store::last_outbox(c, 1); });
    auto text = rows.at(0).text;
    auto pos = text.find_first_of("0123456789");
    return text.substr(pos, 6);
  }
  Error error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const Failure& e) {
      return e.error();
    }
    return Error::internal;
  }
  domain::Instant now_;
};

}  // namespace

TEST_P(SiteLoginTest, CodeLogsInAndTheSessionWaitsForAContract) {
  service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1");
  EXPECT_EQ(db().read([](store::Connection& c) { return store::last_outbox(c, 1); }).at(0).mobile, "15064341345");
  auto login = service::login_with_code(app(), "site_contractor", kName, kId, last_code(), "127.0.0.1");
  auto session = service::authenticate(app(), login.token, "127.0.0.1");
  ASSERT_TRUE(session);
  EXPECT_TRUE(session->contract_pending);
  auto contracts = service::session_contracts(app(), *session, "");
  ASSERT_EQ(contracts.size(), 2u);
  for (const auto& c : contracts) EXPECT_EQ(c.kind, "general");
  auto one = service::session_contracts(app(), *session, contracts[1].report_no);
  ASSERT_EQ(one.size(), 1u);
  service::choose_contract(app(), *session, contracts[1].id);
  auto bound = service::authenticate(app(), login.token, "127.0.0.1");
  EXPECT_FALSE(bound->contract_pending);
  EXPECT_EQ(bound->actor.project_id, contracts[1].project_id);
  // A contract of someone else is not a choice.
  auto foreign = db().read([](store::Connection& c) { return c.query_one("SELECT MAX(id) FROM contracts")->integer(0); });
  if (foreign != contracts[0].id && foreign != contracts[1].id)
    EXPECT_EQ(error_of([&] { service::choose_contract(app(), *bound, foreign); }), Error::not_found);
}

TEST_P(SiteLoginTest, ACodeIsUsedOnce) {
  service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1");
  auto code = last_code();
  service::login_with_code(app(), "site_contractor", kName, kId, code, "127.0.0.1");
  EXPECT_EQ(error_of([&] { service::login_with_code(app(), "site_contractor", kName, kId, code, "127.0.0.1"); }), Error::unauthenticated);
}

TEST_P(SiteLoginTest, OneSendPerMinuteAndTenADay) {
  service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1");
  EXPECT_EQ(error_of([&] { service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1"); }), Error::rate_limited);
  for (int i = 1; i < 10; ++i) {
    advance(std::chrono::seconds(61));
    service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1");
  }
  advance(std::chrono::seconds(61));
  EXPECT_EQ(error_of([&] { service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1"); }), Error::rate_limited);
  advance(std::chrono::hours(24));
  service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1");
}

TEST_P(SiteLoginTest, CodesExpireAfterFiveMinutes) {
  service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1");
  auto code = last_code();
  advance(std::chrono::minutes(5) + std::chrono::seconds(1));
  EXPECT_EQ(error_of([&] { service::login_with_code(app(), "site_contractor", kName, kId, code, "127.0.0.1"); }), Error::unauthenticated);
}

TEST_P(SiteLoginTest, FiveWrongTriesBurnTheCode) {
  service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1");
  auto code = last_code();
  std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(error_of([&] { service::login_with_code(app(), "site_contractor", kName, kId, wrong, "127.0.0.1"); }), Error::unauthenticated);
  EXPECT_EQ(error_of([&] { service::login_with_code(app(), "site_contractor", kName, kId, code, "127.0.0.1"); }), Error::unauthenticated);
}

// Whether a name and number belong to a project manager is never told: an unknown person, a person
// who manages no contract of that kind and a known one get the same answer to a code request (only
// the real manager's phone receives a code), and every refused login gets one answer.
TEST_P(SiteLoginTest, NobodyLearnsWhoIsAManager) {
  auto outbox_size = [&] { return db().read([](store::Connection& c) { return c.query_one("SELECT COUNT(*) FROM sms_outbox")->integer(0); }); };
  const auto before = outbox_size();
  // One request per ID number a minute, whoever it names.
  auto unknown = service::send_login_code(app(), "site_contractor", "张三", kId, "127.0.0.1");
  auto other_id = service::send_login_code(app(), "site_contractor", kName, "11010519491231002X", "127.0.0.1");
  advance(std::chrono::seconds(61));
  auto wrong_kind = service::send_login_code(app(), "site_supervisor", kName, kId, "127.0.0.1");  // 董海波 manages general contracts only
  EXPECT_EQ(outbox_size(), before) << "no code for anybody but a manager of that kind";
  advance(std::chrono::seconds(61));
  auto known = service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1");
  EXPECT_EQ(outbox_size(), before + 1);
  for (const auto& a : {unknown, other_id, wrong_kind}) {
    EXPECT_EQ(a.resend_after, known.resend_after);
    EXPECT_EQ(a.expires_in, known.expires_in);
  }
  const auto code = last_code();
  std::string wrong_code = code == "000000" ? "111111" : "000000";
  auto refusal = [&](const char* role, const char* name, const char* id, const std::string& c) {
    try {
      service::login_with_code(app(), role, name, id, c, "127.0.0.1");
    } catch (const Failure& f) {
      return std::pair<Error, std::string>(f.error(), f.what());
    }
    return std::pair<Error, std::string>(Error::internal, "logged in");
  };
  auto expected = refusal("site_contractor", "张三", kId, code);
  EXPECT_EQ(expected.first, Error::unauthenticated);
  EXPECT_EQ(refusal("site_contractor", kName, "11010519491231002X", code), expected);
  EXPECT_EQ(refusal("site_supervisor", kName, kId, code), expected);
  EXPECT_EQ(refusal("site_contractor", kName, kId, wrong_code), expected) << "a wrong code says no more than an unknown person";
  // Formats are public rules: they are told.
  EXPECT_EQ(error_of([&] { service::send_login_code(app(), "authority", kName, kId, "127.0.0.1"); }), Error::validation_failed);
  EXPECT_EQ(error_of([&] { service::send_login_code(app(), "site_contractor", kName, "310117197212308391", "127.0.0.1"); }),
            Error::validation_failed);
}

// The per-ID limits hold whether or not the number belongs to anybody: the second request within a
// minute is refused for an unknown number exactly as for a known one.
TEST_P(SiteLoginTest, LimitsAreTheSameForNumbersOfNobody) {
  service::send_login_code(app(), "site_contractor", "张三", "11010519491231002X", "127.0.0.1");
  EXPECT_EQ(error_of([&] { service::send_login_code(app(), "site_contractor", "张三", "11010519491231002X", "127.0.0.1"); }),
            Error::rate_limited);
}

// Many wrong codes at once compare at most five times against one code (each try is counted in the
// statement that reads the code); the code is then burnt.
TEST_P(SiteLoginTest, ConcurrentWrongCodesCompareAtMostFiveTimes) {
  service::send_login_code(app(), "site_contractor", kName, kId, "127.0.0.1");
  const auto code = last_code();
  std::string wrong = code == "000000" ? "111111" : "000000";
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 2; ++k) {  // 16 tries: under the name's limit of 20
        const auto ip = "10.0." + std::to_string(i) + "." + std::to_string(k);  // no address limit in the way
        if (error_of([&] { service::login_with_code(app(), "site_contractor", kName, kId, wrong, ip); }) == Error::unauthenticated) ++refused;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(refused.load(), 16);
  auto compared = db().read([](store::Connection& c) {
    return c.query_one("SELECT COUNT(*) FROM login_log WHERE method = 'sms' AND reason LIKE '动态密码错误%'")->integer(0);
  });
  EXPECT_EQ(compared, 5) << "each comparison is logged as 动态密码错误; the rest found no live code";
  EXPECT_EQ(error_of([&] { service::login_with_code(app(), "site_contractor", kName, kId, code, "127.0.0.1"); }), Error::unauthenticated);
}

TEST_P(SiteLoginTest, SessionsEndAfterThirtyIdleMinutesAndTwelveHours) {
  service::add_user(app(), "ops", domain::Role::admin, "", "运维", "Strong#Pass2026");
  auto login = service::login_password(app(), "ops", "Strong#Pass2026", "127.0.0.1");
  advance(std::chrono::minutes(29));
  ASSERT_TRUE(service::authenticate(app(), login.token, "127.0.0.1"));
  advance(std::chrono::minutes(29));
  ASSERT_TRUE(service::authenticate(app(), login.token, "127.0.0.1")) << "activity refreshes the idle timer";
  advance(std::chrono::minutes(31));
  EXPECT_FALSE(service::authenticate(app(), login.token, "127.0.0.1"));

  // Activity every 29 minutes keeps it alive until 12 hours after login, never beyond.
  auto busy = service::login_password(app(), "ops", "Strong#Pass2026", "127.0.0.1");
  const auto start = now_;
  for (;;) {
    advance(std::chrono::minutes(29));
    auto s = service::authenticate(app(), busy.token, "127.0.0.1");
    if (now_ - start > std::chrono::hours(12)) {
      EXPECT_FALSE(s) << "absolute timeout of 12 hours";
      break;
    }
    ASSERT_TRUE(s);
  }
}

TEST_P(SiteLoginTest, CertificateMapsTheUsccToTheEnterpriseRole) {
  crypto::PeerCertificate cert;
  cert.presented = true;
  cert.verified = true;
  cert.serial_number = "913101047031024849";
  auto login = service::login_with_certificate(app(), cert, "127.0.0.1");
  EXPECT_EQ(service::authenticate(app(), login.token, "127.0.0.1")->actor.role, domain::Role::supervisor);
  cert.serial_number = "9131000013229491XF";
  login = service::login_with_certificate(app(), cert, "127.0.0.1");
  EXPECT_EQ(service::authenticate(app(), login.token, "127.0.0.1")->actor.role, domain::Role::contractor);
  cert.serial_number = "91310000MA1FL0XX0X";
  EXPECT_EQ(error_of([&] { service::login_with_certificate(app(), cert, "127.0.0.1"); }), Error::unauthenticated);
  cert.serial_number = "913101047031024849";
  cert.verified = false;
  EXPECT_EQ(error_of([&] { service::login_with_certificate(app(), cert, "127.0.0.1"); }), Error::unauthenticated);
}

INSTANTIATE_TEST_SUITE_P(Backends, SiteLoginTest, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace qsm::test
