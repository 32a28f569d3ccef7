// Reports: the period and its defaults in the shop's zone, the facts from storage in one read
// transaction, the figures from core/report.cpp; the documents are the codec's (views_json).
#include <date/date.h>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

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

ReportAnswer Engine::report(const ReportQuery &query) {
  ReportAnswer answer{report_figures(query), std::nullopt, query.locale};
  if (query.format != "html") return answer;
  // The page's chart of the SKUs claimed most often needs them whatever the grouping.
  if (query.group_by != Grouping::sku) {
    ReportQuery by_sku = query;
    by_sku.group_by = Grouping::sku;
    by_sku.limit = kTopSkusCharted;
    answer.top_skus = report_figures(by_sku);
  }
  if (answer.locale.empty()) {
    answer.locale = shop(query.shop.empty() ? shop_order_.front() : query.shop).config.locale;
  }
  return answer;
}

}  // namespace reclaim
