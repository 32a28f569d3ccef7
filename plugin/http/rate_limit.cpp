#include "http/rate_limit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace reclaim::http {

RateLimiter::RateLimiter(int capacity, std::chrono::seconds window, std::size_t max_keys)
    : capacity_(std::max(1, capacity)),
      per_second_(capacity_ / std::max<double>(1, static_cast<double>(window.count()))),
      max_per_shard_(std::max<std::size_t>(1, max_keys / kShards)) {}

bool RateLimiter::allow(const std::string &key, int *seconds_to_wait, Clock::time_point now) {
  Shard &shard = shards_[std::hash<std::string>{}(key) % kShards];
  std::lock_guard lock(shard.mutex);
  auto found = shard.buckets.find(key);
  if (found == shard.buckets.end()) {
    if (shard.buckets.size() >= max_per_shard_) {
      shard.buckets.erase(shard.by_use.back());
      shard.by_use.pop_back();
    }
    shard.by_use.push_front(key);
    found = shard.buckets.emplace(key, Bucket{capacity_, now, shard.by_use.begin()}).first;
  } else {
    shard.by_use.splice(shard.by_use.begin(), shard.by_use, found->second.position);
  }
  Bucket &bucket = found->second;
  const double elapsed = std::max(0.0, std::chrono::duration<double>(now - bucket.updated).count());
  bucket.tokens = std::min(capacity_, bucket.tokens + elapsed * per_second_);
  bucket.updated = now;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return true;
  }
  if (seconds_to_wait) {
    *seconds_to_wait = static_cast<int>(std::ceil((1.0 - bucket.tokens) / per_second_));
  }
  return false;
}

std::size_t RateLimiter::size() {
  std::size_t total = 0;
  for (auto &shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.buckets.size();
  }
  return total;
}

}  // namespace reclaim::http
