// Supplier claims (CONTRACT §7): the shop asks its supplier to take back the cost of goods a
// customer complained about, and records the supplier's answer and what it recovered.
#pragma once

#include <boost/json/object.hpp>

#include "core/actions.hpp"

namespace reclaim {

// At most this many claims per case: enough for every supplier of a 200-item case, several times.
inline constexpr std::size_t kMaxSupplierClaims = 50;

// claim_supplier: a new claim for the items named (by default every unit of the case not yet under
// another claim that was not rejected) asking back `amount` (by default their price), due by
// context.supplier_answer_due. Records the claim in `data`.
void claim_supplier(Case &subject, const ActionRequest &request, const ActionContext &context,
                    boost::json::object &data);

// supplier_answer: the supplier's answer to claim `request.claim` (by default the only open one):
// accepted with what it gives back (by default the amount claimed), or rejected with its reasons.
void answer_supplier_claim(Case &subject, const ActionRequest &request, UnixMs now,
                           boost::json::object &data);

// The claim as events, history and documents carry it.
boost::json::object supplier_claim_to_json(const SupplierClaim &claim);

// The units of `item` under claims that are open or accepted.
std::int64_t units_claimed(const Case &subject, int item);

}  // namespace reclaim
