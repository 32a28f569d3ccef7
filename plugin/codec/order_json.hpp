// Reclaim's own order document (adapter "reclaim"), both ways.
#pragma once

#include <boost/json/object.hpp>

#include "core/model.hpp"

namespace reclaim::codec {

// Reads and validates the document; throws Error(invalid_argument) naming the field.
Order order_from_json(const boost::json::value &document);

boost::json::object order_to_json(const Order &order);

}  // namespace reclaim::codec
