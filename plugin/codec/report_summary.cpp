#include "codec/html_text.hpp"
#include "codec/report_sections.hpp"

namespace reclaim::report {

namespace json = boost::json;

namespace {

// One term of the header's list; what came from the host is isolated for bidirectional text.
std::string meta(std::string_view term, const std::string &plain, bool host_value) {
  return "<div><dt>" + escape_html(term) + "</dt><dd>" +
         (host_value ? "<bdi>" + escape_html(plain) + "</bdi>" : escape_html(plain)) +
         "</dd></div>";
}

// The targets the document may carry, in the order they are shown, with how each compares.
struct Target {
  std::string_view name, comparison;
  bool hours;
};
constexpr Target kTargets[] = {{"handling_hours", "\xE2\x89\xA4 ", true},
                               {"satisfaction", "\xE2\x89\xA5 ", false},
                               {"repeat_rate", "< ", false},
                               {"deadline_compliance", "\xE2\x89\xA5 ", false}};

// "✓ met", "✗ not met", or a dash and "no data" when the document cannot say.
std::string target_status(const ReportView &view, const json::object *target, bool measured) {
  const auto *met = member(target, "met");
  if (met && met->is_bool() && measured) {
    return met->get_bool() ? "<span class=\"rc-report-met\">\xE2\x9C\x93 " +
                                 escape_html(view.label("met")) + "</span>"
                           : "<span class=\"rc-report-unmet\">\xE2\x9C\x97 " +
                                 escape_html(view.label("not_met")) + "</span>";
  }
  return "<span>" + std::string(kDash) + " " + escape_html(view.label("no_data")) + "</span>";
}

std::string target_item(const ReportView &view, const Target &known, const json::object *target) {
  const auto value = number_at(target, "value");
  const auto goal = number_at(target, "target");
  const auto show = [&](std::optional<double> v) {
    return known.hours ? view.hours_or_dash(v) : view.percent_or_dash(v);
  };
  return "<li><span class=\"rc-report-target-name\">" +
         escape_html(view.label("target." + std::string(known.name))) + "</span> <span>" +
         escape_html(show(value)) + "</span> <span>(" + escape_html(view.label("legend.target")) +
         " " +
         (goal ? escape_html(std::string(known.comparison) + show(goal)) : std::string(kDash)) +
         ")</span> " + target_status(view, target, value.has_value()) + "</li>";
}

}  // namespace

std::string header_html(const ReportView &view) {
  const json::object *report = &view.report();
  std::string out =
      "<h2>" + escape_html(view.label("title")) + "</h2><dl class=\"rc-report-meta\">";
  const std::string shop = text_at(report, "shop");
  if (!shop.empty()) out += meta(view.label("shop"), shop, true);
  out += meta(view.label("period"), view.day_text("from") + " \xE2\x80\x93 " + view.day_text("to"),
              false);
  const std::string zone = text_at(report, "timezone");
  if (!zone.empty()) out += meta(view.label("timezone"), zone, true);
  out += meta(view.label("grouped_by"), view.group_by_text(), true);
  return out + "</dl>";
}

std::string targets_html(const ReportView &view) {
  const json::object *targets = object_at(&view.report(), "targets");
  if (!targets) return {};
  // A list rather than a table: it wraps at 360 px, and reads as sentences without CSS.
  std::string items;
  for (const auto &known : kTargets) {
    if (const json::object *target = object_at(targets, known.name)) {
      items += target_item(view, known, target);
    }
  }
  if (items.empty()) return {};
  return "<h3>" + escape_html(view.label("targets")) + "</h3><ul class=\"rc-report-targets\">" +
         items + "</ul>";
}

}  // namespace reclaim::report
