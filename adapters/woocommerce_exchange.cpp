// An exchange on WooCommerce: a new order for the goods given, in the customer's name, with a
// fee line crediting the goods returned (up to the value of the goods given). Its total is then
// the difference the customer pays; the order waits for payment ("pending") when there is one.
// A difference in the customer's favour goes back by the refund request beside it.
#include <algorithm>

#include "adapters/exchange_plan.hpp"
#include "adapters/hosts.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

std::optional<json::object> woocommerce_exchange_order(const Order &order, const Case &subject,
                                                       const ExchangePlan &plan) {
  json::array items;
  Decimal credit;
  for (const auto &line : plan.lines) {
    // WooCommerce's orders name products by id: without one the shop adds the goods itself.
    if (line.goods->variant_id.empty()) return std::nullopt;
    items.push_back(json::object{{"product_id", id_value(line.goods->variant_id)},
                                 {"quantity", line.goods->qty}});
    const Decimal given = round_to(line.goods->unit_price.amount.times(line.goods->qty), plan.minor);
    const Decimal returned = given - line.difference.amount;
    credit = credit + std::min(given, returned);
  }
  json::object billing{{"email", order.customer.email}};
  if (!order.customer.phone.empty()) billing["phone"] = order.customer.phone;
  json::object body{
      {"status", plan.to_charge.zero() ? "processing" : "pending"},
      {"set_paid", plan.to_charge.zero()},
      {"currency", plan.currency},
      {"customer_id", id_value(order.customer.id.empty() ? "0" : order.customer.id)},
      {"billing", std::move(billing)},
      {"line_items", std::move(items)},
      {"fee_lines",
       json::array{json::object{{"name", "Exchange " + subject.number + ": goods returned"},
                                {"total", money_text(Decimal{} - credit, plan.minor)},
                                {"tax_status", "none"}}}},
      {"customer_note", "Exchange for case " + subject.number + " (order " + order.number + ")"},
      {"meta_data", json::array{json::object{{"key", "_reclaim_case"}, {"value", subject.number}},
                                json::object{{"key", "_reclaim_exchange_of"}, {"value", order.id}}}}};
  if (const auto &address = order.shipping_address) {
    body["shipping"] = json::object{{"address_1", address->line1}, {"address_2", address->line2},
                                    {"city", address->city},       {"postcode", address->postcode},
                                    {"state", address->region},    {"country", address->country}};
  }
  return json::object{{"method", "POST"},
                      {"path", "/wp-json/wc/v3/orders"},
                      {"content_type", "application/json"},
                      {"body", std::move(body)}};
}

}  // namespace reclaim::adapters
