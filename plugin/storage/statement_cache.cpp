#include "storage/statement_cache.hpp"

namespace reclaim {

long long StatementCache::execute(soci::session &session, const std::string &sql,
                                  const std::vector<Param> &params) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    auto fresh = std::make_unique<Prepared>();
    soci::details::prepare_temp_type prepare = (session.prepare << sql);
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
  p.statement->execute(true);
  return p.statement->get_affected_rows();
}

}  // namespace reclaim
