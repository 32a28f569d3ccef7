// Per-address request budgets (token buckets) for lookups and submissions. Bounded memory: when
// the table is full, buckets that have refilled are dropped first, then the oldest.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace reclaim::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(int per_minute, std::size_t max_addresses = 100000)
      : per_minute_(per_minute), max_addresses_(max_addresses) {}

  // Takes one request from `address`'s budget; false when it is spent. `seconds_to_wait` then
  // says when the next request would be allowed.
  bool allow(const std::string &address, int *seconds_to_wait = nullptr,
             Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  void prune(Clock::time_point now);

  int per_minute_;
  std::size_t max_addresses_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace reclaim::http
