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

// Exact arithmetic beyond addition, for prices, taxes and refunds: on the millionths, 128-bit
// inside, so no intermediate product overflows. A result outside Decimal's range throws
// Error(invalid_argument); a zero divisor Error(internal).
enum class Round {
  half_up,  // half away from zero
  up,       // away from zero
};
// a × num / den, rounded at Decimal::kScale; den != 0.
Decimal scale(Decimal a, std::int64_t num, std::int64_t den, Round round = Round::half_up);
// a / b exactly at kScale, or nullopt when it does not divide (or b is 0).
std::optional<Decimal> exact_quotient(Decimal a, std::int64_t b);
// a / b rounded at kScale (b is a Decimal, not zero).
Decimal divide(Decimal a, Decimal b, Round round = Round::half_up);
// a × b rounded at kScale.
Decimal multiply(Decimal a, Decimal b, Round round = Round::half_up);
// Rounded half away from zero to `places` decimals (0 to kScale).
Decimal round_to(Decimal a, int places);
// a × num / den rounded once, half away from zero, to `places` decimals (num and den are plain
// integers: counts, or the units of two Decimals, whose scale cancels out); den > 0.
Decimal portion(Decimal a, std::int64_t num, std::int64_t den, int places);

}  // namespace reclaim
