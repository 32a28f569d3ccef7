// Numbers in a report, written for the reader's locale: decimal comma and spaces between
// thousands for Polish and Russian, point and commas for English. Locale-independent of the
// process (no setlocale), so the same input always gives the same bytes.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace reclaim::report {

class NumberFormat {
 public:
  explicit NumberFormat(std::string_view locale);

  std::string count(double value) const;                // 1 234 / 1,234
  std::string fixed(double value, int decimals) const;  // 12,5 / 12.5
  std::string percent(double fraction) const;           // 0.6667 → 66,7 % / 66.7%
  std::string hours(double value) const;                // 22,0 h / 22.0 h / 22,0 ч
  // An exact decimal string ("1234.50") with its currency code: the digits kept as given,
  // only the separators localized. Anything that is not a plain decimal is returned as is.
  std::string money(std::string_view amount, std::string_view currency) const;

 private:
  std::string group(std::string_view digits) const;
  std::string decimal_;    // "," or "."
  std::string thousands_;  // U+00A0 or ","
  std::string percent_;    // " %" with U+00A0, or "%"
  std::string hour_;       // " h" / " ч" with U+00A0
};

// A JSON number as a double; nullopt for null, missing or anything that is not a number.
std::optional<double> number(const boost::json::value *value);

}  // namespace reclaim::report
