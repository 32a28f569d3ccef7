// An order line's price from a host's totals, and what an adapter keeps of them (in order.host)
// for the payloads that refund from them. Shared by every adapter whose host gives line totals.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/decimal.hpp"
#include "core/model.hpp"

namespace reclaim::adapters {

// A line's unit price from its total with tax: exact when the total divides by the quantity at
// Decimal::kScale, else rounded up at the sixth decimal (so the unit price times the quantity
// never falls short of what was paid; payloads refund from the line total, not from this).
Decimal unit_price_of(Decimal gross_total, std::int64_t qty);
// tax / net × 100, rounded to 2 decimals; nullopt when net is zero.
std::optional<Decimal> tax_rate_of(Decimal net, Decimal tax);
// The line's entry in order.host["lines"], made on first use.
boost::json::object &host_line(boost::json::object &host, const std::string &line_id);
// Prices a line from the host's total with tax (unit_price_of) and keeps that total and its tax
// in the line's host entry, which payloads refund from; returns the entry for more host data.
boost::json::object &price_line(OrderLine &line, boost::json::object &host, Decimal gross,
                                Decimal tax);

}  // namespace reclaim::adapters
