// The keyed audit chain on both backends (issue 21): records carry a MAC made with a key outside the
// database and are linked later by the sealer. An edit (even with an unkeyed hash recomputed), a
// record written with another key, a raw INSERT, a removed record, removed last records and a head
// moved back (against a checkpoint) are each found, naming the record; verification writes nothing;
// the records from before the chain are sealed once, up to the bound V014 recorded; on PostgreSQL
// two writers never wait for each other, and concurrent writers and sealers keep one chain.
#include <fstream>
#include <thread>

#include "service/audit_service.hpp"
#include "store/audit.hpp"
#include "store/copy.hpp"
#include "store_fixture.hpp"

namespace qsm::test {
namespace {

const domain::Instant kAt = *domain::parse_instant("2026-11-24T09:00:00+08:00");

domain::Actor authority() {
  domain::Actor actor;
  actor.role = domain::Role::authority;
  actor.name = "浦东新区建设工程质量监督站";
  actor.ref = "account:1";
  actor.ip = "127.0.0.1";
  return actor;
}

store::AuditEntry accept(int i) {
  return {"declaration", 7, 7, "accept", "reviewed", "accepted", i % 2 ? std::optional<std::string>("同意") : std::nullopt};
}

// What an intruder with write access to the database would run: a raw INSERT, as many columns as asked.
constexpr std::string_view kRawInsert =
    "INSERT INTO audit_log (at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, actor_ref, "
    "organisation, opinion, ip) VALUES (1764000000000, 'declaration', 7, 7, 'accept', 'reviewed', 'accepted', 'authority', "
    "'浦东新区建设工程质量监督站', 'account:1', '', '同意', '127.0.0.1') RETURNING id";

class AuditChainTest : public StoreTest {
 protected:
  const store::AuditKey& key() { return app().audit_key; }
  void append(int n) {
    db().write([&](store::Connection& c) {
      for (int i = 0; i < n; ++i) store::append_audit(c, key(), accept(i), authority(), kAt);
    });
  }
  // Sealer passes until nothing waits; the records linked.
  std::int64_t seal() {
    std::int64_t linked = 0;
    for (bool more = true; more;) {
      auto s = db().write([&](store::Connection& c) { return store::seal_audit(c, key(), kAt); });
      linked += s.linked;
      more = s.ran && s.more;  // not ran: another sealer holds the head and links them
    }
    return linked;
  }
  store::AuditVerdict verify() {
    return db().read([&](store::Connection& c) { return store::verify_audit(c, key()); });
  }
  void sql(const std::string& text) {
    db().write([&](store::Connection& c) { c.execute(text); });
  }
  std::int64_t sql_value(const std::string& text) {
    return db().read([&](store::Connection& c) { return c.query_one(text)->integer(0); });
  }
  std::int64_t raw_insert() {
    return db().write([](store::Connection& c) { return c.query_one(kRawInsert)->integer(0); });
  }
  std::int64_t nth_id(int n) {
    return db().read([&](store::Connection& c) {
      return c.query_one("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET $1", store::params(n))->integer(0);
    });
  }
  // Every value of the chain's two tables, to show that something did not write.
  std::string tables() {
    return db().read([](store::Connection& c) {
      auto log = store::table_checksum(c, "audit_log"), head = store::table_checksum(c, "audit_chain");
      return log.checksum + std::to_string(log.rows) + head.checksum;
    });
  }
  static bool names(const store::AuditVerdict& v, std::int64_t id, std::string_view words) {
    for (const auto& p : v.problems)
      if (p.id == id && p.reason.find(words) != std::string::npos) return true;
    return false;
  }
  static std::string problems(const store::AuditVerdict& v) {
    std::string out;
    for (const auto& p : v.problems) out += "#" + std::to_string(p.id) + "/" + std::to_string(p.seq) + " " + p.reason + "\n";
    return out;
  }
  std::filesystem::path temp_file(const std::string& name) {
    auto p = std::filesystem::temp_directory_path() / unique_name(name);
    cleanup_.push_back(p);
    return p;
  }
  void TearDown() override {
    std::error_code ec;
    for (const auto& p : cleanup_) std::filesystem::remove(p, ec);
    StoreTest::TearDown();
  }

