// Reclaim's own order document (adapter "reclaim"), both ways.
#pragma once

#include <boost/json/object.hpp>

#include "core/model.hpp"

namespace reclaim::codec {

// Reads and validates the document; throws Error(invalid_argument) naming the field.
Order order_from_json(const boost::json::value &document);

boost::json::object order_to_json(const Order &order);

// {"amount": "199.99", "currency": "PLN"}, with the currency's minor units.
boost::json::object money_to_json(const Money &money);
std::string amount_text(const Decimal &amount, const std::string &currency);

}  // namespace reclaim::codec
