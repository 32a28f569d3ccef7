// What a correction invoice of a refund needs (in Poland a faktura korygująca, in KSeF an FA(3)
// invoice of kind KOR), taken from the refund plan the host payloads use, so that the invoice
// and the money paid out come from the same figures. docs/KSEF.md maps it to FA(3) fields.
#pragma once

#include <boost/json/object.hpp>

#include "adapters/refund_plan.hpp"
#include "core/model.hpp"

namespace reclaim::adapters {

// The original order, the case, and per refunded line the units, gross, net and tax given back
// with the line's tax rate and the item's reason; the totals, also per tax rate.
boost::json::object correction_of(const Order &order, const Case &subject, const RefundPlan &plan);

}  // namespace reclaim::adapters
