// Policies through the engine: dated policies, eligibility at intake, decision limits, the
// appeal window, and the deadline watch (alerts once, deemed acceptance).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "codec/requests.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "support/documents.hpp"
#include "support/backends.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

EngineConfig polish_shop(const std::string &backend) {
  EngineConfig config;
  config.storage.database = test::fresh_database(backend);
  config.manual_clock = true;
  ShopConfig shop;
  shop.jurisdiction = "PL";
  shop.timezone = "Europe/Warsaw";
  shop.currency = "PLN";
  shop.locale = "pl";
  config.shops = {shop};
  return config;
}

Order kettle_order() {
  Order order;
  order.id = "1001";
  order.number = "#1001";
  order.currency = "PLN";
  order.placed_at = *parse_rfc3339("2026-11-01T10:00:00Z");
  order.delivered_at = *parse_rfc3339("2026-11-03T12:00:00Z");
  order.customer.email = "jan@example.pl";
  OrderLine kettle;
  kettle.id = "1";
  kettle.name = "Kettle";
  kettle.sku = "KET-1";
  kettle.qty = 5;
  kettle.unit_price = *Decimal::parse("199.99");
  OrderLine mug = kettle;
  mug.id = "2";
  mug.sku = "MUG";
  mug.tags = {"final_sale"};
  order.lines = {kettle, mug};
  return order;
}

json::object open(Engine &engine, const std::string &text) {
  const auto document = json::parse(text);
  return codec::to_json(engine.open_case(codec::open_request_from_json(document), json::serialize(document)));
}

json::object act(Engine &engine, const json::value &id, const std::string &text) {
  const auto document = json::parse(text);
  return codec::to_json(engine.act(std::string(id.as_string()), codec::action_request_from_json(document),
                    json::serialize(document)));
}

std::vector<std::string> event_types(Engine &engine) {
  std::vector<std::string> types;
  const auto page =
      codec::to_json(engine.read_events(codec::event_query_from_json(json::parse(R"({"limit":1000})"))));
  for (const auto &event : page.at("events").as_array()) {
    types.emplace_back(event.at("type").as_string());
  }
  return types;
}

long count(const std::vector<std::string> &types, const char *type) {
  return std::count(types.begin(), types.end(), type);
}

const char *kCustomerComplaint =
    R"({"kind":"complaint","actor":{"role":"customer"},"order_id":"1001",
        "customer":{"email":"jan@example.pl"},"preferred_resolution":"replacement",
        "items":[{"line":"1","qty":1,"reason":"defect"}]})";

// Every test on a new database of each backend.
class PolicyEngineOn : public ::testing::TestWithParam<std::string> {};

