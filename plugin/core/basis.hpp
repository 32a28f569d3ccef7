// The legal or policy basis of a deadline or an eligibility answer, as a citation in English (the
// text stored with a case and given in JSON) and as a key a page translates. Every citation the
// engine writes is built here, so every one can be read back into its key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reclaim {

struct BasisKey {
  std::string key;  // e.g. "pl_complaint_answer", "shop_target", "statutory_guarantee"
  int number = 0;   // the days or months a generated citation names (0 for a statute's text)
};

std::string shop_target_basis(int days, bool reasonable_period_rule);
std::string shop_return_window_basis(int days);
std::string statutory_guarantee_basis(int months);
std::string shop_guarantee_basis(int months);

// The key of a citation made by the engine (the law's own texts included); nullopt for any other
// text, such as one stored by an older version.
std::optional<BasisKey> basis_key(std::string_view citation);

}  // namespace reclaim
