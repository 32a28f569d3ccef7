#include "codec/report_numbers.hpp"

#include <charconv>
#include <cmath>

namespace reclaim::report {

namespace {

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

bool slavic(std::string_view locale) { return locale == "pl" || locale == "ru"; }

}  // namespace

NumberFormat::NumberFormat(std::string_view locale)
    : decimal_(slavic(locale) ? "," : "."),
      thousands_(slavic(locale) ? std::string(kNoBreakSpace) : ","),
      percent_(slavic(locale) ? std::string(kNoBreakSpace) + "%" : "%"),
      hour_(std::string(kNoBreakSpace) + (locale == "ru" ? "\xD1\x87" : "h")) {}

std::string NumberFormat::group(std::string_view digits) const {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += thousands_;
    out += digits[i];
  }
  return out;
}

std::string NumberFormat::fixed(double value, int decimals) const {
  if (!std::isfinite(value)) return "\xE2\x80\x94";
  char buffer[400];  // DBL_MAX has 309 digits
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  if (result.ec != std::errc()) return "\xE2\x80\x94";
  std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  std::string out;
  if (!text.empty() && text.front() == '-') {
    // "-0.0" reads as a negative nothing: drop the sign when every digit is zero.
    if (text.find_first_not_of("-0.") != std::string_view::npos) out += '-';
    text.remove_prefix(1);
  }
  const auto point = text.find('.');
  out += group(text.substr(0, point));
  if (point != std::string_view::npos) out += decimal_ + std::string(text.substr(point + 1));
  return out;
}

std::string NumberFormat::count(double value) const { return fixed(value, 0); }

std::string NumberFormat::percent(double fraction) const {
  return fixed(fraction * 100.0, 1) + percent_;
}

std::string NumberFormat::hours(double value) const { return fixed(value, 1) + hour_; }

std::string NumberFormat::money(std::string_view amount, std::string_view currency) const {
  std::string_view digits = amount;
  std::string sign;
  if (!digits.empty() && digits.front() == '-') sign = "-", digits.remove_prefix(1);
  const auto point = digits.find('.');
  const std::string_view whole = digits.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : digits.substr(point + 1);
  const auto all_digits = [](std::string_view part) {
    return part.find_first_not_of("0123456789") == std::string_view::npos;
  };
  std::string out;
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (point != std::string_view::npos && fraction.empty())) {
    out = std::string(amount);
  } else {
    out = sign + group(whole);
    if (point != std::string_view::npos) out += decimal_ + std::string(fraction);
  }
  if (!currency.empty()) out += std::string(kNoBreakSpace) + std::string(currency);
  return out;
}

std::optional<double> number(const boost::json::value *value) {
  if (!value) return std::nullopt;
  if (value->is_double()) {
    const double d = value->get_double();
    return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
  }
  if (value->is_int64()) return static_cast<double>(value->get_int64());
  if (value->is_uint64()) return static_cast<double>(value->get_uint64());
  return std::nullopt;
}

}  // namespace reclaim::report
