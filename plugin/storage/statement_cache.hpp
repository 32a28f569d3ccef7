// Prepared statements, kept per connection: SQLite parses each statement's text once instead of
// on every call (parsing was a third of a case open and a quarter of a short read), and
// PostgreSQL keeps each as a server-side prepared statement instead of preparing and
// deallocating it per call (two round trips saved per statement).
//
// A SELECT is always stepped to its end, or finalized when reading it fails: a cached SELECT left
// on a row would hold its WAL read mark past the transaction and stall every checkpoint (the
// -wal file grew to gigabytes in seconds when a reference benchmark did so).
#pragma once

#include <soci/soci.h>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace reclaim {

// A nullopt integer binds NULL.
using Param = std::variant<std::string, long long, std::optional<long long>>;

// The statement with each '?' written :p1, :p2, ... (no statement here has '?' in a literal).
std::string with_numbered_markers(const std::string &sql);

// One row of a cached SELECT, its columns read as the query's kinds asked. Valid during the
// callback only: the next row is read into the same place.
class CachedRow {
 public:
  bool null(std::size_t column) const { return nulls_[column] == soci::i_null; }
  // The column as text ('t'); "" when NULL.
  const std::string &text(std::size_t column) const;
  // The column as an integer ('n'); 0 when NULL.
  long long number(std::size_t column) const;

 private:
  friend class StatementCache;
  std::deque<std::string> texts_;  // bound by reference: deques keep addresses stable
  std::deque<long long> numbers_;
  std::deque<soci::indicator> nulls_;  // one per column
  std::vector<std::size_t> slots_;     // column → its place in texts_ or numbers_
  std::string kinds_;
};

class StatementCache {
 public:
  // `numbered`: rewrite each '?' to :p1, :p2, ... for backends without positional markers.
  explicit StatementCache(bool numbered = false) : numbered_(numbered) {}

  // Runs `sql` (parameters in order) and returns the number of rows it changed.
  long long execute(soci::session &session, const std::string &sql,
                    const std::vector<Param> &params);

  // Runs the SELECT `sql` and calls `each` for every row, its columns read as `kinds` (one letter
  // per column: 't' text, 'n' integer). Steps to the end; when a row cannot be read or `each`
  // throws, the statement is finalized before the exception goes on.
  void query(soci::session &session, const std::string &sql, std::string_view kinds,
             const std::vector<Param> &params, const std::function<void(const CachedRow &)> &each);

 private:
  struct Prepared {
    std::deque<std::string> texts;
    std::deque<long long> numbers;
    std::deque<soci::indicator> nulls;  // one per number: NULL or not
    CachedRow row;                      // a SELECT's columns
    std::unique_ptr<soci::statement> statement;
  };
  using Map = std::map<std::string, std::unique_ptr<Prepared>, std::less<>>;

  Map::iterator prepare(soci::session &session, const std::string &sql, std::string_view kinds,
                        const std::vector<Param> &params);

  Map prepared_;
  bool numbered_;
};

}  // namespace reclaim
