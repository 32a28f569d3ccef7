#include "core/decimal.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace reclaim {

namespace {

__extension__ typedef __int128 Wide;  // products of two Decimals fit

Decimal checked(Wide units, bool overflow = false) {
  if (overflow || units > Decimal::kMaxUnits || units < -Decimal::kMaxUnits) {
    fail(Status::invalid_argument, "amount out of range");
  }
  return Decimal::from_units(static_cast<std::int64_t>(units));
}

// num / den rounded to a whole number.
Wide divide_rounded(Wide num, Wide den, Round round) {
  if (den < 0) num = -num, den = -den;
  Wide q = num / den, r = num % den;
  if (r == 0) return q;
  const bool negative = num < 0;
  if (round == Round::up) return negative ? q - 1 : q + 1;
  Wide twice = (r < 0 ? -r : r) * 2;
  if (twice >= den) return negative ? q - 1 : q + 1;
  return q;
}

// The units of one at the `places`-th decimal: 10^(kScale - places).
std::int64_t step_at(int places) {
  std::int64_t step = 1;
  for (int i = places; i < Decimal::kScale; ++i) step *= 10;
  return step;
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

Decimal scale(Decimal a, std::int64_t num, std::int64_t den, Round round) {
  if (den == 0) fail(Status::internal, "division by zero");
  return checked(divide_rounded(static_cast<Wide>(a.units()) * num, den, round));
}

Decimal portion(Decimal a, std::int64_t num, std::int64_t den, int places) {
  if (den <= 0) fail(Status::internal, "division by zero");
  const Wide step = step_at(places);
  return checked(divide_rounded(static_cast<Wide>(a.units()) * num, static_cast<Wide>(den) * step,
                                Round::half_up) *
                 step);
}

std::optional<Decimal> exact_quotient(Decimal a, std::int64_t b) {
  if (b == 0 || a.units() % b != 0) return std::nullopt;
  return Decimal::from_units(a.units() / b);
}

Decimal divide(Decimal a, Decimal b, Round round) {
  if (b.zero()) fail(Status::internal, "division by zero");
  return checked(divide_rounded(static_cast<Wide>(a.units()) * Decimal::kOne, b.units(), round));
}

Decimal multiply(Decimal a, Decimal b, Round round) {
  return checked(divide_rounded(static_cast<Wide>(a.units()) * b.units(), Decimal::kOne, round));
}

Decimal round_to(Decimal a, int places) {
  const std::int64_t step = step_at(places);
  return checked(divide_rounded(a.units(), step, Round::half_up) * step);
}

}  // namespace reclaim
