// The store on both backends: migrations, registry import (upsert, all-or-nothing), templates,
// sessions, scoped project lists.
#include <thread>
#include <boost/json.hpp>

#include "../unit/test_files.hpp"
#include "crypto/secret.hpp"
#include "service/auth_service.hpp"
#include "service/registry_service.hpp"
#include "store/audit.hpp"
#include "store/identity_store.hpp"
#include "store/registry_store.hpp"
#include "store/template_store.hpp"
#include "store_fixture.hpp"

namespace qsm::test {
namespace {

domain::Actor admin() {
  domain::Actor a;
  a.role = domain::Role::admin;
  a.name = "测试管理员";
  a.ref = "test";
  return a;
}

store::RegistryCounts counts(store::Database& db) {
  return db.read([](store::Connection& c) { return store::registry_counts(c); });
}

}  // namespace

TEST_P(StoreTest, MigrationsAreIdempotent) {
  int version = store::schema_version(db());
  EXPECT_EQ(version, static_cast<int>(store::embedded_migrations().back().version));
  EXPECT_EQ(store::migrate(db()), 0);
  EXPECT_EQ(store::schema_version(db()), version);
}

TEST_P(StoreTest, ImportUpsertsOnNaturalKeys) {
  auto file = read_json("tests/data/registry-small.json");
  auto first = service::import_registry(app(), file, admin());
  EXPECT_EQ(first.projects, 2);
  auto before = counts(db());
  // Renaming a project and importing again updates in place.
  file.at("projects").as_array()[0].as_object()["name"] = "改名后的工程";
  service::import_registry(app(), file, admin());
  auto after = counts(db());
  EXPECT_EQ(before.projects, after.projects);
  EXPECT_EQ(before.persons, after.persons);
  auto page = db().read([](store::Connection& c) {
    domain::Scope all;
    all.all = true;
    store::ProjectQuery q;
    q.q = "改名后";
    return store::list_projects(c, all, q);
  });
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].name, "改名后的工程");
}

TEST_P(StoreTest, BadFileChangesNothingAndNamesBothProblems) {
  service::import_registry(app(), read_json("tests/data/registry-small.json"), admin());
  auto before = counts(db());
  try {
    service::import_registry(app(), read_json("tests/data/registry-bad.json"), admin());
    FAIL() << "a bad file must be refused";
  } catch (const Failure& f) {
    EXPECT_EQ(f.error(), Error::validation_failed);
    const auto& problems = f.details().at("problems").as_array();
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].at("path").as_string(), "$.enterprises[1].uscc");
    EXPECT_EQ(problems[1].at("path").as_string(), "$.contracts[2].project_registration_no");
  }
  auto after = counts(db());
  EXPECT_EQ(before.enterprises, after.enterprises);
  EXPECT_EQ(before.persons, after.persons);
  EXPECT_EQ(before.projects, after.projects);
  EXPECT_EQ(before.contracts, after.contracts);
}

TEST_P(StoreTest, IdNumbersAreStoredOnlyAsHashAndMask) {
  service::import_registry(app(), read_json("tests/data/registry-small.json"), admin());
  auto file = read_json("tests/data/registry-small.json");
  std::string id(file.at("persons").as_array()[0].at("id_number").as_string());
  auto rows = db().read([](store::Connection& c) { return c.query("SELECT id_hash, id_masked FROM persons"); });
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows) {
    EXPECT_EQ(r.text(0).size(), 64u);
    EXPECT_EQ(r.text(0).find(id), std::string::npos);
    EXPECT_NE(r.text(1).find("***********"), std::string::npos);
  }
  EXPECT_EQ(rows[0].text(0), app().secret.hmac_hex(id));
}

TEST_P(StoreTest, ImportWritesAnAuditRecord) {
  service::import_registry(app(), read_json("tests/data/registry-small.json"), admin());
  auto audit = db().read([](store::Connection& c) { return store::audit_of_entity(c, "registry", 0); });
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].entry.action, "import");
  EXPECT_EQ(audit[0].actor_name, "测试管理员");
}

TEST_P(StoreTest, TemplateVersionsAreImmutable) {
  auto file = read_json("share/templates/SH-QS-1.json");
  auto first = service::load_template(app(), file, admin());
  EXPECT_FALSE(first.unchanged);
  EXPECT_TRUE(service::load_template(app(), file, admin()).unchanged);
  file.as_object()["name"] = "改过的名称";
  try {
    service::load_template(app(), file, admin());
    FAIL() << "changing a loaded version must be refused";
  } catch (const Failure& f) {
    EXPECT_EQ(f.error(), Error::conflict);
  }
  file.as_object()["version"] = 2;
  auto second = service::load_template(app(), file, admin());
  auto current = db().read([](store::Connection& c) { return store::current_template(c); });
  ASSERT_TRUE(current);
  EXPECT_EQ(current->version, 2);
  EXPECT_EQ(current->id, second.id);
}

