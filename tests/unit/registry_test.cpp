// Registry file checks (SPEC §6): checksums, duplicates, references — every problem with its path.
#include <gtest/gtest.h>

#include "domain/registry.hpp"
#include "test_files.hpp"

namespace qsm::domain::registry {

TEST(Registry, DemoRegistryParsesWithoutProblems) {
  auto parsed = parse(test::read_json("share/demo/registry.json"));
  ASSERT_TRUE(parsed.problems.empty()) << parsed.problems.items().front().path << " " << parsed.problems.items().front().reason;
  EXPECT_GE(parsed.file.authorities.size(), 4u);
  EXPECT_EQ(parsed.file.projects.size(), 30u);
  Problems refs;
  check_references(parsed.file, Existing{}, refs);
  EXPECT_TRUE(refs.empty());
}

TEST(Registry, BadFileNamesTheChecksumAndTheUnknownReference) {
  auto parsed = parse(test::read_json("tests/data/registry-bad.json"));
  check_references(parsed.file, Existing{}, parsed.problems);
  ASSERT_EQ(parsed.problems.size(), 2u);
  EXPECT_EQ(parsed.problems.items()[0].path, "$.enterprises[1].uscc");
  EXPECT_NE(parsed.problems.items()[0].reason.find("GB 32100"), std::string::npos);
  EXPECT_EQ(parsed.problems.items()[1].path, "$.contracts[2].project_registration_no");
}

TEST(Registry, ReferencesResolveAgainstTheDatabase) {
  auto root = boost::json::parse(R"({"contracts":[{"report_no":"HT-1","project_registration_no":"P-1","kind":"general",
      "enterprise_uscc":"9131000013229491XF","manager_id_number":"11010519491231002X"}]})");
  auto parsed = parse(root);
  ASSERT_TRUE(parsed.problems.empty());
  auto u = unresolved(parsed.file);
  EXPECT_EQ(u.project_nos.count("P-1"), 1u);
  Existing known;
  known.project_nos.insert("P-1");
  known.enterprises["9131000013229491XF"] = EnterpriseKind::construction;
  known.person_enterprise["11010519491231002X"] = "9131000013229491XF";
  Problems p;
  check_references(parsed.file, known, p);
  EXPECT_TRUE(p.empty());
  known.enterprises["9131000013229491XF"] = EnterpriseKind::supervision;
  check_references(parsed.file, known, p);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.items()[0].path, "$.contracts[0].enterprise_uscc");
}

TEST(Registry, IdNumbersNeverAppearInProblems) {
  auto root = boost::json::parse(R"({"persons":[{"id_number":"110105194912310021","name":"张三","mobile":"13800000000","enterprise_uscc":"X"}]})");
  auto parsed = parse(root);
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_EQ(parsed.problems.items()[0].reason.find("110105194912310021"), std::string::npos);
  EXPECT_NE(parsed.problems.items()[0].reason.find("110***********0021"), std::string::npos);
}

TEST(Registry, DuplicateKeysAndUnknownFieldsAreProblems) {
  auto root = boost::json::parse(R"({"authorities":[{"code":"A","name":"a","district":"黄浦区"},{"code":"A","name":"b","district":"黄浦区","extra":1}],"things":[]})");
  auto parsed = parse(root);
  std::vector<std::string> paths;
  for (const auto& p : parsed.problems.items()) paths.push_back(p.path);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "$.things"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "$.authorities[1].extra"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "$.authorities[1].code"), paths.end());
}

}  // namespace qsm::domain::registry
