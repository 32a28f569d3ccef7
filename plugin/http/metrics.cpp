#include "http/metrics.hpp"

#include <cstdio>

namespace reclaim::http {

void Metrics::observe(std::string_view route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  auto counted = requests_.find(std::pair<std::string_view, int>(route, status));
  if (counted == requests_.end()) {
    counted = requests_.emplace(std::pair<std::string, int>(route, status), 0).first;
  }
  ++counted->second;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++buckets_[i];
  }
  ++count_;
  sum_ += seconds;
}

std::string Metrics::text() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP reclaim_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE reclaim_http_requests_total counter\n";
  for (const auto &[key, count] : requests_) {
    out += "reclaim_http_requests_total{route=\"" + key.first + "\",status=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
  }
  out += "# HELP reclaim_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE reclaim_http_request_duration_seconds histogram\n";
  char number[64];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    std::snprintf(number, sizeof number, "%g", kBuckets[i]);
    out += "reclaim_http_request_duration_seconds_bucket{le=\"" + std::string(number) + "\"} " +
           std::to_string(buckets_[i]) + "\n";
  }
  out +=
      "reclaim_http_request_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(count_) + "\n";
  std::snprintf(number, sizeof number, "%.6f", sum_);
  out += "reclaim_http_request_duration_seconds_sum " + std::string(number) + "\n";
  out += "reclaim_http_request_duration_seconds_count " + std::to_string(count_) + "\n";
  return out;
}

std::string GaugeCache::text(const std::function<std::string()> &compute, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (!computed_ || now - *computed_ >= max_age_) {
    text_ = compute();
    computed_ = now;
  }
  return text_;
}

}  // namespace reclaim::http
