// The tamper-evident audit chain on both backends: appended records verify; an edited field, a
// removed record, a removed last record and a head moved back are each found, naming the record.
#include <thread>

#include "store/audit.hpp"
#include "store_fixture.hpp"

namespace qsm::test {
namespace {

class AuditChainTest : public StoreTest {
 protected:
  void append(int n) {
    domain::Actor actor;
    actor.role = domain::Role::authority;
    actor.name = "浦东新区建设工程质量监督站";
    actor.ref = "account:1";
    actor.ip = "127.0.0.1";
    db().write([&](store::Connection& c) {
      for (int i = 0; i < n; ++i)
        store::append_audit(c, {"declaration", 7, 7, "accept", "reviewed", "accepted", i % 2 ? std::optional<std::string>("同意") : std::nullopt},
                            actor, *domain::parse_instant("2026-11-24T09:00:00+08:00"));
    });
  }
  store::AuditVerdict verify() {
    return db().read([](store::Connection& c) { return store::verify_audit(c); });
  }
  void sql(const std::string& text) {
    db().write([&](store::Connection& c) { c.execute(text); });
  }
  std::int64_t nth_id(int n) {
    return db().read([&](store::Connection& c) {
      return c.query_one("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET $1", store::params(n))->integer(0);
    });
  }
};

TEST_P(AuditChainTest, AppendedRecordsVerify) {
  append(5);
  auto v = verify();
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.checked, 5);
}

TEST_P(AuditChainTest, AnEditedFieldIsFoundAtItsRecord) {
  append(5);
  const auto id = nth_id(2);
  sql("UPDATE audit_log SET opinion = '不同意' WHERE id = " + std::to_string(id));
  auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_id, id);
  EXPECT_EQ(v.checked, 2);
  EXPECT_NE(v.reason.find("改动"), std::string::npos);
}

TEST_P(AuditChainTest, AForgedHashIsFoundAtItsRecord) {
  append(5);
  const auto id = nth_id(1);
  sql("UPDATE audit_log SET hash = 'x' WHERE id = " + std::to_string(id));
  auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_id, id);
}

TEST_P(AuditChainTest, ARemovedRecordIsFoundAtTheOneAfterIt) {
  append(5);
  const auto removed = nth_id(2), next = nth_id(3);
  sql("DELETE FROM audit_log WHERE id = " + std::to_string(removed));
  auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_id, next);
  EXPECT_NE(v.reason.find("前一条"), std::string::npos);
}

TEST_P(AuditChainTest, RemovingTheLastRecordIsFoundByTheHead) {
  append(5);
  sql("DELETE FROM audit_log WHERE id = " + std::to_string(nth_id(4)));
  auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.checked, 4);
  EXPECT_NE(v.reason.find("链头"), std::string::npos);
}

TEST_P(AuditChainTest, AHeadMovedBackIsNotResealedOnTheNextStart) {
  append(3);
  sql("UPDATE audit_chain SET last_id = 0, last_hash = '' WHERE id = 1");
  sql("UPDATE audit_log SET opinion = '改过' WHERE id = " + std::to_string(nth_id(0)));
  db().write([](store::Connection& c) { return store::seal_audit(c); });
  EXPECT_FALSE(verify().ok);
}

TEST_P(AuditChainTest, ConcurrentAppendsKeepOneChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([this] { append(10); });
  for (auto& t : threads) t.join();
  auto v = verify();
  EXPECT_TRUE(v.ok) << v.reason << " at #" << v.broken_id;
  EXPECT_EQ(v.checked, 40);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChainTest, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace qsm::test
