#include "storage/statement_cache.hpp"

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

long long StatementCache::execute(soci::session &session, const std::string &sql,
                                  const std::vector<Param> &params) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
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
    fresh->statement = std::make_unique<soci::statement>(prepare);
    found = prepared_.emplace(sql, std::move(fresh)).first;
  }
  Prepared &p = *found->second;
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

}  // namespace reclaim
