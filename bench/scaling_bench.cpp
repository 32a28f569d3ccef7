// scaling_bench: case opens and case reads per second from 1, 4 and 16 processes on one database,
// each beside the same rows written (and read) through SOCI on the same backend in the same run.
//
//   scaling_bench SECONDS sqlite
//   scaling_bench SECONDS postgresql "ADMIN-CONNINFO"   (bench/scaling.sh starts a cluster)
//
// Per backend and process count, on a new database (a SQLite file in WAL mode, synchronous
// NORMAL; a PostgreSQL schema):
//   open   reclaim_case_open of a staff case with one inline item (numbering, case, item,
//          history, event, idempotency-free), every process at once for SECONDS: all in one
//          shop, then each process in a shop of its own
//   raw    what one open writes, by hand: the shop's counter read and moved (BEGIN IMMEDIATE on
//          SQLite, SELECT … FOR UPDATE on PostgreSQL, so numbers stay unique), the cases row with
//          a real stored body, case_items, history and events rows (the event numbered by
//          transaction id on PostgreSQL, as the engine does); statements prepared once;
//          in one shop, then a shop per process, as the opens
//   get    reclaim_case_get by id (random among 2000 cases)
//   select the same rows read by hand (bench/raw_case_reader.hpp): the case's body and its
//          history, two statements prepared once, no explicit transaction
#include <reclaim/reclaim.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "raw_case_reader.hpp"

namespace {

constexpr int kGetCases = 2000;
constexpr int kMostProcesses = 16;

std::string staff_case(const std::string &shop) {
  return R"({"shop":")" + shop +
         R"(","kind":"complaint","actor":{"role":"agent","id":"a1"},)"
         R"("items":[{"sku":"KET-1","name":"Czajnik elektryczny 1.7 l","qty":1,)"
         R"("unit_price":"199.99","currency":"PLN","reason":"defect"}],"description":"The kettle)"
         R"( stopped heating after a week; the power light comes on but the water stays cold."})";
}

// The shop a process opens cases in: all in one, or one each.
std::string shop_of(bool shop_each, int process) {
  return shop_each ? "s" + std::to_string(process) : "default";
}

struct Target {
  std::string backend, database;
};

std::string config_of(const Target &t) {
  std::string shops = R"({"id":"default","currency":"PLN"})";
  for (int p = 0; p < kMostProcesses; ++p) {
    shops += R"(,{"id":")" + shop_of(true, p) + R"(","currency":"PLN"})";
  }
  return R"({"database":")" + t.database + R"(","shops":[)" + shops + "]}";
}

reclaim_engine *open_engine(const Target &t) {
  reclaim_engine *engine = nullptr;
  bench::call("reclaim_open",
              [&](char **out) { return reclaim_open(config_of(t).c_str(), &engine, out); });
  return engine;
}

std::string open_staff_case(reclaim_engine *engine, const std::string &request) {
  return bench::call("reclaim_case_open",
                     [&](char **out) { return reclaim_case_open(engine, request.c_str(), out); });
}

std::string case_id_of(const std::string &doc) {
  const std::string key = R"("id":")";
  const auto start = doc.find(key) + key.size();
  return doc.substr(start, doc.find('"', start) - start);
}

void open_session(soci::session &sql, const Target &t) {
  if (t.backend == "sqlite") {
    sql.open(soci::sqlite3, "db=\"" + t.database.substr(7) + "\"");
    sql << "PRAGMA busy_timeout = 5000";
    sql << "PRAGMA synchronous = NORMAL";
  } else {
    sql.open(soci::postgresql, t.database);
  }
}

// The raw writer: one case open's rows per transaction, statements prepared once.
struct RawWriter {
  soci::session sql;
  std::string shop, case_id, number, body, history, event, order_id = "1";
  int year = 2026;
  long long last = 0, at = 0, serial = 0;
  std::mt19937_64 random{std::random_device{}()};
  std::unique_ptr<soci::statement> begin, select_last, update_last, insert_case, insert_item,
      insert_history, insert_event, commit;

