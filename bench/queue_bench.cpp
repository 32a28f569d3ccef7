// queue_bench — the staff desk's queue on a database of 1,000,000 cases: the first page (open
// cases, "mine and unassigned", nearest deadline first, with the counts per state), the overdue
// filter, and a search by e-mail address, each served as the whole HTML page through
// reclaim_http_handle, beside the hand-written SQL of the same page (its rows and its counts,
// prepared once, each row's columns that the page shows read) on the same database, in the same
// run.
//
//   queue_bench [--cases N] [--db PATH] [--reps R] [--only "e-mail search"]  (--only: to profile one)
//
// The database is the reports benchmark's (generated_history.cpp), generated when missing.
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <vector>

#include "bench_support.hpp"
#include "generated_history.hpp"

namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using reclaim::UnixMs;

constexpr const char *kOpenStates =
    "('received', 'in_review', 'waiting_for_customer', 'waiting_for_goods', 'goods_received',"
    " 'accepted')";

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(at, v.size() - 1)];
}

// A COUNT(*) column, whichever type the backend reports it as.
long long count_at(const soci::row &r, std::size_t column) {
  switch (r.get_properties(column).get_data_type()) {
    case soci::dt_integer: return r.get<int>(column);
    case soci::dt_long_long: return r.get<long long>(column);
    case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(column));
    case soci::dt_double: return static_cast<long long>(r.get<double>(column));
    default: return std::stoll(r.get<std::string>(column));
  }
}

// The hand-written SQL of one page: its rows (a page of 50 and one more, to know there is a
// next page) and its counts per state. The values (the bench's own) are written into the SQL.
struct HandPage {
  std::string rows, counts;
};

class HandQuery {
 public:
  HandQuery(soci::session &sql, const HandPage &page)
      : rows_(sql.prepare << page.rows), counts_(sql.prepare << page.counts) {}

  // Runs both statements; returns the rows and the counted cases (to check both sides agree).
  std::pair<std::size_t, long long> run() {
    std::size_t rows = 0;
    long long counted = 0;
    run_each(rows_, [&](const soci::row &r) {
      for (std::size_t column = 0; column < r.size(); ++column) {
        if (r.get_properties(column).get_data_type() == soci::dt_string) {
          text_bytes_ += r.get<std::string>(column).size();
        }
      }
      ++rows;
    });
    run_each(counts_, [&](const soci::row &r) { counted += count_at(r, 1); });
    return {rows, counted};
  }

 private:
  template <typename Each>
  void run_each(soci::statement &statement, Each each) {
    soci::row row;
    statement.exchange(soci::into(row));
    statement.define_and_bind();
    statement.execute(false);
    while (statement.fetch()) each(row);
    statement.bind_clean_up();
  }

  soci::statement rows_, counts_;
  std::size_t text_bytes_ = 0;  // read, so that no column is left unread
};

struct Scenario {
  std::string label, target;
  HandPage hand;
};

std::string header(const json::object &response, const char *name) {
  const auto *headers = response.at("headers").if_object();
  if (!headers) return {};
  for (const auto &[key, value] : *headers) {
    if (key == name && value.is_string()) return std::string(value.get_string());
  }
  return {};
}

}  // namespace

