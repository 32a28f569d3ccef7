// JavaScript values into the C ABI's text arguments. The public layer (lib/documents.js) has
// already turned documents into JSON text and refused what it can name; this is the last guard
// before a pointer reaches C.
#pragma once

#include <napi.h>

#include <optional>
#include <string>

namespace reclaim_node {

// undefined or null: no text (a NULL pointer, which the ABI answers for itself); a string as
// UTF-8; a Buffer or Uint8Array as its bytes, unchecked (the ABI refuses bytes that are not
// UTF-8). Throws a TypeError naming `param` for any other value, and for text holding a NUL,
// which C would silently cut short.
std::optional<std::string> text_argument(const Napi::Value &value, const char *param);

// An owned copy of each argument. The pointers a call passes are taken when it runs, from the
// copies where they then live (moving a short string moves its characters).
struct TextArguments {
  std::optional<std::string> values[3];

  struct Pointers {
    const char *at[3];
  };
  Pointers pointers() const;  // NULL for an argument not given
};

}  // namespace reclaim_node
