// Where "now" comes from: the system clock, or a manual one that tests and simulations move.
#pragma once

#include <atomic>
#include <chrono>

#include "core/time.hpp"

namespace reclaim {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixMs now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixMs now() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

// Starts at the system time of its creation until set.
class ManualClock final : public Clock {
 public:
  ManualClock() : now_(SystemClock{}.now()) {}
  UnixMs now() const override { return now_.load(std::memory_order_relaxed); }
  void set(UnixMs at) { now_.store(at, std::memory_order_relaxed); }

 private:
  std::atomic<UnixMs> now_;
};

}  // namespace reclaim
