#include "codec/report_html.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "codec/html_text.hpp"
#include "codec/report_labels.hpp"
#include "codec/report_numbers.hpp"
#include "codec/svg_chart.hpp"
#include "core/calendar.hpp"
#include "core/messages.hpp"

namespace reclaim {

namespace json = boost::json;
using report::Lang;
using report::NumberFormat;

namespace {

constexpr std::size_t kTopBars = 10;     // bars in a ranking chart
constexpr std::size_t kPeriods = 24;     // latest periods in the period chart
constexpr std::size_t kCellReasons = 3;  // reasons named in a table cell
constexpr std::string_view kDash = "\xE2\x80\x94";

// Scoped to .rc-report; no url(), no import, no comment.
constexpr std::string_view kStylesheet =
    ".rc-report{font:14px/1.45 system-ui,sans-serif;color:#1f2328;background:#fff;max-width:100%}"
    ".rc-report h2{font-size:1.3rem;margin:0 0 .5rem}"
    ".rc-report h3{font-size:1.1rem;margin:1.25rem 0 .5rem}"
    ".rc-report-meta{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0}"
    ".rc-report-meta div{display:flex;flex-wrap:wrap;gap:.4rem}"
    ".rc-report-meta dt{font-weight:600}"
    ".rc-report-meta dd{margin:0;overflow-wrap:anywhere}"
    ".rc-report-grid{display:grid;gap:1rem;"
    "grid-template-columns:repeat(auto-fit,minmax(min(100%,24rem),1fr))}"
    ".rc-report-figure{margin:0;padding:.75rem;border:1px solid #d0d7de;border-radius:6px;"
    "min-width:0}"
    ".rc-report-figure figcaption{font-weight:600;margin-bottom:.5rem}"
    ".rc-report-chart{display:block;width:100%;height:auto;max-width:36rem}"
    ".rc-report-note{color:#57606a;margin:.25rem 0}"
    ".rc-report-scroll{overflow-x:auto;max-width:100%}"
    ".rc-report-scroll:focus{outline:2px solid #2f6f9f;outline-offset:2px}"
    ".rc-report table{border-collapse:collapse;font-variant-numeric:tabular-nums}"
    ".rc-report th,.rc-report td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:right;"
    "vertical-align:top}"
    ".rc-report td{white-space:nowrap}"
    ".rc-report td.rc-report-words{text-align:left}"
    ".rc-report thead th{background:#f3f5f7;text-align:left;min-width:5rem}"
    ".rc-report tbody th,.rc-report tfoot th{text-align:left;min-width:8rem;max-width:16rem;"
    "overflow-wrap:anywhere}"
    ".rc-report-targets{list-style:none;margin:0;padding:0}"
    ".rc-report-targets li{display:flex;flex-wrap:wrap;gap:0 .6rem;padding:.3rem 0;"
    "border-bottom:1px solid #d0d7de}"
    ".rc-report-target-name{font-weight:600;min-width:17rem}"
    ".rc-report caption{text-align:left;font-weight:600;padding:.25rem 0}"
    ".rc-report details{margin-top:.5rem}"
    ".rc-report summary{cursor:pointer}"
    ".rc-report-met{color:#1a7f37;font-weight:600}"
    ".rc-report-unmet{color:#b42318;font-weight:600}";

// ---- reading the document defensively -------------------------------------------------------

const json::value *member(const json::object *object, std::string_view name) {
  if (!object) return nullptr;
  return object->if_contains(name);
}

const json::object *object_at(const json::object *object, std::string_view name) {
  const auto *value = member(object, name);
  return value ? value->if_object() : nullptr;
}

const json::array *array_at(const json::object *object, std::string_view name) {
  const auto *value = member(object, name);
  return value ? value->if_array() : nullptr;
}

std::optional<double> number_at(const json::object *object, std::string_view name) {
  return report::number(member(object, name));
}

std::optional<double> hours_at(const json::object *object, std::string_view measure,
                               std::string_view statistic) {
  return number_at(object_at(object, measure), statistic);
}

// A string member as clean text; a number as its JSON text; anything else empty.
std::string text_at(const json::object *object, std::string_view name) {
  const auto *value = member(object, name);
  if (!value) return {};
  if (const auto *s = value->if_string()) return clean_text(*s);
  if (value->is_number()) return json::serialize(*value);
  return {};
}

// ---- writing ----------------------------------------------------------------------------------

class Writer {
 public:
  Writer(const json::object &report, Lang lang)
      : report_(report), lang_(lang), format_(report::lang_code(lang)) {
    group_by_ = text_at(&report_, "group_by");
    if (group_by_.empty()) group_by_ = "none";
    if (const auto *groups = array_at(&report_, "groups")) {
      for (const auto &group : *groups) {
        if (const auto *object = group.if_object()) groups_.push_back(object);
      }
    }
  }