INSTANTIATE_TEST_SUITE_P(Backends, PolicyEngineOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(PolicyEngineOn, PoliciesApplyFromTheirDateAndCasesKeepTheirRules) {
  Engine engine(polish_shop(GetParam()));
  engine.import_order("default", kettle_order());
  engine.set_clock(*parse_rfc3339("2026-11-20T10:00:00Z"));
  auto got = codec::to_json(engine.get_policy("default"));
  EXPECT_TRUE(got.at("preset").as_bool());
  EXPECT_EQ(got.at("policy").at("jurisdiction"), "PL");
  set_policy(engine, "default", json::parse(R"({"return_window_days":30})"));
  set_policy(engine, "default", json::parse(
      R"({"jurisdiction":"none","party":"business","applies_from":"2026-12-01",
          "sla":{"decision_days":5}})"));
  got = codec::to_json(engine.get_policy("default"));
  EXPECT_FALSE(got.at("preset").as_bool());
  EXPECT_EQ(got.at("policy").at("return_window_days").as_int64(), 30);
  ASSERT_EQ(got.at("scheduled").as_array().size(), 1u);
  // 30 November, 23:59 in Warsaw: still the Polish rules.
  engine.set_clock(*parse_rfc3339("2026-11-30T22:59:00Z"));
  const auto before = open(engine, kCustomerComplaint);
  EXPECT_NE(std::string(before.at("deadlines").at("basis").as_string()).find("art. 7a"),
            std::string::npos);
  EXPECT_TRUE(before.at("deadlines").at("deemed_on_expiry").as_bool());
  // One minute later it is 1 December in Warsaw: the new policy applies to new cases.
  engine.set_clock(*parse_rfc3339("2026-11-30T23:00:00Z"));
  const auto after = open(engine, kCustomerComplaint);
  EXPECT_FALSE(after.at("deadlines").at("deemed_on_expiry").as_bool());
  // 1 December + 5 days is a Sunday: Monday 7 December, end of day in Warsaw.
  EXPECT_EQ(after.at("deadlines").at("decision_due"), "2026-12-07T22:59:59Z");
  EXPECT_EQ(codec::to_json(engine.get_case(std::string(before.at("id").as_string()))).at("deadlines"),
            before.at("deadlines"));
}

TEST_P(PolicyEngineOn, StricterThanTheLawIsRefusedAndNothingChanges) {
  Engine engine(polish_shop(GetParam()));
  try {
    set_policy(engine, "default", json::parse(R"({"return_window_days":7})"));
    FAIL() << "accepted";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
    EXPECT_EQ(error.rule(), "return_window_shorter_than_law");
    EXPECT_EQ(error.field(), "return_window_days");
  }
  EXPECT_TRUE(codec::to_json(engine.get_policy("default")).at("preset").as_bool());
  EXPECT_THROW(set_policy(engine, "nope", json::parse("{}")), Error);
}

TEST_P(PolicyEngineOn, CustomersCannotOpenWhatThePolicyForbidsStaffCanWithAnOverride) {
  Engine engine(polish_shop(GetParam()));
  engine.import_order("default", kettle_order());
  engine.set_clock(*parse_rfc3339("2026-11-27T10:00:00Z"));  // after the 14 days
  set_policy(engine, "default", json::parse(R"({"non_returnable":{"tags":["final_sale"]}})"));
  const char *customer_return =
      R"({"kind":"return","actor":{"role":"customer"},"order_id":"1001",
          "customer":{"email":"jan@example.pl","locale":"en"},
          "items":[{"line":"2","qty":1,"reason":"changed_mind"}]})";
  try {
    open(engine, customer_return);
    FAIL() << "opened";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
    EXPECT_EQ(error.rule(), "window_expired");
    EXPECT_EQ(error.field(), "items[0]");
    EXPECT_EQ(std::string(error.what()), "The period for returning this item ended on 17 November 2026.");
  }
  EXPECT_TRUE(event_types(engine).empty());
  const auto staff = open(engine, R"({"kind":"return","actor":{"role":"agent","id":"ola"},
      "order_id":"1001","items":[{"line":"2","qty":1,"reason":"changed_mind"}]})");
  const auto &opened = staff.at("history").as_array()[0].at("data");
  EXPECT_EQ(opened.at("eligibility_override").as_array()[0].at("code"), "window_expired");
}

// Orders are parsed once per stored text (storage/parsed_orders.hpp): an order re-imported by
// another engine on the same database is seen at once by the first, never its earlier copy.
TEST_P(PolicyEngineOn, AnOrderChangedByAnotherEngineIsNeverCheckedStale) {
  const EngineConfig config = polish_shop(GetParam());
  Engine first(config), second(config);
  first.import_order("default", kettle_order());
  first.set_clock(*parse_rfc3339("2026-11-10T10:00:00Z"));
  const auto check = [&] {
    return codec::to_json(first.check_eligibility(codec::eligibility_request_from_json(json::parse(
        R"({"order_id":"1001","kind":"return","items":[{"line":"1","qty":7}]})"))));
  };
  EXPECT_EQ(check().at("items").as_array()[0].at("code"), "quantity_exceeded");  // 5 bought
  Order more = kettle_order();
  more.lines[0].qty = 8;
  second.import_order("default", more);
  const auto again = check();
  EXPECT_TRUE(again.at("eligible").as_bool()) << json::serialize(again);
}

