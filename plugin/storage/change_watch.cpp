#include "storage/change_watch.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>  // SQLite's API, in namespace sqlite_api

#include <atomic>
#include <cstring>
#include <string>

#include "storage/connect.hpp"
#include "storage/dialect.hpp"

namespace reclaim {

namespace {

// The wal-index header (https://www.sqlite.org/walformat.html, "The WAL-Index Header"): two
// copies of 48 bytes at the start of the shared memory. A commit writes the second copy, then
// the first; a reader that finds them equal has a whole header. Every commit changes it (its
// change counter, last frame, checksums), and nothing but a commit or a recovery does.
constexpr std::size_t kHeaderBytes = 48;
constexpr std::uint32_t kWalIndexVersion = 3007000;  // iVersion, the same since SQLite 3.7.0
constexpr int kWalIndexRegion = 32768;               // the size of a region of the wal-index

// The wal-index's first region as `session`'s connection maps it, or null when the database is
// not in WAL mode or the VFS shares no memory (then the watch asks PRAGMA data_version).
const volatile void *map_wal_index(soci::session &session) {
  std::string mode;
  session << "PRAGMA journal_mode", soci::into(mode);
  if (mode != "wal") return nullptr;
  auto *backend = static_cast<soci::sqlite3_session_backend *>(session.get_backend());
  sqlite_api::sqlite3_file *file = nullptr;
  if (sqlite_api::sqlite3_file_control(backend->conn_, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      !file || !file->pMethods || file->pMethods->iVersion < 2 || !file->pMethods->xShmMap) {
    return nullptr;
  }
  volatile void *region = nullptr;
  if (file->pMethods->xShmMap(file, 0, kWalIndexRegion, 0, &region) != SQLITE_OK) return nullptr;
  return region;
}

}  // namespace

ChangeWatch::ChangeWatch(const Target &target, const StorageConfig &config) {
  if (target.dialect != &kSqlite) return;
  if (target.memory) {
    memory_ = true;
    return;
  }
  session_ = open_sqlite(target, config, false);
  // Asked from I/O threads: a locked file means "cannot tell", not a wait.
  *session_ << "PRAGMA busy_timeout = 0";
  statements_ = std::make_unique<StatementCache>();
  // A first read joins the WAL and maps its index; the mapping stays while the connection is
  // open (and, this connection being open, SQLite never deletes the index).
  try {
    std::int64_t version = 0;
    *session_ << "PRAGMA data_version", soci::into(version);
    wal_index_ = map_wal_index(*session_);
    if (wal_index_ && !header_mark()) wal_index_ = nullptr;  // not a header this code knows
  } catch (...) {
    wal_index_ = nullptr;  // the file locked meanwhile: data_version, as before
  }
}

ChangeWatch::~ChangeWatch() {
  statements_.reset();  // statements before their connection
  session_.reset();
}

std::optional<std::int64_t> ChangeWatch::header_mark() const {
  // Word by word, as SQLite's own readers do, each read once; the copies compared afterwards.
  const auto *words = static_cast<const volatile std::uint32_t *>(wal_index_);
  std::uint32_t first[kHeaderBytes / 4], second[kHeaderBytes / 4];
  for (std::size_t i = 0; i < kHeaderBytes / 4; ++i) first[i] = words[i];
  std::atomic_thread_fence(std::memory_order_acquire);
  for (std::size_t i = 0; i < kHeaderBytes / 4; ++i) second[i] = words[kHeaderBytes / 4 + i];
  if (std::memcmp(first, second, kHeaderBytes) != 0) return std::nullopt;  // being written
  unsigned char is_init = 0;
  std::memcpy(&is_init, reinterpret_cast<const unsigned char *>(first) + 12, 1);
  if (first[0] != kWalIndexVersion || is_init == 0) return std::nullopt;
  // A fingerprint of the whole header: equal marks, equal headers.
  return fnv1a_63(std::string_view(reinterpret_cast<const char *>(first), kHeaderBytes));
}

std::optional<std::int64_t> ChangeWatch::mark() {
  if (memory_) return commits_.load();
  if (!session_) return std::nullopt;
  if (wal_index_) return header_mark();
  // Held for one prepared statement that never waits for SQLite's locks (busy_timeout 0): a
  // thread finding it taken waits microseconds. Giving up instead sent a share of the pages under
  // load to the worker pool and its queue (p99 43 ms against nginx's 6 ms).
  std::lock_guard lock(mutex_);
  try {
    std::optional<std::int64_t> version;
    statements_->query(*session_, "PRAGMA data_version", "n", {},
                       [&](const CachedRow &row) { version = row.number(0); });
    return version;
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace reclaim
