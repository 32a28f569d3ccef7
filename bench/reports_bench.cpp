// reports_bench — reclaim_report on a database of 1,000,000 cases over two years, each grouping,
// for the last 30 days and for the whole range, beside a hand-written SQL reference computing the
// same figures as directly as it can (aggregates in SQL, medians and p90 from ordered streams,
// periods through a temporary table of zone-correct boundaries, scanned first) on the same
// database, in the same run.
//
//   reports_bench [--cases N] [--db PATH] [--reps R] [--only day,week,month]
//
// The database is generated once (generated_history.cpp) and kept at PATH for later runs.
#include <date/tz.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>

#include "bench_support.hpp"
#include "generated_history.hpp"
#include "codec/case_json.hpp"
#include "core/report.hpp"
#include "storage/store.hpp"

namespace {

using namespace reclaim;
using bench::kStart;
using bench::kSpan;
using Clock = std::chrono::steady_clock;


double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// ---- The hand-written SQL reference ----------------------------------------------------------

struct Reference {
  std::map<std::string, long long> opened;  // to check the two agree
};

long long as_int(const soci::row &row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return 0;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer: return row.get<int>(i);
    case soci::dt_long_long: return row.get<long long>(i);
    case soci::dt_double: return static_cast<long long>(row.get<double>(i));
    default: return std::stoll(row.get<std::string>(i));
  }
}

// The key expression and the FROM clause for a grouping: cases c (each once per group), and
// items i of the group.
struct Shape {
  std::string key;  // over c (case groupings) or over i (item groupings)
  bool items = false;
  bool periods = false;
};

Shape shape_of(Grouping g) {
  switch (g) {
    case Grouping::none: return {"'all'"};
    case Grouping::channel: return {"c.channel"};
    case Grouping::kind: return {"c.kind"};
    case Grouping::assignee:
      return {"CASE WHEN c.assignee = '' THEN 'unassigned' ELSE c.assignee END"};
    case Grouping::reason: return {"i.reason", true};
    case Grouping::sku: return {"i.sku", true};
    case Grouping::supplier:
      return {"CASE WHEN i.supplier = '' THEN 'unknown' ELSE i.supplier END", true};
    case Grouping::category:
      return {"CASE WHEN i.category = '' THEN 'unknown' ELSE i.category END", true};
    case Grouping::resolution:
      return {"CASE WHEN i.resolution = '' THEN 'none' ELSE i.resolution END", true};
    default: return {"p.key", false, true};
  }
}

volatile double sink = 0;
void benchmark_keep(double value) { sink = sink + value; }

