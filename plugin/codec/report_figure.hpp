// A chart of the HTML report as a <figure>: its caption, the SVG, a note when not every item is
// shown, and the chart's data as a table to open (for readers who cannot see the chart).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "codec/report_view.hpp"

namespace reclaim::report {

struct ChartData {
  std::vector<std::string> columns;            // the first names the rows
  std::vector<std::vector<std::string>> rows;  // plain text, escaped here
};

std::string figure_html(const ReportView &view, std::string_view title, const std::string &svg,
                        const ChartData &data, const std::string &note);
// A figure with no chart: the note says why.
std::string empty_figure_html(std::string_view title, std::string_view note);

// "showing 10 of 24" in the reader's language; empty when all are shown.
std::string shown_of(const ReportView &view, std::size_t shown, std::size_t all);
// A chart's text alternative, with that note when there is one.
std::string with_note(std::string text, const std::string &note);

}  // namespace reclaim::report
