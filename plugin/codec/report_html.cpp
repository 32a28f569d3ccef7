#include "codec/report_html.hpp"

#include <algorithm>

#include "codec/assets.hpp"
#include "codec/report_sections.hpp"

namespace reclaim {

std::string report_to_html(const boost::json::object &report, const std::string &locale) {
  const report::ReportView view(report, report::lang_of(locale));
  std::string out =
      "<div class=\"rc-report\" lang=\"" + std::string(report::lang_code(view.lang())) + "\">";
  out += "<style>" + std::string(report_html_stylesheet()) + "</style>";
  out += report::header_html(view);
  out += report::targets_html(view);
  out += report::charts_html(view);
  out += report::table_html(view);
  return out + "</div>";
}

std::string_view report_html_stylesheet() {
  // templates/report.css holds one rule a line, for reading; the fragment carries the rules on
  // one line, the bytes whose hash docs/REPORTS-HTML.md gives. Scoped to .rc-report; no url(),
  // no import, no comment.
  static const std::string sheet = [] {
    std::string text(codec::find_asset(codec::kAssets, "report.css"));
    std::erase(text, '\n');
    return text;
  }();
  return sheet;
}

}  // namespace reclaim
