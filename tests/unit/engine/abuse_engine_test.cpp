// Abuse limits through the engine on each backend: a customer beyond them gets flagged cases and
// a case.flagged event, their defect complaint and their withdrawal in its window are still
// opened, and a voluntary return beyond the law is refused only when the policy says so, in
// the customer's language, with nothing stored.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "support/backends.hpp"
#include "support/documents.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

constexpr const char *kEmail = "ola.zwrotna@example.pl";
const Address kHome{"ul. Długa 5", "", "Gdańsk", "80-001", "", "PL"};

class AbuseEngine : public ::testing::TestWithParam<std::string> {
 protected:
  AbuseEngine() : database_(test::fresh_database(GetParam())) {
    EngineConfig config;
    config.storage.database = database_;
    config.manual_clock = true;
    ShopConfig shop;
    shop.timezone = "Europe/Warsaw";
    shop.currency = "PLN";
    config.shops = {shop};
    engine_ = std::make_unique<Engine>(config);
    engine_->set_clock(*parse_rfc3339("2026-11-20T10:00:00Z"));
  }

  // The shop takes returns for 30 days (the law: 14), with these abuse limits.
  void limits(const std::string &abuse) {
    set_policy(
        *engine_, "default",
        json::parse(R"({"jurisdiction":"PL","return_window_days":30,"abuse":)" + abuse + "}"));
  }

  // An order of five kettles, delivered `days_ago` (-1: the host sent no delivery date; it was
  // placed 20 days ago).
  void order(const std::string &id, int days_ago, const std::string &customer_id = "") {
    Order order;
    order.id = id;
    order.number = "#" + id;
    order.currency = "PLN";
    order.placed_at = engine_->now() - (days_ago < 0 ? 20 : days_ago + 2) * kMsPerDay;
    if (days_ago >= 0) order.delivered_at = engine_->now() - days_ago * kMsPerDay;
    order.customer = Customer{kEmail, "Ola Zwrotna", "pl", "consumer", "", ""};
    order.customer.id = customer_id;
    order.shipping_address = kHome;
    OrderLine line;
    line.id = "1";
    line.sku = "KET-1";
    line.name = "Kettle";
    line.qty = 5;
    line.unit_price = *Decimal::parse("149.00");
    order.lines = {line};
    engine_->import_order("default", order);
  }

  CaseRecord open(const std::string &order_id, Kind kind, Role role = Role::customer,
                  const std::string &locale = "pl") {
    OpenRequest request;
    request.kind = kind;
    request.actor = {role, role == Role::customer ? "" : "ewa"};
    request.order_id = order_id;
    request.customer = Customer{kEmail, "", locale, "", "", ""};
    OpenItem item;
    item.line = "1";
    item.qty = 1;
    item.reason = kind == Kind::complaint ? "defect" : "changed_mind";
    item.field = "items[0]";
    request.items = {item};
    return engine_->open_case(request, "");
  }

  std::size_t case_count() {
    CaseQuery query;
    query.limit = 100;
    return engine_->list_cases(query).cases.size();
  }

  std::vector<Event> flagged_events() {
    EventQuery query;
    query.limit = 1000;
    std::vector<Event> found;
    for (auto &event : engine_->read_events(query).events) {
      if (event.type == "case.flagged") found.push_back(std::move(event));
    }
    return found;
  }

  std::string database_;
  std::unique_ptr<Engine> engine_;
};