  std::string render() {
    out_ += "<div class=\"rc-report\" lang=\"" + std::string(report::lang_code(lang_)) + "\">";
    out_ += "<style>" + std::string(kStylesheet) + "</style>";
    header();
    targets();
    charts();
    table();
    out_ += "</div>";
    return std::move(out_);
  }

 private:
  std::string_view l(std::string_view key) const { return report::label(key, lang_); }
  static std::string esc(std::string_view plain) { return escape_html(plain); }

  bool period_grouping() const {
    return group_by_ == "day" || group_by_ == "week" || group_by_ == "month";
  }
  bool item_grouping() const {
    return group_by_ == "sku" || group_by_ == "supplier" || group_by_ == "category";
  }

  // How a group's key reads: contract words in the reader's language, the rest as given.
  std::string key_text(const json::object *group, std::string_view by) const {
    const std::string key = text_at(group, "key");
    if (by == "none" || by == "reason" || by == "kind" || by == "resolution") {
      if (auto word = report::word_label(key, lang_)) return std::string(*word);
    }
    return key;
  }
  std::string reason_text(const std::string &reason) const {
    if (auto word = report::word_label(reason, lang_); word && reason != "all") {
      return std::string(*word);
    }
    return reason;
  }

  // The grouping's name; a grouping this renderer does not know, as the document gives it.
  std::string group_by_text() const {
    const std::string key = "group_by." + group_by_;
    const std::string_view text = l(key);
    return text == key ? group_by_ : std::string(text);
  }

  std::string count_or_dash(std::optional<double> value) const {
    return value ? format_.count(*value) : std::string(kDash);
  }
  std::string percent_or_dash(std::optional<double> value) const {
    return value ? format_.percent(*value) : std::string(kDash);
  }
  std::string hours_or_dash(std::optional<double> value) const {
    return value ? format_.hours(*value) : std::string(kDash);
  }
  std::string rating_or_dash(std::optional<double> value) const {
    return value ? format_.fixed(*value, 2) : std::string(kDash);
  }

  std::string day_text(std::string_view name) const {
    const std::string raw = text_at(&report_, name);
    if (auto day = parse_day(raw)) return local_date_text(*day, report::lang_code(lang_));
    return raw.empty() ? std::string(kDash) : raw;
  }

  void meta(std::string_view term, const std::string &plain, bool host_value) {
    out_ += "<div><dt>" + esc(term) + "</dt><dd>";
    out_ += host_value ? "<bdi>" + esc(plain) + "</bdi>" : esc(plain);
    out_ += "</dd></div>";
  }

  void header() {
    out_ += "<h2>" + esc(l("title")) + "</h2><dl class=\"rc-report-meta\">";
    const std::string shop = text_at(&report_, "shop");
    if (!shop.empty()) meta(l("shop"), shop, true);
    meta(l("period"), day_text("from") + " \xE2\x80\x93 " + day_text("to"), false);
    const std::string zone = text_at(&report_, "timezone");
    if (!zone.empty()) meta(l("timezone"), zone, true);
    meta(l("grouped_by"), group_by_text(), true);
    out_ += "</dl>";
  }

