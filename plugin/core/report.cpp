#include "core/report.hpp"

#include <date/date.h>
#include <date/iso_week.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace reclaim {

namespace {

constexpr double kMsPerHourD = 3'600'000.0;

std::optional<double> rate(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return round_to(static_cast<double>(part) / static_cast<double>(whole), 4);
}

// Work is not finished: before a decision, or accepted and waiting for fulfilment.
bool open_now(State state) {
  return state != State::rejected && state != State::resolved && state != State::closed &&
         state != State::cancelled;
}

// A customer may rate a case in these states (and a rated case stays counted).
bool ratable(State state) {
  return state == State::resolved || state == State::closed || state == State::rejected;
}

// The members of one group: its cases (each once) and its items.
struct Members {
  std::vector<std::size_t> cases;
  std::vector<std::size_t> items;
};

GroupFigures figures_of(const std::string &key, const Members &members, const ReportFacts &facts,
                        UnixMs now) {
  GroupFigures g;
  g.key = key;
  std::vector<std::int64_t> handling, resolution, first_response;
  std::int64_t on_time = 0, rating_sum = 0, satisfied = 0, can_rate = 0, repeats = 0, reopened = 0;
  for (const std::size_t index : members.cases) {
    const CaseFacts &c = facts.cases[index];
    ++g.opened;
    if (c.decided_at) {
      ++g.decided;
      ++(c.accepted ? g.accepted : g.rejected);
      handling.push_back(*c.decided_at - c.created_at);
      if (*c.decided_at <= c.decision_due) {
        ++on_time;
      } else {
        ++g.breaches;
      }
    } else if (c.state != State::cancelled && c.decision_due < now) {
      ++g.overdue;
      ++g.breaches;
    }
    if (c.resolved_at) {
      ++g.resolved;
      resolution.push_back(*c.resolved_at - c.created_at);
    }
    if (open_now(c.state)) ++g.open;
    if (c.first_response_at) first_response.push_back(*c.first_response_at - c.created_at);
    if (c.rating) {
      ++g.ratings;
      rating_sum += *c.rating;
      if (*c.rating >= 4) ++satisfied;
    }
    if (c.rating || ratable(c.state)) ++can_rate;
    if (c.repeat_order || c.reopened) ++repeats;
    if (c.reopened) ++reopened;
  }
  g.acceptance_rate = rate(g.accepted, g.decided);
  g.handling = summarize(std::move(handling));
  g.resolution = summarize(std::move(resolution));
  g.first_response = summarize(std::move(first_response));
  g.deadline_compliance = rate(on_time, g.decided);
  if (g.ratings > 0) {
    g.csat_mean = round_to(static_cast<double>(rating_sum) / static_cast<double>(g.ratings), 2);
  }
  g.satisfied_share = rate(satisfied, g.ratings);
  g.response_rate = rate(g.ratings, can_rate);
  g.repeat_rate = rate(repeats, g.opened);
  g.reopen_rate = rate(reopened, g.opened);

  // Reasons count cases: two items of one case with the same reason count once. Items arrive
  // ordered by case, so the last case seen per reason is enough to tell.
  std::map<std::string, std::pair<std::int64_t, std::size_t>> reasons;
  for (const std::size_t index : members.items) {
    const ItemFacts &item = facts.items[index];
    if (item.active) g.units_claimed += item.qty;
    for (const auto &[word, units] : item.disposed) g.dispositions[word] += units;
    if (item.refund) {
      auto [at, fresh] = g.refunded.try_emplace(item.currency, *item.refund);
      if (!fresh) at->second = at->second + *item.refund;
    }
    auto [seen, fresh] = reasons.try_emplace(item.reason, 1, item.case_index);
    if (!fresh && seen->second.second != item.case_index) {
      ++seen->second.first;
      seen->second.second = item.case_index;
    }
  }
  for (const auto &[reason, counted] : reasons) g.top_reasons.emplace_back(reason, counted.first);
  std::stable_sort(g.top_reasons.begin(), g.top_reasons.end(),
                   [](const auto &a, const auto &b) { return a.second > b.second; });
  if (g.top_reasons.size() > 3) g.top_reasons.resize(3);
  return g;
}

void add_money(std::map<std::string, Decimal> &sums, const std::optional<Decimal> &amount,
               const std::string &currency) {
  if (!amount) return;
  auto [at, fresh] = sums.try_emplace(currency, *amount);
  if (!fresh) at->second = at->second + *amount;
}

void count_claim(SupplierClaimFigures &figures, const ClaimFacts &claim, UnixMs now) {
  ++figures.made;
  if (claim.answer.empty()) {
    ++figures.open;
    if (now > claim.answer_due) ++figures.overdue;
  } else if (claim.answer == "accepted") {
    ++figures.accepted;
  } else {
    ++figures.rejected;
  }
  add_money(figures.claimed, claim.claimed, claim.claimed_currency);
  add_money(figures.recovered, claim.recovered, claim.recovered_currency);
}

std::string supplier_key(const std::string &supplier) {
  return supplier.empty() ? "unknown" : supplier;
}

std::string case_key(Grouping grouping, const CaseFacts &c, const Zone &zone) {
  switch (grouping) {
    case Grouping::channel: return c.channel.empty() ? "unknown" : c.channel;
    case Grouping::kind: return std::string(name(c.kind));
    case Grouping::assignee: return c.assignee.empty() ? "unassigned" : c.assignee;
    case Grouping::day:
    case Grouping::week:
    case Grouping::month: return period_key(grouping, zone.local_day(c.created_at));
    default: return "all";
  }
}

std::string item_key(Grouping grouping, const ItemFacts &item) {
  const auto or_unknown = [](const std::string &text) { return text.empty() ? "unknown" : text; };
  switch (grouping) {
    case Grouping::reason: return item.reason;
    case Grouping::sku: return or_unknown(item.sku);
    case Grouping::supplier: return or_unknown(item.supplier);
    case Grouping::category: return or_unknown(item.category);
    case Grouping::resolution: return item.resolution.empty() ? "none" : item.resolution;
    default: return "all";
  }
}

// Worst offenders first: claim rate among groups with enough sales, then the rest by units
// claimed. Other groupings: most cases first. Ties by key, so the order is stable.
void sort_groups(std::vector<GroupFigures> &groups, Grouping grouping) {
  if (groups_periods(grouping) || grouping == Grouping::none) return;
  if (compares_sales(grouping)) {
    std::sort(groups.begin(), groups.end(), [](const GroupFigures &a, const GroupFigures &b) {
      if (a.low_volume != b.low_volume) return !a.low_volume;
      if (!a.low_volume && a.claim_rate != b.claim_rate) return a.claim_rate > b.claim_rate;
      if (a.units_claimed != b.units_claimed) return a.units_claimed > b.units_claimed;
      return a.key < b.key;
    });
    return;
  }
  std::sort(groups.begin(), groups.end(), [](const GroupFigures &a, const GroupFigures &b) {
    if (a.opened != b.opened) return a.opened > b.opened;
    return a.key < b.key;
  });
}

TargetCheck check(double target, std::optional<double> value, bool at_most, bool strictly) {
  TargetCheck out{target, value, std::nullopt};
  if (value) {
    out.met = at_most ? (strictly ? *value < target : *value <= target) : *value >= target;
  }
  return out;
}

}  // namespace

