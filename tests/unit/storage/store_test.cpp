// Storage on real SQLite files: migrations, rollback, numbering, events in commit order.
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

Event event_for(const std::string &case_id) {
  Event event;
  event.type = "case.opened";
  event.case_id = case_id;
  event.case_number = "RC-2026-000001";
  event.shop = "default";
  return event;
}

TEST(Store, MigratesOnceAndReopens) {
  TempDir dir;
  { Store store(config_for(dir)); EXPECT_EQ(store.schema_version(), kSchemaVersion); }
  Store again(config_for(dir));
  EXPECT_EQ(again.schema_version(), kSchemaVersion);
  std::optional<std::string> secret;
  again.read([&](Tx &tx) { secret = tx.meta("secret"); });
  ASSERT_TRUE(secret);
  EXPECT_EQ(secret->size(), 64u);
}

TEST(Store, ConcurrentFirstOpensMigrateOnce) {
  TempDir dir;
  std::vector<std::thread> openers;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    openers.emplace_back([&] {
      Store store(config_for(dir));
      if (store.schema_version() == kSchemaVersion) ++ok;
    });
  }
  for (auto &t : openers) t.join();
  EXPECT_EQ(ok, 4);
}

TEST(Store, FailedWorkLeavesNothing) {
  TempDir dir;
  Store store(config_for(dir));
  EXPECT_THROW(store.write([](Tx &tx) {
    tx.append_event(event_for("c_1"));
    fail(Status::invalid_argument, "refused half-way");
  }),
               Error);
  std::vector<Event> events;
  store.read([&](Tx &tx) { events = tx.events({}); });
  EXPECT_TRUE(events.empty());
}

TEST(Store, NumbersCountPerShopAndYear) {
  TempDir dir;
  Store store(config_for(dir));
  std::vector<std::int64_t> got;
  store.write([&](Tx &tx) {
    got.push_back(tx.next_case_number("a", 2026));
    got.push_back(tx.next_case_number("a", 2026));
    got.push_back(tx.next_case_number("b", 2026));
    got.push_back(tx.next_case_number("a", 2027));
  });
  EXPECT_EQ(got, (std::vector<std::int64_t>{1, 2, 1, 1}));
}

TEST(Store, EventsReadInCommitOrderWithACursor) {
  TempDir dir;
  Store store(config_for(dir));
  for (int i = 0; i < 5; ++i) {
    store.write([&](Tx &tx) { tx.append_event(event_for("c_" + std::to_string(i))); });
  }
  std::vector<Event> page;
  store.read([&](Tx &tx) { page = tx.events({2, 2, "", ""}); });
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, 3);
  EXPECT_EQ(page[1].case_id, "c_3");
  store.read([&](Tx &tx) { page = tx.events({0, 100, "", "c_4"}); });
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
  EXPECT_NO_THROW(store.write([](Tx &tx) { tx.append_event(event_for("c_9")); }));
  holder.join();
}

TEST(Store, OtherBackendsAreNamed) {
  StorageConfig config;
  config.database = "postgresql://localhost/reclaim";
  try {
    Store store(config);
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::unsupported);
  }
  config.database = "mysql://x";
  EXPECT_THROW(Store{config}, Error);
}

}  // namespace
}  // namespace reclaim
