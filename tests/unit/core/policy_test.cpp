// Policies: presets, validation against the law, and eligibility answers in three languages.
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "codec/policy_json.hpp"
#include "core/eligibility.hpp"
#include "core/error.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

Policy read(const char *text, Jurisdiction preset = Jurisdiction::pl) {
  return codec::policy_from_json(json::parse(text), preset);
}

// The rule a policy breaks under the law in force on 2026-11-23, or "" when it is accepted.
std::string broken_rule(const char *text, std::string *field = nullptr) {
  try {
    check_against_law(read(text), *parse_day("2026-11-23"));
    return "";
  } catch (const Error &error) {
    if (field) *field = error.field();
    EXPECT_EQ(error.status(), Status::not_allowed);
    return error.rule();
  }
}

TEST(Policy, OmittedSettingsTakeThePresetsValues) {
  const Policy pl = read("{}");
  EXPECT_EQ(pl.jurisdiction, Jurisdiction::pl);
  EXPECT_EQ(pl.return_window_days, 14);
  EXPECT_EQ(pl.party, "consumer");
  const Policy ru = read(R"({"jurisdiction":"RU"})");
  EXPECT_EQ(ru.return_window_days, 7);
  const auto doc = codec::policy_to_json(read(R"({"return_window_days":30,
      "decision_limits":{"agent":{"PLN":"500","EUR":"120.5"}}})"));
  EXPECT_EQ(doc.at("return_window_days").as_int64(), 30);
  EXPECT_EQ(doc.at("decision_limits").at("agent").at("PLN").as_string(), "500.00");
  EXPECT_EQ(doc.at("decision_limits").at("agent").at("EUR").as_string(), "120.50");
  // A written policy reads back to the same policy.
  const auto again = codec::policy_to_json(codec::policy_from_json(doc, Jurisdiction::none));
  EXPECT_EQ(again, doc);
}

TEST(Policy, MoreGenerousThanTheLawIsAccepted) {
  EXPECT_EQ(broken_rule(R"({"return_window_days":30,"guarantee_months":36,
      "sla":{"decision_days":7},"restocking_fee_percent":"10"})"), "");
  EXPECT_EQ(broken_rule(R"({"party":"business","return_window_days":0,"guarantee_months":12})"),
            "");
}

TEST(Policy, StricterThanTheLawIsRefusedWithTheRuleItBreaks) {
  std::string field;
  EXPECT_EQ(broken_rule(R"({"return_window_days":10})", &field), "return_window_shorter_than_law");
  EXPECT_EQ(field, "return_window_days");
  EXPECT_EQ(broken_rule(R"({"return_window_from":"placed_at"})", &field),
            "window_must_count_from_delivery");
  EXPECT_EQ(broken_rule(R"({"guarantee_months":12})", &field), "guarantee_shorter_than_law");
  EXPECT_EQ(broken_rule(R"({"sla":{"decision_days":21,"resolution_days":30}})", &field),
            "decision_later_than_law");
  EXPECT_EQ(field, "sla.decision_days");
  EXPECT_EQ(broken_rule(R"({"resolutions":{"complaint":["replacement","refund"]}})", &field),
            "statutory_remedy_missing");
  EXPECT_EQ(field, "resolutions.complaint");
  EXPECT_EQ(broken_rule(R"({"resolutions":{"return":["store_credit"]}})", &field),
            "statutory_remedy_missing");
  EXPECT_EQ(broken_rule(R"({"resolutions_by_reason":{"defect":["repair"]}})", &field),
            "statutory_remedy_missing");
  EXPECT_EQ(field, "resolutions_by_reason.defect");
  EXPECT_EQ(broken_rule(R"({"jurisdiction":"RU","return_window_days":5})"),
            "return_window_shorter_than_law");
  EXPECT_EQ(broken_rule(R"({"jurisdiction":"RU","sla":{"decision_days":60,"resolution_days":90}})"),
            "decision_later_than_law");
  EXPECT_EQ(broken_rule(R"({"party":"sole_trader","return_window_days":3})"),
            "return_window_shorter_than_law");
}

