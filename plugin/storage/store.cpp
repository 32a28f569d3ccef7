#include "storage/store.hpp"

#include <soci/soci.h>

#include <chrono>
#include <random>
#include <thread>

#include "core/error.hpp"
#include "storage/checkpointer.hpp"
#include "storage/connect.hpp"
#include "storage/dialect.hpp"
#include "storage/schema.hpp"

namespace reclaim {

namespace {

void rollback_quietly(soci::session &sql, StatementCache &cache) noexcept {
  try {
    cache.execute(sql, "ROLLBACK", {});
  } catch (...) {
    // Nothing was open, or the connection is gone: either way nothing stays half-written.
  }
}

}  // namespace

Store::Store(const StorageConfig &config) : config_(config) {
  const Target target = parse_target(config.database);
  dialect_ = target.dialect;
  target_ = target.connect;
  const int pool = target.memory ? 1 : config.pool;
  try {
    if (dialect_ == &kSqlite && !target.memory) {
      checkpointer_ = std::make_unique<Checkpointer>(target, config_);
    }
    for (int i = 0; i < pool; ++i) {
      auto connection = std::make_unique<Connection>();
      open(*connection, i == 0);
      idle_.push_back(connection.get());
      connections_.push_back(std::move(connection));
    }
  } catch (const soci::soci_error &error) {
    fail(Status::storage, std::string("cannot open the database: ") + error.get_error_message(),
         "database");
  }
  read([](Tx &) {});  // proves the connection works before anything else
  soci::session &first = *connections_.front()->session;
  int found = 0;
  try {
    found = stored_schema_version(first, *dialect_);
  } catch (const soci::soci_error &error) {
    fail(Status::storage, std::string("cannot read the schema: ") + error.get_error_message());
  }
  if (found > kSchemaVersion) {
    fail(Status::unsupported, "the database has schema " + std::to_string(found) +
                                  ", newer than this library's " + std::to_string(kSchemaVersion));
  }
  if (found < kSchemaVersion) {
    transact(Mode::migrate, [this](Tx &tx) { schema_version_ = migrate(tx.session(), *dialect_); });
  } else {
    schema_version_ = found;
  }
  try {
    watch_ = std::make_unique<ChangeWatch>(target, config_);
  } catch (const soci::soci_error &) {
    // No watch, no cache: every look reads the database.
  }
}

Store::~Store() = default;

const char *Store::backend() const { return dialect_->name; }

void Store::open(Connection &connection, bool first) {
  connection.cache.reset();  // its statements belong to the old connection
  connection.session.reset();
  const Target target{dialect_, target_, target_ == ":memory:" && dialect_ == &kSqlite};
  long long lock_key = 0;
  connection.session = dialect_ == &kSqlite ? open_sqlite(target, config_, first)
                                            : open_postgresql(target, config_, lock_key);
  if (lock_key_ == 0) lock_key_ = lock_key;  // set while the first connection opens, then kept
  if (checkpointer_) checkpointer_->watch(*connection.session);
  connection.cache = std::make_unique<StatementCache>(dialect_->numbered_placeholders);
  connection.broken = false;
}

Store::Connection &Store::acquire() {
  std::unique_lock lock(mutex_);
  released_.wait(lock, [this] { return !idle_.empty(); });
  Connection *connection = idle_.back();
  idle_.pop_back();
  return *connection;
}

void Store::release(Connection &connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(&connection);
  }
  released_.notify_one();
}

void Store::write(const std::function<void(Tx &)> &work) { transact(Mode::write, work); }

void Store::read(const std::function<void(Tx &)> &work) { transact(Mode::read, work); }

void Store::read_statements(const std::function<void(Tx &)> &work) {
  transact(Mode::statements, work);
}

void Store::checkpoint() {
  if (std::string_view(dialect_->name) != "sqlite") return;
  const Borrowed borrowed{*this, acquire()};
  Connection &connection = borrowed.connection;
  // Not beside a checkpoint of the thread's, which would make this one give up.
  const auto held = checkpointer_ ? checkpointer_->hold() : std::unique_lock<std::mutex>();
  try {
    if (connection.broken) open(connection, false);
    // Best effort: a reader holding an old snapshot keeps the log until it ends.
    *connection.session << "PRAGMA wal_checkpoint(TRUNCATE)";
  } catch (const soci::soci_error &) {
  }
}

void Store::read_outbox(const std::function<void(Tx &)> &work) {
  const auto give_up = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(std::max(config_.busy_timeout_ms, 100));
  std::optional<long long> waited_for;  // the first transaction id after those running at the call
  for (bool done = false; !done;) {
    read([&](Tx &tx) {
      const auto running = tx.running_transactions();
      if (running && !waited_for) waited_for = running->second;
      if (running && running->first < *waited_for && std::chrono::steady_clock::now() < give_up) {
        return;
      }
      work(tx);
      done = true;
    });
    if (!done) std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
}

void Store::transact(Mode mode, const std::function<void(Tx &)> &work) {
  const bool writing = mode == Mode::write || mode == Mode::migrate;
  const Borrowed borrowed{*this, acquire()};
  Connection &connection = borrowed.connection;

  const auto give_up = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(std::max(config_.busy_timeout_ms, 100));
  // Seeded from the clock: std::random_device costs a system call on every transaction.
  std::minstd_rand jitter(
      static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count()));
  for (;;) {
    bool begun = false, committing = false;
    try {
      if (connection.broken) open(connection, false);
      soci::session &sql = *connection.session;
      StatementCache &cache = *connection.cache;
      try {
        // Prepared once per connection: parsing BEGIN and COMMIT was a fifth of a short read.
        const bool transaction = mode != Mode::statements;
        if (transaction) {
          cache.execute(sql, writing ? dialect_->begin_write : dialect_->begin_read, {});
          begun = true;
        }
        if (mode == Mode::migrate && dialect_->migration_lock) {
          cache.execute(sql, dialect_->migration_lock, {lock_key_});
        }
        Tx tx(sql, cache, orders_, *dialect_, writing);
        work(tx);
        committing = transaction;
        if (transaction) cache.execute(sql, "COMMIT", {});
        if (writing && watch_) watch_->committed();
        return;
      } catch (...) {
        if (begun) rollback_quietly(sql, cache);
        throw;
      }
    } catch (const Error &) {
      throw;
    } catch (const soci::soci_error &error) {
      const Trouble trouble =
          connection.session ? classify(error, *connection.session) : Trouble::lost;
      if (trouble == Trouble::other) {
        fail(Status::storage, std::string("database error: ") + error.get_error_message());
      }
      if (trouble == Trouble::lost) {
        connection.broken = true;
        // A commit sent on a connection that then died may or may not have been applied.
        if (committing) {
          fail(Status::storage,
               "the connection to the database was lost while committing; read before retrying");
        }
      }
      if (std::chrono::steady_clock::now() > give_up) {
        if (trouble == Trouble::lost) {
          fail(Status::storage,
               std::string("the database cannot be reached: ") + error.get_error_message());
        }
        fail(Status::busy, "the database stayed locked; retry later");
      }
      // Nothing was committed: the attempt runs again from the start, on a new connection if
      // the old one was lost.
      std::this_thread::sleep_for(std::chrono::microseconds(200 + jitter() % 2000));
    }
  }
}

}  // namespace reclaim
