// Abuse: the limits a shop sets on how much one customer returns, what that customer did in the
// window, and the flags a case beyond the limits carries. A flag sends the case to a person; it
// never refuses a statutory right (a complaint about a defect, a withdrawal in its window).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/decimal.hpp"
#include "core/model.hpp"

namespace reclaim {

struct ItemVerdict;  // core/eligibility.hpp, which reaches this header through the policy

inline constexpr std::string_view kFlagNames[] = {"blocked", "serial_returner", "high_value",
                                                  "many_no_receipt"};

// Customers picked out by e-mail (any letter case), the host's customer id, or the hash of a
// shipping address (address_hash).
struct CustomerList {
  std::vector<std::string> emails, customers, addresses;
  bool empty() const { return emails.empty() && customers.empty() && addresses.empty(); }
};

struct AbusePolicy {
  int window_days = 365;
  std::optional<int> max_returns;                   // returns in the window, this one counted
  std::map<std::string, Decimal> max_return_value;  // per currency, the returns' worth
  std::optional<Decimal> max_return_rate;           // orders returned from / orders bought
  int rate_min_orders = 3;                          // fewer orders say nothing of a rate
  std::optional<int> max_no_receipt;                // cases for goods without an order
  CustomerList block, allow;
  // Refuse a voluntary return (beyond the law) of a flagged customer on the customer's own
  // channels; staff may still open it. Statutory rights are never refused.
  bool refuse_voluntary_returns = false;
};

// What one customer did in a shop within the window, the case being opened included.
struct CustomerHistory {
  UnixMs since = 0;
  int cases = 0;
  int complaints = 0;
  int returns = 0;
  int no_receipt = 0;
  std::map<std::string, Decimal> return_value;  // per currency
  int orders = 0;                               // bought in the window
  int orders_returned = 0;                      // of those, with a return
  // returns from orders / orders; none below the policy's rate_min_orders.
  std::optional<Decimal> return_rate(int min_orders) const;
};

// A customer as staff see them beside a case: their history and what block lists would name.
struct CustomerStanding {
  CustomerHistory history;
  int window_days = AbusePolicy{}.window_days;  // the policy's, or its defaults without limits
  int rate_min_orders = AbusePolicy{}.rate_min_orders;
  std::string address_hash;  // empty: the order had no shipping address
};

// The customer's history from their cases and the ids of the orders they placed in the window.
// `cases` may include the one being opened; cases before `since` are not counted.
CustomerHistory history_of(const std::vector<Case> &cases, const std::vector<std::string> &orders,
                           UnixMs since);

// The case's worth in its currency: its items' unit prices times quantities.
std::optional<Money> case_value(const Case &subject);

// A shipping address reduced to a stable SHA-256 (hex) that block and allow lists may hold
// instead of the address: its parts trimmed, letters lower-cased (Latin and Cyrillic) and runs
// of spaces made one.
std::string address_hash(const Address &address);

// The flags a case carries under the policy, with the rule and the figures behind each; none
// when the customer is on the allow list.
std::vector<Flag> judge_abuse(const AbusePolicy &policy, const Case &subject,
                              const std::string &customer_id, const std::optional<Address> &address,
                              const CustomerHistory &history);

// The item of a flagged customer's own request that the policy lets the shop refuse: a return
// the shop takes beyond the law (shop_return_policy), known to be past the statutory period. A
// withdrawal in its period, a complaint, a request from staff or an unflagged customer: none.
const ItemVerdict *refusable_return(const AbusePolicy &policy, const std::vector<Flag> &flags,
                                    Role actor, const std::vector<ItemVerdict> &verdicts);

}  // namespace reclaim
