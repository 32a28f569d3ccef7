// The generic adapter: a field mapping in the shop's configuration ("order_mapping") says where
// each of Reclaim's order fields sits in the host's JSON document, so a platform without its own
// adapter needs no code. Each field is a JSON pointer (RFC 6901) — "/order/buyer/email" — or
// {"pointer": "…", "convert": "…", "default": …}, or {"value": …} for a constant. Line fields
// are pointers relative to each element of the array at "lines". Conversions: text, id,
// decimal (a string or number, exact), minor_units (an integer count of the currency's minor
// units), integer, fraction (0.23 → 23, for tax rates), rfc3339, utc (no zone, read as UTC),
// local (no zone, the shop's time zone), unix_seconds, unix_ms. "prices": "net" says unit prices
// exclude tax (tax_rate is then required and the price with tax is rounded to the currency's
// minor units); the default is "gross". Errors name the host's field ("items[2].price").
// customer_id and the shipping_* parts map the customer's id and shipping address.
// Payloads: a neutral document (lines, quantities, amounts, tax) for the host to translate.
#include <boost/json.hpp>
#include <map>

#include "adapters/customer.hpp"
#include "adapters/host_value.hpp"
#include "adapters/hosts.hpp"
#include "adapters/line_price.hpp"
#include "codec/reader.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

namespace {

constexpr std::string_view kOrderFields[] = {"order",
                                             "id",
                                             "number",
                                             "currency",
                                             "placed_at",
                                             "paid_at",
                                             "shipped_at",
                                             "delivered_at",
                                             "customer_email",
                                             "customer_name",
                                             "customer_phone",
                                             "customer_type",
                                             "customer_id",
                                             "lines",
                                             "line",
                                             "prices",
                                             "shipping_amount",
                                             "shipping_method",
                                             "shipping_line1",
                                             "shipping_line2",
                                             "shipping_city",
                                             "shipping_postcode",
                                             "shipping_region",
                                             "shipping_country"};
constexpr std::string_view kLineFields[] = {"id",         "sku",         "name",     "qty",
                                            "unit_price", "line_total",  "tax_rate", "category",
                                            "supplier",   "refunded_qty"};
constexpr std::string_view kConversions[] = {"text",    "id",           "decimal", "minor_units",
                                             "integer", "fraction",     "rfc3339", "utc",
                                             "local",   "unix_seconds", "unix_ms"};

struct Spec {
  std::string pointer;
  std::string convert;
  const json::value *constant = nullptr;
  const json::value *fallback = nullptr;
  bool given = false;
};

Spec spec_of(const json::object &mapping, std::string_view key, const std::string &path) {
  Spec spec;
  const auto *v = mapping.if_contains(key);
  if (!v) return spec;
  const std::string where = codec::field_path(path, key);
  spec.given = true;
  if (v->is_string()) {
    spec.pointer = std::string(v->get_string());
  } else if (v->is_object()) {
    const auto &o = v->get_object();
    for (const auto &member : o) {
      if (member.key() != "pointer" && member.key() != "convert" && member.key() != "default" &&
          member.key() != "value") {
        fail(Status::invalid_argument, "unknown field", codec::field_path(where, member.key()));
      }
    }
    if (const auto *c = o.if_contains("value")) {
      spec.constant = c;
    } else if (const auto *p = o.if_contains("pointer"); p && p->is_string()) {
      spec.pointer = std::string(p->get_string());
    } else {
      fail(Status::invalid_argument, "needs a \"pointer\" (a string) or a \"value\"", where);
    }
    if (const auto *c = o.if_contains("convert")) {
      if (!c->is_string() || !is_one_of(c->get_string(), kConversions)) {
        fail(Status::invalid_argument, "expected one of " + list_words(kConversions),
             codec::field_path(where, "convert"));
      }
      spec.convert = std::string(c->get_string());
    }
    spec.fallback = o.if_contains("default");
  } else {
    fail(Status::invalid_argument, "expected a JSON pointer or an object", where);
  }
  if (!spec.constant && !spec.pointer.empty() && spec.pointer.front() != '/') {
    fail(Status::invalid_argument, "a JSON pointer starts with '/'", where);
  }
  return spec;
}

// Walks an RFC 6901 pointer from `from`, naming the path the way errors do ("items[2].price").
Node resolve(const Node &from, const std::string &pointer) {
  Node at = from;
  std::size_t start = 1;
  while (start <= pointer.size() && !pointer.empty()) {
    const auto end = std::min(pointer.find('/', start), pointer.size());
    std::string token = pointer.substr(start, end - start);
    for (std::size_t p = 0; (p = token.find('~', p)) != std::string::npos; ++p) {
      token.replace(p, 2, token.compare(p, 2, "~1") == 0 ? "/" : "~");
    }
    const auto *raw = at.raw();
    if (raw && raw->is_array() && !token.empty() &&
        token.find_first_not_of("0123456789") == std::string::npos && token.size() < 10) {
      at = at[static_cast<std::size_t>(std::stoul(token))];
    } else {
      at = at[token];
    }
    start = end + 1;
  }
  return at;
}

class Reader {
 public:
  Reader(const json::object &mapping, const ImportContext &context)
      : mapping_(mapping), context_(context) {}

