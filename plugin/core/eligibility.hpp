// Whether the goods of an order may be returned or complained about, under the law in force and
// the shop's policy: per item, with the rule behind the answer and a message for the customer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/intake.hpp"
#include "core/policy.hpp"
#include "core/zone.hpp"

namespace reclaim {

struct EligibilityItem {
  std::string line;
  std::int64_t qty = 1;
  std::string reason;
  std::vector<std::string> evidence;  // what the customer already has (photos, receipt, …)
  std::string field;                  // JSON path, for errors
};

struct EligibilityQuery {
  Kind kind = Kind::complaint;
  std::vector<EligibilityItem> items;
  std::string locale = "en";
  UnixMs now = 0;
};

struct EligibilityRequest {
  std::string shop = "default";
  std::string order_id;
  EligibilityQuery query;
};

struct ItemVerdict {
  std::string line;
  bool eligible = false;
  std::string code;  // stable: statutory_withdrawal, window_expired, non_returnable, …
  std::string message;
  std::optional<UnixMs> window_ends;
  bool window_from_order_date = false;  // no delivery date known: counted from the order date
  std::vector<std::string> evidence_required;
  std::vector<std::string> resolutions;
  std::string basis;                    // the statute or the shop policy behind the answer
  Decimal restocking_fee_percent;       // charged on this return (0 within the statutory period)
  std::string return_shipping_paid_by;  // returns the shop accepts: "customer" or "shop"
  std::string field;
};

// The customer's party type for an order: the order's own, else the policy's.
std::string party_of(const Policy &policy, const Order &order);

std::vector<ItemVerdict> check_eligibility(const Policy &policy, const Order &order,
                                           const ClaimedQty &claimed,
                                           const EligibilityQuery &query, const Zone &zone);

}  // namespace reclaim
