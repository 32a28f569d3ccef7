// Exchanges (CONTRACT §7) on each backend: the goods given instead, the price difference to
// charge or refund computed exactly in the order's currency, kept with the case, refused in
// another currency; the refund of a difference is a line of the refund plan.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/exchange_plan.hpp"
#include "adapters/refund_plan.hpp"
#include "codec/views_json.hpp"
#include "codec/order_json.hpp"
#include "codec/report_json.hpp"
#include "codec/requests.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

// A shirt shop: order TS-1 holds two shirts in size M at 100.00 PLN and a cap at 19.99.
class ExchangeOn : public ::testing::TestWithParam<std::string> {
 protected:
  Engine engine{[this] {
    EngineConfig config;
    config.storage.database = test::fresh_database(GetParam());
    ShopConfig shop;
    shop.currency = "PLN";
    shop.timezone = "Europe/Warsaw";
    config.shops = {shop};
    return config;
  }()};

  void SetUp() override {
    const json::value order{
        {"id", "TS-1"},
        {"number", "2026/12/0007"},
        {"currency", "PLN"},
        {"placed_at", "2026-11-20T09:00:00Z"},
        {"delivered_at", "2026-11-23T12:00:00Z"},
        {"customer", {{"email", "ola@example.pl"}, {"name", "Ola Nowak"}}},
        {"lines",
         json::array{json::object{{"id", "1"}, {"sku", "TS-M"}, {"name", "Koszulka M"},
                                  {"qty", 2}, {"unit_price", "100.00"}, {"tax_rate", "23"}},
                     json::object{{"id", "2"}, {"sku", "CAP"}, {"name", "Czapka"},
                                  {"qty", 1}, {"unit_price", "19.99"}, {"tax_rate", "23"}}}}};
    engine.import_order("default", codec::order_from_json(order));
  }

  std::string open_return(const std::string &items) {
    const auto doc = json::parse(
        R"({"kind":"return","actor":{"role":"agent","id":"a"},"order_id":"TS-1","preferred_resolution":"exchange","items":)" +
        items + "}");
    return engine.open_case(codec::open_request_from_json(doc), json::serialize(doc)).subject.id;
  }
  void act(const std::string &id, const std::string &action) {
    const auto doc = json::parse(action);
    engine.act(id, codec::action_request_from_json(doc), json::serialize(doc));
  }
  void accept_exchange(const std::string &id, const std::string &resolution) {
    act(id, R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"resolution":)" +
                resolution + "}");
  }
  // The first item's resolution as the case's document gives it, read back from storage.
  json::object resolution_of(const std::string &id) {
    const auto document = codec::to_json(engine.get_case(id));
    return document.at("items").at(0).at("decision").at("resolution").as_object();
  }
  Case stored(const std::string &id) { return engine.get_case(id).subject; }
};

INSTANTIATE_TEST_SUITE_P(Backends, ExchangeOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(ExchangeOn, DearerGoodsLeaveADifferenceForTheCustomerToPay) {
  const auto id = open_return(R"([{"line":"1","qty":1,"reason":"size_or_fit"}])");
  accept_exchange(id, R"({"type":"exchange","sku":"TS-L","name":"Koszulka L premium",
                          "unit_price":"119.99","currency":"PLN","variant_id":"88"})");
  const auto resolution = resolution_of(id);
  EXPECT_EQ(resolution.at("type"), "exchange");
  EXPECT_EQ(resolution.at("sku"), "TS-L");
  EXPECT_EQ(resolution.at("name"), "Koszulka L premium");
  EXPECT_EQ(resolution.at("qty"), 1);  // as many as accepted
  EXPECT_EQ(resolution.at("variant_id"), "88");
  EXPECT_EQ(resolution.at("unit_price"), (json::object{{"amount", "119.99"}, {"currency", "PLN"}}));
  EXPECT_EQ(resolution.at("price_difference"),
            (json::object{{"amount", "19.99"}, {"currency", "PLN"}, {"settle", "charge"}}));
  EXPECT_FALSE(resolution.contains("amount"));
  // Nothing to pay back: the refund plan has no line, the exchange plan a charge.
  const Case subject = stored(id);
  EXPECT_FALSE(adapters::refunds_money(subject.items[0]));
  const auto order = engine.order("default", "TS-1");
  const auto plan = adapters::plan_exchange(order, subject);
  ASSERT_EQ(plan.lines.size(), 1u);
  EXPECT_EQ(plan.to_charge.to_string(2), "19.99");
  EXPECT_TRUE(plan.to_refund.zero());
  try {
    adapters::plan_refund(order, subject);
    FAIL() << "an exchange for dearer goods refunds nothing";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
  }
}