  // ---- targets --------------------------------------------------------------------------------

  void targets() {
    const json::object *targets = object_at(&report_, "targets");
    if (!targets) return;
    struct Known {
      std::string_view name, comparison;
      bool hours;
    };
    static constexpr Known kKnown[] = {{"handling_hours", "\xE2\x89\xA4 ", true},
                                       {"satisfaction", "\xE2\x89\xA5 ", false},
                                       {"repeat_rate", "< ", false},
                                       {"deadline_compliance", "\xE2\x89\xA5 ", false}};
    std::string rows;
    for (const auto &known : kKnown) {
      const json::object *target = object_at(targets, known.name);
      if (!target) continue;
      const auto value = number_at(target, "value");
      const auto goal = number_at(target, "target");
      const auto show = [&](std::optional<double> v) {
        return known.hours ? hours_or_dash(v) : percent_or_dash(v);
      };
      const auto *met = member(target, "met");
      std::string status;
      if (met && met->is_bool() && value) {
        status =
            met->get_bool()
                ? "<span class=\"rc-report-met\">\xE2\x9C\x93 " + esc(l("met")) + "</span>"
                : "<span class=\"rc-report-unmet\">\xE2\x9C\x97 " + esc(l("not_met")) + "</span>";
      } else {
        status = "<span>" + std::string(kDash) + " " + esc(l("no_data")) + "</span>";
      }
      // A list rather than a table: it wraps at 360 px, and reads as sentences without CSS.
      rows += "<li><span class=\"rc-report-target-name\">" +
              esc(l("target." + std::string(known.name))) + "</span> <span>" + esc(show(value)) +
              "</span> <span>(" + esc(l("legend.target")) + " " +
              (goal ? esc(std::string(known.comparison) + show(goal)) : std::string(kDash)) +
              ")</span> " + status + "</li>";
    }
    if (rows.empty()) return;
    out_ += "<h3>" + esc(l("targets")) + "</h3><ul class=\"rc-report-targets\">" + rows + "</ul>";
  }

  // ---- charts ---------------------------------------------------------------------------------

  // A chart's figure: caption, the SVG, and its data as a table to open.
  void figure(std::string_view title, const std::string &svg,
              const std::vector<std::string> &columns,
              const std::vector<std::vector<std::string>> &rows, const std::string &note) {
    out_ += "<figure class=\"rc-report-figure\"><figcaption>" + esc(title) + "</figcaption>";
    out_ += svg;
    if (!note.empty()) out_ += "<p class=\"rc-report-note\">" + esc(note) + "</p>";
    out_ += "<details><summary>" + esc(l("chart_data")) + "</summary><table><thead><tr>";
    for (const auto &column : columns) out_ += "<th scope=\"col\">" + esc(column) + "</th>";
    out_ += "</tr></thead><tbody>";
    for (const auto &row : rows) {
      out_ += "<tr>";
      for (std::size_t i = 0; i < row.size(); ++i) {
        out_ += i == 0 ? "<th scope=\"row\"><bdi>" + esc(row[i]) + "</bdi></th>"
                       : "<td>" + esc(row[i]) + "</td>";
      }
      out_ += "</tr>";
    }
    out_ += "</tbody></table></details></figure>";
  }

  void empty_figure(std::string_view title, std::string_view note) {
    out_ += "<figure class=\"rc-report-figure\"><figcaption>" + esc(title) +
            "</figcaption><p class=\"rc-report-note\">" + esc(note) + "</p></figure>";
  }

  std::string shown_of(std::size_t shown, std::size_t all) const {
    if (shown >= all) return {};
    std::string text(l("shown_of"));
    const auto replace = [&](std::string_view mark, std::size_t n) {
      const auto at = text.find(mark);
      if (at != std::string::npos) text.replace(at, mark.size(), std::to_string(n));
    };
    replace("{n}", shown);
    replace("{m}", all);
    return text;
  }

