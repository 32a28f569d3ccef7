// The files under plugin/documents/templates (the documents' wording), compiled into the library
// by cmake/embed_files.cmake, as the codec's mail wording is.
#pragma once

#include <span>

#include "codec/assets.hpp"

namespace reclaim::documents {

using codec::Asset;
extern const std::span<const Asset> kAssets;

}  // namespace reclaim::documents
