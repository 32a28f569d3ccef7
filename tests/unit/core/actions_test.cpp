// What actions do to a case, without a database: decisions per item, receipts, appeals, ratings.
#include <gtest/gtest.h>

#include "core/actions.hpp"
#include "core/error.hpp"
#include "core/intake.hpp"

namespace reclaim {
namespace {

constexpr UnixMs kNow = 1'795'000'000'000;

Order kettle_order() {
  Order order;
  order.id = "1001";
  order.currency = "PLN";
  order.customer.email = "jan@example.pl";
  order.lines.push_back({"1", "KET-1", "Kettle", 2, *Decimal::parse("199.99"), {}, {}, {}, {}, 0});
  order.lines.push_back({"2", "MUG-1", "Mug", 4, *Decimal::parse("20.00"), {}, {}, {}, {}, 1});
  return order;
}

OpenRequest customer_request() {
  OpenRequest request;
  request.actor = {Role::customer, ""};
  request.order_id = "1001";
  request.customer = Customer{"JAN@example.pl", "", "", "", "", ""};
  request.items = {{"1", "", "", std::nullopt, 2, "defect", "", "", "items[0]"},
                   {"2", "", "", std::nullopt, 3, "defect", "", "", "items[1]"}};
  return request;
}

Case open_case() {
  const Order order = kettle_order();
  return build_case(customer_request(), &order, {}, kNow);
}

ActionRequest by(Role role, Action action) {
  ActionRequest request;
  request.action = action;
  request.actor = {role, "someone"};
  return request;
}

TEST(Intake, QuantityLeftIsBoughtLessRefundedLessClaimed) {
  const Order order = kettle_order();
  auto request = customer_request();
  EXPECT_NO_THROW(build_case(request, &order, {}, kNow));
  try {
    build_case(request, &order, {{"2", 1}}, kNow);  // 4 bought, 1 refunded, 1 claimed: 2 left
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
    EXPECT_EQ(error.field(), "items[1].qty");
    EXPECT_EQ(error.rule(), "quantity_exceeded");
  }
}

TEST(Intake, CustomerMustMatchTheOrdersEmailAndNameAnOrder) {
  const Order order = kettle_order();
  auto request = customer_request();
  request.customer->email = "eve@example.pl";
  EXPECT_THROW(build_case(request, &order, {}, kNow), Error);
  request.order_id.clear();
  EXPECT_THROW(build_case(request, nullptr, {}, kNow), Error);
}

TEST(Intake, AnEmptyEmailMatchesNothing) {
  EXPECT_TRUE(same_email("JAN@example.pl", "jan@EXAMPLE.pl"));
  EXPECT_FALSE(same_email("jan@example.pl", "jan@example.com"));
  EXPECT_FALSE(same_email("", ""));
  // An order imported without an e-mail: a customer giving none does not prove it is theirs.
  Order order = kettle_order();
  order.customer.email.clear();
  auto request = customer_request();
  request.customer->email.clear();
  try {
    build_case(request, &order, {}, kNow);
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
    EXPECT_EQ(error.rule(), "email_mismatch");
  }
  // Staff may still open it for the customer.
  request.actor = {Role::agent, "agent-1"};
  EXPECT_NO_THROW(build_case(request, &order, {}, kNow));
}

TEST(Intake, LineNamedTwiceOrUnknownIsRefused) {
  const Order order = kettle_order();
  auto request = customer_request();
  request.items[1].line = "1";
  request.items[1].qty = 1;
  request.items[0].qty = 1;
  EXPECT_THROW(build_case(request, &order, {}, kNow), Error);
  request.items[1].line = "9";
  EXPECT_THROW(build_case(request, &order, {}, kNow), Error);
}

TEST(Resolutions, EveryTypeHasItsContractWordAndOnlyThreeGiveMoneyBack) {
  std::vector<std::string_view> giving;
  for (const auto word : kResolutions) {
    const auto type = parse_word<ResolutionType>(word, kResolutions);
    ASSERT_TRUE(type) << word;
    EXPECT_EQ(name(*type), word);
    if (gives_money_back(*type)) giving.push_back(word);
  }
  EXPECT_EQ(giving, (std::vector<std::string_view>{"refund", "partial_refund", "price_reduction"}));
  EXPECT_FALSE(parse_word<ResolutionType>("voucher", kResolutions));
}

TEST(Actions, PartialAcceptanceRejectsTheRestWithAReason) {
  Case subject = open_case();
  auto accept = by(Role::agent, Action::accept);
  ItemRef kettle;
  kettle.line = "1";
  kettle.qty = 1;
  kettle.resolution = Resolution{ResolutionType::refund, std::nullopt};
  accept.items = {kettle};
  EXPECT_THROW(apply_action(subject, accept, {kNow, 14}), Error);  // no reason for the rest
  EXPECT_EQ(subject.state, State::received);                        // untouched when refused
  EXPECT_EQ(subject.version, 1);
  accept.reason = "the mugs were used";
  const Outcome outcome = apply_action(subject, accept, {kNow + 1, 14});
  EXPECT_EQ(subject.state, State::accepted);
  EXPECT_TRUE(subject.partial);
  EXPECT_EQ(subject.version, 2);
  EXPECT_EQ(subject.items[0].decision.resolution->amount->amount.to_string(2), "199.99");
  EXPECT_EQ(subject.items[1].decision.outcome, ItemDecision::Outcome::rejected);
  EXPECT_EQ(outcome.events.front().type, "case.state_changed");
  EXPECT_EQ(subject.first_response_at, kNow + 1);
}

TEST(Actions, RefundAboveTheGoodsValueIsRefused) {
  Case subject = open_case();
  auto accept = by(Role::supervisor, Action::accept);
  ItemRef kettle;
  kettle.line = "1";
  kettle.resolution = Resolution{ResolutionType::partial_refund, Money{*Decimal::parse("400.00"), "PLN"}};
  ItemRef mugs;
  mugs.item = 2;
  mugs.resolution = Resolution{ResolutionType::replacement, std::nullopt};
  accept.items = {kettle, mugs};
  try {
    apply_action(subject, accept, {kNow, 14});
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.rule(), "amount_exceeded");
  }
  accept.items[0].resolution->amount->amount = *Decimal::parse("399.98");
  apply_action(subject, accept, {kNow, 14});
  EXPECT_FALSE(subject.partial);
}

TEST(Actions, PartialReceiptWaitsForTheRest) {
  Case subject = open_case();
  apply_action(subject, by(Role::agent, Action::authorize_return), {kNow, 14});
  auto receive = by(Role::host, Action::receive_goods);
  ItemRef some;
  some.line = "2";
  some.qty = 2;
  some.condition = "as_new";
  receive.items = {some};
  receive.condition = "opened";
  apply_action(subject, receive, {kNow, 14});
  EXPECT_EQ(subject.state, State::waiting_for_goods);
  receive.items.clear();
  apply_action(subject, receive, {kNow, 14});
  EXPECT_EQ(subject.state, State::goods_received);
  EXPECT_EQ(subject.items[1].received_qty, 3);
  EXPECT_THROW(apply_action(subject, receive, {kNow, 14}), Error);  // wrong state now
}

TEST(Actions, AReceiptSaysWhatBecomesOfEachItemForTheHostsStock) {
  Case subject = open_case();
  apply_action(subject, by(Role::agent, Action::authorize_return), {kNow, 14});
  auto receive = by(Role::agent, Action::receive_goods);
  ItemRef kettles;
  kettles.line = "1";
  kettles.condition = "damaged";
  kettles.disposition = "return_to_supplier";
  ItemRef mugs;
  mugs.line = "2";  // the receipt's own condition and disposition
  receive.items = {kettles, mugs};
  receive.condition = "as_new";
  receive.disposition = "restock";
  const auto outcome = apply_action(subject, receive, {kNow, 14});
  EXPECT_EQ(subject.state, State::goods_received);
  using Units = std::map<std::string, std::int64_t>;
  EXPECT_EQ(subject.items[0].disposed, (Units{{"return_to_supplier", 2}}));
  EXPECT_EQ(subject.items[1].disposed, (Units{{"restock", 3}}));
  ASSERT_FALSE(outcome.events.empty());
  const auto &items = outcome.events.front().data.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("sku"), "KET-1");
  EXPECT_EQ(items[0].at("qty"), 2);
  EXPECT_EQ(items[0].at("condition"), "damaged");
  EXPECT_EQ(items[0].at("disposition"), "return_to_supplier");
  EXPECT_EQ(items[1].at("sku"), "MUG-1");
  EXPECT_EQ(items[1].at("disposition"), "restock");
}

