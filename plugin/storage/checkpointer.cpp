#include "storage/checkpointer.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>  // SQLite's API, in namespace sqlite_api

#include "storage/connect.hpp"

namespace reclaim {

namespace {

sqlite_api::sqlite3 *handle_of(soci::session &session) {
  return static_cast<soci::sqlite3_session_backend *>(session.get_backend())->conn_;
}

// Copies what it can of the log now, without waiting for readers or writers. Gives the pages
// the log holds copied, or -1 when another checkpoint was running.
int checkpoint_passive(sqlite_api::sqlite3 *connection, const char *schema) {
  int log = 0, copied = 0;
  const int status = sqlite_api::sqlite3_wal_checkpoint_v2(
      connection, schema, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
  return status == SQLITE_OK ? copied : -1;
}

// SQLite syncs the database file only after a checkpoint that left no page of the log uncopied,
// which a copy made beside a steady writer seldom does (the writer has committed more by then),
// and its result does not tell. The sync of all the thread's copies then fell to the writer
// that reached the bound (about 2 ms on `full`, every hundred case opens). So the thread syncs
// what it copied itself; any descriptor of the file syncs the file.
bool sync_database(sqlite_api::sqlite3 *connection) {
  sqlite_api::sqlite3_file *file = nullptr;
  if (sqlite_api::sqlite3_file_control(connection, "main", SQLITE_FCNTL_FILE_POINTER, &file) !=
          SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr) {
    return false;
  }
  return file->pMethods->xSync(file, SQLITE_SYNC_NORMAL) == SQLITE_OK;
}

// A connection that has not read the database yet does not know it is in WAL mode, and its
// checkpoints do nothing. A first read makes it look.
bool join_log(soci::session &session) {
  try {
    int tables = 0;
    session << "SELECT count(*) FROM sqlite_master", soci::into(tables);
    return true;
  } catch (const soci::soci_error &) {
    return false;  // locked for a moment: the checkpoint does nothing this time
  }
}

int after_commit(void *self, sqlite_api::sqlite3 *connection, const char *schema, int pages) {
  static_cast<Checkpointer *>(self)->committed(connection, schema, pages);
  return SQLITE_OK;  // the commit stands whatever the checkpoint did
}

}  // namespace

Checkpointer::Checkpointer(const Target &target, const StorageConfig &config)
    : session_(open_sqlite(target, config, false)), thread_([this] { loop(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::watch(soci::session &writer) {
  sqlite_api::sqlite3_wal_hook(handle_of(writer), after_commit, this);
}

void Checkpointer::committed(void *connection, const char *schema, int pages) {
  // A log starts again from its beginning only when a write begins with all of it copied, which
  // a steady writer never finds while another thread copies: the log grew without end. So past
  // a bound the committing connection copies the rest itself (little, the thread having copied
  // the most), after the thread's copy if one runs, and its next write starts the log again.
  if (pages >= kPagesBeforeWritersHelp) {
    const std::lock_guard held(running_);
    const int copied = checkpoint_passive(static_cast<sqlite_api::sqlite3 *>(connection), schema);
    if (copied >= 0) copied_ = copied;
    return;
  }
  int done = copied_;
  if (pages < done) {  // the log started again since
    copied_.compare_exchange_strong(done, 0);
    done = 0;
  }
  if (pages - done >= kPagesPerCheckpoint) {
    {
      std::lock_guard lock(mutex_);
      due_ = true;
    }
    wake_.notify_one();
  }
}

void Checkpointer::loop() {
  sqlite_api::sqlite3 *connection = handle_of(*session_);
  bool joined = false;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return due_ || stopping_; });
    if (stopping_) return;
    due_ = false;
    lock.unlock();
    {
      const std::lock_guard held(running_);
      joined = joined || join_log(*session_);
      // Busy (another process checkpointing): the next commit asks again.
      if (const int copied = checkpoint_passive(connection, "main"); copied > 0) {
        copied_ = copied;
        ++runs_;
        if (sync_database(connection)) ++syncs_;
      }
    }
    lock.lock();
  }
}

}  // namespace reclaim
