// Exact decimal arithmetic beyond addition: shares, quotients, products and rounding.
#include <gtest/gtest.h>

#include "core/decimal.hpp"
#include "core/error.hpp"

namespace reclaim {
namespace {

Decimal d(const char *text) { return *Decimal::parse(text); }

TEST(DecimalArithmetic, ScaleRoundsHalfAwayFromZeroOrUp) {
  EXPECT_EQ(scale(d("10"), 1, 3).to_string(), "3.333333");
  EXPECT_EQ(scale(d("10"), 2, 3).to_string(), "6.666667");
  EXPECT_EQ(scale(d("-10"), 2, 3).to_string(), "-6.666667");
  EXPECT_EQ(scale(d("10"), 1, 3, Round::up).to_string(), "3.333334");
  EXPECT_EQ(scale(d("-10"), 1, 3, Round::up).to_string(), "-3.333334");
  EXPECT_EQ(scale(d("0.000001"), 1, 2).to_string(), "0.000001");  // exactly half: away from zero
  EXPECT_EQ(scale(d("0.000001"), -1, 2).to_string(), "-0.000001");
  EXPECT_EQ(scale(d("10"), 1, -4).to_string(), "-2.5");  // a negative divisor turns the sign
  EXPECT_THROW(scale(d("1"), 1, 0), Error);
}

TEST(DecimalArithmetic, IntermediateProductsDoNotOverflow) {
  // 999 999 999 999 × 999 999 / 1 000 000 would overflow 64 bits on the way.
  EXPECT_EQ(scale(d("999999999999"), 999'999, 1'000'000).to_string(), "999998999999.000001");
  EXPECT_EQ(multiply(d("999999999999"), d("0.5")).to_string(), "499999999999.5");
  try {
    multiply(d("999999999999"), d("2"));
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument);  // out of Decimal's range
  }
}

TEST(DecimalArithmetic, ExactQuotientOnlyWhenItDivides) {
  EXPECT_EQ(exact_quotient(d("6.45"), 2)->to_string(), "3.225");
  EXPECT_EQ(exact_quotient(d("-9"), 3)->to_string(), "-3");
  EXPECT_FALSE(exact_quotient(d("10"), 3));
  EXPECT_FALSE(exact_quotient(d("10"), 0));
}

TEST(DecimalArithmetic, DivideAndMultiplyRoundAtTheSixthDecimal) {
  EXPECT_EQ(divide(d("23"), d("123")).to_string(), "0.186992");
  EXPECT_EQ(divide(d("1"), d("3"), Round::up).to_string(), "0.333334");
  EXPECT_EQ(divide(d("-1"), d("8")).to_string(), "-0.125");
  EXPECT_THROW(divide(d("1"), Decimal{}), Error);
  EXPECT_EQ(multiply(d("0.333333"), d("0.5")).to_string(), "0.166667");
  EXPECT_EQ(multiply(d("0.333333"), d("-0.5")).to_string(), "-0.166667");
  EXPECT_EQ(multiply(d("0.333333"), d("0.5"), Round::up).to_string(), "0.166667");
}

TEST(DecimalArithmetic, RoundToPlacesHalfAwayFromZero) {
  EXPECT_EQ(round_to(d("2.345"), 2).to_string(), "2.35");
  EXPECT_EQ(round_to(d("-2.345"), 2).to_string(), "-2.35");
  EXPECT_EQ(round_to(d("2.344999"), 2).to_string(), "2.34");
  EXPECT_EQ(round_to(d("0.5"), 0).to_string(), "1");
  EXPECT_EQ(round_to(d("1.234567"), 6).to_string(), "1.234567");
}

TEST(DecimalArithmetic, PortionsRoundOnceAtTheGivenPlaces) {
  // A third of 10.00 twice is 6.67, not 3.33 + 3.33.
  EXPECT_EQ(portion(d("10.00"), 2, 3, 2).to_string(), "6.67");
  EXPECT_EQ(portion(d("-10.00"), 2, 3, 2).to_string(), "-6.67");
  EXPECT_EQ(portion(d("0.01"), 5, 1'000, 2).to_string(), "0");
  EXPECT_EQ(portion(d("1"), 5, 1'000, 2).to_string(), "0.01");  // exactly half: away from zero
  // The scale of two Decimals' units cancels out: 23 % of 123.00 in the ratio 23 / 123.
  EXPECT_EQ(portion(d("123.00"), d("23").units(), d("123").units(), 2).to_string(), "23");
  EXPECT_THROW(portion(d("1"), 1, 0, 2), Error);
}

}  // namespace
}  // namespace reclaim