 private:
  std::vector<std::filesystem::path> cleanup_;
};

TEST_P(AuditChainTest, RecordsWaitWithAValidMacUntilTheSealerLinksThem) {
  append(5);
  auto v = verify();
  EXPECT_TRUE(v.ok()) << problems(v);
  EXPECT_EQ(v.pending, 5);
  EXPECT_EQ(v.linked, 0);
  EXPECT_EQ(seal(), 5);
  v = verify();
  EXPECT_TRUE(v.ok()) << problems(v);
  EXPECT_EQ(v.linked, 5);
  EXPECT_EQ(v.pending, 0);
  EXPECT_EQ(v.head.seq, 5);
}

TEST_P(AuditChainTest, AnEditWithTheUnkeyedHashRecomputedIsFoundAtItsRecord) {
  append(5);
  seal();
  // The intruder has our source code but not the key: the best they can put in `mac` is a hash they
  // can compute, the way V011's unkeyed chain did.
  const auto id = nth_id(2);
  sql("UPDATE audit_log SET opinion = '不同意' WHERE id = " + std::to_string(id));
  sql("UPDATE audit_log SET mac = '" + crypto::sha256_hex("edited") + "' WHERE id = " + std::to_string(id));
  auto v = verify();
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.problem_count, 1) << problems(v);
  EXPECT_TRUE(names(v, id, "改动")) << problems(v);
}

TEST_P(AuditChainTest, RecordsMadeWithAnotherKeyAreFoundAndNeverLinked) {
  // Our own binary run against the database with a secret of the intruder's making.
  const store::AuditKey other(crypto::Secret::from_bytes(std::string(32, 'x')));
  const auto id = db().write([&](store::Connection& c) { return store::append_audit(c, other, accept(1), authority(), kAt); });
  auto s = db().write([&](store::Connection& c) { return store::seal_audit(c, key(), kAt); });
  EXPECT_EQ(s.linked, 0);
  EXPECT_EQ(s.refused, std::vector<std::int64_t>{id});
  auto v = verify();
  EXPECT_FALSE(v.ok());
  EXPECT_TRUE(names(v, id, "MAC 不符")) << problems(v);
}

TEST_P(AuditChainTest, ARefusalIsKeptSoNoLaterPassReadsTheRecordAgain) {
  append(2);
  seal();
  const auto id = raw_insert();
  auto s = db().write([&](store::Connection& c) { return store::seal_audit(c, key(), kAt); });
  EXPECT_EQ(s.refused, std::vector<std::int64_t>{id});
  EXPECT_FALSE(s.key_suspect);
  EXPECT_EQ(sql_value("SELECT COUNT(*) FROM audit_log WHERE refused_at IS NOT NULL"), 1);
  // Nothing waits any more: the cheap read says so, and the next pass reads nothing and refuses nothing.
  EXPECT_FALSE(db().read([](store::Connection& c) { return store::audit_unlinked(c); }));
  s = db().write([&](store::Connection& c) { return store::seal_audit(c, key(), kAt); });
  EXPECT_TRUE(s.refused.empty());
  EXPECT_EQ(s.linked, 0);
  // Still named by verify, which reads every record outside the chain.
  EXPECT_TRUE(names(verify(), id, "没有 MAC"));
}

TEST_P(AuditChainTest, SeveralForgedRecordsAreRefusedOnceTheChainHasAHead) {
  append(1);
  seal();
  const store::AuditKey other(crypto::Secret::from_bytes(std::string(32, 'x')));
  std::vector<std::int64_t> ids;
  db().write([&](store::Connection& c) {
    for (int i = 0; i < 3; ++i) ids.push_back(store::append_audit(c, other, accept(i), authority(), kAt));
  });
  auto s = db().write([&](store::Connection& c) { return store::seal_audit(c, key(), kAt); });
  EXPECT_FALSE(s.key_suspect) << "the head record's MAC holds under the key, so the records are at fault";
  EXPECT_EQ(s.refused, ids);
}

TEST_P(AuditChainTest, ADatabaseOpenedWithAnotherSecretRefusesNothingAndTheRightKeyLinksAll) {
  // Records of a server whose secret file did not come along with the database (no chain yet).
  const store::AuditKey theirs(crypto::Secret::from_bytes(std::string(32, 'y')));
  db().write([&](store::Connection& c) {
    for (int i = 0; i < 4; ++i) store::append_audit(c, theirs, accept(i), authority(), kAt);
  });
  auto s = db().write([&](store::Connection& c) { return store::seal_audit(c, key(), kAt); });
  EXPECT_TRUE(s.key_suspect);
  EXPECT_TRUE(s.refused.empty());
  EXPECT_EQ(s.linked, 0);
  EXPECT_EQ(sql_value("SELECT COUNT(*) FROM audit_log WHERE refused_at IS NOT NULL"), 0);
  s = db().write([&](store::Connection& c) { return store::seal_audit(c, theirs, kAt); });
  EXPECT_EQ(s.linked, 4);
}

TEST_P(AuditChainTest, AGenuineRecordMarkedRefusedBehindTheBackIsFound) {
  append(2);
  const auto id = nth_id(1);
  sql("UPDATE audit_log SET refused_at = 1 WHERE id = " + std::to_string(id));
  EXPECT_EQ(seal(), 1);
  auto v = verify();
  EXPECT_EQ(v.problem_count, 1) << problems(v);
  EXPECT_TRUE(names(v, id, "refused_at 被改动")) << problems(v);
}

TEST_P(AuditChainTest, ARawInsertIsNeverLinkedNotAfterARestartNorByVerify) {
  append(3);
  seal();
  const auto empty = raw_insert();
  // A MAC copied from a genuine record does not fit another id.
  const auto copied = raw_insert();
  sql("UPDATE audit_log SET mac = (SELECT mac FROM audit_log WHERE id = " + std::to_string(nth_id(1)) + ") WHERE id = " +
      std::to_string(copied));
  append(1);  // a genuine record after them is still linked
  EXPECT_EQ(seal(), 1);

  // Restarts migrate and seal again; verification only reads.
  store::migrate(db());
  seal();
  const auto before = tables();
  auto v = verify();
  EXPECT_EQ(tables(), before) << "verification changed the database";
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.problem_count, 2) << problems(v);
  EXPECT_TRUE(names(v, empty, "没有 MAC")) << problems(v);
  EXPECT_TRUE(names(v, copied, "MAC 不符")) << problems(v);
  EXPECT_EQ(v.linked, 4);
  v = verify();
  EXPECT_EQ(v.problem_count, 2) << "the second verification sees the same: nothing was sealed by the first";
  EXPECT_EQ(tables(), before);
}

