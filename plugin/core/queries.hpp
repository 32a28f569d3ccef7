// What callers may ask of stored cases and events.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "core/vocabulary.hpp"

namespace reclaim {

enum class CaseSort { created_at, updated_at, decision_due };

struct CaseQuery {
  std::string shop;
  std::vector<State> states;
  std::optional<Kind> kind;
  std::string assignee;
  std::string customer_email;
  std::string order_id;
  std::optional<UnixMs> created_from;  // inclusive
  std::optional<UnixMs> created_to;    // exclusive
  bool overdue = false;                // decision_due passed and no decision yet
  UnixMs now = 0;                      // for overdue
  CaseSort sort = CaseSort::created_at;
  bool descending = true;
  int limit = 50;
  // Keyset position: the sort value and id of the last case of the previous page.
  std::optional<std::pair<std::int64_t, std::string>> after;
};

struct EventQuery {
  std::int64_t after = 0;
  int limit = 100;
  std::string shop;
  std::string case_id;
};

}  // namespace reclaim
