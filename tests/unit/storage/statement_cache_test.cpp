// Prepared statements kept per connection (storage/statement_cache.hpp): a cached SELECT never
// stays open on a row, so it never holds a WAL read mark that would stop checkpoints, also when
// reading a row fails half-way; and a statement that failed is prepared again, not reused.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <set>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <stdexcept>

#include "storage/change_watch.hpp"
#include "storage/connect.hpp"
#include "storage/statement_cache.hpp"
#include "support/backends.hpp"

namespace reclaim {
namespace {

std::string file_of(const std::string &database) { return database.substr(7); }  // "sqlite:"

// What a full checkpoint from another connection reports: 0 when it could reset the WAL, 1 when
// a reader still held it.
int checkpoint_blocked(const std::string &file) {
  soci::session other(soci::sqlite3, "db=\"" + file + "\"");
  other << "PRAGMA busy_timeout = 0";
  int busy = -1, log = 0, done = 0;
  other << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(log),
      soci::into(done);
  return busy;
}

class CachedReads : public ::testing::Test {
 protected:
  CachedReads() : file_(file_of(test::fresh_database("sqlite"))), sql_(soci::sqlite3, "db=\"" + file_ + "\"") {
    std::string mode;
    sql_ << "PRAGMA journal_mode = WAL", soci::into(mode);
    sql_ << "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER)";
    for (int i = 1; i <= 5; ++i) {
      cache_.execute(sql_, "INSERT INTO t (id, name, n) VALUES (?, ?, ?)",
                     {static_cast<long long>(i), "row" + std::to_string(i),
                      i == 3 ? std::optional<long long>() : std::optional<long long>(i * 10)});
    }
  }

  std::string file_;
  soci::session sql_;
  StatementCache cache_;
};

TEST_F(CachedReads, ManyShapesStartTheCacheAgainButNeverUnderARunningQuery) {
  // Inside a running SELECT, 600 statements of different texts are prepared (past the cache's
  // bound of 256): the running one is not finalized under its loop, and every answer is right.
  std::vector<long long> ids;
  cache_.query(sql_, "SELECT id FROM t ORDER BY id", "n", {}, [&](const CachedRow &row) {
    ids.push_back(row.number(0));
    for (int shape = 0; shape < 120; ++shape) {
      long long found = -1;
      cache_.query(sql_, "SELECT id + " + std::to_string(shape) + " FROM t WHERE id = ?", "n",
                   {row.number(0)}, [&](const CachedRow &inner) { found = inner.number(0); });
      ASSERT_EQ(found, row.number(0) + shape);
    }
  });
  EXPECT_EQ(ids, (std::vector<long long>{1, 2, 3, 4, 5}));
  // Outside any query, more shapes empty the cache and go on answering.
  for (int shape = 0; shape < 300; ++shape) {
    long long found = -1;
    cache_.query(sql_, "SELECT n + " + std::to_string(shape) + " FROM t WHERE id = ?", "n", {2LL},
                 [&](const CachedRow &row) { found = row.number(0); });
    ASSERT_EQ(found, 20 + shape);
  }
  EXPECT_EQ(checkpoint_blocked(file_), 0);
}

TEST_F(CachedReads, TheCheckSeesAStatementLeftOnARow) {
  // The failure this cache must never cause: a prepared SELECT executed and left on its row.
  std::string name;
  soci::statement left = (sql_.prepare << "SELECT name FROM t ORDER BY id", soci::into(name));
  left.execute(true);
  EXPECT_EQ(checkpoint_blocked(file_), 1);
}

TEST_F(CachedReads, AreSteppedToTheEndAndHoldNothing) {
  std::vector<std::string> names;
  long long nulls = 0, sum = 0;
  for (int round = 0; round < 3; ++round) {
    names.clear();
    cache_.query(sql_, "SELECT name, n FROM t WHERE id >= ? ORDER BY id", "tn", {2LL},
                 [&](const CachedRow &row) {
                   names.push_back(row.text(0));
                   if (row.null(1)) ++nulls;
                   sum += row.number(1);
                 });
  }
  EXPECT_EQ(names, (std::vector<std::string>{"row2", "row3", "row4", "row5"}));
  EXPECT_EQ(nulls, 3);
  EXPECT_EQ(sum, 3 * (20 + 40 + 50));
  // A single row by key, the way case reads go, and no row at all.
  int found = 0;
  cache_.query(sql_, "SELECT name FROM t WHERE id = ?", "t", {4LL},
               [&](const CachedRow &row) { found += row.text(0) == "row4"; });
  cache_.query(sql_, "SELECT name FROM t WHERE id = ?", "t", {99LL},
               [&](const CachedRow &) { ++found; });
  EXPECT_EQ(found, 1);
  EXPECT_EQ(checkpoint_blocked(file_), 0);
}

TEST_F(CachedReads, AFailureHalfWayLeavesNoStatementOpenAndTheNextCallWorks) {
  EXPECT_THROW(cache_.query(sql_, "SELECT name FROM t ORDER BY id", "t", {},
                            [&](const CachedRow &row) {
                              if (row.text(0) == "row2") throw std::runtime_error("bad row");
                            }),
               std::runtime_error);
  EXPECT_EQ(checkpoint_blocked(file_), 0);
  int rows = 0;
  cache_.query(sql_, "SELECT name FROM t ORDER BY id", "t", {},
               [&](const CachedRow &) { ++rows; });
  EXPECT_EQ(rows, 5);
  // Inside a transaction too: COMMIT finds nothing in progress.
  sql_ << "BEGIN";
  EXPECT_THROW(cache_.query(sql_, "SELECT name FROM t ORDER BY id", "t", {},
                            [&](const CachedRow &) { throw std::runtime_error("bad row"); }),
               std::runtime_error);
  EXPECT_NO_THROW(sql_ << "COMMIT");
  EXPECT_EQ(checkpoint_blocked(file_), 0);
  // A statement SQLite refuses is not kept either.
  EXPECT_THROW(cache_.query(sql_, "SELECT nothing FROM nowhere", "t", {},
                            [&](const CachedRow &) {}),
               soci::soci_error);
  EXPECT_THROW(cache_.query(sql_, "SELECT nothing FROM nowhere", "t", {},
                            [&](const CachedRow &) {}),
               soci::soci_error);
}

// A database file with a table t, in the journal mode given, written through a connection of
// the test's own (another process's, as far as SQLite can tell), and a watch on it.
class ChangeWatchOn : public ::testing::Test {
 protected:
  explicit ChangeWatchOn(const std::string &journal_mode = "WAL")
      : database_(test::fresh_database("sqlite")), sql_(soci::sqlite3, "db=\"" + file() + "\"") {
    std::string mode;
    sql_ << "PRAGMA journal_mode = " + journal_mode, soci::into(mode);
    sql_ << "CREATE TABLE t (id INTEGER PRIMARY KEY)";
    config_.database = database_;
    watch_ = std::make_unique<ChangeWatch>(parse_target(database_), config_);
  }
  std::string file() const { return file_of(database_); }

