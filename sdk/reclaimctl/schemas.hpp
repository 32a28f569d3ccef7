// schemas.hpp — docs/api's JSON Schemas compiled into reclaimctl (cmake/embed_files.cmake
// writes the table).
#pragma once

#include <span>
#include <string_view>

namespace reclaimctl {

struct Schema {
  std::string_view name;  // e.g. "case-act-request.schema.json"
  std::string_view data;
};

extern const std::span<const Schema> kSchemas;

// The text of docs/api/<name> as it was at build time; empty when it was not compiled in.
std::string_view embedded_schema(std::string_view name);

}  // namespace reclaimctl