  RawWriter(const Target &t, std::string counter_shop) : shop(std::move(counter_shop)) {
    open_session(sql, t);
    sql << "SELECT body FROM cases LIMIT 1", soci::into(body);
    sql << "SELECT data FROM history LIMIT 1", soci::into(history);
    sql << "SELECT data FROM events LIMIT 1", soci::into(event);
    const bool pg = t.backend == "postgresql";
    begin = std::make_unique<soci::statement>(sql.prepare << (pg ? "BEGIN" : "BEGIN IMMEDIATE"));
    commit = std::make_unique<soci::statement>(sql.prepare << "COMMIT");
    select_last = std::make_unique<soci::statement>(
        (sql.prepare << std::string("SELECT last FROM case_numbers WHERE shop = :shop AND"
                                    " year = :year") +
                            (pg ? " FOR UPDATE" : ""),
         soci::use(shop), soci::use(year), soci::into(last)));
    update_last = std::make_unique<soci::statement>(
        (sql.prepare << "UPDATE case_numbers SET last = :last WHERE shop = :shop AND year = :year",
         soci::use(last), soci::use(shop), soci::use(year)));
    insert_case = std::make_unique<soci::statement>(
        (sql.prepare << "INSERT INTO cases (id, shop, number, kind, state, version, order_id,"
                        " customer_email, assignee, created_at, updated_at, decision_due,"
                        " decided, body) VALUES (:id, :shop, :number, 'complaint', 'received', 1,"
                        " :order_id, '', '', :at, :at2, :due, 0, :body)",
         soci::use(case_id), soci::use(shop), soci::use(number), soci::use(order_id),
         soci::use(at), soci::use(at), soci::use(at), soci::use(body)));
    insert_item = std::make_unique<soci::statement>(
        (sql.prepare << "INSERT INTO case_items (case_id, item, shop, order_id, line_id, sku, qty,"
                        " reason, active) VALUES (:id, 1, :shop, :order_id, '1', 'KET-1', 1,"
                        " 'defect', 1)",
         soci::use(case_id), soci::use(shop), soci::use(order_id)));
    insert_history = std::make_unique<soci::statement>(
        (sql.prepare << "INSERT INTO history (case_id, seq, at, actor_role, actor_id, action,"
                        " from_state, to_state, data, customer_visible) VALUES (:id, 1, :at,"
                        " 'agent', 'a1', 'open', 'received', 'received', :data, 1)",
         soci::use(case_id), soci::use(at), soci::use(history)));
    // The event's seq as the engine numbers it: by transaction id on PostgreSQL (SCALING.md).
    const std::string seq = pg ? "pg_current_xact_id()::text::bigint << 16" : "NULL";
    insert_event = std::make_unique<soci::statement>(
        (sql.prepare << "INSERT INTO events (seq, type, case_id, case_number, shop, at,"
                        " customer_visible, data) VALUES (" + seq + ", 'case.opened', :id,"
                        " :number, :shop, :at, 1, :data)",
         soci::use(case_id), soci::use(number), soci::use(shop), soci::use(at),
         soci::use(event)));
  }

  // A writer kept waiting past the busy timeout (SQLite's lock is not fair) tries again, as the
  // engine does.
  void insert_one() {
    for (int attempt = 0;; ++attempt) {
      try {
        insert_attempt();
        return;
      } catch (const soci::soci_error &) {
        try {
          sql << "ROLLBACK";
        } catch (const soci::soci_error &) {
        }
        if (attempt > 100) throw;
      }
    }
  }

  void insert_attempt() {
    begin->execute(true);
    select_last->execute(true);
    // Stepped to its end: a SQLite statement left on its row keeps its snapshot, and the next
    // BEGIN IMMEDIATE on that stale snapshot fails at once instead of waiting.
    while (select_last->fetch()) {
    }
    ++last;
    update_last->execute(true);
    char text[64];
    std::snprintf(text, sizeof text, "c_%016llx%04llx", static_cast<unsigned long long>(random()),
                  static_cast<unsigned long long>(++serial & 0xffff));
    case_id = text;
    std::snprintf(text, sizeof text, "RW-%d-%06lld", year, last);
    number = text;
    at = std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count();
    insert_case->execute(true);
    insert_item->execute(true);
    insert_history->execute(true);
    insert_event->execute(true);
    commit->execute(true);
  }
};

// Runs `make` (with the child's number) in each of `processes` forked children; each then
// repeats the work it returned for `seconds`, all starting together. Returns the total count per
// second.
double run_processes(int processes, double seconds,
                     const std::function<std::function<void()>(int)> &make) {
  int go[2], done[2];
  if (pipe(go) != 0 || pipe(done) != 0) throw std::runtime_error("pipe");
  std::fflush(stdout);
  std::vector<pid_t> children;
  for (int p = 0; p < processes; ++p) {
    const pid_t child = fork();
    if (child == 0) {
      close(go[1]);
      close(done[0]);
      long long count = -1;
      try {
        auto work = make(p);
        char byte;
        if (read(go[0], &byte, 1) != 1) _exit(3);
        const auto end = std::chrono::steady_clock::now() +
                         std::chrono::duration<double>(seconds);
        count = 0;
        while (std::chrono::steady_clock::now() < end) {
          work();
          ++count;
        }
      } catch (const std::exception &error) {
        std::fprintf(stderr, "process %d: %s\n", p, error.what());
        count = -1;
      }
      _exit(write(done[1], &count, sizeof count) == sizeof count ? 0 : 4);
    }
    children.push_back(child);
  }
  close(go[0]);
  close(done[1]);
  usleep(300000);  // every child is set up
  for (int p = 0; p < processes; ++p) {
    if (write(go[1], "x", 1) != 1) throw std::runtime_error("go");
  }
  long long total = 0;
  bool failed = false;
  for (int p = 0; p < processes; ++p) {
    long long count = -1;
    if (read(done[0], &count, sizeof count) != sizeof count || count < 0) failed = true;
    total += count;
  }
  for (pid_t child : children) waitpid(child, nullptr, 0);
  close(go[1]);
  close(done[0]);
  if (failed) throw std::runtime_error("a process failed");
  return static_cast<double>(total) / seconds;
}

