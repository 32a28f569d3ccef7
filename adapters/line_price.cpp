#include "adapters/line_price.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

Decimal unit_price_of(Decimal gross_total, std::int64_t qty) {
  if (auto exact = exact_quotient(gross_total, qty)) return *exact;
  return scale(gross_total, 1, qty, Round::up);
}

std::optional<Decimal> tax_rate_of(Decimal net, Decimal tax) {
  if (net.zero() || net.negative()) return std::nullopt;
  return round_to(divide(tax.times(100), net), 2);
}

json::object &host_line(json::object &host, const std::string &line_id) {
  auto &lines = host["lines"];
  if (!lines.is_object()) lines = json::object{};
  auto &line = lines.get_object()[line_id];
  if (!line.is_object()) line = json::object{};
  return line.get_object();
}

json::object &price_line(OrderLine &line, json::object &host, Decimal gross, Decimal tax) {
  line.unit_price = unit_price_of(gross, line.qty);
  auto &kept = host_line(host, line.id);
  kept["total"] = gross.to_string();
  kept["tax"] = tax.to_string();
  return kept;
}

}  // namespace reclaim::adapters
