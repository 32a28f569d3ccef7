// Storage under concurrency on every backend: several Stores (as several processes would have)
// on one database. Case numbers stay unique, a cursor reader never skips an event, a writer
// waits for another's lock and gives up with Status::busy, and a lost PostgreSQL connection is
// opened again with nothing half-written.
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "core/error.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"
#include "unit/storage/opened_event.hpp"

namespace reclaim {
namespace {

class ConcurrentStores : public ::testing::TestWithParam<std::string> {
 protected:
  StorageConfig config() const {
    StorageConfig config;
    config.database = database_;
    config.pool = 2;
    return config;
  }
  std::string database_ = test::fresh_database(GetParam());
};

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrentStores, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(ConcurrentStores, CaseNumbersStayUnique) {
  constexpr int kWriters = 4, kEach = 60;
  { Store migrate(config()); }
  std::vector<std::thread> writers;
  std::mutex mutex;
  std::set<std::int64_t> numbers;
  std::atomic<int> failures{0};
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      try {
        Store store(config());
        for (int i = 0; i < kEach; ++i) {
          std::int64_t number = 0;
          store.write([&](Tx &tx) { number = tx.next_case_number("a", 2026); });
          std::lock_guard lock(mutex);
          numbers.insert(number);
        }
      } catch (const std::exception &error) {
        ++failures;
        ADD_FAILURE() << error.what();
      }
    });
  }
  for (auto &t : writers) t.join();
  EXPECT_EQ(failures, 0);
  ASSERT_EQ(numbers.size(), std::size_t{kWriters * kEach});
  EXPECT_EQ(*numbers.begin(), 1);
  EXPECT_EQ(*numbers.rbegin(), kWriters * kEach);
}

// Writers append events while a reader follows them with a cursor, as a host does. If a lower
// sequence number could become visible after a higher one, the reader would step over it (on
// PostgreSQL this fails when the readers' horizon, Dialect::seq_horizon, is taken out).
TEST_P(ConcurrentStores, ACursorReaderNeverSkipsAnEvent) {
  constexpr int kWriters = 4, kEach = 100;
  { Store migrate(config()); }
  std::atomic<int> running{kWriters};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      try {
        Store store(config());
        for (int i = 0; i < kEach; ++i) {
          store.write([&](Tx &tx) {
            tx.next_case_number("s" + std::to_string(w), 2026);  // some work before the event
            tx.append_event(test::opened_event("c_" + std::to_string(w) + "_" + std::to_string(i)));
          });
        }
      } catch (const std::exception &error) {
        ADD_FAILURE() << error.what();
      }
      --running;
    });
  }
  Store reader(config());
  std::vector<std::int64_t> seen;
  std::int64_t cursor = 0;
  // Until every event was seen (or two minutes): on PostgreSQL an event shows once every
  // transaction that began before its own has ended (other tests' too).
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  const std::size_t total = kWriters * kEach;
  while (running > 0 || (seen.size() < total && std::chrono::steady_clock::now() < give_up)) {
    std::vector<Event> page;
    reader.read([&](Tx &tx) { page = tx.events({cursor, 50, "", ""}); });
    for (const auto &event : page) seen.push_back(event.seq);
    if (!page.empty()) cursor = page.back().seq;
  }
  for (auto &t : writers) t.join();
  std::vector<std::int64_t> all;
  reader.read_outbox([&](Tx &tx) {
    for (const auto &event : tx.events({0, 100000, "", ""})) all.push_back(event.seq);
  });
  EXPECT_EQ(all.size(), std::size_t{kWriters * kEach});
  EXPECT_EQ(seen, all) << "the cursor reader missed events";
}

// Holds a lock every write needs from another connection.
struct OtherWriter {
  explicit OtherWriter(const std::string &database)
      : backend(database.rfind("sqlite:", 0) == 0 ? "sqlite" : "postgresql") {
    if (backend == "sqlite") {
      sql.open(soci::sqlite3, "db=\"" + database.substr(7) + "\"");
      sql << "BEGIN IMMEDIATE";
    } else {
      sql.open(soci::postgresql, database);
      sql << "BEGIN";
      sql << "LOCK TABLE events IN EXCLUSIVE MODE";
    }
  }
  std::string backend;
  soci::session sql;
};

