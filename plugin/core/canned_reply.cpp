#include "core/canned_reply.hpp"

#include <algorithm>

namespace reclaim {

namespace {

constexpr std::string_view kOpen = "{{", kClose = "}}";

// Calls `on_text(text)` for each run of plain text and `on_name(name)` for each placeholder;
// stops and returns false at an opening without its closing braces.
template <typename OnText, typename OnName>
bool each_part(std::string_view body, OnText on_text, OnName on_name) {
  while (!body.empty()) {
    const auto open = body.find(kOpen);
    on_text(body.substr(0, open));
    if (open == std::string_view::npos) return true;
    const auto close = body.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) return false;
    std::string_view name = body.substr(open + kOpen.size(), close - open - kOpen.size());
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    on_name(name);
    body.remove_prefix(close + kClose.size());
  }
  return true;
}

}  // namespace

std::optional<std::string> unknown_placeholder(std::string_view body) {
  std::optional<std::string> unknown;
  const bool closed = each_part(
      body, [](std::string_view) {},
      [&](std::string_view name) {
        if (!unknown && std::ranges::find(kCannedPlaceholders, name) == std::end(kCannedPlaceholders)) {
          unknown = std::string(name);
        }
      });
  if (!closed && !unknown) return std::string("{{ without }}");
  return unknown;
}

std::string fill_canned_reply(std::string_view body, const CannedValues &values) {
  std::string filled;
  each_part(
      body, [&](std::string_view text) { filled += text; },
      [&](std::string_view name) {
        if (name == "case_number") filled += values.case_number;
        else if (name == "customer_name") filled += values.customer_name;
        else if (name == "order_number") filled += values.order_number;
        else if (name == "shop_name") filled += values.shop_name;
        else if (name == "decision_date") filled += values.decision_date;
      });
  return filled;
}

}  // namespace reclaim
