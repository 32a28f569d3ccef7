// The text helpers every layer shares.
#include <gtest/gtest.h>

#include "core/text.hpp"

namespace reclaim {
namespace {

TEST(Trim, TakesSpacesAndTabsFromBothEndsOnly) {
  EXPECT_EQ(trim("  a b\t "), "a b");
  EXPECT_EQ(trim("\t\tRC-2026-000001\t"), "RC-2026-000001");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
  // Line breaks are not HTTP's optional white space: they stay, and the caller refuses them.
  EXPECT_EQ(trim("\na\r"), "\na\r");
}

}  // namespace
}  // namespace reclaim