TEST_P(AuditChainTest, AForgedLinkIsFoundAtItsRecord) {
  append(5);
  seal();
  const auto id = nth_id(3);
  sql("UPDATE audit_log SET link = '" + crypto::sha256_hex("x") + "' WHERE id = " + std::to_string(id));
  auto v = verify();
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.problem_count, 1) << problems(v);
  EXPECT_TRUE(names(v, id, "链接不符")) << problems(v);
}

TEST_P(AuditChainTest, ARemovedRecordIsFoundAtTheOneAfterIt) {
  append(5);
  seal();
  const auto removed = nth_id(2), next = nth_id(3);
  sql("DELETE FROM audit_log WHERE id = " + std::to_string(removed));
  auto v = verify();
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.problem_count, 1) << problems(v);
  EXPECT_TRUE(names(v, next, "第 3 条缺失")) << problems(v);
}

TEST_P(AuditChainTest, RemovingTheLastRecordsIsFoundByTheHead) {
  append(5);
  seal();
  sql("DELETE FROM audit_log WHERE id >= " + std::to_string(nth_id(3)));
  auto v = verify();
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.linked, 3);
  EXPECT_TRUE(names(v, 0, "最后的记录被删除")) << problems(v);
}

TEST_P(AuditChainTest, RemovingTheLastRecordsAndMovingTheHeadBackIsFoundByACheckpoint) {
  append(5);
  const auto file = temp_file("qsm-checkpoints-").string();
  {
    service::AuditSealer sealer(app(), file, std::chrono::seconds(60));
    sealer.tick();  // links the five and writes a checkpoint of the head: seq 5
  }
  EXPECT_EQ(verify().linked, 5);
  // Everything an intruder in the database can do: the last two records gone, the head moved back
  // to the third, whose link is in the table for anyone to copy.
  sql("DELETE FROM audit_log WHERE chain_seq > 3");
  sql("UPDATE audit_chain SET last_seq = 3, last_link = (SELECT link FROM audit_log WHERE chain_seq = 3)");
  EXPECT_TRUE(verify().ok()) << "inside the database the shorter chain is consistent; only the checkpoint knows";

  auto r = service::verify_audit(db(), key(), {file});
  EXPECT_EQ(r.checkpoints, 1);
  EXPECT_FALSE(r.verdict.ok());
  EXPECT_TRUE(names(r.verdict, 0, "第 3 条之后的记录缺失")) << problems(r.verdict);

  // The server carries on: new records take places 4 and 5 again, with other links.
  append(2);
  seal();
  r = service::verify_audit(db(), key(), {file});
  EXPECT_FALSE(r.verdict.ok());
  EXPECT_TRUE(names(r.verdict, 0, "第 5 条与检查点")) << problems(r.verdict);
}

