// Shopify Admin REST: GET /orders/{id}.json in ({"order": …} or the order itself), POST
// /orders/{id}/refunds.json out. Ids are 64-bit integers kept as their decimal text. Money is
// read from the *_set shop_money amounts (the shop's currency, "currency"), falling back to the
// plain fields, strings or numbers alike. A line's price with tax is price × quantity minus its
// discount_allocations, plus its tax_lines unless taxes_included. Timestamps carry offsets.
// Shipped: the first successful fulfillment; delivered: a fulfillment whose shipment_status is
// "delivered" (its updated_at). Paid: processed_at once financial_status says money came in.
// refunds[].refund_line_items count as quantities already refunded. Returned goods are restocked
// at the location of the first successful fulfillment, else of an earlier refund's return.
// The customer's id is customer.id; the address is shipping_address, its region and country as
// codes (province_code, country_code) when given, else as names.
#include <boost/json.hpp>
#include <map>

#include "adapters/customer.hpp"
#include "adapters/host_value.hpp"
#include "adapters/hosts.hpp"
#include "adapters/line_price.hpp"
#include "core/error.hpp"
#include "core/vocabulary.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

namespace {

// The shop-money amount of a "<name>_set" pair, else the plain "<name>".
Decimal shop_money(const Node &parent, const std::string &name, int minor) {
  const Node set = parent[name + "_set"]["shop_money"]["amount"];
  if (set.present()) return set.money(minor);
  return parent[name].money(minor);
}

std::optional<UnixMs> earliest(std::optional<UnixMs> a, std::optional<UnixMs> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

}  // namespace

Order shopify_order(const json::value &document) {
  Node doc = root(document);
  if (!doc.is_object()) doc.fail_here("expected a JSON object (a Shopify order)");
  if (doc["order"].present()) doc = doc["order"];
  Order order;
  order.adapter = "shopify";
  order.id = doc["id"].id();
  order.number = doc["name"].optional_text(200).value_or(order.id);
  order.currency = doc["currency"].text(8);
  const int minor = minor_units(order.currency, "currency");
  const bool taxes_included = doc["taxes_included"].optional_boolean().value_or(false);
  order.placed_at = doc["created_at"].rfc3339();
  const auto financial = doc["financial_status"].optional_text(64).value_or("");
  if (financial == "paid" || financial == "partially_refunded" || financial == "refunded" ||
      financial == "partially_paid") {
    order.paid_at = doc["processed_at"].rfc3339();
  }
  const Node fulfillments = doc["fulfillments"];
  for (std::size_t i = 0; i < fulfillments.size(); ++i) {
    const Node f = fulfillments[i];
    const auto status = f["status"].optional_text(64).value_or("");
    if (status != "success") continue;
    order.shipped_at = earliest(order.shipped_at, f["created_at"].rfc3339());
    // Returned goods go back to the location they were fulfilled from.
    if (auto location = f["location_id"].optional_id();
        location && !order.host.contains("location_id")) {
      order.host["location_id"] = *location;
    }
    if (f["shipment_status"].optional_text(64) == "delivered") {
      order.delivered_at = earliest(order.delivered_at, f["updated_at"].rfc3339());
    }
  }
  const Node customer = doc["customer"];
  order.customer.email = doc["email"].email();
  if (order.customer.email.empty()) {
    order.customer.email = doc["contact_email"].email();
  }
  order.customer.name = full_name(customer["first_name"], customer["last_name"]);
  order.customer.phone = doc["phone"].optional_text(64).value_or("");
  order.customer.id = customer_id(customer["id"]);  // no customer object: a guest
  const Node ship_to = doc["shipping_address"];
  std::string province = region(ship_to["province_code"]);
  if (province.empty()) province = region(ship_to["province"]);
  std::string land = country(ship_to["country_code"]);
  if (land.empty()) land = country(ship_to["country"]);
  order.shipping_address =
      address_or_none({street_line(ship_to["address1"]), street_line(ship_to["address2"]),
                       city(ship_to["city"]), postcode(ship_to["zip"]), province, land});
  const auto locale = doc["customer_locale"].optional_text(35).value_or("");
  if (locale.size() >= 2 && is_one_of(locale.substr(0, 2), kLocales)) {
    order.customer.locale = locale.substr(0, 2);
  }
  const Node items = doc["line_items"];
  check_line_count(items);
  LineIds ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Node item = items[i];
    OrderLine line;
    line.id = item["id"].id();
    ids.add(line.id, item["id"]);
    line.sku = item["sku"].optional_text(200).value_or("");
    line.name = item["name"].optional_text().value_or("");
    if (line.name.empty()) line.name = item["title"].text();
    line.qty = item["quantity"].integer(1, kMaxQuantity);
    line.supplier = item["vendor"].optional_text().value_or("");
    const Decimal price = shop_money(item, "price", minor);
    Decimal discount;
    const Node allocations = item["discount_allocations"];
    for (std::size_t k = 0; k < allocations.size(); ++k) {
      discount = discount + shop_money(allocations[k], "amount", minor);
    }
    Decimal tax;
    std::optional<Decimal> rate;
    const Node taxes = item["tax_lines"];
    for (std::size_t k = 0; k < taxes.size(); ++k) {
      tax = tax + shop_money(taxes[k], "price", minor);
      // Rates are fractions (0.06): the number's digits, exactly, times 100.
      const auto fraction = taxes[k]["rate"].optional_money(6);
      if (fraction) rate = (rate ? *rate : Decimal{}) + fraction->times(100);
    }
    const Decimal gross = price.times(line.qty) - discount + (taxes_included ? Decimal{} : tax);
    if (gross.negative())
      item["discount_allocations"].fail_here("discounts exceed the line's price");
    line.tax_rate = rate;
    price_line(line, order.host, gross, tax);
    order.lines.push_back(std::move(line));
  }
  const Node shipping = doc["shipping_lines"];
  if (shipping.size() > 0) {
    Decimal amount;
    std::string methods;
    for (std::size_t i = 0; i < shipping.size(); ++i) {
      const Node s = shipping[i];
      amount = amount + (s["discounted_price"].present() || s["discounted_price_set"].present()
                             ? shop_money(s, "discounted_price", minor)
                             : shop_money(s, "price", minor));
      if (!taxes_included) {
        for (std::size_t k = 0; k < s["tax_lines"].size(); ++k) {
          amount = amount + shop_money(s["tax_lines"][k], "price", minor);
        }
      }
      const auto title = s["title"].optional_text().value_or("");
      if (!title.empty()) methods += (methods.empty() ? "" : ", ") + title;
    }
    order.shipping_amount = amount;
    order.shipping_method = methods;
  }
  const Node refunds = doc["refunds"];
  for (std::size_t r = 0; r < refunds.size(); ++r) {
    const Node lines = refunds[r]["refund_line_items"];
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string target = lines[i]["line_item_id"].id();
      const std::int64_t qty = lines[i]["quantity"].integer(0, kMaxQuantity);
      auto found = std::find_if(order.lines.begin(), order.lines.end(),
                                [&](const OrderLine &l) { return l.id == target; });
      if (found == order.lines.end()) {
        lines[i]["line_item_id"].fail_here("names line '" + target + "', not in line_items");
      }
      found->refunded_qty += qty;
      if (found->refunded_qty > found->qty) {
        lines[i]["quantity"].fail_here("refunds more than line '" + target + "' holds");
      }
      if (auto location = lines[i]["location_id"].optional_id();
          location && !order.host.contains("location_id")) {
        order.host["location_id"] = *location;  // where an earlier return was restocked
      }
    }
    // A refund transaction's parent is the sale it paid back: the parent of ours too.
    const Node transactions = refunds[r]["transactions"];
    for (std::size_t i = 0; i < transactions.size(); ++i) {
      if (auto parent = transactions[i]["parent_id"].optional_id()) {
        order.host["parent_id"] = *parent;
      }
      if (auto gateway = transactions[i]["gateway"].optional_text(100)) {
        order.host["gateway"] = *gateway;
      }
    }
  }
  const Node transactions = doc["transactions"];  // when the host merges GET transactions in
  for (std::size_t i = 0; i < transactions.size(); ++i) {
    const auto kind = transactions[i]["kind"].optional_text(32).value_or("");
    if ((kind == "sale" || kind == "capture") &&
        transactions[i]["status"].optional_text(32).value_or("success") == "success") {
      order.host["parent_id"] = transactions[i]["id"].id();
      if (auto gateway = transactions[i]["gateway"].optional_text(100)) {
        order.host["gateway"] = *gateway;
      }
    }
  }
  if (!order.host.contains("gateway") && doc["payment_gateway_names"].size() > 0) {
    order.host["gateway"] = doc["payment_gateway_names"][0].text(100);
  }
  order.host["order_id"] = order.id;
  return order;
}

