#include "codec/html_text.hpp"
#include "codec/report_sections.hpp"
#include "core/vocabulary.hpp"

namespace reclaim::report {

namespace json = boost::json;

namespace {

constexpr std::size_t kCellReasons = 3;  // reasons named in a table cell

enum class Kind { count, percent, hours, rating };

// A measure of a group: `name` in the group, or in its member `object` when one is named.
struct Column {
  std::string_view label, object, name;
  Kind kind;
};

constexpr Column kColumns[] = {
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
// Measured for item groupings only.
constexpr Column kItemColumns[] = {
    {"col.units_sold", "", "units_sold", Kind::count},
    {"col.units_claimed", "", "units_claimed", Kind::count},
    {"col.claim_rate", "", "claim_rate", Kind::percent},
};

std::string cell(const ReportView &view, const json::object *group, const Column &column) {
  const json::object *scope = column.object.empty() ? group : object_at(group, column.object);
  const auto value = number_at(scope, column.name);
  switch (column.kind) {
    case Kind::count: return view.count_or_dash(value);
    case Kind::percent: return view.percent_or_dash(value);
    case Kind::hours: return view.hours_or_dash(value);
    case Kind::rating: return view.rating_or_dash(value);
  }
  return std::string(kDash);
}

// The amounts refunded, one line per currency; escaped.
std::string refunded(const ReportView &view, const json::object *group) {
  std::string out;
  if (const auto *amounts = array_at(group, "refunded")) {
    for (const auto *object : objects_in(*amounts)) {
      const std::string amount = text_at(object, "amount");
      if (amount.empty()) continue;
      if (!out.empty()) out += "<br/>";
      out += escape_html(view.format().money(amount, text_at(object, "currency")));
    }
  }
  return out.empty() ? std::string(kDash) : out;
}

// The units received back per disposition, one line each, those with none left out; escaped.
std::string dispositions(const ReportView &view, const json::object *group) {
  std::string out;
  const json::object *units = object_at(group, "dispositions");
  for (const auto word : kDispositions) {
    const auto n = number_at(units, word);
    if (!n || *n == 0) continue;
    if (!out.empty()) out += "<br/>";
    out += escape_html(view.disposition_text(word) + ": " + view.count_or_dash(n));
  }
  return out.empty() ? std::string(kDash) : out;
}

// The group's claims against its supplier: how many, how they stand, what came back; escaped.
std::string supplier_claims(const ReportView &view, const json::object *group) {
  const json::object *claims = object_at(group, "supplier_claims");
  const auto made = number_at(claims, "made");
  if (!made || *made == 0) return std::string(kDash);
  std::string out;
  for (const char *word : {"made", "open", "overdue", "accepted", "rejected"}) {
    const auto n = number_at(claims, word);
    if (!n || (*n == 0 && std::string_view(word) != "made")) continue;
    if (!out.empty()) out += "<br/>";
    out += escape_html(std::string(view.label("claims." + std::string(word))) + ": " +
                       view.count_or_dash(n));
  }
  if (const auto *recovered = array_at(claims, "recovered")) {
    for (const auto *object : objects_in(*recovered)) {
      out += "<br/>" + escape_html(std::string(view.label("claims.recovered")) + ": " +
                                   view.format().money(text_at(object, "amount"),
                                                       text_at(object, "currency")));
    }
  }
  return out;
}

// The group's first reasons with their counts; escaped.
std::string reasons(const ReportView &view, const json::object *group) {
  std::vector<std::string> parts;
  if (const auto *list = array_at(group, "top_reasons")) {
    for (const auto *object : objects_in(*list)) {
      if (parts.size() == kCellReasons) break;
      parts.push_back(view.reason_text(text_at(object, "reason")) + " (" +
                      view.count_or_dash(number_at(object, "cases")) + ")");
    }
  }
  return parts.empty() ? std::string(kDash) : escape_html(join(parts));
}

std::string row(const ReportView &view, const json::object *group, const std::string &label,
                bool items, bool footer) {
  std::string out = "<tr><th scope=\"row\"><bdi>" + escape_html(label) + "</bdi></th>";
  for (const auto &column : kColumns)
    out += "<td>" + escape_html(cell(view, group, column)) + "</td>";
  out += "<td>" + refunded(view, group) + "</td>";
  if (items) {
    for (const auto &column : kItemColumns) {
      out += "<td>" + escape_html(cell(view, group, column)) + "</td>";
    }
    out += "<td>" + dispositions(view, group) + "</td>";
  }
  if (view.group_by() == "supplier") out += "<td>" + supplier_claims(view, group) + "</td>";
  const bool by_reason = footer && view.group_by() == "reason";
  out += "<td class=\"rc-report-words\">" +
         (by_reason ? std::string(kDash) : reasons(view, group)) + "</td></tr>";
  return out;
}

std::string head(const ReportView &view, bool items) {
  const std::string key =
      view.group_by() == "none" ? std::string(view.label("col.key")) : view.group_by_text();
  std::string out = "<thead><tr><th scope=\"col\">" + escape_html(key) + "</th>";
  for (const auto &column : kColumns) {
    out += "<th scope=\"col\">" + escape_html(view.label(column.label)) + "</th>";
  }
  out += "<th scope=\"col\">" + escape_html(view.label("col.refunded")) + "</th>";
  if (items) {
    for (const auto &column : kItemColumns) {
      out += "<th scope=\"col\">" + escape_html(view.label(column.label)) + "</th>";
    }
    out += "<th scope=\"col\">" + escape_html(view.label("col.dispositions")) + "</th>";
  }
  if (view.group_by() == "supplier") {
    out += "<th scope=\"col\">" + escape_html(view.label("col.supplier_claims")) + "</th>";
  }
  return out + "<th scope=\"col\">" + escape_html(view.label("col.top_reasons")) +
         "</th></tr></thead>";
}

}  // namespace

std::string table_html(const ReportView &view) {
  std::string out = "<h3>" + escape_html(view.label("table")) + "</h3>";
  const json::object *totals = object_at(&view.report(), "totals");
  if (view.groups().empty() && !totals) {
    return out + "<p class=\"rc-report-note\">" + escape_html(view.label("no_groups")) + "</p>";
  }
  // Units sold and the claim rate are measured for item groupings; elsewhere they would be
  // columns of dashes, unless the document gives them.
  bool items = view.item_grouping();
  for (const auto *group : view.groups()) {
    if (items) break;
    items = number_at(group, "units_sold").has_value();
  }
  const std::string caption = std::string(view.label("grouped_by")) + ": " + view.group_by_text();
  out += "<div class=\"rc-report-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"" +
         escape_html(view.label("table")) + "\"><table><caption>" + escape_html(caption) +
         "</caption>" + head(view, items) + "<tbody>";
  for (const auto *group : view.groups()) {
    out += row(view, group, view.key_text(group, view.group_by()), items, false);
  }
  out += "</tbody>";
  if (totals)
    out +=
        "<tfoot>" + row(view, totals, std::string(view.label("total")), items, true) + "</tfoot>";
  return out + "</table></div>";
}

}  // namespace reclaim::report
