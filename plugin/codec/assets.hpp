// The files under plugin/codec/templates, compiled into the library by cmake/embed_files.cmake
// (as the pages' templates are), so the library needs no files at run time.
#pragma once

#include <span>
#include <string_view>

namespace reclaim::codec {

struct Asset {
  std::string_view name;  // file name, e.g. "report.css"
  std::string_view data;
};

extern const std::span<const Asset> kAssets;

// The asset called `name` among `assets`; empty when there is none.
inline std::string_view find_asset(std::span<const Asset> assets, std::string_view name) {
  for (const auto &file : assets) {
    if (file.name == name) return file.data;
  }
  return {};
}

}  // namespace reclaim::codec
