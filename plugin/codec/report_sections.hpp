// The sections of the HTML report, each rendered from the document on its own (see
// report_html.hpp for what the fragment promises as a whole).
#pragma once

#include <string>

#include "codec/report_view.hpp"

namespace reclaim::report {

// The title and the report's shop, period, time zone and grouping.
std::string header_html(const ReportView &view);
// The owner's targets, met or not, as a list; empty when the document has none.
std::string targets_html(const ReportView &view);
// The four charts: cases per period with handling time, top reasons, top SKUs by claim rate,
// deadline compliance against its target.
std::string charts_html(const ReportView &view);
// The table of every group, with the totals as its footer.
std::string table_html(const ReportView &view);

}  // namespace reclaim::report