int main(int argc, char **argv) {
  long cases = 1'000'000;
  int reps = 200;
  std::string db, only;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--cases") {
      cases = std::stol(argv[i + 1]);
    } else if (option == "--db") {
      db = argv[i + 1];
    } else if (option == "--reps") {
      reps = std::stoi(argv[i + 1]);
    } else if (option == "--only") {
      only = argv[i + 1];
    } else {
      std::cerr << "usage: queue_bench [--cases N] [--db PATH] [--reps R] [--only PAGE]\n";
      return 2;
    }
  }
  if (db.empty()) db = "/tmp/reclaim-reports-" + std::to_string(cases) + ".db";
  if (!std::filesystem::exists(db)) bench::generate_history(db, cases);

  const std::string config = R"({"database":"sqlite:)" + db +
                             R"(","clock":"manual","shops":[{"id":"default",)"
                             R"("timezone":"Europe/Warsaw","currency":"PLN","locale":"en"}]})";
  reclaim_engine *engine = nullptr;
  bench::call("reclaim_open", [&](char **out) { return reclaim_open(config.c_str(), &engine, out); });
  const UnixMs now = bench::kStart + bench::kSpan;
  reclaim_clock_set(engine, now);
  bench::call("reclaim_http_start", [&](char **out) {
    return reclaim_http_start(engine, R"({"listen":"127.0.0.1:0"})", out);
  });

  // An agent, "anna", signed in through a host's link.
  const auto link = json::parse(bench::call("reclaim_staff_link", [&](char **out) {
    return reclaim_staff_link(engine,
                              R"({"staff":{"id":"anna","name":"Anna","role":"agent",)"
                              R"("shops":["default"],"locale":"en"},"ttl_s":600,"next":"/staff/"})",
                              out);
  }));
  const std::string enter = json::serialize(
      json::object{{"method", "GET"}, {"path", link.at("path").as_string()}});
  const auto entered = json::parse(bench::call(
      "reclaim_http_handle", [&](char **out) { return reclaim_http_handle(engine, enter.c_str(), out); }));
  const std::string set_cookie = header(entered.as_object(), "Set-Cookie");
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  if (!cookie.starts_with("rc_staff=")) {
    std::cerr << "no staff session: " << json::serialize(entered) << "\n";
    return 1;
  }

  // An e-mail address with cases, some of them open and anna's or unassigned.
  soci::session sql(soci::sqlite3, "db=\"" + db + "\"");
  std::string email;
  sql << "SELECT customer_email FROM cases WHERE shop = 'default' AND state = 'in_review'"
         " AND assignee IN ('anna', '') ORDER BY created_at DESC LIMIT 1",
      soci::into(email);

  // The page as one would write it by hand: the 51 ids from the index, then the columns of
  // theirs that the page shows; each state counted up to 1001 cases (the page shows "1000+"
  // past 1000).
  const std::string open_cases = std::string("FROM cases WHERE shop = 'default' AND state IN ") +
                                 kOpenStates + " AND assignee IN ('anna', '')";
  const std::string order = " ORDER BY decision_due ASC, id ASC";
  const auto rows = [&](const std::string &filter) {
    return "SELECT id, shop, number, version, kind, state, channel, customer_name,"
           " customer_email, order_id, assignee, priority, tags, created_at, updated_at,"
           " decision_due FROM cases WHERE id IN (SELECT id " +
           open_cases + filter + order + " LIMIT 51)" + order;
  };
  const auto counts = [](const std::string &filter) {
    std::string sql;
    for (const char *state : {"received", "in_review", "waiting_for_customer", "waiting_for_goods",
                              "goods_received", "accepted", "rejected", "resolved", "closed",
                              "cancelled"}) {
      if (!sql.empty()) sql += " UNION ALL ";
      sql += std::string("SELECT '") + state +
             "', COUNT(*) FROM (SELECT 1 FROM cases WHERE state = '" + state +
             "' AND shop = 'default' AND assignee IN ('anna', '')" + filter + " LIMIT 1001)";
    }
    return sql;
  };
  const std::string overdue = " AND decided = 0 AND decision_due < " + std::to_string(now);
  const std::string by_email = " AND lower(customer_email) = '" + email + "'";
  std::vector<Scenario> scenarios{
      {"first page", "/staff/?lang=en", {rows(""), counts("")}},
      {"overdue", "/staff/?lang=en&overdue=1", {rows(overdue), counts(overdue)}},
      {"e-mail search", "/staff/?lang=en&q=" + email, {rows(by_email), counts(by_email)}}};
  std::printf("%ld cases in %s; %d requests each, interleaved with the reference\n", cases,
              db.c_str(), reps);
  std::printf("%-14s %6s %12s %12s %12s %12s %7s\n", "page", "rows", "page p50 ms", "page p99 ms",
              "SQL p50 ms", "SQL p99 ms", "ratio");
  std::fflush(stdout);  // each line as it comes: a page on a million cases takes a while
  for (auto &scenario : scenarios) {
    if (!only.empty() && scenario.label != only) continue;
    const std::string request = json::serialize(json::object{
        {"method", "GET"},
        {"path", scenario.target.substr(0, scenario.target.find('?'))},
        {"query", scenario.target.substr(scenario.target.find('?') + 1)},
        {"headers", json::object{{"Cookie", cookie}}}});
    HandQuery hand(sql, scenario.hand);
    std::vector<double> page_ms, hand_ms;
    std::size_t rows_seen = 0;
    for (int r = 0; r < reps + 3; ++r) {
      auto t0 = Clock::now();
      const std::string answer = bench::call("reclaim_http_handle", [&](char **out) {
        return reclaim_http_handle(engine, request.c_str(), out);
      });
      const double page = ms_since(t0);
      if (r == 0 && answer.find("\"status\":200") == std::string::npos) {
        std::cerr << scenario.label << ": " << answer.substr(0, 300) << "\n";
        return 1;
      }
      t0 = Clock::now();
      rows_seen = hand.run().first;
      const double reference = ms_since(t0);
      if (r >= 3) {  // the first few warm the caches of both
        page_ms.push_back(page);
        hand_ms.push_back(reference);
      }
    }
    const double page50 = percentile(page_ms, 0.5), hand50 = percentile(hand_ms, 0.5);
    std::printf("%-14s %6zu %12.2f %12.2f %12.2f %12.2f %7.2f\n", scenario.label.c_str(),
                std::min<std::size_t>(rows_seen, 50), page50, percentile(page_ms, 0.99), hand50,
                percentile(hand_ms, 0.99), hand50 / page50);
    std::fflush(stdout);
  }
  reclaim_http_stop(engine);
  reclaim_close(engine);
  return 0;
}
