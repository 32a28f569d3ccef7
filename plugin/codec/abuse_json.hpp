// The policy's "abuse" settings, a case's flags and a customer's history as JSON.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/abuse.hpp"

namespace reclaim::codec {

// {"window_days", "max_returns", "max_return_value": {"PLN": "2000.00"}, "max_return_rate": "0.5",
//  "rate_min_orders", "max_no_receipt", "block": {"emails", "customers", "addresses"}, "allow",
//  "refuse_voluntary_returns"}
AbusePolicy abuse_policy_from(const boost::json::value &value, const std::string &path);
boost::json::object to_json(const AbusePolicy &policy);

// [{"flag": "serial_returner", "rule": "max_returns", "figures": {…}}]
boost::json::array flags_to_json(const std::vector<Flag> &flags);
std::vector<Flag> flags_of(const boost::json::value &value);

// {"since", "cases", "complaints", "returns", "no_receipt", "return_value": {…}, "orders",
//  "orders_returned", "return_rate"}
boost::json::object to_json(const CustomerHistory &history, int rate_min_orders);

}  // namespace reclaim::codec
