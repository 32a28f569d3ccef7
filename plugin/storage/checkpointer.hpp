// SQLite: the write-ahead log copied into the database file on a thread of its own, not by the
// commit that crossed SQLite's threshold. That commit used to run the checkpoint before it
// returned: copying a thousand pages and syncing the database file, which made one write in
// about twenty-five several milliseconds slower than the rest (docs/PERFORMANCE.md, "The
// checkpoint off the commit"). Now a commit only tells this thread, which checkpoints on its own
// connection while writers go on; checkpoints never block writers or readers (PASSIVE).
//
// Past four times SQLite's threshold, the committing connection copies the rest itself (after
// the thread's copy if one runs), as SQLite would have: the log stays bounded however slow the
// thread is, and starts again from its beginning, which it does only when a write begins with
// all of it copied.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "storage/config.hpp"

namespace soci {
class session;
}

namespace reclaim {

struct Target;

class Checkpointer {
 public:
  // SQLite's own threshold: a checkpoint once the log holds this many pages not yet copied.
  static constexpr int kPagesPerCheckpoint = 1000;
  // Past this many, the committing connection checkpoints itself.
  static constexpr int kPagesBeforeWritersHelp = 4 * kPagesPerCheckpoint;

  // Opens a connection of its own to the file of `target` (with `config`'s synchronous setting,
  // which decides how a checkpoint syncs) and starts the thread. Throws soci_error.
  Checkpointer(const Target &target, const StorageConfig &config);
  ~Checkpointer();  // stops the thread, then closes its connection
  Checkpointer(const Checkpointer &) = delete;
  Checkpointer &operator=(const Checkpointer &) = delete;

  // Replaces SQLite's checkpoint-on-commit on a writer's connection with a call to this thread.
  // The connection must be closed before this object is destroyed.
  void watch(soci::session &writer);

  // Holds the thread (and writers past the bound) off while the caller checkpoints itself: a
  // TRUNCATE after an erasure must not find a checkpoint already running.
  std::unique_lock<std::mutex> hold() { return std::unique_lock(running_); }

  // Checkpoints of this thread that copied pages, and those of them it synced itself, for
  // tests.
  long long runs() const { return runs_; }
  long long syncs() const { return syncs_; }

  // Called after each commit on a watched connection (a sqlite3*) with the pages its log holds.
  void committed(void *connection, const char *schema, int pages);

 private:
  void loop();

  std::unique_ptr<soci::session> session_;
  std::mutex running_;  // held while a checkpoint of this object's runs
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  std::atomic<int> copied_{0};  // log pages the last checkpoint left copied
  std::atomic<long long> runs_{0};
  std::atomic<long long> syncs_{0};
  std::thread thread_;
};

}  // namespace reclaim