TEST(Policy, MalformedSettingsNameTheirField) {
  const auto field_of = [](const char *text) {
    try {
      read(text);
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::invalid_argument);
      return error.field();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(field_of(R"({"jurisdiction":"DE"})"), "jurisdiction");
  EXPECT_EQ(field_of(R"({"return_window_days":-1})"), "return_window_days");
  EXPECT_EQ(field_of(R"({"return_window_days":"30"})"), "return_window_days");
  EXPECT_EQ(field_of(R"({"applies_from":"2026-02-30"})"), "applies_from");
  EXPECT_EQ(field_of(R"({"evidence":{"transport_damage":["selfie"]}})"),
            "evidence.transport_damage[0]");
  EXPECT_EQ(field_of(R"({"evidence":{"sunburn":["photo"]}})"), "evidence.sunburn");
  EXPECT_EQ(field_of(R"({"decision_limits":{"agent":{"PLZ":"1"}}})"), "decision_limits.agent.PLZ");
  EXPECT_EQ(field_of(R"({"decision_limits":{"agent":{"PLN":"-1"}}})"), "decision_limits.agent.PLN");
  EXPECT_EQ(field_of(R"({"decision_limits":{"customer":{"PLN":"1"}}})"), "decision_limits.customer");
  EXPECT_EQ(field_of(R"({"restocking_fee_percent":"101"})"), "restocking_fee_percent");
  EXPECT_EQ(field_of(R"({"warn_before_hours":[0]})"), "warn_before_hours[0]");
  EXPECT_EQ(field_of(R"({"holidays":{"extra":["31.12.2026"]}})"), "holidays.extra");
  EXPECT_EQ(field_of(R"({"sla":{"decision_days":10,"resolution_days":5}})"), "sla.resolution_days");
  EXPECT_EQ(field_of(R"({"statutory_exceptions":{"cheap":{"skus":["A"]}}})"),
            "statutory_exceptions.cheap");
  EXPECT_EQ(field_of(R"({"non_returnable":{"colours":["red"]}})"), "non_returnable.colours");
  EXPECT_EQ(field_of(R"({"return_window":30})"), "return_window");
}

Order kettle_order(const char *delivered) {
  Order order;
  order.id = "1001";
  order.currency = "PLN";
  order.placed_at = *parse_rfc3339("2026-11-01T10:00:00Z");
  if (delivered) order.delivered_at = *parse_rfc3339(delivered);
  OrderLine kettle;
  kettle.id = "1";
  kettle.sku = "KET-1";
  kettle.category = "kitchen";
  kettle.qty = 2;
  kettle.unit_price = *Decimal::parse("199.99");
  OrderLine cheese = kettle;
  cheese.id = "2";
  cheese.sku = "CHEESE";
  cheese.category = "food";
  cheese.qty = 1;
  OrderLine sale = kettle;
  sale.id = "3";
  sale.sku = "MUG";
  sale.tags = {"final_sale"};
  order.lines = {kettle, cheese, sale};
  return order;
}

std::vector<ItemVerdict> check(const Policy &policy, const Order &order, Kind kind,
                               const char *now, const char *locale,
                               std::vector<EligibilityItem> items, ClaimedQty claimed = {}) {
  EligibilityQuery query;
  query.kind = kind;
  query.now = *parse_rfc3339(now);
  query.locale = locale;
  query.items = std::move(items);
  return check_eligibility(policy, order, claimed, query, Zone("Europe/Warsaw"));
}

const char *kShopPolicy = R"({"return_window_days":30,
    "non_returnable":{"tags":["final_sale"]},
    "statutory_exceptions":{"perishable":{"categories":["food"]}},
    "evidence":{"transport_damage":["photo"]},
    "resolutions_by_reason":{"transport_damage":["replacement","repair","price_reduction","refund"]},
    "restocking_fee_percent":"10"})";