  static std::string join(const std::vector<std::string> &parts) {
    std::string out;
    for (const auto &part : parts) out += (out.empty() ? "" : "; ") + part;
    return out;
  }

  void charts() {
    out_ += "<h3>" + esc(l("charts")) + "</h3><div class=\"rc-report-grid\">";
    period_chart();
    reasons_chart();
    skus_chart();
    compliance_chart();
    out_ += "</div>";
  }

  void period_chart() {
    const std::string_view title = l("chart.periods");
    std::vector<const json::object *> series;
    if (period_grouping()) {
      series = groups_;
    } else if (const auto *periods = array_at(&report_, "periods")) {
      for (const auto &p : *periods) {
        if (const auto *object = p.if_object()) series.push_back(object);
      }
    } else {
      empty_figure(title, l("note.no_periods"));
      return;
    }
    if (series.empty()) {
      empty_figure(title, l("no_groups"));
      return;
    }
    const std::size_t all = series.size();
    if (all > kPeriods) series.erase(series.begin(), series.end() - kPeriods);
    svg::PeriodChart chart;
    chart.bar_legend = l("legend.opened");
    chart.line_legend = l("legend.handling");
    chart.bar_axis = [this](double v) { return format_.count(v); };
    chart.line_axis = [this](double v) { return format_.fixed(v, v == std::floor(v) ? 0 : 1); };
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> said;
    for (const auto *p : series) {
      svg::Period period;
      period.label = text_at(p, "key");
      const auto opened = number_at(p, "opened");
      period.bar = opened.value_or(0);
      period.line = hours_at(p, "handling_hours", "mean");
      rows.push_back({period.label, count_or_dash(opened), hours_or_dash(period.line)});
      said.push_back(period.label + ": " + rows.back()[1] + ", " + rows.back()[2]);
      chart.periods.push_back(std::move(period));
    }
    const std::string note = shown_of(series.size(), all);
    chart.alt.title = std::string(title);
    chart.alt.desc = with_note(std::string(l("legend.opened")) + ", " +
                                   std::string(l("legend.handling")) + ". " + join(said),
                               note);
    figure(title, svg::period_chart(chart),
           {std::string(l("period")), std::string(l("legend.opened")),
            std::string(l("legend.handling"))},
           rows, note);
  }

  struct Ranked {
    std::string label;
    double value = 0;
    double weight = 0;  // the tie-breaker after the value
  };

  // Ranks the items, highest first, and keeps the first kTopBars; returns how many there were.
  static std::size_t keep_top(std::vector<Ranked> &items) {
    std::stable_sort(items.begin(), items.end(), [](const Ranked &a, const Ranked &b) {
      if (a.value != b.value) return a.value > b.value;
      if (a.weight != b.weight) return a.weight > b.weight;
      return a.label < b.label;
    });
    const std::size_t all = items.size();
    if (all > kTopBars) items.resize(kTopBars);
    return all;
  }

  // A chart's text alternative, with the "showing N of M" note when there is one.
  static std::string with_note(std::string text, const std::string &note) {
    return note.empty() ? text : text + " (" + note + ")";
  }

  void add_reasons(const json::array *reasons, std::map<std::string, double> &sums) const {
    if (!reasons) return;
    for (const auto &entry : *reasons) {
      const auto *object = entry.if_object();
      if (!object) continue;
      const std::string reason = text_at(object, "reason");
      if (auto cases = number_at(object, "cases")) sums[reason] += *cases;
    }
  }

