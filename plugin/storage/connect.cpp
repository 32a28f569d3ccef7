#include "storage/connect.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <chrono>
#include <memory>
#include <string_view>
#include <thread>

#include "core/error.hpp"
#include "storage/dialect.hpp"

namespace reclaim {

namespace {

constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;

bool starts_with(const std::string &text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

bool sqlite_busy(const soci::sqlite3_soci_error &error) {
  const int code = error.result() & 0xff;  // extended codes keep the primary code in the low byte
  return code == kSqliteBusy || code == kSqliteLocked;
}

// Switching to WAL needs a moment alone with the file; retry while another opener has it.
void use_wal(soci::session &sql) {
  for (int attempt = 0;; ++attempt) {
    try {
      std::string mode;
      sql << "PRAGMA journal_mode = WAL", soci::into(mode);
      return;
    } catch (const soci::sqlite3_soci_error &error) {
      if (!sqlite_busy(error) || attempt > 2000) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

// The same key in every process that uses the same schema.
long long lock_key_of(const std::string &schema) { return fnv1a_63("reclaim:" + schema); }

bool connection_ok(soci::session &session) {
  auto *backend = static_cast<soci::postgresql_session_backend *>(session.get_backend());
  return backend != nullptr && backend->conn_ != nullptr &&
         PQstatus(backend->conn_) == CONNECTION_OK;
}

bool has_space(const std::string &value) {
  for (unsigned char c : value) {
    if (std::isspace(c)) return true;
  }
  return false;
}

// SOCI 4.0 (Debian 12's) does not hand a PostgreSQL connection string to PQconnectdb as it is:
// its factory cuts the string at whitespace into words, reads each word as key=value (dropping
// double quotes around a value) to take out its own "singlerows" option, and joins the words
// again as key + '=' + value. A word without '=' gains one, so the URI
// "postgresql://user@host:5432/dbname" reached libpq as "…/dbname=" and the server was asked for
// a database named "dbname=" (a URI with a query came through only because its first '=' was put
// back where it was). A single-quoted libpq value with a space in it was cut in two.
//
// So libpq reads the string itself: PQconninfoParse takes everything PQconnectdb takes (URIs of
// both schemes, with or without a path or a query, percent-encoded parts, several hosts, unix
// socket folders; key=value settings with quotes and backslash escapes) and applies no defaults.
// Each setting it found goes to SOCI as one word that SOCI passes on unchanged and that libpq
// reads back as the same value. Throws Error(invalid_argument) for what libpq rejects.
std::string settings_for_soci(const std::string &conninfo) {
  char *message = nullptr;
  PQconninfoOption *parsed = PQconninfoParse(conninfo.c_str(), &message);
  if (parsed == nullptr) {
    std::string reason = message != nullptr ? message : "out of memory";
    PQfreemem(message);
    while (!reason.empty() && std::isspace(static_cast<unsigned char>(reason.back()))) {
      reason.pop_back();
    }
    fail(Status::invalid_argument,
         "libpq does not accept the PostgreSQL connection string: " + reason, "database");
  }
  const std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption *)> options(parsed,
                                                                                PQconninfoFree);
  std::string settings;
  for (const PQconninfoOption *option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;  // not in the string: libpq's default then applies
    const std::string keyword = option->keyword;
    const std::string value = option->val;
    if (!settings.empty()) settings += ' ';
    settings += keyword + '=';
    if (value.empty()) {
      settings += "''";
    } else if (!has_space(value)) {
      // A bare word: libpq takes the character after a backslash as it is; the escaped '"' keeps
      // SOCI from reading a leading one as its quote.
      for (char c : value) {
        if (c == '\\' || c == '\'' || c == '"') settings += '\\';
        settings += c;
      }
    } else {
      // SOCI keeps what is between its double quotes, and libpq reads the single-quoted value.
      if (value.find('"') != std::string::npos) {
        fail(Status::invalid_argument,
             "the PostgreSQL setting " + keyword +
                 " holds both a space and a '\"', which SOCI 4.0 cannot pass to libpq",
             "database");
      }
      settings += "\"'";
      for (char c : value) {
        if (c == '\\' || c == '\'') settings += '\\';
        settings += c;
      }
      settings += "'\"";
    }
  }
  return settings;
}

}  // namespace

Target parse_target(const std::string &database) {
  constexpr std::string_view kScheme = "sqlite:";
  if (starts_with(database, kScheme)) {
    std::string path = database.substr(kScheme.size());
    if (path.empty()) fail(Status::invalid_argument, "the database path is empty", "database");
    if (path.find('"') != std::string::npos) {
      fail(Status::invalid_argument, "the database path may not contain '\"'", "database");
    }
    const bool memory = path == ":memory:";
    return {&kSqlite, std::move(path), memory};
  }
  // A URI, or key=value settings: an '=' before any "://" (a value may hold a URL).
  const auto equals = database.find('=');
  if (starts_with(database, "postgresql://") || starts_with(database, "postgres://") ||
      (equals != std::string::npos && equals < database.find("://"))) {
    return {&kPostgresql, settings_for_soci(database), false};
  }
  fail(Status::invalid_argument,
       "expected sqlite:PATH, sqlite::memory:, a postgresql:// URI or libpq key=value settings",
       "database");
}

std::unique_ptr<soci::session> open_sqlite(const Target &target, const StorageConfig &config,
                                           bool first) {
  auto session = std::make_unique<soci::session>(soci::sqlite3, "db=\"" + target.connect + "\"");
  *session << "PRAGMA busy_timeout = " + std::to_string(config.busy_timeout_ms);
  *session << "PRAGMA foreign_keys = ON";
  // Deleted and rewritten rows are overwritten with zeros, so an erasure leaves no copy of the
  // person's data in free pages (docs/PRIVACY.md).
  *session << "PRAGMA secure_delete = ON";
  *session << std::string("PRAGMA synchronous = ") + (config.synchronous_full ? "FULL" : "NORMAL");
  if (!target.memory && first) use_wal(*session);
  return session;
}

std::unique_ptr<soci::session> open_postgresql(const Target &target, const StorageConfig &config,
                                               long long &lock_key) {
  auto session = std::make_unique<soci::session>(soci::postgresql, target.connect);
  // libpq prints the server's notices (such as its shutdown warning) on stderr: not the host's.
  auto *backend = static_cast<soci::postgresql_session_backend *>(session->get_backend());
  PQsetNoticeProcessor(
      backend->conn_, [](void *, const char *) {}, nullptr);
  // A writer waiting this long for another's lock gives up, and the attempt is retried.
  *session << "SET lock_timeout = " + std::to_string(std::max(config.busy_timeout_ms, 1));
  *session << "SET client_min_messages = warning";
  std::string schema;
  soci::indicator found = soci::i_null;
  *session << "SELECT current_schema()", soci::into(schema, found);
  if (found != soci::i_ok) {
    fail(Status::storage, "the PostgreSQL search_path names no schema that exists", "database");
  }
  lock_key = lock_key_of(schema);
  return session;
}

Trouble classify(const soci::soci_error &error, soci::session &session) {
  if (const auto *sqlite = dynamic_cast<const soci::sqlite3_soci_error *>(&error)) {
    return sqlite_busy(*sqlite) ? Trouble::busy : Trouble::other;
  }
  if (session.get_backend_name() != "postgresql") return Trouble::other;
  if (const auto *pg = dynamic_cast<const soci::postgresql_soci_error *>(&error)) {
    const std::string state = pg->sqlstate();
    // serialization_failure, deadlock_detected, lock_not_available; and unique_violation: every
    // insert of a key that is not new is looked for first, so this is another writer that stored
    // the same key (an idempotency key, an order, an inbound mail) meanwhile, and the attempt
    // run again finds it.
    if (state == "40001" || state == "40P01" || state == "55P03" || state == "23505") {
      return Trouble::busy;
    }
    // connection_exception, admin/crash shutdown, cannot_connect_now
    if (starts_with(state, "08") || state == "57P01" || state == "57P02" || state == "57P03") {
      return Trouble::lost;
    }
  }
  return connection_ok(session) ? Trouble::other : Trouble::lost;
}

std::int64_t fnv1a_63(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 1099511628211ull;
  }
  return static_cast<std::int64_t>(hash >> 1);
}

}  // namespace reclaim