  // The node a spec points at (a constant is wrapped in a node named after the mapping).
  Node node(const Node &base, const Spec &spec, const std::string &name) const {
    if (spec.constant) return Node(spec.constant, "order_mapping." + name);
    Node found = resolve(base, spec.pointer);
    if (!found.present() && spec.fallback) return Node(spec.fallback, found.path());
    return found;
  }

  std::optional<std::string> text(const Node &n, const std::string &convert) const {
    if (!n.present()) return std::nullopt;
    if (convert == "id" || n.raw()->is_number()) return n.optional_id();
    return n.optional_text();
  }

  std::optional<Decimal> money(const Node &n, const std::string &convert, int minor) const {
    if (!n.present()) return std::nullopt;
    if (convert == "minor_units") {
      const auto units =
          n.integer(-Decimal::kMaxUnits / Decimal::kOne, Decimal::kMaxUnits / Decimal::kOne, true);
      std::int64_t step = 1;
      for (int i = 0; i < minor; ++i) step *= 10;
      return scale(Decimal::from_units(units * Decimal::kOne), 1, step);
    }
    if (convert == "fraction") return n.optional_money(6)->times(100);
    return n.optional_money(minor);
  }

  std::optional<UnixMs> time(const Node &n, const std::string &convert) const {
    if (!n.present()) return std::nullopt;
    if (convert == "unix_seconds" || convert == "unix_ms") {
      const std::int64_t factor = convert == "unix_seconds" ? 1000 : 1;
      const auto v = n.integer(kMinTime / factor, kMaxTime / factor, true);
      return v * factor;
    }
    if (convert == "utc") return n.utc_without_zone();
    if (convert == "local") {
      const auto t = n.optional_text(64);
      if (!t || t->empty()) return std::nullopt;
      auto at = local_to_utc(*t, context_.timezone);
      if (!at) n.fail_here("expected a date and time such as 2026-11-02 10:00:00");
      return at;
    }
    return n.rfc3339();
  }

  std::optional<std::string> order_text(const Node &doc, std::string_view key) const {
    const Spec spec = spec_of(mapping_, key, "order_mapping");
    if (!spec.given) return std::nullopt;
    return text(node(doc, spec, std::string(key)), spec.convert);
  }
  std::optional<UnixMs> order_time(const Node &doc, std::string_view key) const {
    const Spec spec = spec_of(mapping_, key, "order_mapping");
    if (!spec.given) return std::nullopt;
    return time(node(doc, spec, std::string(key)), spec.convert);
  }

  const json::object &mapping_;
  const ImportContext &context_;
};

void check_keys(const json::object &object, std::span<const std::string_view> keys,
                const std::string &path) {
  for (const auto &member : object) {
    if (!is_one_of(member.key(), keys)) {
      fail(Status::invalid_argument, "unknown field", codec::field_path(path, member.key()));
    }
  }
}

const json::object &line_mapping(const json::object &mapping, const std::string &path) {
  const auto *line = mapping.if_contains("line");
  if (!line || !line->is_object()) {
    fail(Status::invalid_argument, "required: an object mapping each line's fields",
         codec::field_path(path, "line"));
  }
  return line->get_object();
}

}  // namespace

