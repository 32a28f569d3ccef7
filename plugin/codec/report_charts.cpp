#include <algorithm>
#include <cmath>
#include <map>

#include "codec/html_text.hpp"
#include "codec/report_figure.hpp"
#include "codec/report_sections.hpp"
#include "codec/svg_chart.hpp"

namespace reclaim::report {

namespace json = boost::json;

namespace {

constexpr std::size_t kTopBars = 10;  // bars in a ranking chart
constexpr std::size_t kPeriods = 24;  // latest periods in the period chart

struct Ranked {
  std::string label;
  double value = 0;
  double weight = 0;  // the tie-breaker after the value
};

// Ranks the items, highest first, and keeps the first kTopBars; returns how many there were.
std::size_t keep_top(std::vector<Ranked> &items) {
  std::stable_sort(items.begin(), items.end(), [](const Ranked &a, const Ranked &b) {
    if (a.value != b.value) return a.value > b.value;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.label < b.label;
  });
  const std::size_t all = items.size();
  if (all > kTopBars) items.resize(kTopBars);
  return all;
}

// One bar per item with its value written by `text`; the chart's data rows are the label and
// that text, and so is its spoken description ("label: value").
template <typename Text>
void add_bars(const std::vector<Ranked> &items, Text text, svg::HorizontalBars &chart,
              ChartData &data, std::vector<std::string> &said) {
  for (const auto &item : items) {
    const std::string value = text(item.value);
    chart.bars.push_back({item.label, item.value, value});
    data.rows.push_back({item.label, value});
    said.push_back(item.label + ": " + value);
  }
}

std::string period_chart(const ReportView &view) {
  const std::string_view title = view.label("chart.periods");
  std::vector<const json::object *> series;
  if (view.period_grouping()) {
    series = view.groups();
  } else if (const auto *periods = array_at(&view.report(), "periods")) {
    series = objects_in(*periods);
  } else {
    return empty_figure_html(title, view.label("note.no_periods"));
  }
  if (series.empty()) return empty_figure_html(title, view.label("no_groups"));
  const std::size_t all = series.size();
  if (all > kPeriods) series.erase(series.begin(), series.end() - kPeriods);
  const NumberFormat &format = view.format();
  svg::PeriodChart chart;
  chart.bar_legend = view.label("legend.opened");
  chart.line_legend = view.label("legend.handling");
  chart.bar_axis = [&format](double v) { return format.count(v); };
  chart.line_axis = [&format](double v) { return format.fixed(v, v == std::floor(v) ? 0 : 1); };
  ChartData data{{std::string(view.label("period")), std::string(view.label("legend.opened")),
                  std::string(view.label("legend.handling"))},
                 {}};
  std::vector<std::string> said;
  for (const auto *p : series) {
    svg::Period period;
    period.label = text_at(p, "key");
    const auto opened = number_at(p, "opened");
    period.bar = opened.value_or(0);
    period.line = number_at(object_at(p, "handling_hours"), "mean");
    data.rows.push_back(
        {period.label, view.count_or_dash(opened), view.hours_or_dash(period.line)});
    said.push_back(period.label + ": " + data.rows.back()[1] + ", " + data.rows.back()[2]);
    chart.periods.push_back(std::move(period));
  }
  const std::string note = shown_of(view, series.size(), all);
  chart.alt.title = std::string(title);
  chart.alt.desc = with_note(std::string(view.label("legend.opened")) + ", " +
                                 std::string(view.label("legend.handling")) + ". " + join(said),
                             note);
  return figure_html(view, title, svg::period_chart(chart), data, note);
}

void add_reasons(const json::array *reasons, std::map<std::string, double> &sums) {
  if (!reasons) return;
  for (const auto *object : objects_in(*reasons)) {
    const std::string reason = text_at(object, "reason");
    if (auto cases = number_at(object, "cases")) sums[reason] += *cases;
  }
}

std::string reasons_chart(const ReportView &view) {
  const std::string_view title = view.label("chart.reasons");
  std::vector<Ranked> items;
  if (view.group_by() == "reason") {
    for (const auto *group : view.groups()) {
      items.push_back({view.key_text(group, "reason"), number_at(group, "opened").value_or(0), 0});
    }
  } else {
    std::map<std::string, double> sums;
    if (const auto *totals = object_at(&view.report(), "totals")) {
      add_reasons(array_at(totals, "top_reasons"), sums);
    } else if (!view.item_grouping()) {
      // Outside item groupings every case is in one group, so the groups' counts add up.
      for (const auto *group : view.groups()) add_reasons(array_at(group, "top_reasons"), sums);
    }
    for (const auto &[reason, cases] : sums) items.push_back({view.reason_text(reason), cases, 0});
  }
  if (items.empty()) return empty_figure_html(title, view.label("note.no_reasons"));
  const std::size_t all = keep_top(items);
  svg::HorizontalBars chart;
  ChartData data{{std::string(view.label("group_by.reason")), std::string(view.label("col.cases"))},
                 {}};
  std::vector<std::string> said;
  add_bars(
      items, [&](double v) { return view.format().count(v); }, chart, data, said);
  const std::string note = shown_of(view, items.size(), all);
  chart.alt = {std::string(title),
               with_note(std::string(view.label("col.cases")) + ". " + join(said), note)};
  return figure_html(view, title, svg::horizontal_bars(chart), data, note);
}

std::string skus_chart(const ReportView &view) {
  const std::string_view title = view.label("chart.skus");
  std::vector<const json::object *> source;
  if (view.group_by() == "sku") {
    source = view.groups();
  } else if (const auto *skus = array_at(&view.report(), "top_skus")) {
    source = objects_in(*skus);
  } else {
    return empty_figure_html(title, view.label("note.no_skus"));
  }
  std::vector<Ranked> items;
  std::map<std::string, std::pair<std::optional<double>, std::optional<double>>> units;
  for (const auto *s : source) {
    const auto rate = number_at(s, "claim_rate");
    if (!rate) continue;
    std::string key = text_at(s, "key");
    if (key.empty()) key = text_at(s, "sku");
    const auto claimed = number_at(s, "units_claimed");
    items.push_back({key, *rate, claimed.value_or(0)});
    units[key] = {claimed, number_at(s, "units_sold")};
  }
  if (items.empty()) return empty_figure_html(title, view.label("note.no_skus"));
  const std::size_t all = keep_top(items);
  svg::HorizontalBars chart;
  ChartData data{
      {"SKU", std::string(view.label("col.claim_rate")),
       std::string(view.label("col.units_claimed")), std::string(view.label("col.units_sold"))},
      {}};
  std::vector<std::string> said;
  for (const auto &item : items) {
    const std::string rate = view.format().percent(item.value);
    const auto &[claimed, sold] = units[item.label];
    chart.bars.push_back({item.label, item.value, rate});
    data.rows.push_back({item.label, rate, view.count_or_dash(claimed), view.count_or_dash(sold)});
    said.push_back(item.label + ": " + rate + " (" + data.rows.back()[2] + " / " +
                   data.rows.back()[3] + ")");
  }
  const std::string note = shown_of(view, items.size(), all);
  chart.alt = {std::string(title),
               with_note(std::string(view.label("col.claim_rate")) + " (" +
                             std::string(view.label("col.units_claimed")) + " / " +
                             std::string(view.label("col.units_sold")) + "). " + join(said),
                         note)};
  return figure_html(view, title, svg::horizontal_bars(chart), data, note);
}

// The groups with the most decisions, worst compliance first among equals; for periods the
// latest. At most kTopBars.
void keep_compliance_groups(const ReportView &view, std::vector<Ranked> &groups) {
  if (view.period_grouping()) {
    if (groups.size() > kTopBars) groups.erase(groups.begin(), groups.end() - kTopBars);
    return;
  }
  std::stable_sort(groups.begin(), groups.end(), [](const Ranked &a, const Ranked &b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    if (a.value != b.value) return a.value < b.value;
    return a.label < b.label;
  });
  if (groups.size() > kTopBars) groups.resize(kTopBars);
}

std::string compliance_chart(const ReportView &view) {
  const std::string_view title = view.label("chart.compliance");
  std::vector<Ranked> items;
  if (const auto *totals = object_at(&view.report(), "totals")) {
    if (auto value = number_at(totals, "deadline_compliance")) {
      items.push_back({std::string(view.label("total")), *value, 0});
    }
  }
  std::vector<Ranked> groups;
  for (const auto *group : view.groups()) {
    if (auto value = number_at(group, "deadline_compliance")) {
      groups.push_back(
          {view.key_text(group, view.group_by()), *value, number_at(group, "decided").value_or(0)});
    }
  }
  const std::size_t all = groups.size();
  keep_compliance_groups(view, groups);
  const std::size_t shown = groups.size();
  items.insert(items.end(), groups.begin(), groups.end());
  if (items.empty()) return empty_figure_html(title, view.label("note.no_compliance"));
  double target = 1.0;
  if (const auto *t = object_at(object_at(&view.report(), "targets"), "deadline_compliance")) {
    target = number_at(t, "target").value_or(1.0);
  }
  svg::HorizontalBars chart;
  chart.max = 1.0;
  chart.target = target;
  chart.target_text =
      std::string(view.label("legend.target")) + " " + view.format().percent(target);
  ChartData data{
      {std::string(view.label("col.key")), std::string(view.label("col.deadline_compliance"))}, {}};
  std::vector<std::string> said;
  add_bars(
      items, [&](double v) { return view.format().percent(v); }, chart, data, said);
  const std::string note = shown_of(view, shown, all);
  chart.alt = {std::string(title), with_note(chart.target_text + ". " + join(said), note)};
  return figure_html(view, title, svg::horizontal_bars(chart), data, note);
}

}  // namespace

std::string charts_html(const ReportView &view) {
  return "<h3>" + escape_html(view.label("charts")) + "</h3><div class=\"rc-report-grid\">" +
         period_chart(view) + reasons_chart(view) + skus_chart(view) + compliance_chart(view) +
         "</div>";
}

}  // namespace reclaim::report
