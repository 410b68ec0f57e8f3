// The rectification order (issue 24): its machine for every state × action × role and both ends of
// confirm and recheck, the number's wording, the overdue rule at the day boundary, the deadline's
// bounds, the re-check's outcome and who may add photos when.
#include <gtest/gtest.h>

#include "domain/workflow/rectification.hpp"
#include "machine_check.hpp"

namespace qsm::domain::rectification {
namespace {

Date d(const char* s) { return *parse_date(s); }

constexpr std::array kStates{State::issued, State::replied, State::confirmed, State::closed};
constexpr std::array kActions{Action::reply, Action::confirm, Action::recheck};
using Spec = Allowed<State, Action>;
constexpr std::array kUsual{
    Spec{State::issued, Action::reply, Role::contractor, State::replied},
    Spec{State::issued, Action::reply, Role::site_contractor, State::replied},
    Spec{State::replied, Action::confirm, Role::site_supervisor, State::confirmed},
    Spec{State::confirmed, Action::recheck, Role::authority, State::closed},
};

TEST(RectificationMachine, EveryStateActionAndRole) {
  auto name = [](State s, Action a, Role r) {
    return std::string(to_string(s)) + " " + std::string(to_string(a)) + " " + std::string(domain::to_string(r));
  };
  auto usual = [](State s, Action a, Role r) { return decide(s, a, r); };
  EXPECT_EQ(check_machine(kStates, kActions, kUsual, usual, name), 4);
}

TEST(RectificationMachine, TheOtherEndsGoBackToIssued) {
  using workflow::Branch;
  // 不同意 by the supervision office; not every item passed at the re-check.
  EXPECT_EQ(kSpec.to(decide(State::replied, Action::confirm, Role::site_supervisor, Branch::other)), State::issued);
  EXPECT_EQ(kSpec.to(decide(State::confirmed, Action::recheck, Role::authority, Branch::other)), State::issued);
  // A reply has one end only.
  EXPECT_THROW(decide(State::issued, Action::reply, Role::contractor, Branch::other), Failure);
  EXPECT_EQ(recheck_branch({{true}, {true}}), Branch::usual);
  EXPECT_EQ(recheck_branch({{true}, {false}}), Branch::other);
  EXPECT_EQ(recheck_branch({}), Branch::usual);
}

TEST(RectificationMachine, LabelsAndTheInbox) {
  EXPECT_EQ(label(State::issued), "已下发待整改");
  EXPECT_EQ(label(State::replied), "已回复待监理确认");
  EXPECT_EQ(label(State::confirmed), "已确认待复查");
  EXPECT_EQ(label(State::closed), "已销项");
  EXPECT_EQ(kSpec.m.todo("issued", Role::site_contractor)->label, "整改回复");
  EXPECT_EQ(kSpec.m.todo("replied", Role::site_supervisor)->label, "整改确认");
  EXPECT_EQ(kSpec.m.todo("confirmed", Role::authority)->label, "整改复查");
  EXPECT_EQ(kSpec.m.todo("closed", Role::authority), nullptr);
  EXPECT_EQ(label(Kind::stop_work), "停工整改");
  EXPECT_EQ(kind_from("rectify"), Kind::rectify);
  EXPECT_EQ(kind_from("stop"), std::nullopt);
}

TEST(RectificationNumber, ShortNameYearAndFourDigits) {
  struct Case {
    const char* district;
    int year, seq;
    const char* want;
  };
  const Case cases[] = {
      {"徐汇区", 2026, 7, "徐汇质监（2026）整字第0007号"},
      {"浦东新区", 2026, 1, "浦东质监（2026）整字第0001号"},
      {"崇明县", 2027, 120, "崇明质监（2027）整字第0120号"},
      {"黄浦区", 2026, 12345, "黄浦质监（2026）整字第12345号"},
      {"区", 2026, 1, "区质监（2026）整字第0001号"},  // nothing left to shorten to: kept whole
  };
  for (const auto& c : cases) EXPECT_EQ(number(c.district, c.year, c.seq), c.want) << c.district;
}

TEST(RectificationOverdue, DueByTheEndOfTheDeadlineOverdueFromTheNextDay) {
  struct Case {
    State state;
    const char *deadline, *today;
    int want;
  };
  const Case cases[] = {
      {State::issued, "2026-05-20", "2026-05-19", 0},
      {State::issued, "2026-05-20", "2026-05-20", 0},  // the deadline day itself
      {State::issued, "2026-05-20", "2026-05-21", 1},
      {State::issued, "2026-05-31", "2026-06-02", 2},  // across a month
      {State::issued, "2026-12-31", "2027-01-01", 1},  // across a year
      {State::replied, "2026-05-20", "2026-06-20", 0},  // waiting for the 监理, not the site
      {State::confirmed, "2026-05-20", "2026-06-20", 0},
      {State::closed, "2026-05-20", "2026-06-20", 0},
  };
  for (const auto& c : cases) EXPECT_EQ(overdue_days(c.state, d(c.deadline), d(c.today)), c.want) << c.deadline << " " << c.today;
}

TEST(RectificationDeadline, AfterTodayAndWithinAYear) {
  const auto today = d("2026-05-20");
  EXPECT_TRUE(deadline_problem(std::nullopt, today));
  EXPECT_TRUE(deadline_problem(d("2026-05-20"), today));
  EXPECT_TRUE(deadline_problem(d("2026-05-19"), today));
  EXPECT_FALSE(deadline_problem(d("2026-05-21"), today));
  EXPECT_FALSE(deadline_problem(d("2027-05-21"), today));  // 366 days
  EXPECT_TRUE(deadline_problem(d("2027-05-22"), today));
}

TEST(RectificationPhotos, WhoAddsWhichPhotosWhen) {
  struct Case {
    State state;
    int round;
    bool replied;
    Role role;
    std::optional<PhotoSide> want;
  };
  const Case cases[] = {
      {State::issued, 1, false, Role::authority, PhotoSide::issue},
      {State::issued, 1, true, Role::authority, std::nullopt},  // sent back by the 监理: the problem stays as issued
      {State::issued, 2, true, Role::authority, std::nullopt},
      {State::issued, 1, false, Role::contractor, PhotoSide::reply},
      {State::issued, 2, true, Role::site_contractor, PhotoSide::reply},
      {State::issued, 1, false, Role::site_supervisor, std::nullopt},
      {State::issued, 1, false, Role::supervisor, std::nullopt},
      {State::replied, 1, true, Role::contractor, std::nullopt},
      {State::confirmed, 1, true, Role::authority, std::nullopt},
      {State::closed, 1, true, Role::site_contractor, std::nullopt},
  };
  for (const auto& c : cases)
    EXPECT_EQ(photo_side(c.state, c.round, c.replied, c.role), c.want) << to_string(c.state) << " " << domain::to_string(c.role);
}

}  // namespace
}  // namespace qsm::domain::rectification