TEST(Eligibility, WithinTheStatutoryWindowOnlyTheLawsExceptionsApply) {
  const Policy policy = read(kShopPolicy);
  const Order order = kettle_order("2026-11-05T12:00:00Z");
  const auto verdicts = check(policy, order, Kind::return_, "2026-11-10T10:00:00Z", "en",
                              {{"1", 1, "changed_mind"}, {"2", 1, "changed_mind"},
                               {"3", 1, "changed_mind"}});
  ASSERT_EQ(verdicts.size(), 3u);
  EXPECT_TRUE(verdicts[0].eligible);
  EXPECT_EQ(verdicts[0].code, "statutory_withdrawal");
  EXPECT_EQ(format_rfc3339(*verdicts[0].window_ends), "2026-11-19T22:59:59Z");
  EXPECT_TRUE(verdicts[0].restocking_fee_percent.zero());
  EXPECT_EQ(verdicts[0].return_shipping_paid_by, "customer");
  EXPECT_FALSE(verdicts[1].eligible);
  EXPECT_TRUE(verdicts[1].return_shipping_paid_by.empty());
  EXPECT_EQ(verdicts[1].code, "statutory_exception");
  EXPECT_NE(verdicts[1].message.find("perishable"), std::string::npos);
  EXPECT_TRUE(verdicts[2].eligible);  // "final sale" cannot take away the statutory right
  EXPECT_EQ(verdicts[2].resolutions, (std::vector<std::string>{"refund", "store_credit", "exchange"}));
}

TEST(Eligibility, AfterTheStatutoryWindowTheShopsPolicyDecides) {
  const Policy policy = read(kShopPolicy);
  const Order order = kettle_order("2026-11-05T12:00:00Z");
  auto verdicts = check(policy, order, Kind::return_, "2026-11-25T10:00:00Z", "pl",
                        {{"1", 1, "changed_mind"}, {"3", 1, "changed_mind"}});
  EXPECT_TRUE(verdicts[0].eligible);
  EXPECT_EQ(verdicts[0].code, "shop_return_policy");
  EXPECT_EQ(verdicts[0].restocking_fee_percent, *Decimal::parse("10"));
  // 5 November + 30 days = 5 December, a Saturday: Monday 7 December.
  EXPECT_EQ(format_rfc3339(*verdicts[0].window_ends), "2026-12-07T22:59:59Z");
  EXPECT_FALSE(verdicts[1].eligible);
  EXPECT_EQ(verdicts[1].code, "non_returnable");
  verdicts = check(policy, order, Kind::return_, "2026-12-08T10:00:00Z", "pl",
                   {{"1", 1, "changed_mind"}});
  EXPECT_FALSE(verdicts[0].eligible);
  EXPECT_EQ(verdicts[0].code, "window_expired");
  EXPECT_EQ(verdicts[0].message, "Termin na zwrot tego produktu minął 7 grudnia 2026.");
  EXPECT_TRUE(verdicts[0].resolutions.empty());
}

// Exchange is offered where the shop's policy lists it, and nowhere else.
TEST(Eligibility, ExchangeIsOfferedOnlyWhereThePolicyListsIt) {
  const Order order = kettle_order("2026-11-05T12:00:00Z");
  const std::vector<EligibilityItem> items{{"1", 1, "changed_mind", {}, {}}};
  const auto listed = check(read(R"({"resolutions":{"return":["refund","exchange"]}})"), order,
                            Kind::return_, "2026-11-10T10:00:00Z", "en", items);
  EXPECT_EQ(listed[0].resolutions, (std::vector<std::string>{"refund", "exchange"}));
  const auto unlisted = check(read(R"({"resolutions":{"return":["refund","store_credit"]}})"),
                              order, Kind::return_, "2026-11-10T10:00:00Z", "en", items);
  EXPECT_EQ(unlisted[0].resolutions, (std::vector<std::string>{"refund", "store_credit"}));
  // A reason's own list wins over the kind's.
  const auto by_reason = check(
      read(R"({"resolutions":{"return":["refund","exchange"]},"resolutions_by_reason":{"changed_mind":["refund"]}})"),
      order, Kind::return_, "2026-11-10T10:00:00Z", "en", items);
  EXPECT_EQ(by_reason[0].resolutions, (std::vector<std::string>{"refund"}));
}

TEST(Eligibility, MessagesInPolishEnglishAndRussian) {
  const Policy policy = read(kShopPolicy);
  const Order order = kettle_order("2026-11-05T12:00:00Z");
  const char *now = "2026-11-10T10:00:00Z";
  const std::vector<EligibilityItem> items{{"1", 1, "changed_mind"}};
  EXPECT_EQ(check(policy, order, Kind::return_, now, "pl", items)[0].message,
            "Możesz odstąpić od umowy i zwrócić ten produkt do 19 listopada 2026 (ustawowe 14 dni).");
  EXPECT_EQ(check(policy, order, Kind::return_, now, "en", items)[0].message,
            "You may withdraw from the contract and return this item until 19 November 2026 "
            "(statutory period).");
  EXPECT_EQ(check(policy, order, Kind::return_, now, "ru", items)[0].message,
            "Вы можете отказаться от товара и вернуть его до 19 ноября 2026 (срок по закону).");
  const auto excess = check(policy, order, Kind::return_, now, "ru", {{"1", 3, "changed_mind"}});
  EXPECT_EQ(excess[0].code, "quantity_exceeded");
  EXPECT_EQ(excess[0].message, "По этой позиции можно заявить не более 2 шт.");
  const auto missing = check(policy, order, Kind::return_, now, "pl", {{"9", 1, "other"}});
  EXPECT_EQ(missing[0].code, "line_not_found");
  EXPECT_EQ(missing[0].message, "W tym zamówieniu nie ma takiej pozycji.");
}