bool groups_items(Grouping g) {
  return g == Grouping::reason || g == Grouping::sku || g == Grouping::supplier ||
         g == Grouping::category || g == Grouping::resolution;
}

bool compares_sales(Grouping g) {
  return g == Grouping::sku || g == Grouping::supplier || g == Grouping::category;
}

bool groups_periods(Grouping g) {
  return g == Grouping::day || g == Grouping::week || g == Grouping::month;
}

Span span_of(Day from, Day to, const Zone &zone) {
  return {zone.start_of_day(from), zone.start_of_day(to + date::days{1})};
}

double round_to(double value, int places) {
  const double scale = std::pow(10.0, places);
  return std::round(value * scale) / scale;
}

Durations summarize(std::vector<std::int64_t> ms) {
  Durations out;
  if (ms.empty()) return out;
  const std::size_t n = ms.size();
  std::int64_t sum = 0;
  for (const auto value : ms) sum += value;
  out.mean = round_to(static_cast<double>(sum) / static_cast<double>(n) / kMsPerHourD, 2);
  // ceil(0.9 n), 1-based rank
  const std::size_t rank90 = (9 * n + 9) / 10;
  std::nth_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(rank90 - 1), ms.end());
  const std::int64_t p90 = ms[rank90 - 1];
  const std::size_t mid = n / 2;
  std::nth_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(mid), ms.end());
  double median = static_cast<double>(ms[mid]);
  if (n % 2 == 0) {
    const std::int64_t below =
        *std::max_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(mid));
    median = (static_cast<double>(below) + median) / 2.0;
  }
  out.median = round_to(median / kMsPerHourD, 2);
  out.p90 = round_to(static_cast<double>(p90) / kMsPerHourD, 2);
  return out;
}

