// Reports: the period and its defaults in the shop's zone, the facts from storage in one read
// transaction, the figures from core/report.cpp, the format from codec/report_json.cpp.
#include <date/date.h>

#include "codec/report_html.hpp"
#include "codec/report_json.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace json = boost::json;

constexpr int kTopSkusCharted = 10;

Report Engine::report_figures(const ReportQuery &query) {
  const std::vector<std::string> shops =
      query.shop.empty() ? shop_order_ : std::vector<std::string>{query.shop};
  const Shop &first = shop(shops.front());  // Error(not_found) naming "shop" when unknown
  const UnixMs at = now();
  const Day today = first.zone.local_day(at);
  const auto month_start = [](Day day) {
    const date::year_month_day ymd{day};
    return Day{ymd.year() / ymd.month() / date::day{1}};
  };
  Day to = today, from = month_start(today);
  if (query.to) {
    to = *query.to;
    from = query.from.value_or(month_start(to));
  } else if (query.from) {
    from = *query.from;
    to = from <= today
             ? today
             : Day{date::year_month_day_last{date::year_month_day{from}.year() /
                                             date::year_month_day{from}.month() / date::last}};
  }
  if (to < from) fail(Status::invalid_argument, "to is before from", "to");
  if (to >= add_months(from, 12 * kMaxReportYears)) {
    fail(Status::invalid_argument,
         "a report covers at most " + std::to_string(kMaxReportYears) + " years", "to");
  }
  const Span span = span_of(from, to, first.zone);
  ReportFacts facts;
  store_->read([&](Tx &tx) {
    for (const auto &id : shops) tx.report_facts(id, span, query.kind, query.group_by, facts);
  });
  return build_report(query, from, to, facts, first.zone, first.config.targets, at);
}

json::object Engine::report(const ReportQuery &query) {
  const Report figures = report_figures(query);
  if (query.format == "csv") {
    return {{"format", "csv"},
            {"content_type", "text/csv; charset=utf-8"},
            {"body", codec::report_to_csv(figures)}};
  }
  json::object document = codec::report_to_json(figures);
  if (query.format == "html") {
    // The page's chart of the SKUs claimed most often needs them whatever the grouping.
    if (query.group_by != Grouping::sku) {
      ReportQuery by_sku = query;
      by_sku.group_by = Grouping::sku;
      by_sku.limit = kTopSkusCharted;
      document["top_skus"] = codec::report_to_json(report_figures(by_sku)).at("groups");
    }
    const std::string &locale =
        query.locale.empty() ? shop(query.shop.empty() ? shop_order_.front() : query.shop).config.locale
                             : query.locale;
    return {{"format", "html"},
            {"content_type", "text/html; charset=utf-8"},
            {"body", report_to_html(document, locale)}};
  }
  return document;
}

}  // namespace reclaim