TEST_P(StoreTest, RefusedTemplateDoesNotBecomeCurrent) {
  service::load_template(app(), read_json("share/templates/SH-QS-1.json"), admin());
  EXPECT_THROW(service::load_template(app(), read_json("tests/data/template-bad.json"), admin()), Failure);
  auto current = db().read([](store::Connection& c) { return store::current_template(c); });
  EXPECT_EQ(current->version, 1);
}

TEST_P(StoreTest, PasswordSessionLifecycle) {
  service::import_registry(app(), read_json("tests/data/registry-small.json"), admin());
  service::add_user(app(), "ops", domain::Role::admin, "", "运维", "Strong#Pass2026");
  auto login = service::login_password(app(), "ops", "Strong#Pass2026", "127.0.0.1");
  auto session = service::authenticate(app(), login.token, "127.0.0.1");
  ASSERT_TRUE(session);
  EXPECT_EQ(session->actor.role, domain::Role::admin);
  EXPECT_EQ(session->csrf_token, login.csrf_token);
  service::logout(app(), *session);
  EXPECT_FALSE(service::authenticate(app(), login.token, "127.0.0.1"));
}

// A live session is refreshed (last seen) at most once a minute. A command or a test writes it at
// once; `qsm serve` defers it (app.touches) and writes every refreshed session in one transaction a
// second, and a time written never moves back.
TEST_P(StoreTest, ASessionsLastSeenIsWrittenAtOnceOrWithTheOthersInOneWrite) {
  const auto start = *domain::parse_instant("2026-12-04T09:00:00+08:00");
  app().clock = app::Clock::at(start);
  service::add_user(app(), "ops", domain::Role::admin, "", "运维", "Strong#Pass2026", false);
  const auto id = db().read([](store::Connection& c) { return store::find_account(c, "ops")->id; });
  // Sessions past their login's setup steps (a session between them is never cached).
  const auto a = service::start_session(app(), "admin", "password", "127.0.0.1", id, std::nullopt, std::nullopt);
  const auto b = service::start_session(app(), "admin", "password", "127.0.0.1", id, std::nullopt, std::nullopt);
  const auto seen = [&](const std::string& token) {
    return db().read([&](store::Connection& c) { return store::find_session(c, crypto::sha256_hex(token))->last_seen_at; });
  };
  const auto ms = [](domain::Instant t) { return domain::to_millis(t); };

  const auto later = start + std::chrono::seconds(61);
  app().clock = app::Clock::at(later);
  ASSERT_TRUE(service::authenticate(app(), a.token, "127.0.0.1"));
  EXPECT_EQ(seen(a.token), ms(later)) << "not deferred: written by the request";

  app().touches->deferred = true;
  const auto t1 = start + std::chrono::seconds(62);
  app().clock = app::Clock::at(t1);
  const auto before = db().transactions();
  ASSERT_TRUE(service::authenticate(app(), b.token, "127.0.0.1"));
  ASSERT_TRUE(service::authenticate(app(), b.token, "127.0.0.1"));
  EXPECT_EQ(db().transactions() - before, 1u) << "one read of the session, no write; the second from the cache";
  EXPECT_EQ(seen(b.token), ms(start)) << "deferred: not written yet";
  const auto t2 = later + std::chrono::seconds(61);
  app().clock = app::Clock::at(t2);
  ASSERT_TRUE(service::authenticate(app(), a.token, "127.0.0.1"));
  ASSERT_TRUE(service::authenticate(app(), b.token, "127.0.0.1")) << "b's cached row has the time waiting: not due again";

  auto flushed = db().transactions();
  service::flush_session_touches(app());
  EXPECT_EQ(db().transactions() - flushed, 1u) << "both sessions in one write";
  EXPECT_EQ(seen(a.token), ms(t2));
  EXPECT_EQ(seen(b.token), ms(t1));
  flushed = db().transactions();
  service::flush_session_touches(app());
  EXPECT_EQ(db().transactions() - flushed, 0u) << "nothing left to write";

  // Another process wrote a later time meanwhile: an older one waiting here does not move it back.
  db().write([&](store::Connection& c) { store::touch_session(c, db().read([&](store::Connection& r) {
                                                                   return store::find_session(r, crypto::sha256_hex(a.token))->id;
                                                                 }),
                                                                 t2 + std::chrono::seconds(30)); });
  app().touches->add(db().read([&](store::Connection& r) { return store::find_session(r, crypto::sha256_hex(a.token))->id; }), ms(t2) + 1);
  service::flush_session_touches(app());
  EXPECT_EQ(seen(a.token), ms(t2 + std::chrono::seconds(30)));
}

