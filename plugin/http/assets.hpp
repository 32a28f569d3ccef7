// The files under plugin/http/templates, compiled into the library (see
// cmake/embed_files.cmake).
#pragma once

#include <span>
#include <string_view>

namespace reclaim::http {

struct Asset {
  std::string_view name;  // file name, e.g. "status.html"
  std::string_view data;
};

extern const std::span<const Asset> kAssets;

// The asset called `name`; empty when there is none.
std::string_view asset(std::string_view name);

}  // namespace reclaim::http
