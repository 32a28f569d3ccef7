#include "core/item_refs.hpp"

#include "core/error.hpp"

namespace reclaim {

CaseItem &find_item(Case &subject, const ItemRef &ref) {
  CaseItem *item = subject.find_item(ref.line, ref.item);
  if (!item) {
    fail(Status::invalid_argument,
         ref.line.empty() ? "the case has no item " + std::to_string(ref.item)
                          : "the case has no item for order line '" + ref.line + "'",
         ref.field);
  }
  return *item;
}

std::int64_t ref_qty(const ItemRef &ref, std::int64_t default_qty, std::int64_t most) {
  const std::int64_t qty = ref.qty.value_or(default_qty);
  if (qty < 1 || qty > most) {
    fail(Status::invalid_argument,
         "qty must be between 1 and " + std::to_string(most) + " for this item",
         ref.field + ".qty", "quantity_exceeded");
  }
  return qty;
}

}  // namespace reclaim
