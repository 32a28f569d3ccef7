// The storage backends every storage and engine test runs on: SQLite always, and PostgreSQL on
// the throw-away cluster the test run starts (tests/support/pg_cluster.sh, a CTest fixture).
//
// Without that cluster the PostgreSQL cases fail, naming the cause; on a developer machine
// without PostgreSQL, RECLAIM_TEST_SKIP_POSTGRESQL=1 leaves them out.
#pragma once

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace reclaim::test {

// Where the cluster's settings are: RECLAIM_TEST_PG_STATE, else the build's folder for them.
inline std::string postgresql_state_dir() {
  if (const char *dir = std::getenv("RECLAIM_TEST_PG_STATE"); dir && *dir) return dir;
#ifdef RECLAIM_PG_STATE
  return RECLAIM_PG_STATE;
#else
  return "";
#endif
}

inline bool postgresql_skipped() {
  const char *skip = std::getenv("RECLAIM_TEST_SKIP_POSTGRESQL");
  return skip != nullptr && std::string(skip) == "1";
}

// The admin connection settings of the test cluster; throws when it is not running.
inline std::string postgresql_admin() {
  std::ifstream in(postgresql_state_dir() + "/conninfo");
  std::string conninfo;
  if (!std::getline(in, conninfo) || conninfo.empty()) {
    throw std::runtime_error(
        "the test PostgreSQL is not running (no " + postgresql_state_dir() +
        "/conninfo): run the tests through ctest, start it with tests/support/pg_cluster.sh, or "
        "set RECLAIM_TEST_SKIP_POSTGRESQL=1 to leave PostgreSQL out");
  }
  return conninfo;
}

inline std::vector<std::string> test_backends() {
  if (postgresql_skipped()) return {"sqlite"};
  return {"sqlite", "postgresql"};
}

namespace detail {

// Temporary SQLite folders, removed when the test program ends.
struct TempDirs {
  std::mutex mutex;
  std::vector<std::string> dirs;
  ~TempDirs() {
    for (const auto &dir : dirs) {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  }
};

inline TempDirs &temp_dirs() {
  static TempDirs dirs;
  return dirs;
}

inline std::string unique_suffix() {
  static std::atomic<int> counter{0};
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" +
         std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count());
}

}  // namespace detail

// A new, empty database for one test: a SQLite file in a new temporary folder, or a new schema
// in the test cluster (left there; the cluster goes at the end of the run).
inline std::string fresh_database(const std::string &backend) {
  if (backend == "sqlite") {
    std::string pattern = (std::filesystem::temp_directory_path() / "reclaim-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    auto &dirs = detail::temp_dirs();
    std::lock_guard lock(dirs.mutex);
    dirs.dirs.push_back(pattern);
    return "sqlite:" + pattern + "/test.db";
  }
  if (backend == "postgresql") {
    const std::string admin = postgresql_admin();
    const std::string schema = "t_" + detail::unique_suffix();
    soci::session sql(soci::postgresql, admin);
    sql << "CREATE SCHEMA " + schema;  // a name made here of letters, digits and '_'
    std::string port = admin.substr(admin.find("port=") + 5);
    port = port.substr(0, port.find(' '));
    return "postgresql://reclaim@127.0.0.1:" + port + "/postgres?options=-csearch_path%3D" + schema;
  }
  throw std::invalid_argument("unknown test backend " + backend);
}

}  // namespace reclaim::test
