// What an accepted exchange asks of the host: the goods that come back, the goods that go out
// instead, and the price difference to charge or refund, exact in the order's currency. The
// refund of a difference is also a line of the refund plan (adapters/refund_plan.hpp); a charge
// is the host's to collect.
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "core/model.hpp"

namespace reclaim::adapters {

struct ExchangeLine {
  const OrderLine *line = nullptr;  // the order line returned; null for goods without an order
  const CaseItem *item = nullptr;
  const ExchangeGoods *goods = nullptr;
  Money difference;  // given less returned
};

struct ExchangePlan {
  std::string currency;
  int minor = 2;
  std::vector<ExchangeLine> lines;
  Decimal to_charge, to_refund;  // sums of the differences above and below zero
};

// The case's accepted exchanges that name their goods; empty when it has none.
ExchangePlan plan_exchange(const Order &order, const Case &subject);

// {"currency", "to_charge", "to_refund", "lines": [{"item", "line", "sku", "qty", "goods":
// {"sku", "name", "qty", "unit_price", "variant_id"}, "price_difference", "settle"}]}
boost::json::object exchange_to_json(const ExchangePlan &plan);

}  // namespace reclaim::adapters
