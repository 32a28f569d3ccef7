#include "storage/parsed_orders.hpp"

#include <boost/json/parse.hpp>

#include "codec/order_json.hpp"

namespace reclaim {

std::shared_ptr<const Order> ParsedOrders::of(const std::string &body) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    const auto found = by_body_.find(body);
    if (found != by_body_.end() && now - found->second.parsed_at < kLongest) {
      return found->second.order;
    }
  }
  // Parsed outside the lock: two threads may parse the same text once each, which is harmless.
  auto order = std::make_shared<const Order>(codec::order_from_json(boost::json::parse(body)));
  std::lock_guard lock(mutex_);
  if (by_body_.size() >= kMostOrders) {
    std::erase_if(by_body_, [&](const auto &entry) { return now - entry.second.parsed_at >= kLongest; });
    if (by_body_.size() >= kMostOrders) by_body_.clear();
  }
  by_body_.insert_or_assign(body, Entry{order, now});
  return order;
}

void ParsedOrders::clear() {
  std::lock_guard lock(mutex_);
  by_body_.clear();
}

}  // namespace reclaim