Reference reference_report(soci::session &sql, Grouping g, UnixMs begin, UnixMs end, UnixMs now) {
  Reference out;
  const Shape s = shape_of(g);
  const std::string range = "c.shop = 'default' AND c.created_at >= " + std::to_string(begin) +
                            " AND c.created_at < " + std::to_string(end);
  const std::string item_range = "i.shop = 'default' AND i.created_at >= " + std::to_string(begin) +
                                 " AND i.created_at < " + std::to_string(end);
  // The cases of each group (each once) as c, the group's key as K, the filter as W.
  std::string from, key, where;
  if (s.items) {
    from = "(SELECT DISTINCT " + s.key + " AS k, i.case_id AS case_id FROM case_items i WHERE " +
           item_range + ") g JOIN cases c ON c.id = g.case_id";
    key = "g.k";
    where = "1 = 1";
  } else if (s.periods) {
    from =
        "temp.periods p CROSS JOIN cases c ON c.shop = 'default' AND c.created_at >= p.begin_at AND"
        " c.created_at < p.end_at";
    key = "p.key";
    where = "1 = 1";  // the periods hold the range: a second bound on created_at would hide theirs
  } else {
    from = "cases c";
    key = s.key;
    where = range;
  }
  {
    const std::string q =
        "SELECT " + key +
        ", COUNT(*), COUNT(c.decided_at), COUNT(c.resolved_at),"
        " SUM(c.state NOT IN ('rejected','resolved','closed','cancelled')),"
        " SUM(c.decided_at IS NULL AND c.state <> 'cancelled' AND c.decision_due < " +
        std::to_string(now) +
        "), SUM(c.outcome = 'accepted'), SUM(c.outcome = 'rejected'),"
        " AVG(c.decided_at - c.created_at), AVG(c.resolved_at - c.created_at),"
        " AVG(c.first_response_at - c.created_at), SUM(c.decided_at <= c.decision_due),"
        " COUNT(c.rating), AVG(c.rating), SUM(c.rating >= 4),"
        " SUM(c.rating IS NOT NULL OR c.state IN ('resolved','closed','rejected')),"
        " SUM(c.repeat_order = 1 OR c.reopened = 1), SUM(c.reopened) FROM " +
        from + " WHERE " + where + " GROUP BY 1";
    soci::rowset<soci::row> rows = sql.prepare << q;
    for (const auto &row : rows) out.opened[row.get<std::string>(0)] = as_int(row, 1);
  }
  // Medians and p90: each duration ordered within its group, positions picked while streaming.
  for (const char *duration : {"c.decided_at", "c.resolved_at", "c.first_response_at"}) {
    const std::string q = "SELECT " + key + ", " + duration + " - c.created_at FROM " + from +
                          " WHERE " + where + " AND " + duration + " IS NOT NULL ORDER BY 1, 2";
    soci::rowset<soci::row> rows = sql.prepare << q;
    std::string current;
    std::vector<long long> values;
    double checksum = 0;
    const auto flush = [&] {
      if (values.empty()) return;
      const std::size_t n = values.size();
      checksum += static_cast<double>(values[(9 * n + 9) / 10 - 1] + values[n / 2]);
      values.clear();
    };
    for (const auto &row : rows) {
      std::string k = row.get<std::string>(0);
      if (k != current) flush(), current = std::move(k);
      values.push_back(as_int(row, 1));
    }
    flush();
    benchmark_keep(checksum);
  }
  // Items: units claimed, refunds per currency (exact, in millionths), reasons counted by cases.
  std::string item_from, item_key;
  if (s.items) {
    item_from = "case_items i WHERE " + item_range;
    item_key = s.key;
  } else if (s.periods) {
    item_from =
        "temp.periods p CROSS JOIN case_items i ON i.shop = 'default' AND"
        " i.created_at >= p.begin_at AND i.created_at < p.end_at";
    item_key = "p.key";
  } else {
    item_from = "case_items i JOIN cases c ON c.id = i.case_id WHERE " + item_range;
    item_key = s.key;
  }
  {
    const std::string q = "SELECT " + item_key +
                          ", SUM(CASE WHEN i.active = 1 THEN i.qty ELSE 0 END), i.refund_currency,"
                          " SUM(CAST(ROUND(CAST(i.refund_amount AS REAL) * 1000000) AS INTEGER))"
                          " FROM " +
                          item_from + " GROUP BY 1, 3";
    soci::rowset<soci::row> rows = sql.prepare << q;
    long long units = 0;
    for (const auto &row : rows) units += as_int(row, 1);
    benchmark_keep(static_cast<double>(units));
  }
  {
    const std::string q = "SELECT " + item_key + ", i.reason, COUNT(DISTINCT i.case_id) FROM " +
                          item_from + " GROUP BY 1, 2";
    soci::rowset<soci::row> rows = sql.prepare << q;
    long long n = 0;
    for (const auto &row : rows) n += as_int(row, 2);
    benchmark_keep(static_cast<double>(n));
  }
  if (compares_sales(g)) {
    const std::string column(name(g));
    const std::string q = "SELECT " + column +
                          ", SUM(qty) FROM order_lines WHERE shop = 'default'"
                          " AND placed_at >= " +
                          std::to_string(begin) + " AND placed_at < " + std::to_string(end) +
                          " GROUP BY 1";
    soci::rowset<soci::row> rows = sql.prepare << q;
    long long sold = 0;
    for (const auto &row : rows) sold += as_int(row, 1);
    benchmark_keep(static_cast<double>(sold));
  }
  return out;
}