  void reasons_chart() {
    const std::string_view title = l("chart.reasons");
    std::vector<Ranked> items;
    if (group_by_ == "reason") {
      for (const auto *group : groups_) {
        items.push_back({key_text(group, "reason"), number_at(group, "opened").value_or(0), 0});
      }
    } else {
      std::map<std::string, double> sums;
      if (const auto *totals = object_at(&report_, "totals")) {
        add_reasons(array_at(totals, "top_reasons"), sums);
      } else if (!item_grouping()) {
        // Outside item groupings every case is in one group, so the groups' counts add up.
        for (const auto *group : groups_) add_reasons(array_at(group, "top_reasons"), sums);
      }
      for (const auto &[reason, cases] : sums) items.push_back({reason_text(reason), cases, 0});
    }
    if (items.empty()) {
      empty_figure(title, l("note.no_reasons"));
      return;
    }
    const std::size_t all = keep_top(items);
    svg::HorizontalBars chart;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> said;
    for (const auto &item : items) {
      const std::string value = format_.count(item.value);
      chart.bars.push_back({item.label, item.value, value});
      rows.push_back({item.label, value});
      said.push_back(item.label + ": " + value);
    }
    const std::string note = shown_of(items.size(), all);
    chart.alt = {std::string(title), with_note(std::string(l("col.cases")) + ". " + join(said), note)};
    figure(title, svg::horizontal_bars(chart),
           {std::string(l("group_by.reason")), std::string(l("col.cases"))}, rows, note);
  }