  std::string database_;
  soci::session sql_;
  StorageConfig config_;
  std::unique_ptr<ChangeWatch> watch_;
};

class ChangeWatchOnJournal : public ChangeWatchOn {
 protected:
  ChangeWatchOnJournal() : ChangeWatchOn("DELETE") {}
};

// Equal marks mean nothing was committed in between, by any connection; a commit by another
// connection moves the mark.
TEST_F(ChangeWatchOn, MovesWhenAnotherConnectionCommits) {
  const auto before = watch_->mark();
  ASSERT_TRUE(before);
  EXPECT_EQ(watch_->mark(), before);
  sql_ << "BEGIN IMMEDIATE";
  sql_ << "INSERT INTO t (id) VALUES (1)";
  EXPECT_EQ(watch_->mark(), before);  // not committed yet
  sql_ << "COMMIT";
  const auto after = watch_->mark();
  ASSERT_TRUE(after);
  EXPECT_NE(after, before);
  EXPECT_EQ(watch_->mark(), after);
  sql_ << "BEGIN";
  sql_ << "ROLLBACK";
  EXPECT_EQ(watch_->mark(), after);
}

// In WAL mode the mark is the wal-index header: every commit moves it, also right after a
// checkpoint that empties the WAL (the next writer starts it again, from its first frame).
TEST_F(ChangeWatchOn, EveryCommitMovesTheMarkAcrossCheckpoints) {
  std::set<std::int64_t> seen{*watch_->mark()};
  for (int i = 1; i <= 20; ++i) {
    sql_ << "INSERT INTO t (id) VALUES (:id)", soci::use(i);
    if (i % 5 == 0) sql_ << "PRAGMA wal_checkpoint(TRUNCATE)";
    const auto now = watch_->mark();
    ASSERT_TRUE(now) << i;
    EXPECT_TRUE(seen.insert(*now).second) << "commit " << i << " left the mark where it was";
    EXPECT_EQ(watch_->mark(), now);
  }
}

// A commit by another process (its own mapping of the same shared memory) moves the mark.
TEST_F(ChangeWatchOn, MovesWhenAnotherProcessCommits) {
  const auto before = watch_->mark();
  ASSERT_TRUE(before);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    try {
      soci::session other(soci::sqlite3, "db=\"" + file() + "\"");
      other << "INSERT INTO t (id) VALUES (1)";
    } catch (...) {
      _exit(1);
    }
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const auto after = watch_->mark();
  ASSERT_TRUE(after);
  EXPECT_NE(after, before);
}

// Without WAL (a file the host keeps in rollback-journal mode) the watch asks SQLite's
// data_version instead, with the same promise.
TEST_F(ChangeWatchOnJournal, MovesInRollbackJournalModeToo) {
  std::string mode;
  sql_ << "PRAGMA journal_mode", soci::into(mode);
  ASSERT_EQ(mode, "delete");
  const auto before = watch_->mark();
  ASSERT_TRUE(before);
  EXPECT_EQ(watch_->mark(), before);
  sql_ << "INSERT INTO t (id) VALUES (1)";
  const auto after = watch_->mark();
  ASSERT_TRUE(after);
  EXPECT_NE(after, before);
}

TEST(ChangeWatch, CountsItsOwnCommitsInMemoryAndCannotTellOnPostgresql) {
  StorageConfig config;
  config.database = "sqlite::memory:";
  ChangeWatch memory(parse_target(config.database), config);
  const auto before = memory.mark();
  ASSERT_TRUE(before);
  memory.committed();
  EXPECT_NE(memory.mark(), before);
  config.database = "postgresql://reclaim@127.0.0.1:1/none";
  ChangeWatch server(parse_target(config.database), config);
  EXPECT_FALSE(server.mark());
}

}  // namespace
}  // namespace reclaim
