#include "core/basis.hpp"

#include <charconv>

#include "core/law.hpp"

namespace reclaim {

namespace {

constexpr std::string_view kShopTarget = "shop target: a decision within ";
constexpr std::string_view kReasonable = " (EU 2019/771 art. 14: within a reasonable period)";
constexpr std::string_view kReturnWindow = "shop policy: return_window_days ";
constexpr std::string_view kStatutoryGuarantee = "statutory guarantee: ";
constexpr std::string_view kShopGuarantee = "shop policy: guarantee_months ";

// The number that starts `text`, and what follows it; nullopt when it does not start with one.
std::optional<std::pair<int, std::string_view>> leading_number(std::string_view text) {
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  return std::pair{number, text.substr(static_cast<std::size_t>(end - text.data()))};
}

std::optional<BasisKey> statute_key(std::string_view citation) {
  for (const auto jurisdiction : {Jurisdiction::pl, Jurisdiction::eu, Jurisdiction::ru}) {
    for (const RuleSet *rules : rule_history(jurisdiction)) {
      for (const auto *period : {&rules->withdrawal, &rules->withdrawal_refund,
                                 &rules->complaint_answer, &rules->refund_demand,
                                 &rules->replacement, &rules->replacement_with_check,
                                 &rules->repair}) {
        if (*period && (*period)->basis == citation) return BasisKey{std::string((*period)->key), 0};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::string shop_target_basis(int days, bool reasonable_period_rule) {
  return std::string(kShopTarget) + std::to_string(days) + " days" +
         (reasonable_period_rule ? std::string(kReasonable) : std::string());
}

std::string shop_return_window_basis(int days) {
  return std::string(kReturnWindow) + std::to_string(days);
}

std::string statutory_guarantee_basis(int months) {
  return std::string(kStatutoryGuarantee) + std::to_string(months) + " months from delivery";
}

std::string shop_guarantee_basis(int months) {
  return std::string(kShopGuarantee) + std::to_string(months);
}

std::optional<BasisKey> basis_key(std::string_view citation) {
  if (auto statute = statute_key(citation)) return statute;
  const auto generated = [&](std::string_view prefix, std::string_view key,
                             std::string_view rest) -> std::optional<BasisKey> {
    if (!citation.starts_with(prefix)) return std::nullopt;
    const auto number = leading_number(citation.substr(prefix.size()));
    if (!number || number->second != rest) return std::nullopt;
    return BasisKey{std::string(key), number->first};
  };
  for (auto found : {generated(kShopTarget, "shop_target", " days"),
                     generated(kShopTarget, "shop_target_reasonable",
                               std::string(" days") + std::string(kReasonable)),
                     generated(kReturnWindow, "shop_return_window", ""),
                     generated(kStatutoryGuarantee, "statutory_guarantee", " months from delivery"),
                     generated(kShopGuarantee, "shop_guarantee", "")}) {
    if (found) return found;
  }
  return std::nullopt;
}

}  // namespace reclaim
