// Magento 2 REST: GET /V1/orders/{id} in, POST /V1/order/{id}/refund (an offline credit memo)
// out. Money is a float, converted exactly (see Node::money); every amount comes twice, base_*
// in the base currency and plain in the order's (order_currency_code): the plain ones are read.
// created_at is UTC without a zone. A configurable product gives a parent line (the price) and
// a child (parent_item_id, price 0): the child is folded into the parent. A bundle's children
// are folded into the bundle line too; its price is the parent's plus the children's, and a
// credit memo names the children in proportion. qty_refunded counts as already refunded.
// The order document has no payment or shipment dates; paid_at/shipped_at stay absent.
// customer_id is null for a guest; the phone is the billing address's telephone; the shipping
// address (street[]: the first line is line1, the others joined are line2) is
// extension_attributes.shipping_assignments[0].shipping.address.
#include <boost/json.hpp>
#include <map>
#include <set>

#include "adapters/customer.hpp"
#include "adapters/host_value.hpp"
#include "adapters/hosts.hpp"
#include "adapters/line_price.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

namespace {

struct Row {
  Node node;
  std::string id, parent, type;
};

// A row's total with tax after its discount.
Decimal row_gross(const Node &item, int minor) {
  const Decimal row = item["row_total_incl_tax"].money(minor);
  const Decimal discount = item["discount_amount"].optional_money(minor).value_or(Decimal{});
  return row - discount;
}

}  // namespace

Order magento2_order(const json::value &document) {
  const Node doc = root(document);
  if (!doc.is_object()) doc.fail_here("expected a JSON object (a Magento 2 order)");
  Order order;
  order.adapter = "magento2";
  order.id = doc["entity_id"].id();
  order.number = doc["increment_id"].optional_id().value_or(order.id);
  order.currency = doc["order_currency_code"].text(8);
  const int minor = minor_units(order.currency, "order_currency_code");
  order.placed_at = doc["created_at"].utc_without_zone();
  order.customer.email = doc["customer_email"].email();
  order.customer.name = full_name(doc["customer_firstname"], doc["customer_lastname"]);
  order.customer.id = customer_id(doc["customer_id"]);  // null for a guest
  // The shipping address sits in the first shipping assignment; virtual orders have none.
  const Node ship_to =
      doc["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"];
  order.customer.phone = doc["billing_address"]["telephone"].optional_text(64).value_or("");
  const Node street = ship_to["street"];
  std::string rest;
  for (std::size_t i = 1; i < street.size(); ++i) {
    rest = joined(street, rest, street_line(street[i]));
  }
  order.shipping_address = address_or_none(
      {street_line(street[0]), rest, city(ship_to["city"]), postcode(ship_to["postcode"]),
       region(ship_to["region"]), country(ship_to["country_id"])});
  const Node items = doc["items"];
  if (items.size() == 0) items.fail_here("an order needs at least one line");
  if (items.size() > 2000) items.fail_here("at most 2000 items");
  std::vector<Row> rows;
  std::map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < items.size(); ++i) {
    Row row{items[i], items[i]["item_id"].id(),
            items[i]["parent_item_id"].optional_id().value_or(""),
            items[i]["product_type"].optional_text(64).value_or("simple")};
    if (!by_id.emplace(row.id, rows.size()).second) items[i]["item_id"].fail_here("appears twice");
    rows.push_back(std::move(row));
  }
  for (const Row &row : rows) {
    if (!row.parent.empty()) {
      if (!by_id.contains(row.parent)) row.node["parent_item_id"].fail_here("names no item");
      continue;
    }
    OrderLine line;
    line.id = row.id;
    line.sku = row.node["sku"].optional_text(200).value_or("");
    line.name = row.node["name"].text();
    if (line.name.empty()) row.node["name"].fail_here("required");
    line.qty = row.node["qty_ordered"].integer(1, kMaxQuantity);
    line.refunded_qty = row.node["qty_refunded"].optional_integer(0, line.qty).value_or(0);
    Decimal gross = row_gross(row.node, minor);
    Decimal tax = row.node["tax_amount"].optional_money(minor).value_or(Decimal{});
    json::array children;
    for (const Row &child : rows) {
      if (child.parent != row.id) continue;
      const std::int64_t child_qty = child.node["qty_ordered"].integer(1, kMaxQuantity * 1000);
      if (child_qty % line.qty != 0) {
        child.node["qty_ordered"].fail_here("not a whole multiple of the parent's quantity");
      }
      if (row.type == "bundle") {
        gross = gross + row_gross(child.node, minor);
        tax = tax + child.node["tax_amount"].optional_money(minor).value_or(Decimal{});
      }
      children.push_back(json::object{{"id", child.id}, {"per_unit", child_qty / line.qty}});
    }
    if (gross.negative()) row.node["discount_amount"].fail_here("exceeds the row's total");
    line.tax_rate = row.node["tax_percent"].optional_money(6);
    if (row.type == "configurable" || row.type == "bundle") line.tags.push_back(row.type);
    auto &kept = price_line(line, order.host, gross, tax);
    if (row.type == "bundle") kept["children"] = std::move(children);
    order.lines.push_back(std::move(line));
  }
  if (doc["shipping_incl_tax"].present()) {
    order.shipping_amount = doc["shipping_incl_tax"].money(minor);
  }
  order.shipping_method = doc["shipping_description"].optional_text().value_or("");
  order.host["order_id"] = order.id;
  return order;
}

json::array magento2_payload(const Order &order, const RefundPlan &plan) {
  json::array items, restock;
  Decimal positive, negative;
  for (const auto &line : plan.lines) {
    if (line.qty > 0) {
      items.push_back(json::object{{"order_item_id", id_value(line.line->id)}, {"qty", line.qty}});
      if (const auto *children = line.host.if_contains("children")) {
        for (const auto &child : children->get_array()) {
          const auto &c = child.get_object();
          items.push_back(json::object{{"order_item_id", id_value(host_text(c, "id"))},
                                       {"qty", c.at("per_unit").as_int64() * line.qty}});
        }
      }
      if (line.restock()) restock.push_back(id_value(line.line->id));
      // A credit memo refunds qty × the row's price; a smaller amount is an adjustment.
      const Decimal full =
          portion(host_decimal(line.host, "total"), line.qty, line.line->qty, plan.minor);
      if (full > line.gross) negative = negative + (full - line.gross);
      if (line.gross > full) positive = positive + (line.gross - full);
    } else {
      positive = positive + line.gross;
    }
  }
  json::object arguments{
      {"shipping_amount", 0},
      {"adjustment_positive", money_number(positive, plan.minor)},
      {"adjustment_negative", money_number(negative, plan.minor)},
      {"extension_attributes", json::object{{"return_to_stock_items", std::move(restock)}}}};
  json::object body{{"items", std::move(items)},
                    {"notify", true},
                    {"appendComment", true},
                    {"comment", json::object{{"comment", plan.note}, {"is_visible_on_front", 0}}},
                    {"arguments", std::move(arguments)}};
  return json::array{
      json::object{{"method", "POST"},
                   {"path", "/rest/V1/order/" + host_text(order.host, "order_id") + "/refund"},
                   {"content_type", "application/json"},
                   {"body", std::move(body)}}};
}

}  // namespace reclaim::adapters