TEST_P(StoreTest, FiveWrongPasswordsLockEvenTheRightOne) {
  service::add_user(app(), "ops", domain::Role::admin, "", "运维", "Strong#Pass2026");
  for (int i = 0; i < 4; ++i) {
    try {
      service::login_password(app(), "ops", "wrong-password", "127.0.0.1");
    } catch (const Failure& f) {
      EXPECT_EQ(f.error(), Error::unauthenticated);
    }
  }
  try {
    service::login_password(app(), "ops", "wrong-password", "127.0.0.1");
    FAIL();
  } catch (const Failure& f) {
    EXPECT_EQ(f.error(), Error::locked);
  }
  try {
    service::login_password(app(), "ops", "Strong#Pass2026", "127.0.0.1");
    FAIL() << "the right password is refused during the lock";
  } catch (const Failure& f) {
    EXPECT_EQ(f.error(), Error::locked);
  }
}

// Wrong passwords sent at once are counted before they are verified, in one statement: eight
// workers guessing together get five verifications, not one each per round.
TEST_P(StoreTest, ConcurrentWrongPasswordsVerifyAtMostFive) {
  service::add_user(app(), "ops", domain::Role::admin, "", "运维", "Strong#Pass2026");
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 5; ++k) {
        try {
          service::login_password(app(), "ops", "wrong-password-" + std::to_string(k), "10.1." + std::to_string(i) + "." + std::to_string(k));
        } catch (const Failure&) {
        }
      }
    });
  for (auto& t : threads) t.join();
  auto verified = db().read([](store::Connection& c) {
    return c.query_one("SELECT COUNT(*) FROM login_log WHERE method = 'password' AND reason LIKE '密码错误%'")->integer(0);
  });
  EXPECT_EQ(verified, 5) << "every verified wrong password is logged as 密码错误; the others were refused as locked";
  try {
    service::login_password(app(), "ops", "Strong#Pass2026", "127.0.0.1");
    FAIL() << "the right password is refused during the lock";
  } catch (const Failure& f) {
    EXPECT_EQ(f.error(), Error::locked);
  }
}

// An unknown username is counted, locked and answered exactly like an existing account.
TEST_P(StoreTest, UnknownUsernamesAnswerLikeAccounts) {
  service::add_user(app(), "ops", domain::Role::admin, "", "运维", "Strong#Pass2026");
  auto answers = [&](const std::string& user) {
    std::vector<std::pair<Error, std::string>> out;
    for (int i = 0; i < 7; ++i) {
      try {
        service::login_password(app(), user, "wrong-password", "127.0.0.1");
      } catch (const Failure& f) {
        out.emplace_back(f.error(), f.what());
      }
    }
    return out;
  };
  auto known = answers("ops"), unknown = answers("nobody");
  ASSERT_EQ(known.size(), 7u);
  EXPECT_EQ(known, unknown);
  EXPECT_EQ(known[4].first, Error::locked);
}

TEST_P(StoreTest, ProjectScopeFollowsTheRole) {
  service::import_registry(app(), read_json("share/demo/registry.json"), admin());
  auto list = [&](const domain::Scope& s) {
    return db().read([&](store::Connection& c) {
      store::ProjectQuery q;
      q.page_size = 100;
      return store::list_projects(c, s, q);
    });
  };
  domain::Scope all;
  all.all = true;
  auto everything = list(all);
  EXPECT_EQ(everything.total, 30);
  // An authority sees its own district's projects only.
  auto hp = db().read([](store::Connection& c) { return c.query_one("SELECT id FROM authorities WHERE code = 'HP'")->integer(0); });
  domain::Scope authority;
  authority.authority_id = hp;
  auto mine = list(authority);
  EXPECT_GT(mine.total, 0);
  EXPECT_LT(mine.total, 30);
  for (const auto& p : mine.items) EXPECT_EQ(p.authority_code, "HP");
  // A contractor sees the projects whose general contract it holds.
  auto first = everything.items[0].general->enterprise_uscc;
  auto eid = db().read([&](store::Connection& c) {
    return c.query_one("SELECT id FROM enterprises WHERE uscc = $1", store::params(first))->integer(0);
  });
  domain::Scope contractor;
  contractor.enterprise_id = eid;
  for (const auto& p : list(contractor).items) EXPECT_EQ(p.general->enterprise_uscc, first);
  // The empty scope sees nothing.
  domain::Actor nobody;
  nobody.role = domain::Role::site_contractor;
  EXPECT_EQ(list(domain::Scope::of(nobody)).total, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace qsm::test
