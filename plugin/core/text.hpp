// Small text helpers every layer uses on what people type and what headers carry.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace reclaim {

// Without leading and trailing spaces and tabs: HTTP's optional white space, and what people
// type around a number or an e-mail address.
constexpr std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

// ASCII letters lower-cased, the rest (UTF-8 included) as it is: words and codes compared in any
// case (the database compares e-mail addresses with its own lower() on both sides).
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char &c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A translation with its "{name}" placeholders filled; a value is never searched again, so one
// that holds "{name}" itself stays as it is.
inline std::string filled(std::string text,
                          std::initializer_list<std::pair<std::string_view, std::string>> values) {
  for (const auto &[key, value] : values) {
    const std::string marker = "{" + std::string(key) + "}";
    for (auto at = text.find(marker); at != std::string::npos;
         at = text.find(marker, at + value.size())) {
      text.replace(at, marker.size(), value);
    }
  }
  return text;
}

}  // namespace reclaim