TEST(Actions, EachReceiptCountsItsOwnUnitsPerDisposition) {
  Case subject = open_case();
  apply_action(subject, by(Role::agent, Action::authorize_return), {kNow, 14});
  auto receive = by(Role::agent, Action::receive_goods);
  ItemRef one;
  one.line = "1";
  one.qty = 1;
  one.condition = "as_new";
  one.disposition = "restock";
  receive.items = {one};
  apply_action(subject, receive, {kNow, 14});
  one.condition = "damaged";
  one.disposition = "scrap";
  receive.items = {one};
  apply_action(subject, receive, {kNow, 14});
  EXPECT_EQ(subject.items[0].received_qty, 2);
  EXPECT_EQ(subject.items[0].disposed,
            (std::map<std::string, std::int64_t>{{"restock", 1}, {"scrap", 1}}));
}

TEST(Actions, AReceiptWithoutADispositionLeavesItUnsaid) {
  Case subject = open_case();
  apply_action(subject, by(Role::agent, Action::authorize_return), {kNow, 14});
  auto receive = by(Role::host, Action::receive_goods);
  receive.condition = "opened";
  const auto outcome = apply_action(subject, receive, {kNow, 14});
  EXPECT_TRUE(subject.items[0].disposed.empty());
  for (const auto &item : outcome.events.front().data.at("items").as_array()) {
    EXPECT_FALSE(item.as_object().contains("disposition"));
    EXPECT_EQ(item.at("condition"), "opened");
  }
}

