// A case's supplier claims in its stored body, and as callers read them.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <vector>

#include "core/model.hpp"

namespace reclaim::codec {

boost::json::array supplier_claims_to_json(const std::vector<SupplierClaim> &claims);
std::vector<SupplierClaim> supplier_claims_of(const boost::json::value &stored);

// Marks each claim of a case document whose answer is late at `now` ("overdue": true/false).
void mark_overdue_claims(boost::json::object &case_document,
                         const std::vector<SupplierClaim> &claims, UnixMs now);

}  // namespace reclaim::codec
