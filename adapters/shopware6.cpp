// Shopware 6 Admin API: GET /api/order/{id} in ({"data": …} or the order itself; associations
// lineItems, deliveries, transactions, currency), out: the transaction's state transition to
// refunded / partially refunded and the refund record (order_transaction_capture_refund) with
// its positions. Ids are 32-hex strings. Money is a float with artefacts (20826.300000000003),
// snapped to the currency's minor units. taxStatus "gross": prices include tax; "net": each
// line's calculatedTaxes are added. The currency is currency.isoCode when the association is
// loaded, else the shop's. Paid: a transaction in state paid (its updatedAt, else createdAt);
// shipped: a delivery in state shipped / shipped_partially / returned (updatedAt, else
// shippingDateEarliest). Lines of type "product" are goods; promotions, credits and the like
// are kept aside in the order's extra. The customer's id is orderCustomer.customerId; the
// address is the first delivery's shippingOrderAddress (with its country and countryState).
#include <boost/json.hpp>
#include <map>

#include "adapters/customer.hpp"
#include "adapters/host_value.hpp"
#include "adapters/hosts.hpp"
#include "adapters/line_price.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

namespace {

bool hex32(const std::string &id) {
  return id.size() == 32 && id.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

std::string hex_id(const Node &node) {
  const std::string id = node.text(64);
  if (!hex32(id)) node.fail_here("expected a 32-hex-digit Shopware id");
  return id;
}

std::string state_of(const Node &node) {
  return node["stateMachineState"]["technicalName"].optional_text(64).value_or("");
}

std::optional<UnixMs> first_time(const Node &a, const Node &b) {
  if (auto at = a.rfc3339()) return at;
  return b.rfc3339();
}

std::optional<UnixMs> earliest(std::optional<UnixMs> a, std::optional<UnixMs> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

}  // namespace

Order shopware6_order(const json::value &document, const ImportContext &context) {
  Node doc = root(document);
  if (!doc.is_object()) doc.fail_here("expected a JSON object (a Shopware 6 order)");
  if (doc["data"].present()) doc = doc["data"];
  Order order;
  order.adapter = "shopware6";
  order.id = hex_id(doc["id"]);
  order.number = doc["orderNumber"].optional_id().value_or(order.id);
  order.currency = doc["currency"]["isoCode"].optional_text(8).value_or(context.currency);
  const int minor = minor_units(order.currency, "currency.isoCode");
  const std::string tax_status = doc["price"]["taxStatus"].optional_text(16).value_or("gross");
  if (tax_status != "gross" && tax_status != "net" && tax_status != "tax-free") {
    doc["price"]["taxStatus"].fail_here("expected gross, net or tax-free");
  }
  order.placed_at = doc["orderDateTime"].rfc3339();
  const Node customer = doc["orderCustomer"];
  order.customer.email = customer["email"].email();
  order.customer.name = full_name(customer["firstName"], customer["lastName"]);
  if (!customer["company"].optional_text().value_or("").empty()) order.customer.type = "business";
  if (auto id = customer_id(customer["customerId"]); !id.empty()) {
    if (!hex32(id)) customer["customerId"].fail_here("expected a 32-hex-digit Shopware id");
    order.customer.id = id;
  }
  const Node items = doc["lineItems"];
  check_line_count(items, "line", true);  // product lines are told apart below
  LineIds ids;
  json::array other;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Node item = items[i];
    const std::string type = item["type"].optional_text(64).value_or("product");
    const Node price = item["price"];
    const Decimal total = item["totalPrice"].present() ? item["totalPrice"].money(minor, true)
                                                       : price["totalPrice"].money(minor, true);
    Decimal tax;
    std::optional<Decimal> rate;
    const Node taxes = price["calculatedTaxes"];
    for (std::size_t k = 0; k < taxes.size(); ++k) {
      tax = tax + taxes[k]["tax"].money(minor, true);
      const auto r = taxes[k]["taxRate"].optional_money(6);
      if (taxes.size() == 1) rate = r;
    }
    const Decimal gross = tax_status == "net" ? total + tax : total;
    if (type != "product") {
      if (other.size() >= 50) continue;  // the order's extra stays small
      other.push_back(json::object{{"id", item["id"].optional_text(64).value_or("")},
                                   {"type", type},
                                   {"label", item["label"].optional_text().value_or("")},
                                   {"amount", gross.to_string(minor)}});
      continue;
    }
    OrderLine line;
    line.id = hex_id(item["id"]);
    ids.add(line.id, item["id"]);
    line.name = item["label"].text();
    if (line.name.empty()) item["label"].fail_here("required");
    line.sku = item["payload"]["productNumber"].optional_text(200).value_or("");
    line.qty = item["quantity"].integer(1, kMaxQuantity);
    if (gross.negative()) item["totalPrice"].fail_here("must not be negative");
    line.tax_rate = rate;
    price_line(line, order.host, gross, tax);
    order.lines.push_back(std::move(line));
  }
  if (order.lines.empty()) items.fail_here("an order needs at least one product line");
  if (!other.empty()) order.extra["other_lines"] = std::move(other);
  const Node deliveries = doc["deliveries"];
  Decimal shipping;
  std::string methods;
  for (std::size_t i = 0; i < deliveries.size(); ++i) {
    const Node delivery = deliveries[i];
    const std::string state = state_of(delivery);
    if (state == "shipped" || state == "shipped_partially" || state == "returned" ||
        state == "returned_partially") {
      order.shipped_at = earliest(
          order.shipped_at, first_time(delivery["updatedAt"], delivery["shippingDateEarliest"]));
    }
    const Node costs = delivery["shippingCosts"];
    if (costs.present()) {
      Decimal cost = costs["totalPrice"].money(minor);
      if (tax_status == "net") {
        for (std::size_t k = 0; k < costs["calculatedTaxes"].size(); ++k) {
          cost = cost + costs["calculatedTaxes"][k]["tax"].money(minor);
        }
      }
      shipping = shipping + cost;
    }
    const auto method = delivery["shippingMethod"]["name"].optional_text().value_or("");
    if (!method.empty()) methods += (methods.empty() ? "" : ", ") + method;
  }
  if (deliveries.size() > 0) order.shipping_amount = shipping;
  // The address of the first delivery; country and state are associations (their codes when
  // loaded, else their names; only their ids otherwise, which say nothing to a person).
  const Node ship_to = deliveries[0]["shippingOrderAddress"];
  std::string state = region(ship_to["countryState"]["shortCode"]);
  if (state.empty()) state = region(ship_to["countryState"]["name"]);
  std::string land = country(ship_to["country"]["iso"]);
  if (land.empty()) land = country(ship_to["country"]["name"]);
  order.shipping_address = address_or_none(
      {street_line(ship_to["street"]),
       joined(ship_to["additionalAddressLine2"], street_line(ship_to["additionalAddressLine1"]),
              street_line(ship_to["additionalAddressLine2"])),
       city(ship_to["city"]), postcode(ship_to["zipcode"]), state, land});
  order.shipping_method = methods;
  const Node transactions = doc["transactions"];
  for (std::size_t i = 0; i < transactions.size(); ++i) {
    const Node transaction = transactions[i];
    const std::string state = state_of(transaction);
    if (state == "paid" || state == "paid_partially" || state == "refunded_partially" ||
        state == "refunded") {
      order.paid_at =
          earliest(order.paid_at, first_time(transaction["updatedAt"], transaction["createdAt"]));
      order.host["transaction_id"] = hex_id(transaction["id"]);
      const Node captures = transaction["captures"];
      if (captures.size() > 0) order.host["capture_id"] = hex_id(captures[0]["id"]);
    }
  }
  order.host["order_id"] = order.id;
  return order;
}

json::array shopware6_payload(const Order &order, const RefundPlan &plan) {
  const std::string transaction = host_text(order.host, "transaction_id");
  if (transaction.empty()) {
    fail(Status::not_allowed,
         "order " + order.id + " has no paid transaction in its document; nothing to refund",
         "case_ref");
  }
  bool whole = plan.lines.size() == order.lines.size();
  json::array positions;
  for (const auto &line : plan.lines) {
    whole = whole && line.qty == line.line->qty;
    const Decimal unit = line.qty > 0 ? scale(line.gross, 1, line.qty) : line.gross;
    positions.push_back(
        json::object{{"orderLineItemId", line.line->id},
                     {"quantity", line.qty > 0 ? line.qty : 1},
                     {"reason", name(line.resolution)},
                     {"refundPrice", money_number(line.gross, plan.minor)},
                     {"amount", json::object{{"unitPrice", money_number(unit, Decimal::kScale)},
                                             {"totalPrice", money_number(line.gross, plan.minor)},
                                             {"quantity", line.qty > 0 ? line.qty : 1}}}});
  }
  json::object refund{{"captureId", host_text(order.host, "capture_id")},
                      {"reason", plan.note},
                      {"amount", json::object{{"unitPrice", money_number(plan.gross, plan.minor)},
                                              {"totalPrice", money_number(plan.gross, plan.minor)},
                                              {"quantity", 1}}},
                      {"positions", std::move(positions)}};
  const std::string transition = whole ? "refund" : "refund_partially";
  return json::array{json::object{{"method", "POST"},
                                  {"path", "/api/_action/order_transaction/" + transaction +
                                               "/state/" + transition},
                                  {"content_type", "application/json"},
                                  {"body", json::object{}}},
                     json::object{{"method", "POST"},
                                  {"path", "/api/order-transaction-capture-refund"},
                                  {"content_type", "application/json"},
                                  {"body", std::move(refund)}}};
}

}  // namespace reclaim::adapters