void check_order_mapping(const json::object &mapping, const std::string &path) {
  check_keys(mapping, kOrderFields, path);
  for (const auto key : kOrderFields) {
    if (key == "line" || key == "prices") continue;
    spec_of(mapping, key, path);
  }
  for (const auto key : {"id", "currency", "lines"}) {
    if (!mapping.contains(key))
      fail(Status::invalid_argument, "required", codec::field_path(path, key));
  }
  if (const auto *prices = mapping.if_contains("prices");
      prices && (!prices->is_string() ||
                 (prices->get_string() != "gross" && prices->get_string() != "net"))) {
    fail(Status::invalid_argument, "expected gross or net", codec::field_path(path, "prices"));
  }
  const auto &line = line_mapping(mapping, path);
  const std::string line_path = codec::field_path(path, "line");
  check_keys(line, kLineFields, line_path);
  for (const auto key : kLineFields) spec_of(line, key, line_path);
  for (const auto key : {"id", "name", "qty"}) {
    if (!line.contains(key))
      fail(Status::invalid_argument, "required", codec::field_path(line_path, key));
  }
  if (!line.contains("unit_price") && !line.contains("line_total")) {
    fail(Status::invalid_argument, "needs unit_price or line_total", line_path);
  }
}

Order generic_order(const json::value &document, const ImportContext &context) {
  if (!context.order_mapping) {
    fail(Status::unsupported,
         "the generic adapter needs an \"order_mapping\" in the shop's configuration", "adapter");
  }
  const json::object &mapping = *context.order_mapping;
  check_order_mapping(mapping, "order_mapping");
  const Reader reader(mapping, context);
  Node doc = root(document);
  if (const auto base = spec_of(mapping, "order", "order_mapping"); base.given) {
    doc = reader.node(doc, base, "order");
  }
  if (!doc.is_object()) doc.fail_here("expected an object (the order)");
  Order order;
  order.adapter = "generic";
  order.id = reader.order_text(doc, "id").value_or("");
  if (order.id.empty()) resolve(doc, spec_of(mapping, "id", "").pointer).fail_here("required");
  order.number = reader.order_text(doc, "number").value_or(order.id);
  order.currency = reader.order_text(doc, "currency").value_or("");
  const int minor = minor_units(order.currency, "currency");
  order.placed_at = reader.order_time(doc, "placed_at");
  order.paid_at = reader.order_time(doc, "paid_at");
  order.shipped_at = reader.order_time(doc, "shipped_at");
  order.delivered_at = reader.order_time(doc, "delivered_at");
  if (const auto spec = spec_of(mapping, "customer_email", "order_mapping"); spec.given) {
    order.customer.email = reader.node(doc, spec, "customer_email").email();
  }
  order.customer.name = reader.order_text(doc, "customer_name").value_or("");
  order.customer.phone = reader.order_text(doc, "customer_phone").value_or("");
  const auto type = reader.order_text(doc, "customer_type").value_or("");
  if (!type.empty() && !is_one_of(type, kCustomerTypes)) {
    fail(Status::invalid_argument, "'" + type + "' is not one of " + list_words(kCustomerTypes),
         "order_mapping.customer_type");
  }
  order.customer.type = type;
  if (const auto spec = spec_of(mapping, "customer_id", "order_mapping"); spec.given) {
    order.customer.id = customer_id(reader.node(doc, spec, "customer_id"));  // 0 or "": a guest
  }
  // Each address part is text where it points; a part not mapped stays empty.
  const auto part = [&](std::string_view key, std::string (*read)(const Node &)) {
    const Spec spec = spec_of(mapping, key, "order_mapping");
    return spec.given ? read(reader.node(doc, spec, std::string(key))) : std::string();
  };
  order.shipping_address =
      address_or_none({part("shipping_line1", street_line), part("shipping_line2", street_line),
                       part("shipping_city", city), part("shipping_postcode", postcode),
                       part("shipping_region", region), part("shipping_country", country)});
  const bool net = mapping.contains("prices") && mapping.at("prices").as_string() == "net";
  const Node lines = reader.node(doc, spec_of(mapping, "lines", "order_mapping"), "lines");
  check_line_count(lines);
  const auto &line_map = line_mapping(mapping, "order_mapping");
  const auto spec = [&](std::string_view key) {
    return spec_of(line_map, key, "order_mapping.line");
  };
  LineIds ids;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Node item = lines[i];
    const auto field = [&](std::string_view key) {
      const Spec s = spec(key);
      return std::pair{s.given ? reader.node(item, s, "line." + std::string(key))
                               : Node(nullptr, codec::field_path(item.path(), key)),
                       s.convert};
    };
    OrderLine line;
    auto [id, id_convert] = field("id");
    line.id = reader.text(id, "id").value_or("");
    if (line.id.empty()) id.fail_here("required");
    ids.add(line.id, id);
    auto [name, name_convert] = field("name");
    line.name = reader.text(name, name_convert).value_or("");
    if (line.name.empty()) name.fail_here("required");
    auto [sku, sku_convert] = field("sku");
    line.sku = reader.text(sku, sku_convert).value_or("");
    auto [category, category_convert] = field("category");
    line.category = reader.text(category, category_convert).value_or("");
    auto [supplier, supplier_convert] = field("supplier");
    line.supplier = reader.text(supplier, supplier_convert).value_or("");
    auto [qty, qty_convert] = field("qty");
    line.qty = qty.integer(1, kMaxQuantity, true);
    auto [refunded, refunded_convert] = field("refunded_qty");
    line.refunded_qty = refunded.optional_integer(0, line.qty, true).value_or(0);
    auto [rate, rate_convert] = field("tax_rate");
    line.tax_rate = reader.money(rate, rate_convert, 6);
    if (line.tax_rate && line.tax_rate->negative()) rate.fail_here("must not be negative");
    auto [unit, unit_convert] = field("unit_price");
    auto [total, total_convert] = field("line_total");
    std::optional<Decimal> gross = reader.money(total, total_convert, minor);
    Node priced = gross ? total : unit;
    if (!gross) {
      const auto price = reader.money(unit, unit_convert, minor);
      if (!price) unit.fail_here("required");
      gross = price->times(line.qty);
    }
    if (net) {
      if (!line.tax_rate) rate.fail_here("required when prices are net");
      const Decimal hundred = Decimal::from_units(100 * Decimal::kOne);
      gross = portion(*gross, (hundred + *line.tax_rate).units(), hundred.units(), minor);
    }
    line.unit_price = unit_price_of(*gross, line.qty);
    auto &kept = host_line(order.host, line.id);
    kept["total"] = gross->to_string();
    order.lines.push_back(std::move(line));
  }
  const Spec shipping = spec_of(mapping, "shipping_amount", "order_mapping");
  if (shipping.given) {
    const Spec s = shipping;
    order.shipping_amount = reader.money(reader.node(doc, s, "shipping_amount"), s.convert, minor);
  }
  order.shipping_method = reader.order_text(doc, "shipping_method").value_or("");
  order.host["order_id"] = order.id;
  return order;
}

json::array generic_payload(const Order &order, const RefundPlan &plan) {
  json::array lines;
  for (const auto &line : plan.lines) {
    lines.push_back(json::object{{"line", line.line->id},
                                 {"sku", line.line->sku},
                                 {"resolution", name(line.resolution)},
                                 {"qty", line.qty},
                                 {"restock_qty", line.restock_qty},
                                 {"amount", money_text(line.gross, plan.minor)},
                                 {"tax", money_text(line.tax, plan.minor)},
                                 {"net", money_text(line.net, plan.minor)}});
  }
  json::object body{{"order_id", order.id},
                    {"currency", plan.currency},
                    {"amount", money_text(plan.gross, plan.minor)},
                    {"tax", money_text(plan.tax, plan.minor)},
                    {"note", plan.note},
                    {"lines", std::move(lines)}};
  return json::array{json::object{{"method", "POST"},
                                  {"path", ""},
                                  {"content_type", "application/json"},
                                  {"body", std::move(body)}}};
}

}  // namespace reclaim::adapters
