// Abuse limits: the customer's history in the window, each flag with its rule and figures, the
// allow list over everything, address hashes, and the policy's "abuse" as JSON.
#include "core/abuse.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "codec/abuse_json.hpp"
#include "codec/policy_json.hpp"
#include "core/eligibility.hpp"
#include "core/error.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

constexpr UnixMs kNow = 1'800'000'000'000;

Case a_case(Kind kind, const std::string &order_id, const char *price, std::int64_t qty = 1,
            UnixMs at = kNow) {
  Case c;
  c.kind = kind;
  c.order_id = order_id;
  c.created_at = at;
  c.customer.email = "ola@example.pl";
  CaseItem item;
  item.qty = qty;
  item.unit_price = Money{*Decimal::parse(price), "PLN"};
  c.items = {item};
  return c;
}

std::vector<std::string> names(const std::vector<Flag> &flags) {
  std::vector<std::string> out;
  for (const auto &flag : flags) out.push_back(flag.name + "/" + flag.rule);
  return out;
}

AbusePolicy read(const char *text) { return codec::abuse_policy_from(json::parse(text), "abuse"); }

TEST(Abuse, HistoryCountsOnlyTheWindowAndReturnsFromOrdersOfTheWindow) {
  const UnixMs since = kNow - 30 * kMsPerDay;
  const std::vector<Case> cases{
      a_case(Kind::return_, "A", "100.00", 2),
      a_case(Kind::return_, "A", "50.00"),
      a_case(Kind::return_, "B", "10.00"),
      a_case(Kind::complaint, "C", "999.00"),
      a_case(Kind::return_, "", "20.00"),
      a_case(Kind::return_, "OLD", "500.00", 1, since - 1),  // before the window
  };
  const auto history = history_of(cases, {"A", "B", "C", "D"}, since);
  EXPECT_EQ(history.cases, 5);
  EXPECT_EQ(history.returns, 4);
  EXPECT_EQ(history.complaints, 1);
  EXPECT_EQ(history.no_receipt, 1);
  EXPECT_EQ(history.return_value.at("PLN").to_string(2), "280.00");
  EXPECT_EQ(history.orders, 4);
  EXPECT_EQ(history.orders_returned, 2);  // A and B; C only had a complaint
  EXPECT_EQ(history.return_rate(3)->to_string(2), "0.50");
  EXPECT_FALSE(history.return_rate(5)) << "four orders say nothing of a rate when five are asked";
}

TEST(Abuse, EachLimitRaisesItsFlagOnlyBeyondItWithTheFigures) {
  AbusePolicy policy;
  policy.max_returns = 2;
  policy.max_return_value["PLN"] = *Decimal::parse("300.00");
  policy.max_no_receipt = 0;
  const Case subject = a_case(Kind::return_, "A", "100.00");
  CustomerHistory at_limit;
  at_limit.returns = 2;
  at_limit.return_value["PLN"] = *Decimal::parse("300.00");
  EXPECT_TRUE(judge_abuse(policy, subject, "", std::nullopt, at_limit).empty())
      << "a limit reached is not a limit passed";

  CustomerHistory beyond = at_limit;
  beyond.returns = 3;
  beyond.return_value["PLN"] = *Decimal::parse("300.01");
  beyond.no_receipt = 1;
  const auto flags = judge_abuse(policy, subject, "", std::nullopt, beyond);
  EXPECT_EQ(names(flags),
            (std::vector<std::string>{"serial_returner/max_returns", "high_value/max_return_value",
                                      "many_no_receipt/max_no_receipt"}));
  EXPECT_EQ(json::serialize(flags[0].figures),
            R"({"returns":3,"max_returns":2,"window_days":365})");
  EXPECT_EQ(flags[1].figures.at("return_value").as_string(), "300.01");
  EXPECT_EQ(flags[1].figures.at("max_return_value").as_string(), "300.00");
}

