// Rendering with hostile values. The first byte picks what (its value modulo 4; a seed starting
// with the digit 0–3 picks them in the order below), the language (its value / 4 modulo 3:
// pl, en, ru; Polish for the digits) and, for pages, the page (its value / 12 modulo 10):
//   0 a template: the first line is the context (JSON), the rest the template's source; a source
//     with no '<' and no {{{raw}}} tag must render without a '<' (every value escaped)
//   1 a page template of the endpoint, inside the layout, with the rest as the context; no
//     page but the layout (whose {{{content}}} is the page) may let a "<script" through. One
//     page per input: all ten at once did ten renderings where the other kinds do one.
//   2 report_to_html over the rest as a report result document (hostile keys, wrong types)
//   3 a report built from facts the rest spells out (hostile SKUs, reasons, channels, …) as CSV
//     and HTML: every CSV record has the header's number of fields, no text cell starts a
//     formula, and the HTML lets no "<script" through
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <iterator>
#include <boost/json/parse.hpp>
#include <string>
#include <vector>

#include "codec/report_html.hpp"
#include "codec/report_json.hpp"
#include "core/error.hpp"
#include "core/report.hpp"
#include "fuzz_engine.hpp"
#include "http/views.hpp"

using namespace reclaim;
namespace json = boost::json;

namespace {

json::value parse_or_null(std::string_view text) {
  json::error_code ec;
  auto value = json::parse(text, ec);
  if (ec) return nullptr;
  return value;
}

bool has_script(std::string_view text) {
  constexpr std::string_view kTag = "<script";
  const auto same = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; };
  return std::search(text.begin(), text.end(), kTag.begin(), kTag.end(), same) != text.end();
}

void one_template(std::string_view text) {
  const auto [line, source] = fuzz::first_line(text);
  json::value context = parse_or_null(line);
  if (!context.is_object()) {
    context = json::object{{"v", "<b>&\"'"}, {"list", json::array{"<i>", 1, nullptr, true}},
                           {"o", json::object{{"v", "</p><script>"}}}};
  }
  try {
    const codec::Template page("fuzz", source);
    const std::string out = page.render(context);
    if (source.find('<') == source.npos && source.find("{{{") == source.npos &&
        out.find('<') != out.npos) {
      fuzz::broken("a value was not escaped");
    }
  } catch (const Error &) {
    // A syntax error is reported, not rendered.
  }
}

void one_page(std::string_view text, std::string_view lang, std::size_t which) {
  static const http::Views views;
  static constexpr const char *kPages[] = {"confirmation", "home", "layout", "message",
                                           "new_items", "new_order", "status", "withdraw",
                                           "withdraw_confirm", "withdraw_done"};
  const std::string_view name = kPages[which % std::size(kPages)];
  const json::value context = parse_or_null(text);
  const std::string out = views.page(name).render(context, &views.outer(lang));
  if (name != "layout" && has_script(out)) fuzz::broken("a page let a script through");
}

void report_html(std::string_view text, const std::string &locale) {
  const json::value document = parse_or_null(text);
  if (!document.is_object()) return;
  if (has_script(report_to_html(document.get_object(), locale))) {
    fuzz::broken("the report let a script through");
  }
}

// RFC 4180 records: the fields of each, unquoted. Aborts on a quote that does not parse.
std::vector<std::vector<std::string>> csv_records(std::string_view csv) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
  std::string field;
  std::size_t i = 0;
  bool quoted = false;
  while (i < csv.size()) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c == '"') {
        quoted = false;
        ++i;
        if (i < csv.size() && csv[i] != ',' && csv[i] != '\r') fuzz::broken("CSV: text after a quote");
        continue;
      }
      field += c;
      ++i;
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      ++i;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      fields.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(fields));
      fields.clear();
      i += 2;
    } else if (c == '\r' || c == '\n' || c == '"') {
      fuzz::broken("CSV: a bare CR, LF or quote");
    } else {
      field += c;
      ++i;
    }
  }
  if (quoted || !field.empty() || !fields.empty()) fuzz::broken("CSV: the last record is open");
  return records;
}

