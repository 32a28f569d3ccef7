// Request budgets (token buckets) keyed by client address, or by anything else worth limiting
// (a looked-up e-mail). Bounded memory with O(1) eviction: the table is split into shards, each
// with its own lock and a list in order of last use; when a shard is full its least recently
// used bucket goes, which is the one most likely to have refilled anyway.
#pragma once

#include <array>
#include <chrono>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace reclaim::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // `capacity` requests, refilled evenly over `window`.
  RateLimiter(int capacity, std::chrono::seconds window = std::chrono::seconds(60),
              std::size_t max_keys = 100000);

  // Takes one request from `key`'s budget; false when it is spent. `seconds_to_wait` then
  // says when the next request would be allowed.
  bool allow(const std::string &key, int *seconds_to_wait = nullptr,
             Clock::time_point now = Clock::now());

  // Keys currently remembered (for tests and metrics).
  std::size_t size();

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
    std::list<std::string>::iterator position;  // in Shard::by_use
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets;
    std::list<std::string> by_use;  // front: most recently used
  };
  static constexpr std::size_t kShards = 16;

  double capacity_;
  double per_second_;
  std::size_t max_per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace reclaim::http
