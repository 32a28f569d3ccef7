// case_ids_bench — case opens into a database that already holds many cases, with the ids made
// two ways: random (`c_` + 20 hex digits, as the engine made them before) and time-ordered
// (core/ids.hpp). Each open writes what a case open writes through the storage layer (the
// number counter, the case row and its item, its history entry, its event) in a transaction of
// its own. The two databases are filled alike, then opened into in alternating rounds, so both
// see the same machine in the same run.
//
//   case_ids_bench [--cases N] [--opens M] [--dir DIR]
//
// N cases (default 300,000) are written first, in transactions of 20,000; then M opens (default
// 20,000) per kind of id, in rounds of 1,000. The page cache is SQLite's default (2 MB), as the
// engine's connections have it.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "storage/store.hpp"

namespace {

using namespace reclaim;
using Clock = std::chrono::steady_clock;
using MakeId = std::function<std::string(UnixMs)>;

constexpr UnixMs kFilledFrom = 1'735'689'600'000;  // 2025-01-01T00:00:00Z

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// One case open's rows, for case `n` made at `at`.
void open_case(Tx &tx, const std::string &id, long n, UnixMs at) {
  Case c;
  c.id = id;
  c.shop = "default";
  c.number = "RC-2026-" + std::to_string(tx.next_case_number(c.shop, 2026));
  c.channel = "web";
  c.created_at = c.updated_at = at;
  c.order_id = "O" + std::to_string(n);
  c.customer.email = "c" + std::to_string(n % 400'000) + "@example.pl";
  c.description = "Szew puścił po dwóch tygodniach noszenia.";
  c.deadlines.decision_due = at + 14 * kMsPerDay;
  CaseItem item;
  item.item = 1;
  item.line = "1";
  item.sku = "SKU-" + std::to_string(n % 5000);
  item.name = "Kurtka zimowa";
  item.qty = 1;
  item.reason = "defect";
  c.items.push_back(item);
  tx.insert_case(c);
  const HistoryEntry opened{at, Actor{}, "open", State::received, State::received, {}, true};
  tx.append_history(c.id, c.version, opened);
  Event event;
  event.type = "case.opened";
  event.case_id = c.id;
  event.case_number = c.number;
  event.shop = c.shop;
  event.at = at;
  event.customer_visible = true;
  tx.append_event(event);
}

struct Side {
  const char *name;
  MakeId make_id;
  std::string path;
  std::unique_ptr<Store> store;
  double seconds = 0;
  long opened = 0;
};

StorageConfig config_for(const std::string &path) {
  StorageConfig config;
  config.database = "sqlite:" + path;
  config.pool = 1;
  return config;
}

void fill(Side &side, long cases) {
  std::filesystem::remove(side.path);
  std::filesystem::remove(side.path + "-wal");
  std::filesystem::remove(side.path + "-shm");
  Store store(config_for(side.path));
  const auto t0 = Clock::now();
  const long batch = 20'000;
  for (long done = 0; done < cases; done += batch) {
    store.write([&](Tx &tx) {
      // Spread over two years, in the order they were made.
      for (long i = done; i < std::min(cases, done + batch); ++i) {
        const UnixMs at = kFilledFrom + i * (730 * kMsPerDay / cases);
        open_case(tx, side.make_id(at), i, at);
      }
    });
  }
  std::fprintf(stderr, "%s: %ld cases written in %.1f s\n", side.name, cases, seconds_since(t0));
}

long arg(int argc, char **argv, const std::string &name, long fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return std::atol(argv[i + 1]);
  return fallback;
}

std::string text_arg(int argc, char **argv, const std::string &name, std::string fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

}  // namespace

int main(int argc, char **argv) {
  const long cases = arg(argc, argv, "--cases", 300'000);
  const long opens = arg(argc, argv, "--opens", 20'000);
  const std::string dir =
      text_arg(argc, argv, "--dir", std::filesystem::temp_directory_path().string());
  const long round = std::min(1'000L, opens);
  std::vector<Side> sides;
  sides.push_back({"random ids", [](UnixMs) { return "c_" + hex_encode(random_bytes(10)); },
                   dir + "/case-ids-random.db", nullptr});
  sides.push_back({"time-ordered ids", [](UnixMs at) { return time_ordered_id("c_", at); },
                   dir + "/case-ids-ordered.db", nullptr});
  for (auto &side : sides) {
    fill(side, cases);
    side.store = std::make_unique<Store>(config_for(side.path));
  }
  // The opens are made "now", after every filled case.
  UnixMs at = kFilledFrom + 730 * kMsPerDay;
  for (long done = 0; done < opens; done += round) {
    for (auto &side : sides) {
      const auto t0 = Clock::now();
      for (long i = 0; i < round; ++i) {
        const long n = cases + done + i;
        const UnixMs when = at + i;
        side.store->write([&](Tx &tx) { open_case(tx, side.make_id(when), n, when); });
      }
      side.seconds += seconds_since(t0);
      side.opened += round;
    }
    at += round;
  }
  std::printf("%ld cases in each database before, %ld opens each, rounds of %ld\n", cases,
              opens, round);
  std::printf("| ids | opens/s | µs per open | database file |\n|---|---:|---:|---:|\n");
  for (auto &side : sides) {
    side.store.reset();
    std::printf("| %s | %.0f | %.1f | %.1f MB |\n", side.name,
                static_cast<double>(side.opened) / side.seconds,
                side.seconds * 1e6 / static_cast<double>(side.opened),
                static_cast<double>(std::filesystem::file_size(side.path)) / 1e6);
  }
  std::printf("time-ordered / random: %.2f\n",
              (static_cast<double>(sides[1].opened) / sides[1].seconds) /
                  (static_cast<double>(sides[0].opened) / sides[0].seconds));
  for (auto &side : sides) {
    std::filesystem::remove(side.path);
    std::filesystem::remove(side.path + "-wal");
    std::filesystem::remove(side.path + "-shm");
  }
  return 0;
}
