// GB 32100 (USCC) and GB 11643 (ID card) check characters, and masking.
#include <gtest/gtest.h>

#include "domain/checksum.hpp"

namespace qsm::domain {

struct ChecksumCase {
  const char* value;
  bool valid;
};

TEST(Uscc, CheckCharacterTable) {
  const ChecksumCase cases[] = {
      {"9131000013229491XF", true},   // demo registry
      {"913101047031024849", true},   // demo registry
      {"913101047031024848", false},  // last character changed
      {"91310104703102484", false},   // 17 characters
      {"9131010470310248490", false}, // 19 characters
      {"91310104703102484I", false},  // I is not in the alphabet
      {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(valid_uscc(c.value), c.valid) << c.value;
}

TEST(IdNumber, CheckDigitTable) {
  const ChecksumCase cases[] = {
      {"11010519491231002X", true},   // GB 11643's own example
      {"110105194912310021", false},
      {"31010419850827293X", true},   // demo registry
      {"310117197212308398", true},
      {"310117197213308398", false},  // month 13
      {"3101171972123083", false},
      {"31011719721230839A", false},
  };
  for (const auto& c : cases) EXPECT_EQ(valid_id_number(c.value), c.valid) << c.value;
}

TEST(Masking, IdShowsFirstThreeAndLastFour) {
  EXPECT_EQ(mask_id_number("31010419850827293X"), "310***********293X");
}

TEST(Masking, MobileShowsFirstThreeAndLastFour) { EXPECT_EQ(mask_mobile("13812345678"), "138****5678"); }

}  // namespace qsm::domain