void report_from_facts(const std::uint8_t *data, std::size_t size, const std::string &locale) {
  static const Zone zone("Europe/Warsaw");
  FuzzedDataProvider in(data, size);
  ReportQuery query;
  query.group_by = static_cast<Grouping>(in.ConsumeIntegralInRange<int>(0, 11));
  if (in.ConsumeBool()) query.kind = in.ConsumeBool() ? Kind::complaint : Kind::return_;
  if (in.ConsumeBool()) query.limit = in.ConsumeIntegralInRange<int>(0, 50);
  query.min_units_sold = in.ConsumeIntegralInRange<std::int64_t>(0, 100);
  // Up to 40 days from 1 December: across the year's end (weeks 53 and 1, two years' months).
  // The 90 days of before crossed nothing more and made the report, most of an input's cost,
  // twice as long.
  const Day from = date::sys_days(date::year(2026) / 12 / 1);
  const Day to = from + date::days(in.ConsumeIntegralInRange<int>(0, 40));
  const UnixMs begin = 1'796'079'600'000;  // 2026-11-30T23:00:00Z, midnight of `from` in Warsaw
  const auto instant = [&] { return begin + in.ConsumeIntegralInRange<UnixMs>(0, 100LL * 86'400'000); };
  ReportFacts facts;
  const std::size_t cases = in.ConsumeIntegralInRange<std::size_t>(0, 12);
  for (std::size_t i = 0; i < cases; ++i) {
    CaseFacts c;
    c.created_at = instant();
    c.kind = in.ConsumeBool() ? Kind::complaint : Kind::return_;
    c.state = static_cast<State>(in.ConsumeIntegralInRange<int>(0, 9));
    c.channel = in.ConsumeRandomLengthString(40);
    c.assignee = in.ConsumeRandomLengthString(40);
    c.decision_due = instant();
    if (in.ConsumeBool()) c.decided_at = instant();
    if (in.ConsumeBool()) c.resolved_at = instant();
    if (in.ConsumeBool()) c.first_response_at = instant();
    c.accepted = in.ConsumeBool();
    if (in.ConsumeBool()) c.rating = in.ConsumeIntegralInRange<int>(1, 5);
    c.reopened = in.ConsumeBool();
    c.repeat_order = in.ConsumeBool();
    facts.cases.push_back(std::move(c));
  }
  static constexpr const char *kCurrencies[] = {"EUR", "PLN", "RUB", "USD"};
  const std::size_t items = cases ? in.ConsumeIntegralInRange<std::size_t>(0, 24) : 0;
  for (std::size_t i = 0; i < items; ++i) {
    ItemFacts item;
    item.case_index = in.ConsumeIntegralInRange<std::size_t>(0, cases - 1);
    item.sku = in.ConsumeRandomLengthString(40);
    item.category = in.ConsumeRandomLengthString(40);
    item.supplier = in.ConsumeRandomLengthString(40);
    item.reason = in.ConsumeRandomLengthString(40);
    item.resolution = in.ConsumeRandomLengthString(20);
    item.qty = in.ConsumeIntegralInRange<std::int64_t>(1, 1000);
    item.active = in.ConsumeBool();
    if (in.ConsumeBool()) {
      item.refund = Decimal::from_units(in.ConsumeIntegralInRange<std::int64_t>(0, Decimal::kMaxUnits / 1000));
    }
    item.currency = kCurrencies[in.ConsumeIntegralInRange<int>(0, 3)];
    facts.items.push_back(std::move(item));
  }
  while (in.remaining_bytes() > 0 && facts.units_sold.size() < 12) {
    std::string key = in.ConsumeRandomLengthString(40);
    facts.units_sold[key] = in.ConsumeIntegralInRange<std::int64_t>(0, 1'000'000);
  }
  const Report report = build_report(query, from, to, facts, zone, Targets{}, begin + 30LL * 86'400'000);

  const auto records = csv_records(codec::report_to_csv(report));
  if (records.size() != report.groups.size() + 1) fuzz::broken("CSV: a record per group");
  for (const auto &record : records) {
    if (record.size() != records.front().size()) fuzz::broken("CSV: fields per record");
    for (std::size_t column : {std::size_t{0}, record.size() - 1}) {
      const std::string &cell = record[column];
      if (!cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos) {
        fuzz::broken("CSV: a text cell starts a formula");
      }
    }
  }
  if (has_script(report_to_html(codec::report_to_json(report), locale))) {
    fuzz::broken("the report let a script through");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  const std::string lang(http::kLanguages[data[0] / 4 % 3]);
  switch (data[0] % 4) {
    case 0: one_template(text); break;
    case 1: one_page(text, lang, data[0] / 12); break;
    case 2: report_html(text, lang); break;
    default: report_from_facts(data + 1, size - 1, lang); break;
  }
  return 0;
}
