#include "codec/order_json.hpp"

#include <set>

#include "codec/reader.hpp"
#include "core/error.hpp"

namespace reclaim::codec {

namespace {

constexpr std::size_t kMaxLines = 1000;

Address address_from(Fields &fields) {
  Address address;
  address.line1 = fields.text("line1", 256).value_or("");
  address.line2 = fields.text("line2", 256).value_or("");
  address.city = fields.text("city", 128).value_or("");
  address.postcode = fields.text("postcode", 32).value_or("");
  address.region = fields.text("region", 128).value_or("");
  address.country = fields.text("country", 64).value_or("");
  return address;
}

Customer customer_from(Fields &fields) {
  Customer customer;
  customer.email = fields.email("email").value_or("");
  customer.name = fields.text("name").value_or("");
  customer.locale = fields.word("locale", kLocales).value_or("");
  customer.type = fields.word("type", kCustomerTypes).value_or("");
  customer.phone = fields.text("phone", 64).value_or("");
  customer.id = fields.id("id").value_or("");
  return customer;
}

OrderLine line_from(Fields &fields) {
  OrderLine line;
  line.id = fields.required_id("id");
  line.sku = fields.text("sku", kMaxIdBytes).value_or("");
  line.name = fields.required_text("name");
  const auto qty = fields.integer("qty", 1, kMaxQuantity);
  if (!qty) fail(Status::invalid_argument, "required", fields.path("qty"));
  line.qty = *qty;
  auto price = fields.decimal("unit_price");
  if (!price) fail(Status::invalid_argument, "required", fields.path("unit_price"));
  if (price->negative()) {
    fail(Status::invalid_argument, "must not be negative", fields.path("unit_price"));
  }
  line.unit_price = *price;
  line.tax_rate = fields.decimal("tax_rate");
  line.category = fields.text("category").value_or("");
  if (const auto *tags = fields.array("tags", 50)) {
    for (std::size_t i = 0; i < tags->size(); ++i) {
      const auto &tag = (*tags)[i];
      const auto path = field_path(fields.path("tags"), i);
      if (!tag.is_string()) fail(Status::invalid_argument, "expected a string", path);
      check_text(tag.get_string(), kMaxIdBytes, path);
      line.tags.emplace_back(tag.get_string());
    }
  }
  line.supplier = fields.text("supplier").value_or("");
  line.refunded_qty = fields.integer("refunded_qty", 0, line.qty).value_or(0);
  return line;
}

void put_time(boost::json::object &out, const char *key, const std::optional<UnixMs> &at) {
  if (at) out[key] = format_rfc3339(*at);
}

}  // namespace

Order order_from_json(const boost::json::value &document) {
  Fields fields(document, "");
  Order order;
  order.id = fields.required_id("id");
  order.number = fields.id("number").value_or(order.id);
  auto currency = fields.currency("currency");
  if (!currency) fail(Status::invalid_argument, "required", "currency");
  order.currency = *currency;
  order.placed_at = fields.time("placed_at");
  order.paid_at = fields.time("paid_at");
  order.shipped_at = fields.time("shipped_at");
  order.delivered_at = fields.time("delivered_at");
  if (fields.has("customer")) {
    Fields customer(*fields.raw("customer"), "customer");
    order.customer = customer_from(customer);
    customer.finish();
  }
  const auto *lines = fields.array("lines", kMaxLines);
  if (!lines || lines->empty()) fail(Status::invalid_argument, "at least one line", "lines");
  std::set<std::string> ids;
  each_object(*lines, "lines", [&](Fields &line_fields, std::size_t) {
    OrderLine line = line_from(line_fields);
    if (!ids.insert(line.id).second) {
      fail(Status::invalid_argument, "line id '" + line.id + "' appears twice",
           line_fields.path("id"));
    }
    order.lines.push_back(std::move(line));
  });
  if (fields.has("shipping")) {
    Fields shipping(*fields.raw("shipping"), "shipping");
    order.shipping_amount = shipping.decimal("amount");
    order.shipping_method = shipping.text("method").value_or("");
    if (shipping.has("address")) {
      Fields address(*shipping.raw("address"), "shipping.address");
      order.shipping_address = address_from(address);
      address.finish();
    }
    shipping.finish();
  }
  order.extra = fields.extra("extra");
  fields.finish();
  return order;
}

boost::json::object order_to_json(const Order &order) {
  boost::json::object out{{"id", order.id}, {"number", order.number}, {"currency", order.currency}};
  put_time(out, "placed_at", order.placed_at);
  put_time(out, "paid_at", order.paid_at);
  put_time(out, "shipped_at", order.shipped_at);
  put_time(out, "delivered_at", order.delivered_at);
  boost::json::object customer;
  const auto put = [](boost::json::object &o, const char *key, const std::string &value) {
    if (!value.empty()) o[key] = value;
  };
  put(customer, "email", order.customer.email);
  put(customer, "name", order.customer.name);
  put(customer, "locale", order.customer.locale);
  put(customer, "type", order.customer.type);
  put(customer, "phone", order.customer.phone);
  put(customer, "id", order.customer.id);
  out["customer"] = std::move(customer);
  boost::json::array lines;
  for (const auto &line : order.lines) {
    boost::json::object l{{"id", line.id}, {"name", line.name}, {"qty", line.qty},
                          {"unit_price", amount_text(line.unit_price, order.currency)}};
    put(l, "sku", line.sku);
    if (line.tax_rate) l["tax_rate"] = line.tax_rate->to_string();
    put(l, "category", line.category);
    if (!line.tags.empty()) {
      boost::json::array tags;
      for (const auto &tag : line.tags) tags.emplace_back(tag);
      l["tags"] = std::move(tags);
    }
    put(l, "supplier", line.supplier);
    l["refunded_qty"] = line.refunded_qty;
    lines.push_back(std::move(l));
  }
  out["lines"] = std::move(lines);
  if (order.shipping_amount || !order.shipping_method.empty() || order.shipping_address) {
    boost::json::object shipping;
    if (order.shipping_amount) {
      shipping["amount"] = amount_text(*order.shipping_amount, order.currency);
    }
    put(shipping, "method", order.shipping_method);
    if (order.shipping_address) {
      const Address &a = *order.shipping_address;
      boost::json::object address;
      put(address, "line1", a.line1);
      put(address, "line2", a.line2);
      put(address, "city", a.city);
      put(address, "postcode", a.postcode);
      put(address, "region", a.region);
      put(address, "country", a.country);
      shipping["address"] = std::move(address);
    }
    out["shipping"] = std::move(shipping);
  }
  if (!order.extra.empty()) out["extra"] = order.extra;
  return out;
}

}  // namespace reclaim::codec