void fill_periods(soci::session &sql, Grouping g, Day from, Day to, const Zone &zone) {
  sql << "DELETE FROM temp.periods";
  if (!groups_periods(g)) return;
  std::vector<std::tuple<std::string, long long, long long>> periods;
  for (Day day = from; day <= to; day += date::days{1}) {
    const std::string key = period_key(g, day);
    const long long a = zone.start_of_day(day), b = zone.start_of_day(day + date::days{1});
    if (!periods.empty() && std::get<0>(periods.back()) == key) {
      std::get<2>(periods.back()) = b;
    } else {
      periods.emplace_back(key, a, b);
    }
  }
  for (auto &[key, a, b] : periods) {
    sql << "INSERT INTO temp.periods (key, begin_at, end_at) VALUES (:k, :a, :b)", soci::use(key),
        soci::use(a), soci::use(b);
  }
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char **argv) {
  long cases = 1'000'000;
  int reps = 3;
  std::string db, only;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--cases")
      cases = std::stol(argv[i + 1]);
    else if (option == "--db")
      db = argv[i + 1];
    else if (option == "--reps")
      reps = std::stoi(argv[i + 1]);
    else if (option == "--only")
      only = "," + std::string(argv[i + 1]) + ",";
    else {
      std::cerr << "usage: reports_bench [--cases N] [--db PATH] [--reps R] [--only GROUPING,…]\n";
      return 2;
    }
  }
  if (db.empty()) db = "/tmp/reclaim-reports-" + std::to_string(cases) + ".db";
  if (!std::filesystem::exists(db)) bench::generate_history(db, cases);

  const std::string config = R"({"database":"sqlite:)" + db +
                             R"(","clock":"manual","shops":[{"id":"default",)"
                             R"("timezone":"Europe/Warsaw","currency":"PLN"}]})";
  reclaim_engine *engine = nullptr;
  bench::call("reclaim_open",
              [&](char **out) { return reclaim_open(config.c_str(), &engine, out); });
  const UnixMs now = kStart + kSpan;
  reclaim_clock_set(engine, now);
  soci::session sql(soci::sqlite3, "db=\"" + db + "\"");
  sql << "CREATE TEMP TABLE periods (key TEXT NOT NULL, begin_at BIGINT NOT NULL,"
         " end_at BIGINT NOT NULL)";
  const Zone zone("Europe/Warsaw");
  const Day last = zone.local_day(now - 1);
  const std::vector<std::pair<std::string, std::pair<Day, Day>>> scenarios = {
      {"30 days", {last - date::days{29}, last}}, {"2 years", {zone.local_day(kStart), last}}};

  std::printf("%ld cases in %s; median of %d runs each, interleaved\n\n", cases, db.c_str(), reps);
  std::printf("%-8s %-11s %8s %12s %13s %7s %s\n", "range", "group_by", "groups", "report ms",
              "hand SQL ms", "ratio", "");
  double worst = 0;
  for (const auto &[label, dates] : scenarios) {
    const auto [from, to] = dates;
    const Span span = span_of(from, to, zone);
    for (std::size_t gi = 0; gi < std::size(kGroupingNames); ++gi) {
      const Grouping g = static_cast<Grouping>(gi);
      if (!only.empty() && only.find("," + std::string(name(g)) + ",") == std::string::npos) continue;
      const std::string query = R"({"shop":"default","from":")" + format_day(from) + R"(","to":")" +
                                format_day(to) + R"(","group_by":")" + std::string(name(g)) +
                                R"("})";
      std::vector<double> product, reference;
      std::string document;
      Reference ref;
      for (int r = 0; r < reps; ++r) {
        auto t0 = Clock::now();
        document = bench::call("reclaim_report", [&](char **out) {
          return reclaim_report(engine, query.c_str(), out);
        });
        product.push_back(seconds_since(t0) * 1000);
        t0 = Clock::now();
        fill_periods(sql, g, from, to, zone);
        ref = reference_report(sql, g, span.begin, span.end, now);
        reference.push_back(seconds_since(t0) * 1000);
      }
      // The two agree on the cases per group.
      long long product_opened = 0, reference_opened = 0;
      std::size_t groups = 0;
      for (std::size_t at = document.find("\"opened\":"); at != std::string::npos;
           at = document.find("\"opened\":", at + 1)) {
        product_opened += std::stoll(document.substr(at + 9));
        ++groups;
      }
      --groups;             // the totals
      product_opened /= 2;  // groups, then the totals again... only when groups partition cases
      for (const auto &[key, n] : ref.opened) reference_opened += n;
      const bool partition = !groups_items(g);
      const double ratio = median(product) / median(reference);
      worst = std::max(worst, ratio);
      std::printf("%-8s %-11s %8zu %12.1f %13.1f %7.2f %s\n", label.c_str(),
                  std::string(name(g)).c_str(), groups, median(product), median(reference), ratio,
                  !partition || product_opened == reference_opened ? "" : "COUNTS DIFFER");
      std::fflush(stdout);
    }
  }
  std::printf("\nworst ratio (report / hand-written SQL): %.2f  target <= 2: %s\n", worst,
              worst <= 2 ? "met" : "MISSED");
  reclaim_close(engine);
  return worst <= 2 ? 0 : 2;
}