TEST_P(PolicyEngineOn, EligibilityCheckAnswersPerItem) {
  Engine engine(polish_shop(GetParam()));
  engine.import_order("default", kettle_order());
  engine.set_clock(*parse_rfc3339("2026-11-10T10:00:00Z"));
  const auto answer = codec::to_json(engine.check_eligibility(codec::eligibility_request_from_json(json::parse(
      R"({"order_id":"1001","kind":"return","locale":"ru",
          "items":[{"line":"1","qty":2,"reason":"changed_mind"},{"line":"1","qty":9}]})"))));
  EXPECT_FALSE(answer.at("eligible").as_bool());
  const auto &items = answer.at("items").as_array();
  EXPECT_EQ(items[0].at("code"), "statutory_withdrawal");
  EXPECT_EQ(items[0].at("window_ends"), "2026-11-17T22:59:59Z");
  EXPECT_EQ(items[1].at("code"), "quantity_exceeded");
  EXPECT_THROW(codec::to_json(engine.check_eligibility(codec::eligibility_request_from_json(json::parse(
                   R"({"order_id":"404","kind":"return","items":[{"line":"1"}]})")))),
               Error);
}

TEST_P(PolicyEngineOn, DecisionLimitsNameWhoMayDecide) {
  Engine engine(polish_shop(GetParam()));
  engine.import_order("default", kettle_order());
  engine.set_clock(*parse_rfc3339("2026-11-10T10:00:00Z"));  // first: a policy applies from the day it is set
  set_policy(engine, "default", json::parse(R"({"decision_limits":{"agent":{"PLN":"300.00"}}})"));
  const auto c = open(engine, R"({"kind":"complaint","actor":{"role":"agent","id":"a"},
      "order_id":"1001","items":[{"line":"1","qty":2,"reason":"defect"}]})");
  try {
    act(engine, c.at("id"), R"({"action":"accept","actor":{"role":"agent","id":"a"},
        "resolution":{"type":"refund"}})");
    FAIL() << "accepted above the limit";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
    EXPECT_EQ(error.rule(), "decision_limit_exceeded");
    EXPECT_EQ(std::string(error.what()),
              "an agent may decide up to 300.00 PLN; this decision is worth 399.98 PLN, so a "
              "supervisor must take it");
  }
  EXPECT_EQ(codec::to_json(engine.get_case(std::string(c.at("id").as_string()))).at("state"), "received");
  // Within the limit: a partial refund of one unit.
  const auto within = act(engine, c.at("id"), R"({"action":"accept","actor":{"role":"agent","id":"a"},
      "items":[{"item":1,"qty":1,"resolution":{"type":"refund"}}],"reason":"one works"})");
  EXPECT_EQ(within.at("state"), "accepted");
}

TEST_P(PolicyEngineOn, TheAppealWindowComesFromThePolicy) {
  Engine engine(polish_shop(GetParam()));
  engine.import_order("default", kettle_order());
  engine.set_clock(*parse_rfc3339("2026-11-10T10:00:00Z"));
  set_policy(engine, "default", json::parse(R"({"appeal_days":3})"));
  const auto c = open(engine, kCustomerComplaint);
  act(engine, c.at("id"), R"({"action":"reject","actor":{"role":"agent","id":"a"},"reason":"no defect"})");
  engine.set_clock(*parse_rfc3339("2026-11-14T10:00:00Z"));
  EXPECT_THROW(act(engine, c.at("id"), R"({"action":"reopen","actor":{"role":"customer"},"reason":"but"})"),
               Error);
}

TEST_P(PolicyEngineOn, TickSendsEachAlertOnceAndDeemsSilentComplaintsAccepted) {
  Engine engine(polish_shop(GetParam()));
  engine.import_order("default", kettle_order());
  engine.set_clock(*parse_rfc3339("2026-11-02T09:00:00Z"));
  const auto c = open(engine, kCustomerComplaint);
  const std::string id(c.at("id").as_string());
  EXPECT_EQ(c.at("deadlines").at("decision_due"), "2026-11-16T22:59:59Z");
  EXPECT_EQ(codec::to_json(engine.tick()).at("events").as_int64(), 0);
  // A day later the first response is overdue: one breach, however often the tick runs.
  engine.set_clock(*parse_rfc3339("2026-11-03T10:00:00Z"));
  EXPECT_EQ(codec::to_json(engine.tick()).at("events").as_int64(), 1);
  EXPECT_EQ(codec::to_json(engine.tick()).at("events").as_int64(), 0);
  auto types = event_types(engine);
  EXPECT_EQ(count(types, "case.deadline_breached"), 1);
  // 72 h and 24 h before the decision date: two warnings even when one tick sees both.
  engine.set_clock(*parse_rfc3339("2026-11-16T00:00:00Z"));
  EXPECT_EQ(codec::to_json(engine.tick()).at("events").as_int64(), 2);
  EXPECT_EQ(codec::to_json(engine.get_case(id)).at("state"), "received");
  // The deadline passes: breach, then deemed acceptance with the preferred resolution.
  engine.set_clock(*parse_rfc3339("2026-11-16T23:00:00Z"));
  EXPECT_EQ(codec::to_json(engine.tick()).at("events").as_int64(), 2);
  const auto deemed = codec::to_json(engine.get_case(id));
  EXPECT_EQ(deemed.at("state"), "accepted");
  EXPECT_TRUE(deemed.at("resolution").at("deemed").as_bool());
  EXPECT_EQ(deemed.at("items").as_array()[0].at("decision").at("resolution").at("type"),
            "replacement");
  const auto &last = deemed.at("history").as_array().back();
  EXPECT_EQ(last.at("action"), "deemed_acceptance");
  EXPECT_EQ(last.at("actor").at("role"), "system");
  EXPECT_TRUE(last.at("customer_visible").as_bool());
  EXPECT_EQ(codec::to_json(engine.tick()).at("events").as_int64(), 0);
  types = event_types(engine);
  EXPECT_EQ(count(types, "case.deadline_at_risk"), 2);
  EXPECT_EQ(count(types, "case.deadline_breached"), 2);
  EXPECT_EQ(count(types, "case.state_changed"), 1);
}

