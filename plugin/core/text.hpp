// Small text helpers every layer uses on what people type and what headers carry.
#pragma once

#include <string>
#include <string_view>

namespace reclaim {

// Without leading and trailing spaces and tabs: HTTP's optional white space, and what people
// type around a number or an e-mail address.
constexpr std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

// ASCII letters lower-cased, the rest (UTF-8 included) as it is: what SQL's lower() does to an
// e-mail address in both databases.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char &c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace reclaim
