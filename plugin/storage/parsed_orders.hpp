// Orders as parsed from their stored documents, kept by the document's exact text: reading a
// stored order cost more in parsing (a third of an eligibility check) than in SQL. The text is
// the key, so an order changed by another process or node is never served stale: its new text
// misses and is parsed. Bounded in count and age, and emptied whenever this process writes an
// order, so the personal data of an order erased elsewhere does not linger in memory.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/model.hpp"

namespace reclaim {

class ParsedOrders {
 public:
  static constexpr std::size_t kMostOrders = 256;
  static constexpr std::chrono::minutes kLongest{5};

  // The order of `body` (a stored document), parsed now or earlier. Throws what parsing throws.
  std::shared_ptr<const Order> of(const std::string &body);
  void clear();

 private:
  struct Entry {
    std::shared_ptr<const Order> order;
    std::chrono::steady_clock::time_point parsed_at;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> by_body_;
};

}  // namespace reclaim