  void skus_chart() {
    const std::string_view title = l("chart.skus");
    std::vector<const json::object *> source;
    if (group_by_ == "sku") {
      source = groups_;
    } else if (const auto *skus = array_at(&report_, "top_skus")) {
      for (const auto &s : *skus) {
        if (const auto *object = s.if_object()) source.push_back(object);
      }
    } else {
      empty_figure(title, l("note.no_skus"));
      return;
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
    if (items.empty()) {
      empty_figure(title, l("note.no_skus"));
      return;
    }
    const std::size_t all = keep_top(items);
    svg::HorizontalBars chart;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> said;
    for (const auto &item : items) {
      const std::string rate = format_.percent(item.value);
      const auto &[claimed, sold] = units[item.label];
      chart.bars.push_back({item.label, item.value, rate});
      rows.push_back({item.label, rate, count_or_dash(claimed), count_or_dash(sold)});
      said.push_back(item.label + ": " + rate + " (" + rows.back()[2] + " / " + rows.back()[3] +
                     ")");
    }
    const std::string note = shown_of(items.size(), all);
    chart.alt = {std::string(title),
                 with_note(std::string(l("col.claim_rate")) + " (" +
                               std::string(l("col.units_claimed")) + " / " +
                               std::string(l("col.units_sold")) + "). " + join(said),
                           note)};
    figure(title, svg::horizontal_bars(chart),
           {"SKU", std::string(l("col.claim_rate")), std::string(l("col.units_claimed")),
            std::string(l("col.units_sold"))},
           rows, note);
  }

  void compliance_chart() {
    const std::string_view title = l("chart.compliance");
    std::vector<Ranked> items;
    std::size_t all = 0;
    if (const auto *totals = object_at(&report_, "totals")) {
      if (auto value = number_at(totals, "deadline_compliance")) {
        items.push_back({std::string(l("total")), *value, 0});
      }
    }
    std::vector<Ranked> groups;
    for (const auto *group : groups_) {
      if (auto value = number_at(group, "deadline_compliance")) {
        groups.push_back(
            {key_text(group, group_by_), *value, number_at(group, "decided").value_or(0)});
      }
    }
    all = groups.size();
    if (period_grouping()) {
      if (groups.size() > kTopBars) groups.erase(groups.begin(), groups.end() - kTopBars);
    } else {
      // The groups with the most decisions, worst compliance first among equals.
      std::stable_sort(groups.begin(), groups.end(), [](const Ranked &a, const Ranked &b) {
        if (a.weight != b.weight) return a.weight > b.weight;
        if (a.value != b.value) return a.value < b.value;
        return a.label < b.label;
      });
      if (groups.size() > kTopBars) groups.resize(kTopBars);
    }
    const std::size_t shown = groups.size();
    items.insert(items.end(), groups.begin(), groups.end());
    if (items.empty()) {
      empty_figure(title, l("note.no_compliance"));
      return;
    }
    double target = 1.0;
    if (const auto *t = object_at(object_at(&report_, "targets"), "deadline_compliance")) {
      target = number_at(t, "target").value_or(1.0);
    }
    svg::HorizontalBars chart;
    chart.max = 1.0;
    chart.target = target;
    chart.target_text = std::string(l("legend.target")) + " " + format_.percent(target);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> said;
    for (const auto &item : items) {
      const std::string value = format_.percent(item.value);
      chart.bars.push_back({item.label, item.value, value});
      rows.push_back({item.label, value});
      said.push_back(item.label + ": " + value);
    }
    const std::string note = shown_of(shown, all);
    chart.alt = {std::string(title), with_note(chart.target_text + ". " + join(said), note)};
    figure(title, svg::horizontal_bars(chart),
           {std::string(l("col.key")), std::string(l("col.deadline_compliance"))}, rows, note);
  }

  // ---- the table ------------------------------------------------------------------------------

  enum class Kind { count, percent, hours, rating };
  struct Column {
    std::string_view label, object, name;
    Kind kind;
  };
  static constexpr Column kColumns[] = {
      {"col.opened", "", "opened", Kind::count},
      {"col.decided", "", "decided", Kind::count},
      {"col.resolved", "", "resolved", Kind::count},
      {"col.open", "", "open", Kind::count},
      {"col.overdue", "", "overdue", Kind::count},
      {"col.accepted", "", "accepted", Kind::count},
      {"col.rejected", "", "rejected", Kind::count},
      {"col.acceptance_rate", "", "acceptance_rate", Kind::percent},
      {"col.handling_mean", "handling_hours", "mean", Kind::hours},
      {"col.handling_median", "handling_hours", "median", Kind::hours},
      {"col.handling_p90", "handling_hours", "p90", Kind::hours},
      {"col.resolution_mean", "resolution_hours", "mean", Kind::hours},
      {"col.resolution_median", "resolution_hours", "median", Kind::hours},
      {"col.resolution_p90", "resolution_hours", "p90", Kind::hours},
      {"col.first_response_mean", "first_response_hours", "mean", Kind::hours},
      {"col.first_response_median", "first_response_hours", "median", Kind::hours},
      {"col.first_response_p90", "first_response_hours", "p90", Kind::hours},
      {"col.deadline_compliance", "", "deadline_compliance", Kind::percent},
      {"col.breaches", "", "breaches", Kind::count},
      {"col.csat_ratings", "csat", "ratings", Kind::count},
      {"col.csat_mean", "csat", "mean", Kind::rating},
      {"col.satisfied_share", "csat", "satisfied_share", Kind::percent},
      {"col.response_rate", "csat", "response_rate", Kind::percent},
      {"col.repeat_rate", "", "repeat_rate", Kind::percent},
      {"col.reopen_rate", "", "reopen_rate", Kind::percent},
  };
  static constexpr Column kItemColumns[] = {
      {"col.units_sold", "", "units_sold", Kind::count},
      {"col.units_claimed", "", "units_claimed", Kind::count},
      {"col.claim_rate", "", "claim_rate", Kind::percent},
  };

  std::string cell(const json::object *group, const Column &column) const {
    const json::object *scope = column.object.empty() ? group : object_at(group, column.object);
    const auto value = number_at(scope, column.name);
    switch (column.kind) {
      case Kind::count: return count_or_dash(value);
      case Kind::percent: return percent_or_dash(value);
      case Kind::hours: return hours_or_dash(value);
      case Kind::rating: return rating_or_dash(value);
    }
    return std::string(kDash);
  }

  std::string refunded(const json::object *group) const {
    std::string out;
    if (const auto *amounts = array_at(group, "refunded")) {
      for (const auto &entry : *amounts) {
        const auto *object = entry.if_object();
        if (!object) continue;
        const std::string amount = text_at(object, "amount");
        if (amount.empty()) continue;
        if (!out.empty()) out += "<br/>";
        out += esc(format_.money(amount, text_at(object, "currency")));
      }
    }
    return out.empty() ? std::string(kDash) : out;
  }

  std::string reasons(const json::object *group) const {
    std::vector<std::string> parts;
    if (const auto *list = array_at(group, "top_reasons")) {
      for (const auto &entry : *list) {
        if (parts.size() == kCellReasons) break;
        const auto *object = entry.if_object();
        if (!object) continue;
        parts.push_back(reason_text(text_at(object, "reason")) + " (" +
                        count_or_dash(number_at(object, "cases")) + ")");
      }
    }
    return parts.empty() ? std::string(kDash) : esc(join(parts));
  }

  void row(const json::object *group, const std::string &label, bool items, bool footer) {
    out_ += "<tr><th scope=\"row\"><bdi>" + esc(label) + "</bdi></th>";
    for (const auto &column : kColumns) out_ += "<td>" + esc(cell(group, column)) + "</td>";
    out_ += "<td>" + refunded(group) + "</td>";
    if (items) {
      for (const auto &column : kItemColumns) out_ += "<td>" + esc(cell(group, column)) + "</td>";
    }
    out_ += "<td class=\"rc-report-words\">" +
            (footer && group_by_ == "reason" ? std::string(kDash) : reasons(group)) + "</td></tr>";
  }

  void table() {
    out_ += "<h3>" + esc(l("table")) + "</h3>";
    const json::object *totals = object_at(&report_, "totals");
    if (groups_.empty() && !totals) {
      out_ += "<p class=\"rc-report-note\">" + esc(l("no_groups")) + "</p>";
      return;
    }
    // Units sold and the claim rate are measured for item groupings; elsewhere they would be
    // columns of dashes, unless the document gives them.
    bool items = item_grouping();
    for (const auto *group : groups_) {
      if (items) break;
      items = number_at(group, "units_sold").has_value();
    }
    const std::string caption = std::string(l("grouped_by")) + ": " + group_by_text();
    out_ += "<div class=\"rc-report-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"" +
            esc(l("table")) + "\"><table><caption>" + esc(caption) + "</caption><thead><tr>";
    const std::string key_head = group_by_ == "none" ? std::string(l("col.key")) : group_by_text();
    out_ += "<th scope=\"col\">" + esc(key_head) + "</th>";
    for (const auto &column : kColumns)
      out_ += "<th scope=\"col\">" + esc(l(column.label)) + "</th>";
    out_ += "<th scope=\"col\">" + esc(l("col.refunded")) + "</th>";
    if (items) {
      for (const auto &column : kItemColumns) {
        out_ += "<th scope=\"col\">" + esc(l(column.label)) + "</th>";
      }
    }
    out_ += "<th scope=\"col\">" + esc(l("col.top_reasons")) + "</th></tr></thead><tbody>";
    for (const auto *group : groups_) row(group, key_text(group, group_by_), items, false);
    out_ += "</tbody>";
    if (totals) {
      out_ += "<tfoot>";
      row(totals, std::string(l("total")), items, true);
      out_ += "</tfoot>";
    }
    out_ += "</table></div>";
  }

  const json::object &report_;
  Lang lang_;
  NumberFormat format_;
  std::string group_by_;
  std::vector<const json::object *> groups_;
  std::string out_;
};

}  // namespace

std::string report_to_html(const json::object &report, const std::string &locale) {
  return Writer(report, report::lang_of(locale)).render();
}

std::string_view report_html_stylesheet() { return kStylesheet; }

}  // namespace reclaim
