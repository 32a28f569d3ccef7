// Prepared writes, kept per connection: SQLite parses each INSERT/UPDATE text once instead of on
// every call (parsing was a third of a case open). Only statements that return no rows are
// cached: a cached SELECT left on a row would hold a WAL read mark and stall checkpoints.
#pragma once

#include <soci/soci.h>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace reclaim {

// A nullopt integer binds NULL.
using Param = std::variant<std::string, long long, std::optional<long long>>;

// The statement with each '?' written :p1, :p2, ... (no statement here has '?' in a literal).
std::string with_numbered_markers(const std::string &sql);

class StatementCache {
 public:
  // `numbered`: rewrite each '?' to :p1, :p2, ... for backends without positional markers.
  explicit StatementCache(bool numbered = false) : numbered_(numbered) {}

  // Runs `sql` (parameters in order) and returns the number of rows it changed.
  long long execute(soci::session &session, const std::string &sql,
                    const std::vector<Param> &params);

 private:
  struct Prepared {
    std::deque<std::string> texts;  // bound by reference: deques keep addresses stable
    std::deque<long long> numbers;
    std::deque<soci::indicator> nulls;  // one per number: NULL or not
    std::unique_ptr<soci::statement> statement;
  };
  std::map<std::string, std::unique_ptr<Prepared>, std::less<>> prepared_;
  bool numbered_;
};

}  // namespace reclaim