TEST(Abuse, TheReturnRateCountsFromEnoughOrders) {
  AbusePolicy policy;
  policy.max_return_rate = *Decimal::parse("0.5");
  const Case subject = a_case(Kind::return_, "A", "1.00");
  CustomerHistory history;
  history.orders = 2;
  history.orders_returned = 2;
  EXPECT_TRUE(judge_abuse(policy, subject, "", std::nullopt, history).empty())
      << "two orders are fewer than rate_min_orders (3)";
  history.orders = 4;
  history.orders_returned = 3;
  const auto flags = judge_abuse(policy, subject, "", std::nullopt, history);
  ASSERT_EQ(names(flags), std::vector<std::string>{"serial_returner/max_return_rate"});
  EXPECT_EQ(flags[0].figures.at("return_rate").as_string(), "0.75");
}

TEST(Abuse, BlockListsNameByEmailInAnyCaseCustomerIdOrAddressAndTheAllowListWins) {
  const Address home{"ul. Długa 5", "", "Gdańsk", "80-001", "", "PL"};
  const Address typed{"  UL.  Długa   5 ", "", "GDAŃSK", "80-001", "", "pl"};
  EXPECT_EQ(address_hash(home), address_hash(typed)) << "spaces and ASCII case do not matter";
  EXPECT_NE(address_hash(home),
            address_hash(Address{"ul. Długa 7", "", "Gdańsk", "80-001", "", "PL"}));
  EXPECT_EQ(address_hash(home).size(), 64u);

  Case subject = a_case(Kind::complaint, "A", "1.00");
  AbusePolicy policy;
  policy.block.emails = {"OLA@EXAMPLE.PL"};
  EXPECT_EQ(names(judge_abuse(policy, subject, "", std::nullopt, {})),
            std::vector<std::string>{"blocked/block.emails"});
  policy.block = {{}, {"cust-7"}, {}};
  EXPECT_EQ(names(judge_abuse(policy, subject, "cust-7", std::nullopt, {})),
            std::vector<std::string>{"blocked/block.customers"});
  EXPECT_TRUE(judge_abuse(policy, subject, "cust-8", std::nullopt, {}).empty());
  policy.block = {{}, {}, {address_hash(home)}};
  EXPECT_EQ(names(judge_abuse(policy, subject, "", typed, {})),
            std::vector<std::string>{"blocked/block.addresses"});

  policy.allow.emails = {"ola@example.pl"};
  policy.max_returns = 0;
  CustomerHistory many;
  many.returns = 50;
  EXPECT_TRUE(judge_abuse(policy, subject, "", typed, many).empty()) << "the allow list wins";
}

TEST(Abuse, CaseValueIsItsItemsPricesTimesQuantities) {
  Case subject = a_case(Kind::return_, "A", "19.99", 3);
  subject.items.push_back(CaseItem{});  // an item without a price adds nothing
  EXPECT_EQ(case_value(subject)->amount.to_string(2), "59.97");
  EXPECT_FALSE(case_value(Case{}));
}

TEST(Abuse, OnlyAFlaggedCustomersOwnReturnKnownToBeBeyondTheLawIsRefusable) {
  AbusePolicy policy;
  policy.refuse_voluntary_returns = true;
  const std::vector<Flag> flagged{{"serial_returner", "max_returns", {}}};
  ItemVerdict voluntary;
  voluntary.code = "shop_return_policy";
  voluntary.eligible = true;
  ItemVerdict withdrawal = voluntary;
  withdrawal.code = "statutory_withdrawal";
  ItemVerdict complaint = voluntary;
  complaint.code = "statutory_guarantee";
  ItemVerdict undated = voluntary;
  undated.window_from_order_date = true;
  const std::vector<ItemVerdict> mixed{withdrawal, voluntary};
  EXPECT_EQ(refusable_return(policy, flagged, Role::customer, mixed), &mixed[1]);
  EXPECT_EQ(refusable_return(policy, flagged, Role::customer, {withdrawal}), nullptr);
  EXPECT_EQ(refusable_return(policy, flagged, Role::customer, {complaint}), nullptr);
  EXPECT_EQ(refusable_return(policy, flagged, Role::customer, {undated}), nullptr);
  EXPECT_EQ(refusable_return(policy, flagged, Role::agent, mixed), nullptr) << "staff may open it";
  EXPECT_EQ(refusable_return(policy, {}, Role::customer, mixed), nullptr) << "not flagged";
  policy.refuse_voluntary_returns = false;
  EXPECT_EQ(refusable_return(policy, flagged, Role::customer, mixed), nullptr);
}

