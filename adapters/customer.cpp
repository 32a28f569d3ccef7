#include "adapters/customer.hpp"

#include "core/error.hpp"

namespace reclaim::adapters {

std::string customer_id(const Node &id) {
  if (!id.present()) return "";
  const auto &raw = *id.raw();
  if (raw.is_int64() && raw.get_int64() == 0) return "";
  if (raw.is_int64() && raw.get_int64() < 0) id.fail_here("expected a customer id");
  if (raw.is_string() && (raw.get_string().empty() || raw.get_string() == "0")) return "";
  return id.id();
}

std::string street_line(const Node &part) { return part.optional_text(256).value_or(""); }
std::string city(const Node &part) { return part.optional_text(128).value_or(""); }
std::string postcode(const Node &part) { return part.optional_text(32).value_or(""); }
std::string region(const Node &part) { return part.optional_text(128).value_or(""); }
std::string country(const Node &part) { return part.optional_text(64).value_or(""); }

std::string joined(const Node &where, const std::string &a, const std::string &b) {
  const std::string out = a.empty() ? b : b.empty() ? a : a + ", " + b;
  if (out.size() > 256) where.fail_here("the street lines together are longer than 256 bytes");
  return out;
}

std::optional<Address> address_or_none(Address address) {
  const auto blank = [](const std::string &text) {
    return text.find_first_not_of(" \t") == std::string::npos;
  };
  if (blank(address.line1) && blank(address.line2) && blank(address.city) &&
      blank(address.postcode) && blank(address.region) && blank(address.country)) {
    return std::nullopt;
  }
  return address;
}

}  // namespace reclaim::adapters
