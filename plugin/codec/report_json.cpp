#include "codec/report_json.hpp"

#include <cstdio>
#include <set>

#include "codec/reader.hpp"
#include "core/error.hpp"
#include "core/model.hpp"
#include "core/vocabulary.hpp"

namespace reclaim::codec {

namespace {

std::optional<Day> day_field(Fields &fields, std::string_view key) {
  const auto text = fields.text(key, 32);
  if (!text) return std::nullopt;
  const auto day = parse_day(*text);
  if (!day) fail(Status::invalid_argument, "expected a date like 2026-11-30", fields.path(key));
  return day;
}

std::optional<double> number_field(Fields &fields, std::string_view key, double min, double max) {
  const json::value *raw = fields.raw(key);
  if (!raw) return std::nullopt;
  if (!raw->is_number()) fail(Status::invalid_argument, "expected a number", fields.path(key));
  const double value = raw->to_number<double>();
  if (!(value >= min && value <= max)) {
    char text[96];
    std::snprintf(text, sizeof text, "must be between %g and %g", min, max);
    fail(Status::invalid_argument, text, fields.path(key));
  }
  return value;
}

json::value or_null(const std::optional<double> &value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::object durations(const Durations &d) {
  return {{"mean", or_null(d.mean)}, {"median", or_null(d.median)}, {"p90", or_null(d.p90)}};
}

// Units received back with `disposition` in the group.
std::int64_t disposed(const GroupFigures &g, std::string_view disposition) {
  const auto found = g.dispositions.find(std::string(disposition));
  return found == g.dispositions.end() ? 0 : found->second;
}

json::array amounts(const std::map<std::string, Decimal> &sums) {
  json::array out;
  for (const auto &[currency, amount] : sums) out.push_back(money_to_json(Money{amount, currency}));
  return out;
}

json::object claims_to_json(const SupplierClaimFigures &c) {
  return {{"made", c.made},          {"open", c.open},
          {"overdue", c.overdue},    {"accepted", c.accepted},
          {"rejected", c.rejected},  {"claimed", amounts(c.claimed)},
          {"recovered", amounts(c.recovered)}};
}

json::object group_to_json(const GroupFigures &g) {
  json::array refunded;
  for (const auto &[currency, amount] : g.refunded) {
    refunded.push_back(money_to_json(Money{amount, currency}));
  }
  json::array reasons;
  for (const auto &[reason, cases] : g.top_reasons) {
    reasons.push_back(json::object{{"reason", reason}, {"cases", cases}});
  }
  json::object dispositions;  // every word, so that a reader needs no default
  for (const auto word : kDispositions) dispositions[word] = disposed(g, word);
  return {{"key", g.key},
          {"opened", g.opened},
          {"decided", g.decided},
          {"resolved", g.resolved},
          {"open", g.open},
          {"overdue", g.overdue},
          {"accepted", g.accepted},
          {"rejected", g.rejected},
          {"acceptance_rate", or_null(g.acceptance_rate)},
          {"handling_hours", durations(g.handling)},
          {"resolution_hours", durations(g.resolution)},
          {"first_response_hours", durations(g.first_response)},
          {"deadline_compliance", or_null(g.deadline_compliance)},
          {"breaches", g.breaches},
          {"csat", json::object{{"ratings", g.ratings},
                                {"mean", or_null(g.csat_mean)},
                                {"satisfied_share", or_null(g.satisfied_share)},
                                {"response_rate", or_null(g.response_rate)}}},
          {"repeat_rate", or_null(g.repeat_rate)},
          {"reopen_rate", or_null(g.reopen_rate)},
          {"refunded", std::move(refunded)},
          {"units_sold", g.units_sold ? json::value(*g.units_sold) : json::value(nullptr)},
          {"units_claimed", g.units_claimed},
          {"claim_rate", or_null(g.claim_rate)},
          {"dispositions", std::move(dispositions)},
          {"supplier_claims", claims_to_json(g.supplier_claims)},
          {"low_volume", g.low_volume},
          {"top_reasons", std::move(reasons)}};
}

json::object target_to_json(const TargetCheck &t) {
  return {{"target", t.target},
          {"value", or_null(t.value)},
          {"met", t.met ? json::value(*t.met) : json::value(nullptr)}};
}

// RFC 4180 cell. Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
// apostrophe: keys come from host data.
std::string cell(const std::string &text, bool is_text = true) {
  std::string value = text;
  if (is_text && !value.empty() &&
      std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos) {
    value.insert(0, 1, '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string number_cell(const std::optional<double> &value) {
  if (!value) return "";
  char text[64];
  std::snprintf(text, sizeof text, "%.4f", *value);
  std::string out = text;  // trailing zeros off: 0.5000 → 0.5, 22.0000 → 22
  out.erase(out.find_last_not_of('0') + 1);
  if (out.back() == '.') out.pop_back();
  return out;
}

std::string count_cell(std::int64_t value) { return std::to_string(value); }

}  // namespace

Targets targets_from_json(const json::value &value, const std::string &path) {
  Fields fields(value, path);
  Targets targets;
  targets.handling_hours =
      number_field(fields, "handling_hours", 0, 24 * 365).value_or(targets.handling_hours);
  targets.satisfaction = number_field(fields, "satisfaction", 0, 1).value_or(targets.satisfaction);
  targets.repeat_rate = number_field(fields, "repeat_rate", 0, 1).value_or(targets.repeat_rate);
  fields.finish();
  return targets;
}

ReportQuery report_query_from_json(const json::value &document) {
  Fields fields(document, "");
  ReportQuery query;
  query.shop = fields.id("shop").value_or("");
  if (fields.has("shop") && query.shop.empty()) {
    fail(Status::invalid_argument, "must not be empty", "shop");
  }
  query.from = day_field(fields, "from");
  query.to = day_field(fields, "to");
  if (const auto kind = fields.word("kind", kKindNames)) {
    query.kind = parse_word<Kind>(*kind, kKindNames);
  }
  if (const auto grouping = fields.word("group_by", kGroupingNames)) {
    query.group_by = *parse_word<Grouping>(*grouping, kGroupingNames);
  }
  static constexpr std::string_view kFormats[] = {"json", "csv", "html"};
  query.format = fields.word("format", kFormats).value_or("json");
  query.locale = fields.word("locale", kLocales).value_or("");
  if (const auto limit = fields.integer("limit", 1, 10'000)) query.limit = static_cast<int>(*limit);
  query.min_units_sold = fields.integer("min_units_sold", 0, 1'000'000'000).value_or(10);
  fields.finish();
  return query;
}

json::object report_to_json(const Report &report) {
  json::array groups;
  for (const auto &g : report.groups) groups.push_back(group_to_json(g));
  const auto &q = report.query;
  return {{"shop", q.shop.empty() ? json::value(nullptr) : json::value(q.shop)},
          {"from", format_day(report.from)},
          {"to", format_day(report.to)},
          {"timezone", report.timezone},
          {"kind", q.kind ? json::value(name(*q.kind)) : json::value(nullptr)},
          {"group_by", name(q.group_by)},
          {"min_units_sold", q.min_units_sold},
          {"groups", std::move(groups)},
          {"totals", group_to_json(report.totals)},
          {"targets", json::object{{"handling_hours", target_to_json(report.handling)},
                                   {"satisfaction", target_to_json(report.satisfaction)},
                                   {"repeat_rate", target_to_json(report.repeat)}}}};
}

std::string report_to_csv(const Report &report) {
  std::set<std::string> currencies, recovered_in;
  for (const auto &g : report.groups) {
    for (const auto &[currency, amount] : g.refunded) currencies.insert(currency);
    for (const auto &[currency, amount] : g.supplier_claims.recovered) recovered_in.insert(currency);
  }
  // Supplier claims are counted per supplier: other groupings leave them to the JSON totals.
  const bool claims = report.query.group_by == Grouping::supplier;
  std::vector<std::string> header = {"key",
                                     "opened",
                                     "decided",
                                     "resolved",
                                     "open",
                                     "overdue",
                                     "accepted",
                                     "rejected",
                                     "acceptance_rate",
                                     "handling_hours_mean",
                                     "handling_hours_median",
                                     "handling_hours_p90",
                                     "resolution_hours_mean",
                                     "resolution_hours_median",
                                     "resolution_hours_p90",
                                     "first_response_hours_mean",
                                     "first_response_hours_median",
                                     "first_response_hours_p90",
                                     "deadline_compliance",
                                     "breaches",
                                     "csat_ratings",
                                     "csat_mean",
                                     "csat_satisfied_share",
                                     "csat_response_rate",
                                     "repeat_rate",
                                     "reopen_rate"};
  for (const auto &currency : currencies) header.push_back("refunded_" + currency);
  for (const char *column : {"units_sold", "units_claimed", "claim_rate"}) {
    header.emplace_back(column);
  }
  for (const auto word : kDispositions) header.push_back("disposed_" + std::string(word));
  if (claims) {
    for (const char *column : {"supplier_claims_made", "supplier_claims_open",
                               "supplier_claims_overdue", "supplier_claims_accepted",
                               "supplier_claims_rejected"}) {
      header.emplace_back(column);
    }
    for (const auto &currency : recovered_in) header.push_back("recovered_" + currency);
  }
  header.emplace_back("top_reasons");
  std::string out;
  const auto row = [&](const std::vector<std::string> &cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += cells[i];
    }
    out += "\r\n";
  };
  row(header);
  for (const auto &g : report.groups) {
    std::vector<std::string> cells = {cell(g.key),
                                      count_cell(g.opened),
                                      count_cell(g.decided),
                                      count_cell(g.resolved),
                                      count_cell(g.open),
                                      count_cell(g.overdue),
                                      count_cell(g.accepted),
                                      count_cell(g.rejected),
                                      number_cell(g.acceptance_rate),
                                      number_cell(g.handling.mean),
                                      number_cell(g.handling.median),
                                      number_cell(g.handling.p90),
                                      number_cell(g.resolution.mean),
                                      number_cell(g.resolution.median),
                                      number_cell(g.resolution.p90),
                                      number_cell(g.first_response.mean),
                                      number_cell(g.first_response.median),
                                      number_cell(g.first_response.p90),
                                      number_cell(g.deadline_compliance),
                                      count_cell(g.breaches),
                                      count_cell(g.ratings),
                                      number_cell(g.csat_mean),
                                      number_cell(g.satisfied_share),
                                      number_cell(g.response_rate),
                                      number_cell(g.repeat_rate),
                                      number_cell(g.reopen_rate)};
    for (const auto &currency : currencies) {
      const auto found = g.refunded.find(currency);
      cells.push_back(found == g.refunded.end() ? "0" : amount_text(found->second, currency));
    }
    cells.push_back(g.units_sold ? count_cell(*g.units_sold) : "");
    cells.push_back(count_cell(g.units_claimed));
    cells.push_back(number_cell(g.claim_rate));
    for (const auto word : kDispositions) cells.push_back(count_cell(disposed(g, word)));
    if (claims) {
      const SupplierClaimFigures &c = g.supplier_claims;
      for (const auto n : {c.made, c.open, c.overdue, c.accepted, c.rejected}) {
        cells.push_back(count_cell(n));
      }
      for (const auto &currency : recovered_in) {
        const auto found = c.recovered.find(currency);
        cells.push_back(found == c.recovered.end() ? "0" : amount_text(found->second, currency));
      }
    }
    std::string reasons;
    for (const auto &[reason, cases] : g.top_reasons) {
      if (!reasons.empty()) reasons += "; ";
      reasons += reason + " (" + std::to_string(cases) + ")";
    }
    cells.push_back(cell(reasons));
    row(cells);
  }
  return out;
}

}  // namespace reclaim::codec
