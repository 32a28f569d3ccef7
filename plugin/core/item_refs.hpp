// The case items an action names, and the quantities it names of them.
#pragma once

#include <cstdint>

#include "core/actions.hpp"

namespace reclaim {

// The item `ref` names; Error(invalid_argument) at ref.field when the case has none.
CaseItem &find_item(Case &subject, const ItemRef &ref);

// ref's qty, or `default_qty` without one; Error(invalid_argument, "quantity_exceeded") unless
// it is between 1 and `most`.
std::int64_t ref_qty(const ItemRef &ref, std::int64_t default_qty, std::int64_t most);

}  // namespace reclaim