TEST_P(ConcurrentStores, AWriterWaitsForALockAndThenGivesUpWithBusy) {
  auto short_wait = config();
  short_wait.busy_timeout_ms = 300;
  Store store(short_wait);
  {
    OtherWriter other(database_);
    std::thread holder([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      other.sql << "COMMIT";
    });
    EXPECT_NO_THROW(store.write([](Tx &tx) { tx.append_event(test::opened_event("c_1")); }));
    holder.join();
  }
  OtherWriter stuck(database_);
  try {
    store.write([](Tx &tx) { tx.append_event(test::opened_event("c_2")); });
    FAIL() << "the write went through a held lock";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::busy) << error.what();
  }
  stuck.sql << "ROLLBACK";
  std::vector<Event> events;
  store.read_outbox([&](Tx &tx) { events = tx.events({}); });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].case_id, "c_1");
}

// The server ends the connection in the middle of a write (as a restart does): the attempt is
// rolled back, run again on a new connection, and stored once.
TEST(PostgresqlStore, ALostConnectionIsOpenedAgainAndTheWriteStoredOnce) {
  if (test::postgresql_skipped()) GTEST_SKIP() << "RECLAIM_TEST_SKIP_POSTGRESQL=1";
  StorageConfig config;
  config.database = test::fresh_database("postgresql");
  config.pool = 1;
  Store store(config);
  soci::session admin(soci::postgresql, test::postgresql_admin());
  int attempts = 0;
  store.write([&](Tx &tx) {
    ++attempts;
    tx.append_event(test::opened_event("c_1"));
    if (attempts == 1) {
      int pid = 0;
      tx.session() << "SELECT pg_backend_pid()", soci::into(pid);
      admin << "SELECT pg_terminate_backend(:pid)", soci::use(pid);
      tx.append_event(test::opened_event("c_1"));  // the server is gone: this throws
    }
  });
  EXPECT_EQ(attempts, 2);
  std::vector<Event> events;
  store.read_outbox([&](Tx &tx) { events = tx.events({}); });
  EXPECT_EQ(events.size(), 1u);
  // A connection lost between calls is noticed at the next one and opened again.
  int pid = 0;
  store.read([&](Tx &tx) { tx.session() << "SELECT pg_backend_pid()", soci::into(pid); });
  admin << "SELECT pg_terminate_backend(:pid)", soci::use(pid);
  EXPECT_NO_THROW(store.write([](Tx &tx) { tx.append_event(test::opened_event("c_2")); }));
  store.read_outbox([&](Tx &tx) { events = tx.events({}); });
  EXPECT_EQ(events.size(), 2u);
}

TEST(PostgresqlStore, EachStoreKeepsThePoolOfConnectionsItIsConfiguredWith) {
  if (test::postgresql_skipped()) GTEST_SKIP() << "RECLAIM_TEST_SKIP_POSTGRESQL=1";
  const std::string name = "pool_" + std::to_string(getpid());
  StorageConfig config;
  config.database = test::fresh_database("postgresql") + "&application_name=" + name;
  config.pool = 3;
  Store store(config);
  soci::session admin(soci::postgresql, test::postgresql_admin());
  long long connections = 0;
  admin << "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = :name",
      soci::use(name), soci::into(connections);
  EXPECT_EQ(connections, 3);
}

TEST(PostgresqlStore, KeyValueSettingsAndUrisReachTheSameDatabase) {
  if (test::postgresql_skipped()) GTEST_SKIP() << "RECLAIM_TEST_SKIP_POSTGRESQL=1";
  const std::string uri = test::fresh_database("postgresql");
  const std::string schema = uri.substr(uri.find("%3D") + 3);
  StorageConfig config;
  config.database = uri;
  {
    Store store(config);
    EXPECT_STREQ(store.backend(), "postgresql");
    store.write([](Tx &tx) { tx.append_event(test::opened_event("c_1")); });
  }
  config.database = test::postgresql_admin() + " options='-csearch_path=" + schema + "'";
  Store again(config);
  std::vector<Event> events;
  again.read_outbox([&](Tx &tx) { events = tx.events({}); });
  EXPECT_EQ(events.size(), 1u);
}

}  // namespace
}  // namespace reclaim
