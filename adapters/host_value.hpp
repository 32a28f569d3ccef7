// Reading hosts' documents: a value with its path, so every fault names the host's field
// ("line_items[2].price"), and the conversions hosts need (money as strings or floats, ids as
// strings or 64-bit integers, dates with or without a zone). Lenient about fields it is not asked
// for (hosts add fields in every release), strict about the ones it reads.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/decimal.hpp"
#include "core/model.hpp"
#include "core/time.hpp"

namespace reclaim::adapters {

class Node {
 public:
  Node(const boost::json::value *value, std::string path) : value_(value), path_(std::move(path)) {}

  // A member or an element; absent when missing. Refuses a present non-object / non-array.
  Node operator[](std::string_view key) const;
  Node operator[](std::size_t index) const;

  bool present() const { return value_ && !value_->is_null(); }
  const std::string &path() const { return path_; }
  const boost::json::value *raw() const { return value_; }

  std::size_t size() const;  // elements of an array; 0 when absent; refuses a non-array
  bool is_object() const { return present() && value_->is_object(); }

  // Text: a string (valid UTF-8, no control characters, at most `max_bytes`).
  std::string text(std::size_t max_bytes = 500) const;
  std::optional<std::string> optional_text(std::size_t max_bytes = 500) const;
  // An e-mail address (empty allowed), checked as Reclaim's own documents check it.
  std::string email() const;
  // Host ids: strings, or integers (64-bit, kept as their decimal text).
  std::string id() const;
  std::optional<std::string> optional_id() const;
  // A whole number: an integer or a float with no fraction (Magento's 2.0000); with
  // `allow_text`, digits in a string too (PrestaShop writes every value as text).
  std::int64_t integer(std::int64_t min, std::int64_t max, bool allow_text = false) const;
  std::optional<std::int64_t> optional_integer(std::int64_t min, std::int64_t max,
                                               bool allow_text = false) const;
  bool boolean() const;
  std::optional<bool> optional_boolean() const;
  // Money given as a decimal string or a JSON number, exact. `minor` is the currency's minor
  // units: a float's binary artefacts (20826.300000000003) snap to them when within a few units
  // in the last place; any other value needs at most Decimal::kScale decimals. Negative values
  // refused unless allowed.
  Decimal money(int minor, bool allow_negative = false) const;
  std::optional<Decimal> optional_money(int minor, bool allow_negative = false) const;

  // Times. RFC 3339 with a zone or offset.
  std::optional<UnixMs> rfc3339() const;
  // "2026-11-02 10:00:00" or "2026-11-02T10:00:00" without a zone, read as UTC;
  // "0000-00-00 00:00:00" and "" are absent.
  std::optional<UnixMs> utc_without_zone() const;

  [[noreturn]] void fail_here(const std::string &message) const;

 private:
  const boost::json::value *value_;
  std::string path_;
};

// An order's list of lines (rows, for PrestaShop): refused here when it is empty (unless the
// host's product lines are told apart later, `may_be_empty`) or holds more than 1000.
void check_line_count(const Node &lines, std::string_view noun = "line", bool may_be_empty = false);

// The ids of an order's lines read so far: a line whose id came before is refused at `where`.
class LineIds {
 public:
  void add(const std::string &id, const Node &where, std::string_view noun = "line");

 private:
  std::set<std::string> seen_;
};

// "First Last" from two optional text fields (either may be missing), at most 500 bytes.
std::string full_name(const Node &first, const Node &last);

inline Node root(const boost::json::value &document) { return Node(&document, ""); }

// "2026-11-02 10:00:00" on the wall clock of `zone` (an IANA name) → UTC; nullopt for a
// malformed text. Gaps and folds of daylight saving take the earlier instant.
std::optional<UnixMs> local_to_utc(std::string_view text, const std::string &zone);

// Minor units of a currency code, refusing an unknown one at `field`.
int minor_units(const std::string &currency, const std::string &field);

}  // namespace reclaim::adapters
