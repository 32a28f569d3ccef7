// Exact decimal numbers for money: a signed count of millionths, never binary floating point.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reclaim {

class Decimal {
 public:
  static constexpr int kScale = 6;                      // decimal places kept exactly
  static constexpr std::int64_t kOne = 1'000'000;       // 10^kScale
  static constexpr std::int64_t kMaxUnits = 999'999'999'999'999'999;  // 12 integer digits

  constexpr Decimal() = default;
  static constexpr Decimal from_units(std::int64_t units) { return Decimal(units); }

  // Parses "-12.34", "0.5", "100". No exponent, no "+", no spaces, at most kScale decimals and
  // 12 integer digits. Returns nullopt for anything else.
  static std::optional<Decimal> parse(std::string_view text);

  // Formats with at least `min_decimals` places; more only where the value needs them.
  std::string to_string(int min_decimals = 0) const;

  // Number of decimal places the value needs (0–kScale).
  int decimals() const;

  std::int64_t units() const { return units_; }
  bool negative() const { return units_ < 0; }
  bool zero() const { return units_ == 0; }

  // Checked arithmetic: throws Error(invalid_argument) on overflow.
  Decimal operator+(Decimal other) const;
  Decimal operator-(Decimal other) const;
  Decimal times(std::int64_t factor) const;

  auto operator<=>(const Decimal &) const = default;

 private:
  constexpr explicit Decimal(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace reclaim
