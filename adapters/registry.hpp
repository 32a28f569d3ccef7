// Host order documents → Reclaim's order model. Each adapter is a pure mapping without I/O.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "core/model.hpp"

namespace reclaim::adapters {

// Throws Error(unsupported) for an adapter this build does not have, Error(invalid_argument)
// naming the host's field for a document it cannot map.
Order to_order(std::string_view adapter, const boost::json::value &document);

}  // namespace reclaim::adapters
