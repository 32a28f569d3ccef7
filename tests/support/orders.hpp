// An order the storage and engine tests import: one line of kettles at 199.99 PLN.
#pragma once

#include <cstdint>
#include <string>

#include "core/model.hpp"

namespace reclaim::test {

inline Order kettle_order(const std::string &id, std::int64_t qty) {
  Order order;
  order.id = id;
  order.number = "#" + id;
  order.currency = "PLN";
  order.customer.email = "jan@example.pl";
  OrderLine line;
  line.id = "1";
  line.name = "Kettle";
  line.qty = qty;
  line.unit_price = *Decimal::parse("199.99");
  order.lines = {line};
  return order;
}

}  // namespace reclaim::test