json::array shopify_payload(const Order &order, const RefundPlan &plan) {
  json::array lines;
  for (const auto &line : plan.lines) {
    if (line.qty == 0) continue;  // money only: no line goes back
    json::object out{{"line_item_id", id_value(line.line->id)},
                     {"quantity", line.qty},
                     {"restock_type", line.restock() ? "return" : "no_restock"}};
    const auto location = host_text(order.host, "location_id");
    if (line.restock() && !location.empty()) out["location_id"] = id_value(location);
    lines.push_back(std::move(out));
  }
  json::object transaction{{"kind", "refund"}, {"amount", money_text(plan.gross, plan.minor)}};
  if (auto parent = host_text(order.host, "parent_id"); !parent.empty()) {
    transaction["parent_id"] = id_value(parent);
  }
  if (auto gateway = host_text(order.host, "gateway"); !gateway.empty()) {
    transaction["gateway"] = gateway;
  }
  json::object refund{{"currency", plan.currency},
                      {"notify", true},
                      {"note", plan.note},
                      {"shipping", json::object{{"amount", money_text({}, plan.minor)}}},
                      {"refund_line_items", std::move(lines)},
                      {"transactions", json::array{std::move(transaction)}}};
  const std::string id = host_text(order.host, "order_id");
  return json::array{json::object{{"method", "POST"},
                                  {"path", "/admin/api/2024-04/orders/" + id + "/refunds.json"},
                                  {"content_type", "application/json"},
                                  {"body", json::object{{"refund", std::move(refund)}}}}};
}

}  // namespace reclaim::adapters
