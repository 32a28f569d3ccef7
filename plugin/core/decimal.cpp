#include "core/decimal.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace reclaim {

namespace {

Decimal checked(std::int64_t units, bool overflow) {
  if (overflow || units > Decimal::kMaxUnits || units < -Decimal::kMaxUnits) {
    fail(Status::invalid_argument, "amount out of range");
  }
  return Decimal::from_units(units);
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 12) return std::nullopt;
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > kScale)) {
    return std::nullopt;
  }
  std::int64_t units = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    units = units * 10 + (c - '0');
  }
  int places = 0;
  for (char c : fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    units = units * 10 + (c - '0');
    ++places;
  }
  for (; places < kScale; ++places) units *= 10;
  return Decimal(negative ? -units : units);
}

int Decimal::decimals() const {
  std::int64_t rest = units_ < 0 ? -units_ : units_;
  int places = kScale;
  while (places > 0 && rest % 10 == 0) {
    rest /= 10;
    --places;
  }
  return places;
}

std::string Decimal::to_string(int min_decimals) const {
  const int places = std::max(decimals(), std::min(min_decimals, kScale));
  const std::int64_t magnitude = units_ < 0 ? -units_ : units_;
  std::string out = units_ < 0 ? "-" : "";
  out += std::to_string(magnitude / kOne);
  if (places > 0) {
    std::string fraction = std::to_string(magnitude % kOne);
    fraction.insert(0, static_cast<std::size_t>(kScale) - fraction.size(), '0');
    out += '.';
    out += fraction.substr(0, static_cast<std::size_t>(places));
  }
  return out;
}

Decimal Decimal::operator+(Decimal other) const {
  std::int64_t result = 0;
  const bool overflow = __builtin_add_overflow(units_, other.units_, &result);
  return checked(result, overflow);
}

Decimal Decimal::operator-(Decimal other) const {
  std::int64_t result = 0;
  const bool overflow = __builtin_sub_overflow(units_, other.units_, &result);
  return checked(result, overflow);
}

Decimal Decimal::times(std::int64_t factor) const {
  std::int64_t result = 0;
  const bool overflow = __builtin_mul_overflow(units_, factor, &result);
  return checked(result, overflow);
}

}  // namespace reclaim