TEST_P(PolicyEngineOn, ADecidedCaseRaisesNoDecisionAlerts) {
  Engine engine(polish_shop(GetParam()));
  engine.import_order("default", kettle_order());
  engine.set_clock(*parse_rfc3339("2026-11-02T09:00:00Z"));
  const auto c = open(engine, kCustomerComplaint);
  engine.set_clock(*parse_rfc3339("2026-11-02T12:00:00Z"));
  act(engine, c.at("id"), R"({"action":"reject","actor":{"role":"agent","id":"a"},"reason":"no"})");
  engine.set_clock(*parse_rfc3339("2026-12-30T12:00:00Z"));
  EXPECT_EQ(codec::to_json(engine.tick()).at("events").as_int64(), 0);
}

TEST_P(PolicyEngineOn, RussianCasesShowTheAccruedPenalty) {
  EngineConfig config = polish_shop(GetParam());
  config.shops[0].jurisdiction = "RU";
  config.shops[0].timezone = "Europe/Moscow";
  config.shops[0].currency = "RUB";
  Engine engine(config);
  Order order = kettle_order();
  order.currency = "RUB";
  order.lines[0].unit_price = *Decimal::parse("1000.00");
  engine.import_order("default", order);
  engine.set_clock(*parse_rfc3339("2026-11-02T09:00:00Z"));
  const auto c = open(engine, R"({"kind":"complaint","actor":{"role":"customer"},"order_id":"1001",
      "customer":{"email":"jan@example.pl"},"preferred_resolution":"refund",
      "items":[{"line":"1","qty":1,"reason":"defect"}]})");
  EXPECT_FALSE(c.at("deadlines").as_object().contains("penalty"));
  engine.set_clock(*parse_rfc3339("2026-11-20T09:00:00Z"));
  const auto late = codec::to_json(engine.get_case(std::string(c.at("id").as_string())));
  EXPECT_EQ(late.at("deadlines").at("penalty").at("amount").at("amount"), "80.00");
  EXPECT_EQ(late.at("deadlines").at("penalty").at("days").as_int64(), 8);
  // Silence is not acceptance in Russia.
  codec::to_json(engine.tick());
  EXPECT_EQ(codec::to_json(engine.get_case(std::string(c.at("id").as_string()))).at("state"), "received");
}

TEST_P(PolicyEngineOn, TheBackgroundWatchTicksOnItsOwnAndStopsWithTheEngine) {
  EngineConfig config = polish_shop(GetParam());
  config.tick_interval_ms = 10;
  auto engine = std::make_unique<Engine>(config);
  engine->import_order("default", kettle_order());
  engine->set_clock(*parse_rfc3339("2026-11-02T09:00:00Z"));
  open(*engine, kCustomerComplaint);
  engine->set_clock(*parse_rfc3339("2026-11-03T10:00:00Z"));
  for (int i = 0; i < 500 && event_types(*engine).size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(count(event_types(*engine), "case.deadline_breached"), 1);
  engine.reset();  // joins the watcher; a hang here fails the test by timeout
}

}  // namespace
}  // namespace reclaim
