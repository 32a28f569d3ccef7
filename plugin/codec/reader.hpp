// Strict reading of JSON documents: every error names the field at fault, unknown fields refused.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "core/time.hpp"
#include "core/vocabulary.hpp"

namespace reclaim::codec {

namespace json = boost::json;

constexpr std::size_t kMaxRequestBytes = 1 << 20;   // 1 MB
constexpr std::size_t kMaxOrderBytes = 4 << 20;     // 4 MB
constexpr std::size_t kMaxExtraBytes = 16 << 10;    // 16 KB
constexpr std::size_t kMaxIdBytes = 200;
constexpr std::size_t kMaxNameBytes = 500;
constexpr std::size_t kMaxTextBytes = 20'000;

// Parses UTF-8 JSON text of at most `max_bytes`, nested at most 32 deep. Throws
// Error(invalid_argument) with the position of the fault.
json::value parse_document(std::string_view text, std::size_t max_bytes);

// "items[2].qty" from "items" and 2, "customer.email" from "customer" and "email".
std::string field_path(std::string_view parent, std::string_view key);
std::string field_path(std::string_view parent, std::size_t index);

// Reads the members of one object; `finish()` refuses the members nobody asked for.
class Fields {
 public:
  Fields(const json::value &value, std::string path);

  bool has(std::string_view key);
  const json::value *raw(std::string_view key);

  std::optional<std::string> text(std::string_view key, std::size_t max_bytes = kMaxNameBytes);
  std::string required_text(std::string_view key, std::size_t max_bytes = kMaxNameBytes);
  // Host ids: strings, or integers kept as their decimal text.
  std::optional<std::string> id(std::string_view key);
  std::string required_id(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view key);
  std::optional<Decimal> decimal(std::string_view key);
  std::optional<UnixMs> time(std::string_view key);
  std::optional<std::string> currency(std::string_view key);
  std::optional<std::string> email(std::string_view key);
  const json::array *array(std::string_view key, std::size_t max_items);
  const json::object *object(std::string_view key);
  // Free-form host data, kept verbatim (at most kMaxExtraBytes once serialised).
  json::object extra(std::string_view key);

  template <std::size_t N>
  std::optional<std::string> word(std::string_view key, const std::string_view (&words)[N]) {
    auto value = text(key, 64);
    if (value && !is_one_of(*value, words)) bad_word(key, *value, words);
    return value;
  }

  std::string path(std::string_view key) const { return field_path(path_, key); }
  const std::string &path() const { return path_; }
  void finish();

 private:
  [[noreturn]] void bad_word(std::string_view key, const std::string &value,
                             std::span<const std::string_view> words);
  const json::object *object_;
  std::string path_;
  // Which of the object's members were asked for, by position: no key copied per look-up.
  std::vector<bool> seen_;
};

// Reads an array member's elements as objects: calls read(Fields&, index) for each.
template <typename Read>
void each_object(const json::array &items, const std::string &path, Read read) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    Fields fields(items[i], field_path(path, i));
    read(fields, i);
    fields.finish();
  }
}

// A member holding an array of short non-empty strings (tags, words); empty when absent.
std::vector<std::string> words_list(Fields &fields, std::string_view key,
                                    std::size_t max_items = 50);

// An object of amounts by currency, {"PLN": "500.00", "EUR": "120.00"}: ISO 4217 codes, amounts
// not negative.
std::map<std::string, Decimal> amounts_by_currency(const json::value &value, const std::string &path);

// Checks text: valid UTF-8 is already guaranteed by the parser; control characters other than
// tab and newlines are refused.
void check_text(std::string_view text, std::size_t max_bytes, const std::string &field);

}  // namespace reclaim::codec
