// Token buckets per key, bounded memory with least-recently-used eviction.
#include "http/rate_limit.hpp"

#include <gtest/gtest.h>

namespace reclaim::http::testing {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, SpendsAndRefillsOverItsWindow) {
  RateLimiter limiter(3, 60s);
  const auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.allow("a", nullptr, t0));
  int wait = 0;
  EXPECT_FALSE(limiter.allow("a", &wait, t0));
  EXPECT_EQ(wait, 20);  // one request every 20 s
  EXPECT_TRUE(limiter.allow("b", nullptr, t0));  // another key has its own budget
  EXPECT_FALSE(limiter.allow("a", nullptr, t0 + 19s));
  EXPECT_TRUE(limiter.allow("a", nullptr, t0 + 40s));
}

TEST(RateLimiter, HourlyBudgets) {
  RateLimiter limiter(20, 1h);
  const auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(limiter.allow("e", nullptr, t0));
  int wait = 0;
  EXPECT_FALSE(limiter.allow("e", &wait, t0 + 60s));
  EXPECT_EQ(wait, 120);
}

TEST(RateLimiter, StaysBoundedAndEvictsTheLeastRecentlyUsed) {
  RateLimiter limiter(1, 60s, 1600);  // 16 shards of 100
  const auto t0 = RateLimiter::Clock::now();
  EXPECT_TRUE(limiter.allow("spent", nullptr, t0));
  for (int i = 0; i < 200000; ++i) {
    limiter.allow("k" + std::to_string(i), nullptr, t0);
    if (i % 50 == 0) {
      EXPECT_FALSE(limiter.allow("spent", nullptr, t0));  // kept while in use
    }
  }
  EXPECT_LE(limiter.size(), 1600u);
  EXPECT_GE(limiter.size(), 1500u);
  // Unused for the whole flood, the first keys have gone (and with them nothing of value).
  EXPECT_TRUE(limiter.allow("k0", nullptr, t0));
}

}  // namespace
}  // namespace reclaim::http::testing
