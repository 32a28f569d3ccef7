// The words of the HTML report in Polish, English and Russian.
#pragma once

#include <optional>
#include <string_view>

namespace reclaim::report {

enum class Lang { pl, en, ru };

// "pl", "ru", anything else → English.
Lang lang_of(std::string_view locale);
std::string_view lang_code(Lang lang);

// The label for a fixed key of the report (headings, column names, notes). An unknown key gives
// the key itself, so a missing translation is visible, never empty.
std::string_view label(std::string_view key, Lang lang);

// The name of a contract word used as a group's key or a top reason (a reason, a kind, a
// resolution, a channel, "all"); nullopt for words the contract does not know (SKUs, names).
std::optional<std::string_view> word_label(std::string_view word, Lang lang);

}  // namespace reclaim::report