TEST(AbuseJson, ThePolicyReadsAndWritesBackEveryMember) {
  const auto policy = read(R"({"window_days":180,"max_returns":10,
      "max_return_value":{"PLN":"2000.00","EUR":"500"},"max_return_rate":"0.5",
      "rate_min_orders":4,"max_no_receipt":2,
      "block":{"emails":["x@example.pl"],"customers":["42"],
               "addresses":["0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"]},
      "allow":{"emails":["vip@example.pl"]},"refuse_voluntary_returns":true})");
  EXPECT_EQ(policy.window_days, 180);
  EXPECT_EQ(policy.max_returns, 10);
  EXPECT_EQ(policy.max_return_value.at("EUR").to_string(2), "500.00");
  EXPECT_EQ(policy.rate_min_orders, 4);
  EXPECT_TRUE(policy.refuse_voluntary_returns);
  const auto again = codec::abuse_policy_from(codec::to_json(policy), "abuse");
  EXPECT_EQ(json::serialize(codec::to_json(again)), json::serialize(codec::to_json(policy)));

  const auto whole =
      codec::policy_from_json(json::parse(R"({"abuse":{"max_returns":3}})"), Jurisdiction::pl);
  ASSERT_TRUE(whole.abuse);
  EXPECT_EQ(codec::policy_to_json(whole).at("abuse").at("max_returns").as_int64(), 3);
  EXPECT_FALSE(codec::policy_from_json(json::parse("{}"), Jurisdiction::pl).abuse);
}

TEST(AbuseJson, BadSettingsAreRefusedNamingTheField) {
  const auto field_of = [](const char *text) {
    try {
      read(text);
      return std::string("accepted");
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::invalid_argument);
      return error.field();
    }
  };
  EXPECT_EQ(field_of(R"({"max_return_rate":"1.5"})"), "abuse.max_return_rate");
  EXPECT_EQ(field_of(R"({"max_return_rate":0.5})"), "abuse.max_return_rate");
  EXPECT_EQ(field_of(R"({"max_returns":-1})"), "abuse.max_returns");
  EXPECT_EQ(field_of(R"({"window_days":6})"), "abuse.window_days");
  EXPECT_EQ(field_of(R"({"max_returns":1000})"), "abuse.max_returns")
      << "a history is read up to 1000 cases: a limit must stay below";
  EXPECT_EQ(field_of(R"({"max_return_value":{"PLN":"-1"}})"), "abuse.max_return_value.PLN");
  EXPECT_EQ(field_of(R"({"max_return_value":{"ZZZ":"1"}})"), "abuse.max_return_value.ZZZ");
  EXPECT_EQ(field_of(R"({"block":{"addresses":["Gdańsk"]}})"), "abuse.block.addresses[0]");
  EXPECT_EQ(field_of(R"({"block":{"emails":[""]}})"), "abuse.block.emails[0]");
  EXPECT_EQ(field_of(R"({"block":{"phones":["1"]}})"), "abuse.block.phones");
  EXPECT_EQ(field_of(R"({"colour":"red"})"), "abuse.colour");
  EXPECT_EQ(field_of(R"([1])"), "abuse");
}

}  // namespace
}  // namespace reclaim