TEST(Eligibility, ComplaintsRunForTheGuaranteeAndAskForEvidence) {
  const Policy policy = read(kShopPolicy);
  const Order order = kettle_order("2024-11-25T12:00:00Z");
  auto verdicts = check(policy, order, Kind::complaint, "2026-11-23T10:00:00Z", "en",
                        {{"1", 1, "transport_damage"}, {"2", 1, "defect", {"photo"}}});
  EXPECT_TRUE(verdicts[0].eligible);
  EXPECT_EQ(verdicts[0].code, "statutory_guarantee");
  EXPECT_EQ(format_rfc3339(*verdicts[0].window_ends), "2026-11-25T22:59:59Z");
  EXPECT_EQ(verdicts[0].evidence_required, std::vector<std::string>{"photo"});
  EXPECT_EQ(verdicts[0].resolutions.size(), 4u);
  EXPECT_TRUE(verdicts[1].eligible);  // perishable goods can still be defective
  EXPECT_TRUE(verdicts[1].evidence_required.empty());
  verdicts = check(policy, order, Kind::complaint, "2026-11-26T10:00:00Z", "en",
                   {{"1", 1, "defect"}});
  EXPECT_FALSE(verdicts[0].eligible);
  EXPECT_EQ(verdicts[0].code, "guarantee_expired");
  // Claimed by another case already: nothing left.
  verdicts = check(policy, order, Kind::complaint, "2026-11-23T10:00:00Z", "en",
                   {{"1", 1, "defect"}}, {{"1", 2}});
  EXPECT_EQ(verdicts[0].code, "quantity_exceeded");
}

TEST(Eligibility, WithoutADeliveryDateTheOrderDateCountsAndIsFlagged) {
  const Policy policy = read("{}");
  const auto verdicts = check(policy, kettle_order(nullptr), Kind::return_,
                              "2026-11-10T10:00:00Z", "en", {{"1", 1, "changed_mind"}});
  EXPECT_TRUE(verdicts[0].window_from_order_date);
  EXPECT_EQ(format_rfc3339(*verdicts[0].window_ends), "2026-11-16T22:59:59Z");
}

TEST(Eligibility, RussianDistanceSales) {
  const Policy ru = read(R"({"jurisdiction":"RU"})");
  Order order = kettle_order("2026-11-05T12:00:00Z");
  EligibilityQuery query;
  query.kind = Kind::return_;
  query.locale = "ru";
  query.now = *parse_rfc3339("2026-11-12T12:00:00Z");
  query.items = {{"1", 1, "changed_mind"}};
  const Zone moscow("Europe/Moscow");
  auto verdicts = check_eligibility(ru, order, {}, query, moscow);
  EXPECT_EQ(verdicts[0].code, "statutory_withdrawal");
  EXPECT_EQ(format_rfc3339(*verdicts[0].window_ends), "2026-11-12T20:59:59Z");  // 7 days
  // Return terms not given in writing at delivery: 3 months (30 November → 28 February, a
  // Sunday → 1 March).
  Policy untold = read(R"({"jurisdiction":"RU","withdrawal_information_given":false})");
  order.delivered_at = *parse_rfc3339("2026-11-30T12:00:00Z");
  query.now = *parse_rfc3339("2027-02-20T12:00:00Z");
  verdicts = check_eligibility(untold, order, {}, query, moscow);
  EXPECT_TRUE(verdicts[0].eligible);
  EXPECT_EQ(format_rfc3339(*verdicts[0].window_ends), "2027-03-01T20:59:59Z");
}

}  // namespace
}  // namespace reclaim
