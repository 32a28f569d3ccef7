// The reference for reclaim_case_get: the same rows (the case's stored body and its history
// entries in order) read by hand through SOCI, with two statements prepared once and no explicit
// transaction, as a careful hand-written reader would.
#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <memory>
#include <string>

namespace bench {

class RawCaseReader {
 public:
  explicit RawCaseReader(soci::session &sql) {
    select_case_ = std::make_unique<soci::statement>(
        (sql.prepare << "SELECT body FROM cases WHERE id = :id", soci::use(id_), soci::into(body_)));
    select_history_ = std::make_unique<soci::statement>(
        (sql.prepare << "SELECT at, actor_role, actor_id, action, from_state, to_state, data,"
                        " customer_visible FROM history WHERE case_id = :id ORDER BY seq",
         soci::use(id_), soci::into(at_), soci::into(role_), soci::into(actor_),
         soci::into(action_), soci::into(from_), soci::into(to_), soci::into(data_),
         soci::into(visible_)));
  }

  // Returns the bytes read, so that nothing is optimised away (0: no such case).
  std::size_t read(const std::string &case_id) {
    id_ = case_id;
    body_.clear();
    std::size_t bytes = 0;
    select_case_->execute(false);
    while (select_case_->fetch()) bytes += body_.size();
    select_history_->execute(false);
    while (select_history_->fetch()) bytes += data_.size() + action_.size();
    return bytes;
  }

 private:
  std::string id_, body_, role_, actor_, action_, from_, to_, data_;
  long long at_ = 0, visible_ = 0;
  std::unique_ptr<soci::statement> select_case_, select_history_;
};

}  // namespace bench