TEST_P(AuditChainTest, CheckpointsAreSignedLinesThatFitTheChain) {
  append(3);
  const auto file = temp_file("qsm-checkpoints-").string();
  {
    service::AuditSealer sealer(app(), file, std::chrono::seconds(60));
    sealer.tick();
    append(2);
    sealer.finish();  // the last pass and checkpoint at shutdown
  }
  EXPECT_EQ((std::filesystem::status(file).permissions() & std::filesystem::perms::all),
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto r = service::verify_audit(db(), key(), {file});
  EXPECT_TRUE(r.verdict.ok()) << problems(r.verdict);
  EXPECT_EQ(r.checkpoints, 2);
  EXPECT_EQ(r.verdict.linked, 5);

  // A line edited by hand (a smaller seq, as if the chain had been shorter then) fails its MAC.
  std::string text;
  {
    std::ifstream in(file);
    std::getline(in, text);
  }
  const auto seq_at = text.find(" seq=3 ");
  ASSERT_NE(seq_at, std::string::npos) << text;
  text.replace(seq_at, 7, " seq=2 ");
  std::ofstream(file, std::ios::app) << text << "\n";
  r = service::verify_audit(db(), key(), {file});
  EXPECT_FALSE(r.verdict.ok());
  EXPECT_TRUE(names(r.verdict, 0, "第 3 行：检查点的签名不符")) << problems(r.verdict);
}

TEST_P(AuditChainTest, RecordsFromBeforeTheChainAreSealedOnceUpToTheRecordedBound) {
  // A database as the previous release left it: migrated to V013, with audit records (more than one
  // statement's worth of them).
  constexpr int kOld = 1003;
  auto old = store::Database::open(fresh_database("old.db"));
  old->write([](store::Connection& c) {
    c.execute_script("CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    for (const auto& m : store::embedded_migrations()) {
      if (m.version >= store::kKeyedAuditSchema) break;
      c.execute_script(store::render(m, c.dialect()));
      c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, 0)", store::params(m.version, m.name));
    }
    for (int i = 0; i < kOld; ++i) c.query_one(kRawInsert);
  });
  // V014 records the bound (these records); the later migrations come with it.
  const auto migrations = store::embedded_migrations();
  const auto later = std::count_if(migrations.begin(), migrations.end(), [](const auto& m) { return m.version >= store::kKeyedAuditSchema; });
  EXPECT_EQ(store::migrate(*old), later);
  auto verify_old = [&] { return old->read([&](store::Connection& c) { return store::verify_audit(c, key()); }); };
  auto v = verify_old();
  EXPECT_EQ(v.problem_count, kOld);
  EXPECT_TRUE(names(v, 1, "尚未封存")) << problems(v);

  auto s = old->write([&](store::Connection& c) { return store::seal_audit(c, key(), kAt); });
  EXPECT_EQ(s.legacy, kOld);
  EXPECT_EQ(s.linked, kOld);
  v = verify_old();
  EXPECT_TRUE(v.ok()) << problems(v);
  EXPECT_EQ(v.linked, kOld);

  // Once only: a legacy record emptied and edited afterwards, and a raw record above the bound, stay out.
  old->write([](store::Connection& c) {
    c.execute("UPDATE audit_log SET mac = NULL, chain_seq = NULL, link = NULL, opinion = '不同意' WHERE id = 2");
    c.query_one(kRawInsert);
  });
  s = old->write([&](store::Connection& c) { return store::seal_audit(c, key(), kAt); });
  EXPECT_EQ(s.legacy, 0);
  EXPECT_EQ(s.linked, 0);
  EXPECT_EQ(s.refused.size(), 2u);
  v = verify_old();
  EXPECT_FALSE(v.ok());
  EXPECT_TRUE(names(v, 2, "没有 MAC")) << problems(v);
  EXPECT_TRUE(names(v, kOld + 1, "没有 MAC")) << problems(v);
}

