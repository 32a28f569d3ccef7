// What an action does to a case: pure functions of the case, the request and the time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace reclaim {

// One item named by an action: by order line id or by its position in the case.
struct ItemRef {
  std::string line;
  int item = 0;
  std::string field;  // JSON path, for errors
  std::optional<std::int64_t> qty;
  std::string condition;
  std::string disposition;
  std::optional<Resolution> resolution;
};

struct ActionRequest {
  Action action = Action::comment;
  Actor actor;
  std::optional<std::int64_t> expected_version;
  std::string idempotency_key;
  std::string message;       // request_info, reply, comment
  std::string instructions;  // authorize_return
  std::string reason;        // reject, reopen, cancel, escalate, legal_hold; accept: for what it rejects
  std::string reference;     // fulfil
  std::string explanation;   // accept: why this decision, in words to the customer
  std::string condition;     // receive_goods, for every item
  std::string disposition;   // receive_goods, for every item (optional)
  std::string priority;      // set_priority
  std::string to;            // escalate
  std::string comment;       // rate
  std::optional<int> score;  // rate
  std::optional<std::string> assignee;  // assign; "" clears
  bool customer_visible = false;        // comment
  std::optional<bool> hold;             // legal_hold: set (true) or released (false)
  std::optional<Resolution> resolution;  // accept, for every item
  std::vector<ItemRef> items;            // accept, receive_goods
  std::vector<std::string> tags_add, tags_remove;
  std::vector<std::string> attachments;  // reply: ids of files stored with the case
  std::string supplier;                  // claim_supplier
  std::optional<Money> amount;           // claim_supplier: asked; supplier_answer: recovered
  std::optional<int> claim;              // supplier_answer: which claim (default: the open one)
  std::string answer;                    // supplier_answer: accepted or rejected
};

struct ActionContext {
  UnixMs now = 0;
  int appeal_days = 14;  // how long a customer may reopen a rejected, resolved or closed case
  UnixMs supplier_answer_due = 0;  // claim_supplier: the shop's target for the answer
};

// The history entry and the events an action leaves.
struct Outcome {
  HistoryEntry history;
  std::vector<Event> events;
};

// Checks the role, the state and the request against the case, then changes the case (state,
// version, timestamps, decisions). Throws Error and leaves the case untouched when refused.
Outcome apply_action(Case &subject, const ActionRequest &request, const ActionContext &context);

// The event every change to a case emits, filled with the case's identity.
Event case_event(const Case &subject, std::string type, UnixMs at, bool customer_visible,
                 boost::json::object data);

}  // namespace reclaim

namespace reclaim {

// Deemed acceptance (PL u.p.k. art. 7a): the system accepts an undecided case whose statutory
// decision date has passed, with the customer's preferred resolution for every item.
// Error(not_allowed) when the case is decided or its deadline does not work that way.
Outcome deem_accepted(Case &subject, UnixMs now);

// The policy's decision limits: throws Error(not_allowed) naming who may decide when the value
// of an accept by `actor` exceeds what the actor's role may grant, per currency.
struct Policy;
void check_decision_limit(const Policy &policy, const Actor &actor, const Case &decided);

}  // namespace reclaim
