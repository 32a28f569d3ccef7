// The parts of a customer every host writes its own way: the host's customer id (a guest's is
// 0, "0", "" or null) and the shipping address. Texts are checked against the sizes Reclaim's own
// order document takes (codec/order_json.cpp), so a host's long field is refused where it sits.
#pragma once

#include <optional>
#include <string>

#include "adapters/host_value.hpp"
#include "core/model.hpp"

namespace reclaim::adapters {

// The host's customer id as text, or "" for a guest order. Refuses a negative number.
std::string customer_id(const Node &id);

// One address part (a string, or absent/null as ""), at most the bytes Reclaim keeps for it.
std::string street_line(const Node &part);  // line1, line2
std::string city(const Node &part);
std::string postcode(const Node &part);
std::string region(const Node &part);
std::string country(const Node &part);

// "a, b" without empty parts: hosts split a street over several lines, Reclaim keeps two. A
// result longer than a street line is refused at `where`.
std::string joined(const Node &where, const std::string &a, const std::string &b);

// nullopt when every part is empty: a host sends empty address objects for virtual goods and
// guest checkouts, and an empty address is no address (it would hash like every other one).
std::optional<Address> address_or_none(Address address);

}  // namespace reclaim::adapters
