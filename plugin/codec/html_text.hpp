// Text bound for HTML or SVG markup: escaping, and cleaning what came from hosts and customers.
// Shared by the page templates and the HTML report.
#pragma once

#include <string>
#include <string_view>

namespace reclaim {

// & < > " ' as entities: safe in element text and in quoted attribute values.
std::string escape_html(std::string_view text);
// The same, appended to `out`.
void append_escaped_html(std::string &out, std::string_view text);

// Text as it may be shown: invalid UTF-8, control characters (but tab and newline) and the
// bidirectional overrides and isolates (which could make one value look like another) become
// U+FFFD; what is left is valid UTF-8 and valid XML character data. Not escaped.
std::string clean_text(std::string_view text);

// At most `max_chars` code points of clean text, with "…" in place of the rest.
std::string shorten_text(std::string_view clean, std::size_t max_chars);

}  // namespace reclaim
