#include "http/rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace reclaim::http {

bool RateLimiter::allow(const std::string &address, int *seconds_to_wait, Clock::time_point now) {
  const double capacity = per_minute_;
  const double per_second = per_minute_ / 60.0;
  std::lock_guard lock(mutex_);
  auto found = buckets_.find(address);
  if (found == buckets_.end()) {
    if (buckets_.size() >= max_addresses_) prune(now);
    found = buckets_.emplace(address, Bucket{capacity, now}).first;
  }
  Bucket &bucket = found->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(capacity, bucket.tokens + elapsed * per_second);
  bucket.updated = now;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return true;
  }
  if (seconds_to_wait) {
    *seconds_to_wait = static_cast<int>(std::ceil((1.0 - bucket.tokens) / per_second));
  }
  return false;
}

void RateLimiter::prune(Clock::time_point now) {
  const double per_second = per_minute_ / 60.0;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double elapsed = std::chrono::duration<double>(now - it->second.updated).count();
    if (it->second.tokens + elapsed * per_second >= per_minute_) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
  while (buckets_.size() >= max_addresses_) {
    auto oldest = std::min_element(
        buckets_.begin(), buckets_.end(),
        [](const auto &a, const auto &b) { return a.second.updated < b.second.updated; });
    buckets_.erase(oldest);
  }
}

}  // namespace reclaim::http
