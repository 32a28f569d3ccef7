// JSON text with plain decimal numbers ("22.5", "0.6667") where Boost.JSON writes "2.25E1".
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace reclaim::codec {

// Integral doubles keep a ".0", so readers still see a decimal number.
std::string to_text(const boost::json::value &value);

}  // namespace reclaim::codec