INSTANTIATE_TEST_SUITE_P(Backends, AbuseEngine, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

std::vector<std::string> flag_names(const Case &c) {
  std::vector<std::string> names;
  for (const auto &flag : c.flags) names.push_back(flag.name);
  return names;
}

TEST_P(AbuseEngine, FlagsNeverRefuseAComplaintOrAWithdrawalInItsWindow) {
  limits(R"({"max_returns":1,"refuse_voluntary_returns":true})");
  order("A", 2);
  order("B", 3);
  order("LATE", 20);  // past the statutory 14 days, inside the shop's 30

  const auto first = open("A", Kind::return_).subject;
  EXPECT_TRUE(first.flags.empty()) << "one return is within the limit";
  EXPECT_EQ(first.priority, "normal");

  const auto second = open("B", Kind::return_).subject;  // a withdrawal in its window
  ASSERT_EQ(flag_names(second), std::vector<std::string>{"serial_returner"});
  EXPECT_EQ(second.flags[0].rule, "max_returns");
  EXPECT_EQ(json::serialize(second.flags[0].figures),
            R"({"returns":2,"max_returns":1,"window_days":365})");
  EXPECT_EQ(second.priority, "high") << "a flag sends the case to a person first";
  const auto stored = engine_->get_case(second.number).subject;
  ASSERT_EQ(stored.flags.size(), 1u) << "stored with the case";
  EXPECT_EQ(json::serialize(stored.flags[0].figures), json::serialize(second.flags[0].figures))
      << "read back, its figures outlive the document they were read from";

  const auto complaint = open("A", Kind::complaint).subject;
  EXPECT_EQ(flag_names(complaint), std::vector<std::string>{"serial_returner"});
  EXPECT_EQ(complaint.state, State::received) << "a defect complaint is opened all the same";

  const auto before = case_count();
  try {
    open("LATE", Kind::return_);
    FAIL() << "a flagged customer's voluntary return was accepted on their own channel";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
    EXPECT_EQ(error.rule(), "voluntary_return_refused");
    EXPECT_EQ(error.field(), "items[0]");
    EXPECT_NE(std::string(error.what()).find("ustawowe prawo odstąpienia od umowy"),
              std::string::npos)
        << error.what();
  }
  EXPECT_EQ(case_count(), before) << "a refusal stores nothing";

  const auto by_staff = open("LATE", Kind::return_, Role::agent).subject;
  EXPECT_EQ(flag_names(by_staff), std::vector<std::string>{"serial_returner"})
      << "staff may still open it";

  const auto events = flagged_events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_FALSE(events[0].customer_visible) << "the customer is not told of a flag";
  EXPECT_EQ(events[0].case_id, second.id);
  EXPECT_EQ(events[0].data.at("flags").as_array().at(0).at("flag").as_string(), "serial_returner");
}

TEST_P(AbuseEngine, AVoluntaryReturnIsOpenedFlaggedUnlessThePolicyRefusesIt) {
  limits(R"({"max_returns":0})");
  order("LATE", 20);
  const auto opened = open("LATE", Kind::return_).subject;
  EXPECT_EQ(flag_names(opened), std::vector<std::string>{"serial_returner"});
}

TEST_P(AbuseEngine, OnlyAFlaggedCustomersReturnKnownToBeBeyondTheLawIsRefused) {
  limits(R"({"max_returns":1,"refuse_voluntary_returns":true})");
  order("LATE", 20);
  order("LATE2", 20);
  order("UNDATED", -1);
  EXPECT_TRUE(open("LATE", Kind::return_).subject.flags.empty())
      << "an unflagged customer's voluntary return is taken as the policy says";
  // Now beyond the limit: counted from the order date, the law's period (from delivery) may
  // still run, so the return is opened, flagged.
  EXPECT_EQ(flag_names(open("UNDATED", Kind::return_).subject),
            std::vector<std::string>{"serial_returner"});
  EXPECT_THROW(open("LATE2", Kind::return_), Error);
  limits(R"({"max_returns":1,"refuse_voluntary_returns":true,"allow":{"emails":[")" +
         std::string(kEmail) + R"("]}})");
  EXPECT_TRUE(open("LATE2", Kind::return_).subject.flags.empty()) << "the allow list wins";
}

TEST_P(AbuseEngine, TheRefusalIsWrittenInTheCustomersLanguage) {
  limits(R"({"max_returns":0,"refuse_voluntary_returns":true})");
  order("LATE", 20);
  const auto message = [&](const std::string &locale) {
    try {
      open("LATE", Kind::return_, Role::customer, locale);
    } catch (const Error &error) {
      return std::string(error.what());
    }
    return std::string("opened");
  };
  EXPECT_NE(message("en").find("beyond the statutory right of withdrawal"), std::string::npos);
  EXPECT_NE(message("ru").find("права на отказ от товара"), std::string::npos);
  EXPECT_NE(message("pl").find("Reklamację towaru niezgodnego z umową (np. wadliwego) możesz"), std::string::npos);
}

TEST_P(AbuseEngine, BlockListsNameTheCustomerIdOrTheAddressAndTheAllowListWins) {
  limits(R"({"block":{"customers":["cust-9"]}})");
  order("A", 2, "cust-9");
  auto blocked = open("A", Kind::complaint).subject;
  ASSERT_EQ(flag_names(blocked), std::vector<std::string>{"blocked"});
  EXPECT_EQ(blocked.flags[0].rule, "block.customers");
  EXPECT_EQ(blocked.customer.id, "cust-9") << "the case keeps the order's customer id";

  limits(R"({"block":{"addresses":[")" + address_hash(kHome) + R"("]}})");
  EXPECT_EQ(open("A", Kind::complaint).subject.flags.at(0).rule, "block.addresses");

  limits(
      R"({"max_returns":0,"block":{"customers":["cust-9"]},"allow":{"emails":["OLA.ZWROTNA@example.pl"]}})");
  EXPECT_TRUE(open("A", Kind::return_).subject.flags.empty()) << "the allow list wins";
}

TEST_P(AbuseEngine, StaffSeeTheCustomersRecentHistoryAndAddressHash) {
  limits(R"({"window_days":30,"max_return_value":{"PLN":"200.00"}})");
  order("A", 2);
  order("B", 3);
  order("C", 4);
  open("A", Kind::return_);
  const auto second = open("B", Kind::return_).subject;
  EXPECT_EQ(flag_names(second), std::vector<std::string>{"high_value"})
      << "298.00 returned, beyond 200.00";
  open("A", Kind::complaint);
  const auto standing = engine_->customer_standing(second);
  EXPECT_EQ(standing.window_days, 30);
  EXPECT_EQ(standing.history.cases, 3);
  EXPECT_EQ(standing.history.returns, 2);
  EXPECT_EQ(standing.history.complaints, 1);
  EXPECT_EQ(standing.history.orders, 3);
  EXPECT_EQ(standing.history.orders_returned, 2);
  EXPECT_EQ(standing.history.return_value.at("PLN").to_string(2), "298.00");
  EXPECT_EQ(standing.address_hash, address_hash(kHome));
}

}  // namespace
}  // namespace reclaim
