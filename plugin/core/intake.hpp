// Opening a case: checks the request against the order and what other cases already claim.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace reclaim {

struct OpenItem {
  std::string line;  // with an order
  std::string sku, name;
  std::optional<Money> unit_price;  // without an order
  std::int64_t qty = 0;
  std::string reason;
  std::string serial;
  std::string note;
  std::string field;  // JSON path, for errors
};

struct OpenRequest {
  std::string shop = "default";
  Kind kind = Kind::complaint;
  std::string channel;
  Actor actor;
  std::string order_id;
  std::optional<Customer> customer;
  std::vector<OpenItem> items;
  std::string description;
  std::string preferred_resolution;
  std::string idempotency_key;
  boost::json::object extra;
};

// Quantity of each order line that cases (other than cancelled ones) already claim.
using ClaimedQty = std::map<std::string, std::int64_t>;

// Builds the new case (without id, number and deadlines, which depend on the shop's policy) or throws Error: a customer must name an
// order and its e-mail; items must name lines of the order, each once, within the quantity left.
Case build_case(const OpenRequest &request, const Order *order, const ClaimedQty &claimed,
                UnixMs now);

}  // namespace reclaim
