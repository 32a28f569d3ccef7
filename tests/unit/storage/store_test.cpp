// Storage on real databases, SQLite files and PostgreSQL schemas: migrations, rollback,
// numbering, events in commit order (concurrency_test.cpp has several writers at once).
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "core/error.hpp"
#include "core/intake.hpp"
#include "storage/schema.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"
#include "unit/storage/opened_event.hpp"

namespace reclaim {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "reclaim-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string db() const { return "sqlite:" + path_ + "/test.db"; }
  std::string file() const { return path_ + "/test.db"; }

 private:
  std::string path_;
};

StorageConfig config_for(const TempDir &dir) {
  StorageConfig config;
  config.database = dir.db();
  return config;
}

// Each test on a new database of the backend it is instantiated for.
class StoreOn : public ::testing::TestWithParam<std::string> {
 protected:
  StorageConfig config() const {
    StorageConfig config;
    config.database = database_;
    return config;
  }
  std::string database_ = test::fresh_database(GetParam());
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StoreOn, MigratesOnceAndReopens) {
  {
    Store store(config());
    EXPECT_EQ(store.schema_version(), kSchemaVersion);
  }
  Store again(config());
  EXPECT_EQ(again.schema_version(), kSchemaVersion);
  std::optional<std::string> secret;
  again.read([&](Tx &tx) { secret = tx.meta("secret"); });
  ASSERT_TRUE(secret);
  EXPECT_EQ(secret->size(), 64u);
}

TEST_P(StoreOn, ConcurrentFirstOpensMigrateOnce) {
  std::vector<std::thread> openers;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    openers.emplace_back([&] {
      Store store(config());
      if (store.schema_version() == kSchemaVersion) ++ok;
    });
  }
  for (auto &t : openers) t.join();
  EXPECT_EQ(ok, 4);
}

// Only a write moves the change mark that the status page's cache trusts: a read, in a
// transaction or as single statements (reclaim_case_get), leaves it where it was. In-memory
// SQLite counts this store's commits, so a read counted as one would empty that cache.
TEST(Store, OnlyWritesMoveTheChangeMark) {
  StorageConfig config;
  config.database = "sqlite::memory:";
  Store store(config);
  const auto before = store.change_mark();
  ASSERT_TRUE(before);
  store.read([](Tx &tx) { tx.history("c_none"); });
  store.read_statements([](Tx &tx) { EXPECT_FALSE(tx.case_with_history("c_none")); });
  EXPECT_EQ(store.change_mark(), before);
  store.write([](Tx &tx) { tx.append_event(test::opened_event("c_1")); });
  EXPECT_NE(store.change_mark(), before);
}

TEST_P(StoreOn, FailedWorkLeavesNothing) {
  Store store(config());
  EXPECT_THROW(store.write([](Tx &tx) {
    tx.append_event(test::opened_event("c_1"));
    fail(Status::invalid_argument, "refused half-way");
  }),
               Error);
  std::vector<Event> events;
  store.read_outbox([&](Tx &tx) { events = tx.events({}); });
  EXPECT_TRUE(events.empty());
}

TEST_P(StoreOn, NumbersCountPerShopAndYear) {
  Store store(config());
  std::vector<std::int64_t> got;
  store.write([&](Tx &tx) {
    got.push_back(tx.next_case_number("a", 2026));
    got.push_back(tx.next_case_number("a", 2026));
    got.push_back(tx.next_case_number("b", 2026));
    got.push_back(tx.next_case_number("a", 2027));
  });
  EXPECT_EQ(got, (std::vector<std::int64_t>{1, 2, 1, 1}));
}

TEST_P(StoreOn, EventsReadInCommitOrderWithACursor) {
  Store store(config());
  for (int i = 0; i < 5; ++i) {
    store.write([&](Tx &tx) { tx.append_event(test::opened_event("c_" + std::to_string(i))); });
  }
  std::vector<Event> all, page;
  store.read_outbox([&](Tx &tx) { all = tx.events({0, 100, "", ""}); });
  ASSERT_EQ(all.size(), 5u);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].seq, all[i].seq);
  // Seq numbers grow but are not consecutive on PostgreSQL (numbered by transaction).
  store.read_outbox([&](Tx &tx) { page = tx.events({all[1].seq, 2, "", ""}); });
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, all[2].seq);
  EXPECT_EQ(page[1].case_id, "c_3");
  store.read_outbox([&](Tx &tx) { page = tx.events({0, 100, "", "c_4"}); });
  ASSERT_EQ(page.size(), 1u);
}

TEST(Store, WriterWaitsForAnotherConnectionsLockInsteadOfFailing) {
  TempDir dir;
  Store store(config_for(dir));
  soci::session other(soci::sqlite3, "db=\"" + dir.file() + "\"");
  other << "BEGIN IMMEDIATE";
  std::thread holder([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    other << "COMMIT";
  });
  EXPECT_NO_THROW(store.write([](Tx &tx) { tx.append_event(test::opened_event("c_9")); }));
  holder.join();
}

TEST(Store, UnknownBackendsAndUnreachableServersAreNamed) {
  StorageConfig config;
  config.database = "mysql://x";
  try {
    Store store(config);
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument);
    EXPECT_EQ(error.field(), "database");
  }
  config.database = "postgresql://reclaim@127.0.0.1:1/none?connect_timeout=2";
  try {
    Store store(config);
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::storage);
    EXPECT_EQ(error.field(), "database");
  }
}

}  // namespace
}  // namespace reclaim

namespace reclaim {
namespace {

TEST(Store, TheDeadlineWatchLooksUpDueCasesThroughItsIndex) {
  TempDir dir;
  Store store(config_for(dir));
  std::vector<std::string> plan;
  store.read([&](Tx &tx) {
    std::string query = std::string("EXPLAIN QUERY PLAN ") + kDueCasesSql;
    long long now = 0;
    int limit = 200;
    soci::rowset<soci::row> rows =
        (tx.session().prepare << query, soci::use(now), soci::use(limit));
    for (const auto &row : rows) plan.push_back(row.get<std::string>(3));
  });
  ASSERT_EQ(plan.size(), 1u);  // one step: no scan, no temporary sort
  EXPECT_NE(plan[0].find("USING INDEX cases_by_next_alert"), std::string::npos) << plan[0];
}

}  // namespace
}  // namespace reclaim
