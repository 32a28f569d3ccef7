#include "codec/report_figure.hpp"

#include "codec/html_text.hpp"

namespace reclaim::report {

std::string figure_html(const ReportView &view, std::string_view title, const std::string &svg,
                        const ChartData &data, const std::string &note) {
  std::string out =
      "<figure class=\"rc-report-figure\"><figcaption>" + escape_html(title) + "</figcaption>";
  out += svg;
  if (!note.empty()) out += "<p class=\"rc-report-note\">" + escape_html(note) + "</p>";
  out +=
      "<details><summary>" + escape_html(view.label("chart_data")) + "</summary><table><thead><tr>";
  for (const auto &column : data.columns)
    out += "<th scope=\"col\">" + escape_html(column) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto &row : data.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += i == 0 ? "<th scope=\"row\"><bdi>" + escape_html(row[i]) + "</bdi></th>"
                    : "<td>" + escape_html(row[i]) + "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table></details></figure>";
  return out;
}

std::string empty_figure_html(std::string_view title, std::string_view note) {
  return "<figure class=\"rc-report-figure\"><figcaption>" + escape_html(title) +
         "</figcaption><p class=\"rc-report-note\">" + escape_html(note) + "</p></figure>";
}

std::string shown_of(const ReportView &view, std::size_t shown, std::size_t all) {
  if (shown >= all) return {};
  std::string text(view.label("shown_of"));
  const auto replace = [&](std::string_view mark, std::size_t n) {
    const auto at = text.find(mark);
    if (at != std::string::npos) text.replace(at, mark.size(), std::to_string(n));
  };
  replace("{n}", shown);
  replace("{m}", all);
  return text;
}

std::string with_note(std::string text, const std::string &note) {
  return note.empty() ? text : text + " (" + note + ")";
}

}  // namespace reclaim::report
