// ISO 4217 currencies and their minor units.
#pragma once

#include <optional>
#include <string_view>

namespace reclaim {

// Minor units (decimal places) of an active ISO 4217 code, or nullopt for an unknown code.
std::optional<int> currency_minor_units(std::string_view code);

}  // namespace reclaim