TEST_P(ExchangeOn, CheaperGoodsRefundTheDifferenceAsAMoneyOnlyLine) {
  const auto id = open_return(R"([{"line":"1","qty":2,"reason":"size_or_fit"}])");
  accept_exchange(id, R"({"type":"exchange","name":"Koszulka basic","qty":3,
                          "unit_price":"55.55","currency":"PLN"})");
  const auto resolution = resolution_of(id);
  EXPECT_EQ(resolution.at("qty"), 3);
  // 3 × 55.55 = 166.65 given for 2 × 100.00 returned: 33.35 back to the customer.
  EXPECT_EQ(resolution.at("price_difference"),
            (json::object{{"amount", "33.35"}, {"currency", "PLN"}, {"settle", "refund"}}));
  const Case subject = stored(id);
  const auto plan = adapters::plan_refund(engine.order("default", "TS-1"), subject);
  ASSERT_EQ(plan.lines.size(), 1u);
  EXPECT_EQ(plan.lines[0].resolution, ResolutionType::exchange);
  EXPECT_EQ(plan.lines[0].qty, 0);  // the goods came back as an exchange, not for money
  EXPECT_EQ(plan.gross.to_string(2), "33.35");
  EXPECT_EQ((plan.net + plan.tax).to_string(2), "33.35");
  // Reports count what was paid back: the difference, as a refund of this period.
  // (The days around today, whatever the shop's zone makes of the hour.)
  const auto day = [&](int offset) {
    return format_rfc3339(engine.now() + offset * kMsPerDay).substr(0, 10);
  };
  const auto report = codec::to_json(engine.report(codec::report_query_from_json(json::parse(
      R"({"from":")" + day(-1) + R"(","to":")" + day(1) + R"(","group_by":"resolution"})"))));
  EXPECT_EQ(report.at("totals").at("refunded"),
            json::parse(R"([{"amount":"33.35","currency":"PLN"}])"));
}

TEST_P(ExchangeOn, TheSamePriceSettlesNothing) {
  const auto id = open_return(R"([{"line":"1","qty":1,"reason":"size_or_fit"}])");
  accept_exchange(id, R"({"type":"exchange","sku":"TS-S","unit_price":"100","currency":"PLN"})");
  EXPECT_EQ(resolution_of(id).at("price_difference"),
            (json::object{{"amount", "0.00"}, {"currency", "PLN"}, {"settle", "none"}}));
  const auto plan = adapters::plan_exchange(engine.order("default", "TS-1"), stored(id));
  EXPECT_TRUE(plan.to_charge.zero());
  EXPECT_TRUE(plan.to_refund.zero());
}

TEST_P(ExchangeOn, PerItemExchangesAddUpAndTheCaseKeepsThemAcrossAReadBack) {
  const auto id = open_return(
      R"([{"line":"1","qty":1,"reason":"size_or_fit"},{"line":"2","qty":1,"reason":"changed_mind"}])");
  act(id, R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"items":[
      {"line":"1","resolution":{"type":"exchange","sku":"TS-XL","unit_price":"110.00","currency":"PLN"}},
      {"line":"2","resolution":{"type":"exchange","sku":"CAP-B","unit_price":"9.99","currency":"PLN"}}]})");
  const auto exchange =
      adapters::exchange_to_json(adapters::plan_exchange(engine.order("default", "TS-1"), stored(id)));
  EXPECT_EQ(exchange.at("to_charge"), "10.00");
  EXPECT_EQ(exchange.at("to_refund"), "10.00");
  EXPECT_EQ(exchange.at("lines").at(0).at("settle"), "charge");
  EXPECT_EQ(exchange.at("lines").at(1).at("settle"), "refund");
  EXPECT_EQ(exchange.at("lines").at(1).at("goods").at("sku"), "CAP-B");
}

// Each refusal names its field and leaves the case as it was.
TEST_P(ExchangeOn, BadExchangesAreRefusedAndChangeNothing) {
  const auto id = open_return(R"([{"line":"1","qty":1,"reason":"size_or_fit"}])");
  const std::int64_t version = stored(id).version;
  const struct {
    const char *resolution;
    const char *field;
  } cases[] = {
      {R"({"type":"exchange","sku":"TS-L","unit_price":"120.00","currency":"EUR"})",
       "resolution.currency"},
      {R"({"type":"exchange","unit_price":"120.00","currency":"PLN"})", "resolution.sku"},
      {R"({"type":"exchange","sku":"TS-L"})", "resolution.unit_price"},
      {R"({"type":"exchange","sku":"TS-L","unit_price":"-1.00","currency":"PLN"})",
       "resolution.unit_price"},
      {R"({"type":"exchange","sku":"TS-L","qty":0,"unit_price":"1.00","currency":"PLN"})",
       "resolution.qty"},
      {R"({"type":"exchange","sku":"TS-L","unit_price":"1.00","currency":"PLN","amount":"1.00"})",
       "resolution.amount"},
      {R"({"type":"exchange","sku":"TS-L","unit_price":"1.00","currency":"PLN","size":"L"})",
       "resolution.size"},
      {R"({"type":"exchange","sku":"TS-L","unit_price":"999999999999","currency":"PLN","qty":1000000})",
       "resolution.unit_price"},
  };
  // A name longer than any the engine keeps (500 bytes).
  const std::string oversized = R"({"type":"exchange","name":")" + std::string(600, 'x') +
                                R"(","unit_price":"1.00","currency":"PLN"})";
  try {
    accept_exchange(id, oversized);
    ADD_FAILURE() << "an oversized name was accepted";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument) << error.what();
    EXPECT_EQ(error.field(), "resolution.name") << error.what();
  }
  for (const auto &bad : cases) {
    SCOPED_TRACE(bad.resolution);
    try {
      accept_exchange(id, bad.resolution);
      FAIL() << "accepted";
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::invalid_argument) << error.what();
      EXPECT_EQ(error.field().rfind(bad.field, 0), 0u) << error.field() << ": " << error.what();
    }
  }
  const Case after = stored(id);
  EXPECT_EQ(after.version, version);
  EXPECT_EQ(after.items[0].decision.outcome, ItemDecision::Outcome::pending);
}

}  // namespace
}  // namespace reclaim
