#include "adapters/registry.hpp"

#include <algorithm>
#include <string>

#include "adapters/exchange_plan.hpp"
#include "adapters/hosts.hpp"
#include "adapters/refund_plan.hpp"
#include "codec/order_json.hpp"
#include "codec/reader.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

namespace {

constexpr std::string_view kAdapters[] = {"reclaim",    "woocommerce", "shopify", "magento2",
                                          "prestashop", "shopware6",   "medusa",  "generic"};

void check_known(std::string_view adapter) {
  for (const auto known : kAdapters) {
    if (adapter == known) return;
  }
  fail(Status::unsupported,
       "unknown adapter '" + std::string(adapter) + "'; known: " + list_words(kAdapters),
       "adapter");
}

json::array refund_requests(std::string_view adapter, const Order &order, const RefundPlan &plan) {
  if (adapter == "woocommerce") return woocommerce_payload(order, plan);
  if (adapter == "shopify") return shopify_payload(order, plan);
  if (adapter == "magento2") return magento2_payload(order, plan);
  if (adapter == "prestashop") return prestashop_payload(order, plan);
  if (adapter == "shopware6") return shopware6_payload(order, plan);
  if (adapter == "medusa") return medusa_payload(order, plan);
  return generic_payload(order, plan);
}

}  // namespace

json::value parse_host_document(std::string_view adapter, std::string_view text) {
  check_known(adapter);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '<') {
    if (adapter != "prestashop") {
      fail(Status::invalid_argument, "an XML document is only read by the prestashop adapter",
           "host_order_json");
    }
    if (text.size() > codec::kMaxOrderBytes) {
      fail(Status::invalid_argument, "document too large", "host_order_json");
    }
    return prestashop_xml_to_json(text);
  }
  return codec::parse_document(text, codec::kMaxOrderBytes);
}

Order to_order(std::string_view adapter, const json::value &document,
               const ImportContext &context) {
  check_known(adapter);
  if (adapter == "reclaim") return codec::order_from_json(document);
  Order order;
  if (adapter == "woocommerce")
    order = woocommerce_order(document);
  else if (adapter == "shopify")
    order = shopify_order(document);
  else if (adapter == "magento2")
    order = magento2_order(document);
  else if (adapter == "prestashop")
    order = prestashop_order(document, context);
  else if (adapter == "shopware6")
    order = shopware6_order(document, context);
  else if (adapter == "medusa")
    order = medusa_order(document);
  else
    order = generic_order(document, context);
  // The stored body is read back with Reclaim's own rules: check them now, not on the next read.
  codec::order_from_json(codec::order_to_json(order));
  return order;
}

json::object host_payload(std::string_view adapter, const Order &order, const Case &subject) {
  check_known(adapter);
  if (adapter == "reclaim") {
    fail(Status::unsupported, "the reclaim adapter has no host to write to; name the host's",
         "adapter");
  }
  if (order.adapter != adapter) {
    fail(Status::invalid_argument,
         "order " + order.id + " was imported with the " + order.adapter + " adapter, not " +
             std::string(adapter),
         "adapter");
  }
  // An exchange at the same or a higher price refunds nothing: its result is the exchange alone.
  const ExchangePlan exchange = plan_exchange(order, subject);
  const bool refunds = std::any_of(subject.items.begin(), subject.items.end(), refunds_money);
  RefundPlan plan;
  if (refunds || exchange.lines.empty()) {
    plan = plan_refund(order, subject);
  } else {
    check_decided(subject);
    plan.currency = exchange.currency;
    plan.minor = exchange.minor;
    plan.case_id = subject.id;
    plan.case_number = subject.number;
  }
  json::array requests = refunds ? refund_requests(adapter, order, plan) : json::array{};
  if (adapter == "woocommerce" && !exchange.lines.empty()) {
    if (auto order_request = woocommerce_exchange_order(order, subject, exchange)) {
      requests.push_back(std::move(*order_request));
    }
  }
  json::array lines;
  for (const auto &line : plan.lines) {
    lines.push_back(json::object{{"line", line.line->id},
                                 {"qty", line.qty},
                                 {"restock_qty", line.restock_qty},
                                 {"resolution", name(line.resolution)},
                                 {"amount", money_text(line.gross, plan.minor)},
                                 {"tax", money_text(line.tax, plan.minor)}});
  }
  json::object result{{"adapter", std::string(adapter)},
                      {"case_id", plan.case_id},
                      {"case_number", plan.case_number},
                      {"order_id", order.id},
                      {"currency", plan.currency},
                      {"amount", money_text(plan.gross, plan.minor)},
                      {"tax", money_text(plan.tax, plan.minor)},
                      {"lines", std::move(lines)},
                      {"requests", std::move(requests)}};
  if (!exchange.lines.empty()) result["exchange"] = exchange_to_json(exchange);
  return result;
}

}  // namespace reclaim::adapters
