// PrestaShop webservice: GET /api/orders/{id} in, as XML (the default; see prestashop_xml.cpp)
// or JSON (output_format=JSON), wrapped in <prestashop>/"order" or bare; a new order_slip
// (POST /api/order_slip, XML) out. Values are strings ("12.000000"); a row's price with tax is
// unit_price_tax_incl, its rate (incl − excl) / excl. The order names its currency by id only,
// so the shop's configured currency is used, and its dates are the shop's wall clock (the
// shop's time zone); "0000-00-00 00:00:00" is absent. invoice_date is read as paid, delivery_date
// as shipped. The customer is a separate resource: the order gives no e-mail. Order rows do not
// say what was refunded (order slips do), so refunded quantities start at 0. The customer's id is
// id_customer; the address is a separate resource too (id_address_delivery), so none is mapped.
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

std::optional<UnixMs> shop_time(const Node &field, const std::string &zone) {
  const auto text = field.optional_text(64);
  if (!text || text->empty() || text->starts_with("0000-00-00")) return std::nullopt;
  auto at = local_to_utc(*text, zone);
  if (!at) field.fail_here("expected a date and time such as 2026-11-02 10:00:00");
  return at;
}

}  // namespace

Order prestashop_order(const json::value &document, const ImportContext &context) {
  Node doc = root(document);
  if (!doc.is_object()) doc.fail_here("expected an order (XML or JSON)");
  if (doc["prestashop"].present()) doc = doc["prestashop"];
  if (doc["order"].present()) doc = doc["order"];
  Order order;
  order.adapter = "prestashop";
  order.id = doc["id"].id();
  order.number = doc["reference"].optional_text(200).value_or("");
  if (order.number.empty()) order.number = order.id;
  order.currency = context.currency;
  const int minor = minor_units(order.currency, "currency");
  order.placed_at = shop_time(doc["date_add"], context.timezone);
  order.paid_at = shop_time(doc["invoice_date"], context.timezone);
  order.shipped_at = shop_time(doc["delivery_date"], context.timezone);
  const Node rows = doc["associations"]["order_rows"];
  check_line_count(rows, "row");
  LineIds ids;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Node row = rows[i];
    OrderLine line;
    line.id = row["id"].id();
    ids.add(line.id, row["id"], "row");
    line.sku = row["product_reference"].optional_text(200).value_or("");
    line.name = row["product_name"].text();
    if (line.name.empty()) row["product_name"].fail_here("required");
    line.qty = row["product_quantity"].integer(1, kMaxQuantity, true);
    const Decimal incl = row["unit_price_tax_incl"].money(minor);
    const Decimal excl = row["unit_price_tax_excl"].money(minor);
    if (excl > incl) row["unit_price_tax_excl"].fail_here("exceeds unit_price_tax_incl");
    line.tax_rate = tax_rate_of(excl, incl - excl);
    price_line(line, order.host, incl.times(line.qty), (incl - excl).times(line.qty));
    order.lines.push_back(std::move(line));
  }
  if (doc["total_shipping_tax_incl"].present()) {
    order.shipping_amount = doc["total_shipping_tax_incl"].money(minor);
  }
  order.host["order_id"] = order.id;
  order.customer.id = customer_id(doc["id_customer"]);
  order.host["id_customer"] = doc["id_customer"].optional_id().value_or("");
  order.host["conversion_rate"] = doc["conversion_rate"].optional_text(32).value_or("1");
  return order;
}

json::array prestashop_payload(const Order &order, const RefundPlan &plan) {
  const auto m = [&](const Decimal &d) { return money_text(d, plan.minor); };
  bool whole = true;
  for (const auto &line : plan.lines) {
    whole = whole && line.qty == line.line->qty && line.qty > 0;
  }
  whole = whole && plan.lines.size() == order.lines.size();
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<prestashop><order_slip>";
  const auto field = [&](const char *name, const std::string &value) {
    std::string safe;  // "]]>" cannot sit inside CDATA: split it across two sections
    for (char c : value) {
      safe += c;
      if (c == '>' && safe.size() >= 3 && safe.ends_with("]]>")) {
        safe.insert(safe.size() - 1, "]]><![CDATA[");
      }
    }
    xml += std::string("<") + name + "><![CDATA[" + safe + "]]></" + name + ">";
  };
  field("id_customer", host_text(order.host, "id_customer"));
  field("id_order", host_text(order.host, "order_id"));
  field("conversion_rate", host_text(order.host, "conversion_rate"));
  field("total_products_tax_excl", m(plan.net));
  field("total_products_tax_incl", m(plan.gross));
  field("total_shipping_tax_excl", m({}));
  field("total_shipping_tax_incl", m({}));
  field("amount", m(plan.gross));
  field("shipping_cost", "0");
  field("shipping_cost_amount", m({}));
  field("partial", whole ? "0" : "1");
  field("order_slip_type", "0");
  xml += "<associations><order_slip_details>";
  for (const auto &line : plan.lines) {
    xml += "<order_slip_detail>";
    field("id_order_detail", line.line->id);
    field("product_quantity", std::to_string(line.qty));
    field("amount_tax_excl", m(line.net));
    field("amount_tax_incl", m(line.gross));
    xml += "</order_slip_detail>";
  }
  xml += "</order_slip_details></associations></order_slip></prestashop>\n";
  return json::array{json::object{{"method", "POST"},
                                  {"path", "/api/order_slip"},
                                  {"content_type", "application/xml"},
                                  {"body", xml}}};
}

}  // namespace reclaim::adapters
