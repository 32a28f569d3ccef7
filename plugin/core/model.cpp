#include "core/model.hpp"

namespace reclaim {

const OrderLine *Order::line(const std::string &line_id) const {
  for (const auto &l : lines) {
    if (l.id == line_id) return &l;
  }
  return nullptr;
}

CaseItem *Case::find_item(const std::string &line, int item) {
  for (auto &i : items) {
    if ((!line.empty() && i.line == line) || (item > 0 && i.item == item)) return &i;
  }
  return nullptr;
}

}  // namespace reclaim
