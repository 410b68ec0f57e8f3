// 通知公告 (issue 27): a notice's checks and its audience, table by table.
#include <gtest/gtest.h>

#include "domain/notice.hpp"

using namespace qsm::domain;

TEST(Notice, ChecksEveryField) {
  const auto fields = [](const NoticeInput& n, std::optional<std::string> own = std::nullopt) {
    Problems p;
    check_notice(n, own, p);
    std::vector<std::string> out;
    for (const auto& i : p.items()) out.push_back(i.path);
    return out;
  };
  NoticeInput ok{"标题", "正文\n第二行", {}, {}, 1000, std::nullopt};
  EXPECT_EQ(fields(ok), std::vector<std::string>{});
  auto n = ok;
  n.title = " ";
  n.body = "\n";
  EXPECT_EQ(fields(n), (std::vector<std::string>{"title", "body"}));
  n = ok;
  n.title = "两行\n标题";
  EXPECT_EQ(fields(n), std::vector<std::string>{"title"});
  n = ok;
  n.title = "";
  for (int i = 0; i < 101; ++i) n.title += "字";
  EXPECT_EQ(fields(n), std::vector<std::string>{"title"});
  n = ok;
  n.roles = {"contractor", "nobody"};
  n.districts = {"闵行区", "纽约"};
  EXPECT_EQ(fields(n), (std::vector<std::string>{"roles", "districts"}));
  n = ok;
  n.valid_until = 1000;
  EXPECT_EQ(fields(n), std::vector<std::string>{"valid_until"});
  n.valid_until = 1001;
  EXPECT_EQ(fields(n), std::vector<std::string>{});
  // An authority: its own district, and that one only.
  n = ok;
  EXPECT_EQ(fields(n, "闵行区"), std::vector<std::string>{"districts"});
  n.districts = {"闵行区"};
  EXPECT_EQ(fields(n, "闵行区"), std::vector<std::string>{});
  n.districts = {"闵行区", "徐汇区"};
  EXPECT_EQ(fields(n, "闵行区"), std::vector<std::string>{"districts"});
}

TEST(Notice, IsForTheRolesAndDistrictsNamed) {
  using V = std::vector<std::string>;
  const struct {
    V roles, districts;
    Role role;
    V user_districts;
    bool for_them;
  } cases[] = {
      {{}, {}, Role::site_supervisor, {}, true},
      {{"contractor"}, {}, Role::contractor, {}, true},
      {{"contractor"}, {}, Role::supervisor, {"闵行区"}, false},
      {{}, {"闵行区"}, Role::authority, {"闵行区"}, true},
      {{}, {"闵行区"}, Role::authority, {"徐汇区"}, false},
      {{}, {"闵行区"}, Role::contractor, {"徐汇区", "闵行区"}, true},
      {{}, {"闵行区"}, Role::contractor, {}, false},
      {{"authority"}, {"闵行区"}, Role::admin, {}, true},  // administrators see every notice
      {{"authority"}, {"闵行区"}, Role::auditor, {}, true},
  };
  for (const auto& c : cases) EXPECT_EQ(addressed_to(c.roles, c.districts, c.role, c.user_districts), c.for_them) << to_string(c.role);
}

TEST(Notice, ListsAsText) {
  EXPECT_EQ(join_list({}), "");
  EXPECT_EQ(join_list({"a", "b"}), "a,b");
  EXPECT_EQ(split_list(""), std::vector<std::string>{});
  EXPECT_EQ(split_list("a,b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(split_list("a,,b,"), (std::vector<std::string>{"a", "b"}));
}
