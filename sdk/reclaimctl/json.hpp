// json.hpp — the small JSON reader reclaimctl needs to lay the library's documents out as tables.
// It keeps each value's source text, so documents pass through unchanged in --json output.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reclaimctl {

struct Json {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  std::string text;         // a string's decoded value, a number's literal, "true"/"false"/"null"
  std::vector<Json> items;  // array elements
  std::vector<std::pair<std::string, Json>> members;  // object members, in order
  std::string raw;                                    // the value's source text

  // The member `key` of an object, or nullptr (also when this is not an object).
  const Json *get(std::string_view key) const;
  // A path of members, "customer.email"; nullptr when any step is missing.
  const Json *at(std::string_view dotted) const;
  // A short text for a table cell: strings as is, null as "-", containers as JSON.
  std::string cell() const;
  bool is_null() const { return kind == Kind::null; }
};

// Parses a whole document; false (and `error` set) when it is not valid JSON.
bool parse_json(std::string_view text, Json &out, std::string &error);

// The document indented by two spaces per level.
std::string pretty_json(const Json &value);

// A JSON string literal for `s` (quotes included).
std::string quote_json(std::string_view s);

}  // namespace reclaimctl
