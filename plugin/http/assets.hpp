// The files under plugin/http/templates, compiled into the library (see
// cmake/embed_files.cmake).
#pragma once

#include <span>
#include <string_view>

#include "codec/assets.hpp"

namespace reclaim::http {

using codec::Asset;

extern const std::span<const Asset> kAssets;

// The asset called `name`; empty when there is none.
std::string_view asset(std::string_view name);

}  // namespace reclaim::http