Target fresh(const std::string &backend, const std::string &admin, const std::string &name) {
  if (backend == "sqlite") {
    static bench::TempDir dir;
    return {backend, "sqlite:" + dir.path() + "/" + name + ".db"};
  }
  soci::session sql(soci::postgresql, admin);
  sql << "SET client_min_messages = warning";
  sql << "DROP SCHEMA IF EXISTS " + name + " CASCADE";
  sql << "CREATE SCHEMA " + name;
  std::string port = admin.substr(admin.find("port=") + 5);
  port = port.substr(0, port.find(' '));
  return {backend, "postgresql://reclaim@127.0.0.1:" + port + "/postgres?options=-csearch_path%3D" +
                       name};
}

}  // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: scaling_bench SECONDS sqlite|postgresql [ADMIN-CONNINFO]\n");
    return 2;
  }
  const double seconds = std::atof(argv[1]);
  const std::string backend = argv[2];
  const std::string admin = argc > 3 ? argv[3] : "";
  try {
    std::printf("%-10s %5s %10s %10s %7s %10s %10s %7s %10s %10s %7s\n", "backend", "procs",
                "opens/s", "raw ins/s", "ratio", "opens/s", "raw ins/s", "ratio", "gets/s",
                "raw sel/s", "ratio");
    std::printf("%-16s %29s %29s\n", "", "(one shop)", "(a shop each)");
    for (int processes : {1, 4, kMostProcesses}) {
      const std::string tag = "b" + std::to_string(processes);
      double opens[2], inserts[2];
      for (bool shop_each : {false, true}) {
        // Writes: one database for the engine's opens and the raw inserts (their own counters).
        const Target writes = fresh(backend, admin, tag + (shop_each ? "_e" : "_w"));
        {
          reclaim_engine *engine = open_engine(writes);
          open_staff_case(engine, staff_case("default"));
          reclaim_close(engine);
          soci::session sql;
          open_session(sql, writes);
          for (int p = 0; p < (shop_each ? processes : 1); ++p) {
            const std::string counter = "raw" + shop_of(shop_each, p);
            sql << "INSERT INTO case_numbers (shop, year, last) VALUES (:shop, 2026, 0)",
                soci::use(counter);
          }
        }
        opens[shop_each] = run_processes(processes, seconds, [&](int p) {
          reclaim_engine *engine = open_engine(writes);
          return std::function<void()>([engine, request = staff_case(shop_of(shop_each, p))] {
            open_staff_case(engine, request);
          });
        });
        inserts[shop_each] = run_processes(processes, seconds, [&](int p) {
          auto raw = std::make_shared<RawWriter>(writes, "raw" + shop_of(shop_each, p));
          return std::function<void()>([raw] { raw->insert_one(); });
        });
      }
      // Reads: a database holding kGetCases cases.
      const Target reads = fresh(backend, admin, tag + "_r");
      std::vector<std::string> ids;
      {
        reclaim_engine *engine = open_engine(reads);
        for (int i = 0; i < kGetCases; ++i) {
          ids.push_back(case_id_of(open_staff_case(engine, staff_case("default"))));
        }
        reclaim_close(engine);
      }
      const double gets = run_processes(processes, seconds, [&](int) {
        reclaim_engine *engine = open_engine(reads);
        auto pick = std::make_shared<std::mt19937>(std::random_device{}());
        return std::function<void()>([engine, pick, &ids] {
          const auto &id = ids[(*pick)() % ids.size()];
          bench::call("reclaim_case_get",
                      [&](char **out) { return reclaim_case_get(engine, id.c_str(), out); });
        });
      });
      const double selects = run_processes(processes, seconds, [&](int) {
        auto sql = std::make_shared<soci::session>();
        open_session(*sql, reads);
        auto reader = std::make_shared<bench::RawCaseReader>(*sql);
        auto pick = std::make_shared<std::mt19937>(std::random_device{}());
        return std::function<void()>([sql, reader, pick, &ids] {
          if (reader->read(ids[(*pick)() % ids.size()]) == 0) throw std::runtime_error("no row");
        });
      });
      std::printf("%-10s %5d %10.0f %10.0f %6.0f%% %10.0f %10.0f %6.0f%% %10.0f %10.0f %6.0f%%\n",
                  backend.c_str(), processes, opens[0], inserts[0], 100 * opens[0] / inserts[0],
                  opens[1], inserts[1], 100 * opens[1] / inserts[1], gets, selects,
                  100 * gets / selects);
      std::fflush(stdout);
    }
  } catch (const std::exception &error) {
    std::fprintf(stderr, "scaling_bench: %s\n", error.what());
    return 1;
  }
  return 0;
}
