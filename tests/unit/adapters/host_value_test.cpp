// The conversions every adapter relies on: host money (strings and floats), exact portions,
// wall-clock times in a zone, and the paths errors carry.
#include "adapters/host_value.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/line_price.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {
namespace {

namespace json = boost::json;

std::string money(const char *json_text, int minor = 2) {
  const auto value = json::parse(json_text);
  return Node(&value, "x").money(minor, true).to_string();
}

std::string refused_money(const char *json_text, int minor = 2) {
  const auto value = json::parse(json_text);
  try {
    Node(&value, "x").money(minor);
    return "accepted";
  } catch (const Error &error) {
    return error.field();
  }
}

TEST(HostValue, MoneyFromStringsAndFloats) {
  EXPECT_EQ(money(R"("12.000000")"), "12");
  EXPECT_EQ(money("19.99"), "19.99");
  EXPECT_EQ(money("20826.300000000003"), "20826.3");  // a binary artefact snaps to cents
  EXPECT_EQ(money("0.30000000000000004"), "0.3");
  EXPECT_EQ(money("-20.000000000000004"), "-20");
  EXPECT_EQ(money("3.225"), "3.225");       // a real third decimal is kept
  EXPECT_EQ(money("1000.5", 0), "1000.5");  // JPY: kept exactly, not snapped
  EXPECT_EQ(money("42"), "42");
  EXPECT_EQ(refused_money("108.0000001"), "x");  // neither cents nor six decimals
  EXPECT_EQ(refused_money("1e300"), "x");
  EXPECT_EQ(refused_money(R"("1e3")"), "x");
  EXPECT_EQ(refused_money(R"("12.3456789")"), "x");
  EXPECT_EQ(refused_money("-1.00"), "x");  // negative unless allowed
  EXPECT_EQ(refused_money("true"), "x");
  EXPECT_EQ(refused_money("18446744073709551615"), "x");
}

TEST(HostValue, PortionsRoundOnce) {
  const Decimal one = Decimal::from_units(Decimal::kOne);
  // 0.004999999 is below half a cent: rounding first at 6 places (0.005000) would give 0.01.
  EXPECT_EQ(portion(one, 4'999'999, 1'000'000'000, 2).to_string(), "0");
  EXPECT_EQ(portion(one, 5, 1'000, 2).to_string(), "0.01");  // exactly half: away from zero
  EXPECT_EQ(portion(*Decimal::parse("10.00"), 2, 3, 2).to_string(), "6.67");
  EXPECT_EQ(portion(*Decimal::parse("-10.00"), 2, 3, 2).to_string(), "-6.67");
  EXPECT_EQ(unit_price_of(*Decimal::parse("10.00"), 3).to_string(), "3.333334");
  EXPECT_EQ(unit_price_of(*Decimal::parse("6.45"), 2).to_string(), "3.225");
}

TEST(HostValue, WallClockTimesInAZone) {
  const auto at = [](const char *text) {
    const auto utc = local_to_utc(text, "Europe/Warsaw");
    return utc ? format_rfc3339(*utc) : std::string("-");
  };
  EXPECT_EQ(at("2026-11-02 10:15:00"), "2026-11-02T09:15:00Z");  // CET
  EXPECT_EQ(at("2026-07-02 10:15:00"), "2026-07-02T08:15:00Z");  // CEST
  EXPECT_EQ(at("2026-03-29 02:30:00"), "2026-03-29T01:30:00Z");  // in the spring gap
  EXPECT_EQ(at("2026-10-25 02:30:00"), "2026-10-25T00:30:00Z");  // the earlier of the fold
  EXPECT_EQ(at("2026-11-02"), "-");
  const auto zero = json::value("0000-00-00 00:00:00");
  EXPECT_FALSE(Node(&zero, "d").utc_without_zone());
}

TEST(HostValue, PathsNameTheHostField) {
  const auto doc = json::parse(R"({"a": [{"b": {"c": "x"}}, 7]})");
  const Node root_node = root(doc);
  EXPECT_EQ(root_node["a"][0]["b"]["c"].path(), "a[0].b.c");
  EXPECT_EQ(root_node["a"][5]["z"].path(), "a[5].z");  // absent all the way down
  try {
    root_node["a"][1]["b"].text();
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.field(), "a[1]");  // 7 is not an object
  }
}

}  // namespace
}  // namespace reclaim::adapters
