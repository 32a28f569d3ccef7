// The write-ahead log copied into the database file by a thread of its own: it is copied without
// another commit, and it stays bounded under a steady writer and when the thread is held.
#include "storage/checkpointer.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "storage/connect.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"

namespace reclaim {
namespace {

constexpr std::uintmax_t kPage = 4096;
constexpr int kPagesPerWrite = 40;  // about what a case open writes

// The size of a file; 0 when there is none.
std::uintmax_t size_of(const std::string &path) {
  std::error_code missing;
  const auto size = std::filesystem::file_size(path, missing);
  return missing ? 0 : size;
}

// A writer's connection in WAL mode with a table to fill, watched by `checkpointer`.
class Writer {
 public:
  Writer(const Target &target, const StorageConfig &config)
      : session_(open_sqlite(target, config, true)) {
    *session_ << "CREATE TABLE filler (bytes BLOB)";
  }
  soci::session &session() { return *session_; }
  // Commits `writes` transactions of about kPagesPerWrite pages each.
  void write(int writes) {
    for (int i = 0; i < writes; ++i) {
      *session_ << "BEGIN IMMEDIATE";
      *session_ << "INSERT INTO filler VALUES (randomblob(:n))", soci::use(kPagesPerWrite * 4000);
      *session_ << "COMMIT";
    }
  }

 private:
  std::unique_ptr<soci::session> session_;
};

class CheckpointerTest : public ::testing::Test {
 protected:
  CheckpointerTest() { config_.database = test::fresh_database("sqlite"); }
  Target target() const { return parse_target(config_.database); }
  std::uintmax_t log_bytes() const { return size_of(target().connect + "-wal"); }
  std::uintmax_t database_bytes() const { return size_of(target().connect); }

  StorageConfig config_;
};

TEST_F(CheckpointerTest, CopiesTheLogWithoutTheWriter) {
  Checkpointer checkpointer(target(), config_);
  Writer writer(target(), config_);
  checkpointer.watch(writer.session());
  // Past the thread's threshold, well short of the pages where writers copy themselves.
  writer.write(Checkpointer::kPagesPerCheckpoint / kPagesPerWrite + 10);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (checkpointer.syncs() == 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GE(checkpointer.runs(), 1);
  // And synced what it copied: SQLite would only have, had the copy reached the log's end.
  EXPECT_GE(checkpointer.syncs(), 1);
  // The pages are in the database file now (it held the schema alone before), and no commit
  // copied them: SQLite's own checkpoint on commit is replaced, and writers help only past four
  // times as many pages. Some of the log's pages are rewrites of the same page.
  EXPECT_GE(database_bytes(), Checkpointer::kPagesPerCheckpoint / 2 * kPage);
}

TEST_F(CheckpointerTest, LogStartsAgainUnderASteadyWriter) {
  Checkpointer checkpointer(target(), config_);
  Writer writer(target(), config_);
  checkpointer.watch(writer.session());
  // A log is only started again when a write begins with all of it copied, which a steady
  // writer never finds if only the thread copies: the log grew without end before writers
  // copied the rest themselves.
  // The file keeps the size of the longest log it held.
  writer.write(4 * Checkpointer::kPagesBeforeWritersHelp / kPagesPerWrite);
  EXPECT_LE(log_bytes(),
            (Checkpointer::kPagesBeforeWritersHelp + 2 * kPagesPerWrite) * (kPage + 24));
  EXPECT_GE(database_bytes(), 3 * Checkpointer::kPagesBeforeWritersHelp * kPage);
}

TEST_F(CheckpointerTest, LogStaysBoundedWhileTheThreadIsHeld) {
  Checkpointer checkpointer(target(), config_);
  Writer writer(target(), config_);
  checkpointer.watch(writer.session());
  // As when the thread is stuck in a slow sync, or Store::checkpoint runs: the writer past the
  // bound waits for it, then copies.
  auto held = checkpointer.hold();
  std::thread release([&held] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    held.unlock();
  });
  writer.write(2 * Checkpointer::kPagesBeforeWritersHelp / kPagesPerWrite);
  release.join();
  EXPECT_LE(log_bytes(),
            (Checkpointer::kPagesBeforeWritersHelp + 2 * kPagesPerWrite) * (kPage + 24));
}

TEST_F(CheckpointerTest, StoreTruncatesTheLogBesideTheThread) {
  Store store(config_);
  store.write([](Tx &tx) {
    tx.session() << "CREATE TABLE filler (bytes BLOB)";
    tx.session() << "INSERT INTO filler VALUES (randomblob(:n))",
        soci::use(2 * Checkpointer::kPagesPerCheckpoint * 4000);
  });
  store.checkpoint();  // what an erasure runs: no earlier copy of a row may stay in the log
  EXPECT_EQ(log_bytes(), 0u);
}

}  // namespace
}  // namespace reclaim
