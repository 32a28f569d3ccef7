// Parsed orders kept by their stored text (storage/parsed_orders.hpp): the same text gives the
// order parsed once, any other text (an order changed elsewhere) is parsed anew, the cache stays
// within its bound, and a bad document is refused without being kept.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "codec/order_json.hpp"
#include "storage/parsed_orders.hpp"
#include "support/orders.hpp"

namespace reclaim {
namespace {

std::string body_of(const std::string &id, std::int64_t qty) {
  return boost::json::serialize(codec::order_to_json(test::kettle_order(id, qty)));
}

TEST(ParsedOrders, TheSameTextIsParsedOnceAndAChangedTextAnew) {
  ParsedOrders orders;
  const auto first = orders.of(body_of("1", 2));
  EXPECT_EQ(orders.of(body_of("1", 2)), first);  // the same object: not parsed again
  const auto changed = orders.of(body_of("1", 3));
  EXPECT_NE(changed, first);
  EXPECT_EQ(changed->lines.at(0).qty, 3);
  EXPECT_EQ(first->lines.at(0).qty, 2);
}

TEST(ParsedOrders, ClearForgetsEveryOrder) {
  ParsedOrders orders;
  const auto first = orders.of(body_of("1", 2));
  orders.clear();
  const auto again = orders.of(body_of("1", 2));
  EXPECT_NE(again, first);
  EXPECT_EQ(again->id, "1");
}

TEST(ParsedOrders, StaysWithinItsBound) {
  ParsedOrders orders;
  const auto first = orders.of(body_of("first", 1));
  for (std::size_t n = 1; n < ParsedOrders::kMostOrders; ++n) orders.of(body_of(std::to_string(n), 1));
  EXPECT_EQ(orders.of(body_of("first", 1)), first);  // all 256 still kept
  orders.of(body_of("one more", 1));                 // the 257th empties the cache
  EXPECT_NE(orders.of(body_of("first", 1)), first);
}

TEST(ParsedOrders, ABadDocumentThrowsAndIsNotKept) {
  ParsedOrders orders;
  EXPECT_ANY_THROW(orders.of("{not json"));
  EXPECT_ANY_THROW(orders.of(R"({"id":5})"));
  EXPECT_ANY_THROW(orders.of("{not json"));
}

}  // namespace
}  // namespace reclaim
