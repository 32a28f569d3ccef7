// Whether anything at all was committed to the database since an earlier look, for caches that
// must never serve what another process or node has changed meanwhile.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "storage/config.hpp"
#include "storage/statement_cache.hpp"

namespace soci {
class session;
}

namespace reclaim {

struct Target;

class ChangeWatch {
 public:
  // SQLite file in WAL mode: the header of the wal-index that every connection, in every
  // process, rewrites with each commit, read from the shared memory this watch's own connection
  // maps (no lock, no system call). Any other SQLite file: a connection of its own that asks
  // `PRAGMA data_version`, which changes whenever any other connection commits. In-memory
  // SQLite: a count of this store's commits (nothing else can reach the database). PostgreSQL:
  // no mark (a cache must ask the database).
  ChangeWatch(const Target &target, const StorageConfig &config);
  ~ChangeWatch();
  ChangeWatch(const ChangeWatch &) = delete;
  ChangeWatch &operator=(const ChangeWatch &) = delete;

  // A number that differs from every earlier one once a change was committed after the earlier
  // one was taken: equal marks mean nothing changed in between. nullopt when it cannot tell at
  // once (PostgreSQL; the file locked, as during recovery): the caller then reads the database.
  // Never waits for the database (only, for microseconds, for another thread's look); never
  // throws; safe on any thread.
  std::optional<std::int64_t> mark();
  // Called after each of this store's commits.
  void committed() { commits_.fetch_add(1); }

 private:
  // The mark of the wal-index header's two copies when they agree; nullopt while a commit is
  // writing them (or when they are not a header this code knows).
  std::optional<std::int64_t> header_mark() const;

  std::unique_ptr<soci::session> session_;  // SQLite file only
  std::unique_ptr<StatementCache> statements_;
  // The wal-index's first region as session_ maps it (SQLite's xShmMap), or null: not WAL.
  const volatile void *wal_index_ = nullptr;
  std::mutex mutex_;
  std::atomic<std::int64_t> commits_{0};
  bool memory_ = false;
};

}  // namespace reclaim
