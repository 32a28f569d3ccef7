// The outbox row the storage tests append: a case.opened event of one case.
#pragma once

#include <string>

#include "core/model.hpp"

namespace reclaim::test {

inline Event opened_event(const std::string &case_id) {
  Event event;
  event.type = "case.opened";
  event.case_id = case_id;
  event.case_number = "RC-2026-000001";
  event.shop = "default";
  return event;
}

}  // namespace reclaim::test