TEST(Actions, CustomerReopensOnlyWithinTheAppealWindow) {
  Case subject = open_case();
  auto reject = by(Role::agent, Action::reject);
  reject.reason = "no defect found";
  apply_action(subject, reject, {kNow, 14});
  auto reopen = by(Role::customer, Action::reopen);
  reopen.reason = "it is broken";
  Case late = subject;
  EXPECT_THROW(apply_action(late, reopen, {kNow + 15 * kMsPerDay, 14}), Error);
  auto staff_reopen = by(Role::supervisor, Action::reopen);
  staff_reopen.reason = "second look";
  EXPECT_NO_THROW(apply_action(late, staff_reopen, {kNow + 15 * kMsPerDay, 14}));
  apply_action(subject, reopen, {kNow + 14 * kMsPerDay, 14});
  EXPECT_EQ(subject.state, State::in_review);
  EXPECT_EQ(subject.reopened, 1);
  EXPECT_FALSE(subject.decided_at);
}

TEST(Actions, RatingHappensOnce) {
  Case subject = open_case();
  auto reject = by(Role::agent, Action::reject);
  reject.reason = "outside warranty";
  apply_action(subject, reject, {kNow, 14});
  auto rate = by(Role::customer, Action::rate);
  rate.score = 2;
  const auto outcome = apply_action(subject, rate, {kNow, 14});
  EXPECT_EQ(outcome.events.back().type, "case.rated");
  EXPECT_EQ(subject.state, State::rejected);
  EXPECT_THROW(apply_action(subject, rate, {kNow, 14}), Error);
}

TEST(Actions, InternalCommentIsNotAFirstResponse) {
  Case subject = open_case();
  auto note = by(Role::agent, Action::comment);
  note.message = "call the supplier";
  const auto outcome = apply_action(subject, note, {kNow, 14});
  EXPECT_FALSE(subject.first_response_at);
  EXPECT_FALSE(outcome.history.customer_visible);
  EXPECT_EQ(outcome.events.back().type, "case.note");
}

}  // namespace
}  // namespace reclaim
