#include "storage/store.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <random>
#include <thread>

#include "core/error.hpp"
#include "storage/dialect.hpp"
#include "storage/schema.hpp"

namespace reclaim {

namespace {

constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;

struct Busy {};  // internal signal: the attempt met a lock; retry it from the start

std::string sqlite_path(const std::string &database) {
  constexpr std::string_view kScheme = "sqlite:";
  if (database.rfind(kScheme, 0) != 0) {
    if (database.rfind("postgresql:", 0) == 0 || database.rfind("postgres:", 0) == 0 ||
        database.find('=') != std::string::npos) {
      fail(Status::unsupported, "the PostgreSQL backend is not in this build", "database");
    }
    fail(Status::invalid_argument, "expected sqlite:PATH or sqlite::memory:", "database");
  }
  std::string path = database.substr(kScheme.size());
  if (path.empty()) fail(Status::invalid_argument, "the database path is empty", "database");
  if (path.find('"') != std::string::npos) {
    fail(Status::invalid_argument, "the database path may not contain '\"'", "database");
  }
  return path;
}

bool is_busy(const soci::sqlite3_soci_error &error) {
  const int code = error.result() & 0xff;  // extended codes keep the primary code in the low byte
  return code == kSqliteBusy || code == kSqliteLocked;
}

// Runs one statement of transaction control, turning a lock into Busy. Prepared once per
// connection: parsing BEGIN and COMMIT was a fifth of a short read.
void control(soci::session &sql, StatementCache &cache, const char *statement) {
  try {
    cache.execute(sql, statement, {});
  } catch (const soci::sqlite3_soci_error &error) {
    if (is_busy(error)) throw Busy{};
    throw;
  }
}

void rollback_quietly(soci::session &sql, StatementCache &cache) noexcept {
  try {
    cache.execute(sql, "ROLLBACK", {});
  } catch (...) {
    // Nothing was open, or the connection is gone: either way nothing stays half-written.
  }
}

// Switching to WAL needs a moment alone with the file; retry while another opener has it.
void use_wal(soci::session &sql) {
  for (int attempt = 0;; ++attempt) {
    try {
      std::string mode;
      sql << "PRAGMA journal_mode = WAL", soci::into(mode);
      return;
    } catch (const soci::sqlite3_soci_error &error) {
      if (!is_busy(error) || attempt > 2000) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

}  // namespace

Store::Store(const StorageConfig &config) : config_(config), dialect_(&kSqlite) {
  const std::string path = sqlite_path(config.database);
  const bool memory = path == ":memory:";
  const int pool = memory ? 1 : config.pool;
  try {
    for (int i = 0; i < pool; ++i) {
      auto session = std::make_unique<soci::session>(soci::sqlite3, "db=\"" + path + "\"");
      *session << "PRAGMA busy_timeout = " + std::to_string(config.busy_timeout_ms);
      *session << "PRAGMA foreign_keys = ON";
      *session << std::string("PRAGMA synchronous = ") +
                      (config.synchronous_full ? "FULL" : "NORMAL");
      if (!memory && i == 0) use_wal(*session);
      idle_.push_back(session.get());
      caches_.emplace(session.get(), std::make_unique<StatementCache>());
      sessions_.push_back(std::move(session));
    }
  } catch (const soci::soci_error &error) {
    fail(Status::storage, std::string("cannot open the database: ") + error.get_error_message(),
         "database");
  }
  read([this](Tx &) {});  // proves the connection works before anything else
  soci::session &first = *sessions_.front();
  int found = 0;
  try {
    found = stored_schema_version(first, *dialect_);
  } catch (const soci::soci_error &error) {
    fail(Status::storage, std::string("cannot read the schema: ") + error.get_error_message());
  }
  if (found > kSchemaVersion) {
    fail(Status::unsupported,
         "the database has schema " + std::to_string(found) + ", newer than this library's " +
             std::to_string(kSchemaVersion));
  }
  if (found < kSchemaVersion) {
    write([this](Tx &tx) { schema_version_ = migrate(tx.session(), *dialect_); });
  } else {
    schema_version_ = found;
  }
}

Store::~Store() = default;

const char *Store::backend() const { return dialect_->name; }

soci::session &Store::acquire() {
  std::unique_lock lock(mutex_);
  released_.wait(lock, [this] { return !idle_.empty(); });
  soci::session *session = idle_.back();
  idle_.pop_back();
  return *session;
}

void Store::release(soci::session &session) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(&session);
  }
  released_.notify_one();
}

void Store::write(const std::function<void(Tx &)> &work) { transact(true, work); }

void Store::read(const std::function<void(Tx &)> &work) { transact(false, work); }

void Store::transact(bool writing, const std::function<void(Tx &)> &work) {
  soci::session &sql = acquire();
  struct Release {
    Store &store;
    soci::session &sql;
    ~Release() { store.release(sql); }
  } release{*this, sql};

  const auto give_up = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(std::max(config_.busy_timeout_ms, 100));
  // Seeded from the clock: std::random_device costs a system call on every transaction.
  std::minstd_rand jitter(
      static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count()));
  for (;;) {
    try {
      StatementCache &cache = *caches_.at(&sql);
      control(sql, cache, writing ? dialect_->begin_write : dialect_->begin_read);
      try {
        Tx tx(sql, cache, *dialect_);
        work(tx);
        control(sql, cache, "COMMIT");
        return;
      } catch (const soci::sqlite3_soci_error &error) {
        rollback_quietly(sql, cache);
        if (is_busy(error)) throw Busy{};
        throw;
      } catch (...) {
        rollback_quietly(sql, cache);
        throw;
      }
    } catch (const Busy &) {
      if (std::chrono::steady_clock::now() > give_up) {
        fail(Status::busy, "the database stayed locked; retry later");
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200 + jitter() % 2000));
    } catch (const Error &) {
      throw;
    } catch (const soci::soci_error &error) {
      fail(Status::storage, std::string("database error: ") + error.get_error_message());
    }
  }
}

}  // namespace reclaim
