// Every action × role × state against the table of docs/STATES.md, written out here
// independently.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "core/error.hpp"
#include "core/state_machine.hpp"

namespace reclaim {
namespace {

struct Expected {
  std::set<std::string> roles;
  std::set<std::string> from;
  std::string to;  // "" = unchanged
};

const std::set<std::string> kBeforeDecision = {"received", "in_review", "waiting_for_customer",
                                               "waiting_for_goods", "goods_received"};
const std::set<std::string> kNotFinished = {
    "received", "in_review", "waiting_for_customer", "waiting_for_goods", "goods_received",
    "accepted", "rejected",  "resolved"};

const std::map<std::string, Expected> &contract() {
  static const std::map<std::string, Expected> table = {
      {"review", {{"agent", "supervisor"}, {"received"}, "in_review"}},
      {"request_info",
       {{"agent", "supervisor"}, {"received", "in_review", "goods_received"},
        "waiting_for_customer"}},
      {"reply", {{"customer"}, {"waiting_for_customer"}, "in_review"}},
      {"authorize_return",
       {{"agent", "supervisor"}, {"received", "in_review"}, "waiting_for_goods"}},
      {"receive_goods",
       {{"agent", "supervisor", "host"}, {"waiting_for_goods"}, "goods_received"}},
      {"accept",
       {{"agent", "supervisor"}, {"received", "in_review", "goods_received"}, "accepted"}},
      {"reject",
       {{"agent", "supervisor"}, {"received", "in_review", "goods_received"}, "rejected"}},
      {"fulfil", {{"host", "agent", "supervisor"}, {"accepted"}, "resolved"}},
      {"close", {{"agent", "supervisor", "system"}, {"resolved", "rejected"}, "closed"}},
      {"reopen",
       {{"customer", "agent", "supervisor"}, {"rejected", "resolved", "closed"}, "in_review"}},
      {"cancel", {{"customer", "agent"}, kBeforeDecision, "cancelled"}},
      {"rate", {{"customer"}, {"resolved", "closed", "rejected"}, ""}},
      {"assign", {{"agent", "supervisor"}, kNotFinished, ""}},
      {"escalate", {{"agent", "supervisor", "system"}, kNotFinished, ""}},
      {"comment", {{"agent", "supervisor"}, kNotFinished, ""}},
      {"set_priority", {{"agent", "supervisor"}, kNotFinished, ""}},
      {"tag", {{"agent", "supervisor"}, kNotFinished, ""}},
      {"renew_link",
       {{"customer", "agent", "supervisor", "host"},
        {"received", "in_review", "waiting_for_customer", "waiting_for_goods", "goods_received",
         "accepted", "rejected", "resolved", "closed", "cancelled"},
        ""}},
      {"legal_hold",
       {{"supervisor", "host"},
        {"received", "in_review", "waiting_for_customer", "waiting_for_goods", "goods_received",
         "accepted", "rejected", "resolved", "closed", "cancelled"},
        ""}},
      {"claim_supplier",
       {{"agent", "supervisor", "host"},
        {"received", "in_review", "waiting_for_customer", "waiting_for_goods", "goods_received",
         "accepted", "rejected", "resolved", "closed"},
        ""}},
      {"supplier_answer",
       {{"agent", "supervisor", "host"},
        {"received", "in_review", "waiting_for_customer", "waiting_for_goods", "goods_received",
         "accepted", "rejected", "resolved", "closed", "cancelled"},
        ""}},
  };
  return table;
}

TEST(StateMachine, TableCoversEveryAction) {
  EXPECT_EQ(contract().size(), std::size(kActionNames));
}

TEST(StateMachine, EveryActionRoleAndStateAsTheContractSays) {
  int allowed = 0, refused = 0;
  for (std::size_t a = 0; a < std::size(kActionNames); ++a) {
    const auto action = static_cast<Action>(a);
    const Expected &want = contract().at(std::string(name(action)));
    const auto &t = transition(action);
    EXPECT_EQ(t.to ? std::string(name(*t.to)) : "", want.to) << name(action);
    for (std::size_t r = 0; r < std::size(kRoleNames); ++r) {
      const auto role = static_cast<Role>(r);
      for (std::size_t s = 0; s < std::size(kStateNames); ++s) {
        const auto state = static_cast<State>(s);
        const bool expect = want.roles.contains(std::string(name(role))) &&
                            want.from.contains(std::string(name(state)));
        SCOPED_TRACE(std::string(name(action)) + " by " + std::string(name(role)) + " in " +
                     std::string(name(state)));
        if (expect) {
          EXPECT_NO_THROW(check_transition(action, role, state));
          ++allowed;
        } else {
          try {
            check_transition(action, role, state);
            ADD_FAILURE() << "allowed";
          } catch (const Error &error) {
            EXPECT_EQ(error.status(), Status::not_allowed);
            EXPECT_FALSE(error.rule().empty());
          }
          ++refused;
        }
      }
    }
  }
  EXPECT_EQ(allowed + refused, std::size(kActionNames) * 5 * 10);
  EXPECT_GT(allowed, 0);
}

// The fields each action's request takes and needs, and the event it emits besides
// case.state_changed (shown to the customer / not), as the contract lists them.
TEST(StateMachine, EachActionTakesTheContractsFieldsAndEmitsItsEvents) {
  struct Want {
    std::set<std::string> fields, required;
    std::string shown_event, staff_event;
  };
  const std::map<std::string, Want> want = {
      {"review", {}},
      {"request_info", {{"message"}, {"message"}, "case.message", ""}},
      {"reply", {{"message"}, {"message"}, "case.message", ""}},
      {"authorize_return", {{"instructions"}, {}, "", ""}},
      {"receive_goods", {{"items", "condition", "disposition"}, {}, "", ""}},
      {"accept", {{"resolution", "items", "reason", "explanation"}, {}, "", ""}},
      {"reject", {{"reason"}, {"reason"}, "", ""}},
      {"fulfil", {{"reference"}, {}, "", ""}},
      {"close", {}},
      {"reopen", {{"reason"}, {"reason"}, "", ""}},
      {"cancel", {{"reason"}, {}, "", ""}},
      {"rate", {{"score", "comment"}, {"score"}, "", "case.rated"}},
      {"assign", {{"assignee"}, {}, "", "case.assigned"}},
      {"escalate", {{"reason", "to"}, {}, "", "case.escalated"}},
      {"comment", {{"message", "customer_visible"}, {"message"}, "case.message", "case.note"}},
      {"set_priority", {{"priority"}, {"priority"}, "", "case.updated"}},
      {"tag", {{"add", "remove"}, {}, "", "case.updated"}},
      {"renew_link", {{}, {}, "case.link_renewed", ""}},
      {"legal_hold", {{"hold", "reason"}, {"hold"}, "", "case.updated"}},
      {"claim_supplier",
       {{"supplier", "reference", "items", "amount", "currency", "message"},
        {"supplier"},
        "",
        "case.supplier_claimed"}},
      {"supplier_answer",
       {{"claim", "answer", "amount", "currency", "reference", "reason"},
        {"answer"},
        "",
        "case.supplier_answered"}},
  };
  ASSERT_EQ(want.size(), std::size(kActionNames));
  for (std::size_t a = 0; a < std::size(kActionNames); ++a) {
    const auto action = static_cast<Action>(a);
    const Want &w = want.at(std::string(name(action)));
    const auto &t = transition(action);
    SCOPED_TRACE(std::string(name(action)));
    EXPECT_EQ(std::set<std::string>(t.fields.begin(), t.fields.end()), w.fields);
    EXPECT_EQ(std::set<std::string>(t.required.begin(), t.required.end()), w.required);
    EXPECT_EQ(t.shown_event, w.shown_event);
    EXPECT_EQ(t.staff_event, w.staff_event);
  }
}

TEST(StateMachine, WrongRoleMessageNamesWhoMayAct) {
  try {
    check_transition(Action::accept, Role::customer, State::in_review);
    FAIL();
  } catch (const Error &error) {
    EXPECT_NE(std::string(error.what()).find("agent or supervisor"), std::string::npos);
    EXPECT_EQ(error.field(), "actor.role");
  }
}

TEST(StateMachine, WrongStateMessageNamesTheStates) {
  try {
    check_transition(Action::fulfil, Role::host, State::received);
    FAIL();
  } catch (const Error &error) {
    EXPECT_NE(std::string(error.what()).find("only in accepted"), std::string::npos);
  }
}

}  // namespace
}  // namespace reclaim
