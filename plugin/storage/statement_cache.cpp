#include "storage/statement_cache.hpp"

#include "core/error.hpp"

namespace reclaim {

std::string with_numbered_markers(const std::string &sql) {
  std::string out;
  int n = 0;
  for (char c : sql) {
    if (c == '?') {
      out += ":p" + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

const std::string &CachedRow::text(std::size_t column) const {
  if (kinds_.at(column) != 't') fail(Status::internal, "a cached column read as text is not");
  static const std::string none;
  return nulls_[column] == soci::i_null ? none : texts_[slots_[column]];
}

long long CachedRow::number(std::size_t column) const {
  if (kinds_.at(column) != 'n') fail(Status::internal, "a cached column read as a number is not");
  return nulls_[column] == soci::i_null ? 0 : numbers_[slots_[column]];
}

namespace {

// A connection keeps at most this many statements. The staff queue's statements take their
// shape from the filters asked for, so their number is bounded by what callers ask, not by the
// code: past the bound the cache starts again.
constexpr std::size_t kMaxPrepared = 256;

// SELECTs being stepped on this thread. A callback of one may run another statement; the cache
// is only emptied when none is, so no statement is finalized under a running loop. A
// connection, and so its cache, is used by one thread at a time.
thread_local int running_queries = 0;

// Copies the parameters into the places the statement reads them from.
template <typename Prepared>
void bind(Prepared &p, const std::vector<Param> &params) {
  std::size_t text = 0, number = 0;
  for (const auto &param : params) {
    if (const auto *s = std::get_if<std::string>(&param)) {
      p.texts[text++] = *s;
    } else if (const auto *n = std::get_if<long long>(&param)) {
      p.nulls[number] = soci::i_ok;
      p.numbers[number++] = *n;
    } else {
      const auto &maybe = std::get<std::optional<long long>>(param);
      p.nulls[number] = maybe ? soci::i_ok : soci::i_null;
      p.numbers[number++] = maybe.value_or(0);
    }
  }
}

}  // namespace

StatementCache::Map::iterator StatementCache::prepare(soci::session &session,
                                                      const std::string &sql,
                                                      std::string_view kinds,
                                                      const std::vector<Param> &params) {
  auto found = prepared_.find(sql);
  if (found != prepared_.end()) return found;
  if (prepared_.size() >= kMaxPrepared && running_queries == 0) prepared_.clear();
  auto fresh = std::make_unique<Prepared>();
  soci::details::prepare_temp_type prepare =
      (session.prepare << (numbered_ ? with_numbered_markers(sql) : sql));
  for (const auto &param : params) {
    if (std::holds_alternative<std::string>(param)) {
      prepare, soci::use(fresh->texts.emplace_back());
    } else {
      prepare, soci::use(fresh->numbers.emplace_back(), fresh->nulls.emplace_back(soci::i_ok));
    }
  }
  CachedRow &row = fresh->row;
  row.kinds_ = std::string(kinds);
  for (char kind : kinds) {
    soci::indicator &null = row.nulls_.emplace_back(soci::i_ok);
    if (kind == 't') {
      row.slots_.push_back(row.texts_.size());
      prepare, soci::into(row.texts_.emplace_back(), null);
    } else {
      row.slots_.push_back(row.numbers_.size());
      prepare, soci::into(row.numbers_.emplace_back(), null);
    }
  }
  fresh->statement = std::make_unique<soci::statement>(prepare);
  return prepared_.emplace(sql, std::move(fresh)).first;
}

long long StatementCache::execute(soci::session &session, const std::string &sql,
                                  const std::vector<Param> &params) {
  const auto found = prepare(session, sql, {}, params);
  Prepared &p = *found->second;
  bind(p, params);
  try {
    p.statement->execute(true);
  } catch (...) {
    // A statement that failed (a lock, a lost connection) is dropped, not kept half-run: SQLite
    // would count it as still in progress and refuse the connection's next COMMIT.
    prepared_.erase(found);
    throw;
  }
  return p.statement->get_affected_rows();
}

void StatementCache::query(soci::session &session, const std::string &sql, std::string_view kinds,
                           const std::vector<Param> &params,
                           const std::function<void(const CachedRow &)> &each) {
  const auto found = prepare(session, sql, kinds, params);
  Prepared &p = *found->second;
  bind(p, params);
  ++running_queries;
  try {
    // As soci::rowset does: execute without fetching, then one row per fetch until the end,
    // where SQLite's statement is done and holds nothing.
    p.statement->execute(false);
    while (p.statement->fetch()) each(p.row);
  } catch (...) {
    --running_queries;
    prepared_.erase(found);  // finalized: a statement stopped on a row keeps its read mark
    throw;
  }
  --running_queries;
}

}  // namespace reclaim