TEST_P(AuditChainTest, ABacklogIsLinkedWholeInStatementsOfManyRecords) {
  append(1234);  // 1,000 + 2 × 100 + 3 × 10 + 4 × 1
  auto s = db().write([&](store::Connection& c) { return store::seal_audit(c, key(), kAt); });
  EXPECT_EQ(s.linked, 1234);
  EXPECT_FALSE(s.more);
  auto v = verify();
  EXPECT_TRUE(v.ok()) << problems(v);
  EXPECT_EQ(v.linked, 1234);
  EXPECT_EQ(v.head.seq, 1234);
}

TEST_P(AuditChainTest, TwoWritersDoNotWaitForEachOther) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "SQLite has one writer at a time by design";
  auto first = store::connect_postgresql(url());
  auto second = store::connect_postgresql(url());
  first->begin(true);
  const auto first_id = store::append_audit(*first, key(), accept(1), authority(), kAt);
  second->begin(true);
  // Waiting for the first transaction would end in this error instead of a record.
  second->execute("SET LOCAL lock_timeout = '2s'");
  std::int64_t second_id = 0;
  EXPECT_NO_THROW(second_id = store::append_audit(*second, key(), accept(2), authority(), kAt));
  // The later id commits first and is linked first: the chain's order is the order of sealing.
  second->commit();
  EXPECT_EQ(seal(), 1);
  first->commit();
  EXPECT_EQ(seal(), 1);
  auto v = verify();
  EXPECT_TRUE(v.ok()) << problems(v);
  auto seq_of = [&](std::int64_t id) {
    return db().read([&](store::Connection& c) {
      return c.query_one("SELECT chain_seq FROM audit_log WHERE id = $1", store::params(id))->integer(0);
    });
  };
  EXPECT_EQ(seq_of(second_id), 1);
  EXPECT_EQ(seq_of(first_id), 2);
}

TEST_P(AuditChainTest, ConcurrentWritersAndTwoSealersKeepOneChain) {
  std::atomic<bool> writing{true};
  std::vector<std::thread> sealers;
  for (int t = 0; t < 2; ++t)
    sealers.emplace_back([&] {
      while (writing) {
        seal();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([this] {
      for (int i = 0; i < 10; ++i) append(1);
    });
  for (auto& t : writers) t.join();
  writing = false;
  for (auto& t : sealers) t.join();
  seal();
  auto v = verify();
  EXPECT_TRUE(v.ok()) << problems(v);
  EXPECT_EQ(v.linked, 40);
  EXPECT_EQ(v.pending, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChainTest, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace qsm::test
