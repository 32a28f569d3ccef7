// Request counters and a latency histogram, written out in Prometheus' text format.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace reclaim::http {

class Metrics {
 public:
  static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,  0.1,    0.25,  1.0,  5.0};

  // `route` is the route's pattern ("/c/{token}"), never the path: tokens stay out of metrics.
  void observe(std::string_view route, int status, double seconds);
  // The counters and histogram; the caller appends the case gauges.
  std::string text() const;

 private:
  // Ordered by route, then status; found by a view of the route, so a request counted under a
  // route seen before allocates nothing.
  struct RouteStatusLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A &a, const B &b) const {
      return std::pair<std::string_view, int>(a.first, a.second) <
             std::pair<std::string_view, int>(b.first, b.second);
    }
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t, RouteStatusLess> requests_;
  std::array<std::uint64_t, kBuckets.size()> buckets_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

// The case gauges cost a COUNT … GROUP BY over every case: a scrape computes them at most once
// per `max_age`, however often /metrics is asked.
class GaugeCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit GaugeCache(Clock::duration max_age = std::chrono::seconds(15)) : max_age_(max_age) {}
  std::string text(const std::function<std::string()> &compute, Clock::time_point now = Clock::now());

 private:
  std::mutex mutex_;
  Clock::duration max_age_;
  std::optional<Clock::time_point> computed_;
  std::string text_;
};

}  // namespace reclaim::http