std::string period_key(Grouping grouping, Day day) {
  char text[16];
  if (grouping == Grouping::week) {
    const iso_week::year_weeknum_weekday week{day};
    std::snprintf(text, sizeof text, "%04d-W%02u", int{week.year()}, unsigned{week.weeknum()});
    return text;
  }
  const date::year_month_day ymd{day};
  if (grouping == Grouping::month) {
    std::snprintf(text, sizeof text, "%04d-%02u", int{ymd.year()}, unsigned{ymd.month()});
    return text;
  }
  return format_day(day);
}

Report build_report(const ReportQuery &query, Day from, Day to, const ReportFacts &facts,
                    const Zone &zone, const Targets &targets, UnixMs now) {
  const Grouping grouping = query.group_by;
  // Items in case order (a counting sort), so each case's items are seen together.
  std::vector<std::size_t> first(facts.cases.size() + 1, 0);
  for (const auto &item : facts.items) ++first[item.case_index + 1];
  for (std::size_t i = 1; i < first.size(); ++i) first[i] += first[i - 1];
  std::vector<std::size_t> by_case(facts.items.size());
  {
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (std::size_t j = 0; j < facts.items.size(); ++j)
      by_case[next[facts.items[j].case_index]++] = j;
  }

  std::vector<std::string> order;  // keys in first-seen order (periods: calendar order)
  std::unordered_map<std::string, Members> groups;
  if (groups_periods(grouping)) {
    for (Day day = from; day <= to; day += date::days{1}) {
      std::string key = period_key(grouping, day);
      if (groups.try_emplace(key).second) order.push_back(std::move(key));
    }
  }
  const auto group = [&](const std::string &key) -> Members & {
    auto [at, fresh] = groups.try_emplace(key);
    if (fresh) order.push_back(key);
    return at->second;
  };
  Members all;
  all.cases.reserve(facts.cases.size());
  all.items = by_case;
  for (std::size_t c = 0; c < facts.cases.size(); ++c) {
    all.cases.push_back(c);
    if (grouping == Grouping::none) continue;
    if (!groups_items(grouping)) {
      Members &members = group(case_key(grouping, facts.cases[c], zone));
      members.cases.push_back(c);
      for (std::size_t k = first[c]; k < first[c + 1]; ++k) members.items.push_back(by_case[k]);
      continue;
    }
    for (std::size_t k = first[c]; k < first[c + 1]; ++k) {
      Members &members = group(item_key(grouping, facts.items[by_case[k]]));
      if (members.cases.empty() || members.cases.back() != c) members.cases.push_back(c);
      members.items.push_back(by_case[k]);
    }
  }

  // A supplier claimed from in the period is in the report even without a case opened in it.
  std::unordered_map<std::string, SupplierClaimFigures> claims_by_supplier;
  if (grouping == Grouping::supplier) {
    for (const auto &claim : facts.claims) {
      const std::string key = supplier_key(claim.supplier);
      group(key);
      count_claim(claims_by_supplier[key], claim, now);
    }
  }

  Report report;
  report.query = query;
  report.from = from;
  report.to = to;
  report.timezone = zone.name();
  report.totals = figures_of("all", all, facts, now);
  for (const auto &claim : facts.claims) count_claim(report.totals.supplier_claims, claim, now);
  if (grouping == Grouping::none) {
    report.groups.push_back(report.totals);
  } else {
    for (const auto &key : order) {
      GroupFigures g = figures_of(key, groups.at(key), facts, now);
      if (const auto claims = claims_by_supplier.find(key); claims != claims_by_supplier.end()) {
        g.supplier_claims = claims->second;
      }
      if (compares_sales(grouping)) {
        const auto sold = facts.units_sold.find(key);
        g.units_sold = sold == facts.units_sold.end() ? 0 : sold->second;
        g.claim_rate = rate(g.units_claimed, *g.units_sold);
        g.low_volume = *g.units_sold < query.min_units_sold;
      }
      report.groups.push_back(std::move(g));
    }
  }
  sort_groups(report.groups, grouping);
  if (query.limit && report.groups.size() > static_cast<std::size_t>(*query.limit)) {
    report.groups.resize(static_cast<std::size_t>(*query.limit));
  }
  report.handling = check(targets.handling_hours, report.totals.handling.mean, true, false);
  report.satisfaction = check(targets.satisfaction, report.totals.satisfied_share, false, false);
  report.repeat = check(targets.repeat_rate, report.totals.repeat_rate, true, true);
  return report;
}

}  // namespace reclaim
