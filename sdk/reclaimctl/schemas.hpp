// schemas.hpp — docs/api's JSON Schemas compiled into reclaimctl (embed.cmake writes the table).
#pragma once

#include <string_view>

namespace reclaimctl {

// The text of docs/api/<name> as it was at build time; empty when it was not compiled in.
std::string_view embedded_schema(std::string_view name);

}  // namespace reclaimctl
