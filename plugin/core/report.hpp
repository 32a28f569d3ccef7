// Reports: what a manager asks (a period, filters, a grouping) and the figures per group, computed
// from narrow per-case and per-item facts that storage reads. Pure: no SQL, no JSON. The
// definitions are written out for managers in docs/REPORTS.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "core/decimal.hpp"
#include "core/time.hpp"
#include "core/vocabulary.hpp"
#include "core/zone.hpp"

namespace reclaim {

enum class Grouping {
  none,
  reason,
  sku,
  supplier,
  category,
  channel,
  kind,
  resolution,
  assignee,
  day,
  week,
  month
};
inline constexpr std::string_view kGroupingNames[] = {"none",     "reason",  "sku",  "supplier",
                                                      "category", "channel", "kind", "resolution",
                                                      "assignee", "day",     "week", "month"};
inline std::string_view name(Grouping v) { return name_of(v, kGroupingNames); }

// Groupings whose members are items (a case with items of two SKUs is in both SKU groups).
bool groups_items(Grouping grouping);
// Groupings that compare claims with sales (units sold, claim rate, low-volume threshold).
bool compares_sales(Grouping grouping);
bool groups_periods(Grouping grouping);

// The owner's targets for a shop (shop configuration "targets").
struct Targets {
  double handling_hours = 24;  // average open → decision at most this
  double satisfaction = 0.9;   // share of ratings 4–5 at least this
  double repeat_rate = 0.05;   // repeats below this
};

inline constexpr int kMaxReportYears = 10;

struct ReportQuery {
  std::string shop;             // empty: every configured shop together
  std::optional<Day> from, to;  // dates on the shop's wall clock, both included
  std::optional<Kind> kind;
  Grouping group_by = Grouping::none;
  std::string format = "json";
  std::string locale;                // html labels; empty: the shop's language
  std::optional<int> limit;          // the first N groups after sorting
  std::int64_t min_units_sold = 10;  // below this a claim rate ranks after the others
};

// The instants [begin, end) that the dates from..to cover in a zone.
struct Span {
  UnixMs begin = 0;
  UnixMs end = 0;
};
Span span_of(Day from, Day to, const Zone &zone);

// One case as reports see it (storage columns kept on every write).
struct CaseFacts {
  UnixMs created_at = 0;
  Kind kind = Kind::complaint;
  State state = State::received;
  std::string channel;
  std::string assignee;
  UnixMs decision_due = kMaxTime;
  std::optional<UnixMs> decided_at, resolved_at, first_response_at;
  bool accepted = false;  // the decision accepted at least part (deemed acceptance included)
  std::optional<int> rating;
  bool reopened = false;
  bool repeat_order = false;  // the customer already had a case on the same order
};

// One claimed item of a case.
struct ItemFacts {
  std::size_t case_index = 0;  // into ReportFacts::cases
  std::string sku, category, supplier, reason;
  std::string resolution;  // accepted resolution type; empty when not accepted
  std::int64_t qty = 0;
  bool active = true;             // false once the case is cancelled
  std::optional<Decimal> refund;  // money the accepted decision gives back for this item
  std::string currency;
  std::map<std::string, std::int64_t> disposed;  // units received back per disposition
};

// One claim against a supplier made in the period (by its own date, not its case's).
struct ClaimFacts {
  std::string supplier;
  UnixMs answer_due = 0;
  std::string answer;  // "" while open, "accepted" or "rejected"
  std::optional<Decimal> claimed, recovered;
  std::string claimed_currency, recovered_currency;
};

struct ReportFacts {
  std::vector<CaseFacts> cases;
  std::vector<ItemFacts> items;
  std::vector<ClaimFacts> claims;
  // Units sold in the period by the grouping's key (sku, supplier or category).
  std::map<std::string, std::int64_t> units_sold;
};

struct Durations {
  std::optional<double> mean, median, p90;  // hours, rounded to 0.01
};

// The shop's claims against suppliers: how many it made, how they stand, and the money asked
// and got back per currency.
struct SupplierClaimFigures {
  std::int64_t made = 0, open = 0, overdue = 0, accepted = 0, rejected = 0;
  std::map<std::string, Decimal> claimed, recovered;
};

struct GroupFigures {
  std::string key;
  std::int64_t opened = 0, decided = 0, resolved = 0, open = 0, overdue = 0;
  std::int64_t accepted = 0, rejected = 0;
  std::optional<double> acceptance_rate;
  Durations handling, resolution, first_response;
  std::optional<double> deadline_compliance;
  std::int64_t breaches = 0;
  std::int64_t ratings = 0;
  std::optional<double> csat_mean, satisfied_share, response_rate;
  std::optional<double> repeat_rate, reopen_rate;
  std::map<std::string, Decimal> refunded;  // per currency, never summed across
  std::optional<std::int64_t> units_sold;
  std::int64_t units_claimed = 0;
  std::map<std::string, std::int64_t> dispositions;  // units received back, per disposition
  SupplierClaimFigures supplier_claims;  // totals, and each group when grouped by supplier
  std::optional<double> claim_rate;
  bool low_volume = false;  // units sold below the threshold: ranked after the others
  std::vector<std::pair<std::string, std::int64_t>> top_reasons;  // cases per reason, top 3
};

struct TargetCheck {
  double target = 0;
  std::optional<double> value;
  std::optional<bool> met;  // unknown when there is nothing to measure
};

struct Report {
  ReportQuery query;
  Day from{}, to{};  // the dates reported on (the query's, or its defaults)
  std::string timezone;
  std::vector<GroupFigures> groups;
  GroupFigures totals;
  TargetCheck handling, satisfaction, repeat;
};

// Rounding used for every figure: half away from zero to `places` decimals.
double round_to(double value, int places);
// Median (mean of the two middle values for an even count) and p90 (nearest rank: the value at
// rank ceil(0.9 n)) of durations in milliseconds, as hours; empty input gives nulls.
Durations summarize(std::vector<std::int64_t> durations_ms);
// Period keys: "2026-11-03", "2026-W45" (ISO week), "2026-11".
std::string period_key(Grouping grouping, Day day);

// The figures of a report from its facts, at instant `now` (for "open now" and "overdue now").
Report build_report(const ReportQuery &query, Day from, Day to, const ReportFacts &facts,
                    const Zone &zone, const Targets &targets, UnixMs now);

}  // namespace reclaim
