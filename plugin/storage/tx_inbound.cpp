// Inbound e-mail: each message taken once per shop, and the drafts kept for staff.
#include <soci/soci.h>

#include "storage/store.hpp"

namespace reclaim {

namespace {

constexpr const char *kColumns =
    "id, shop, mail_key, result, reason, case_id, history_seq, from_address, from_name, subject,"
    " body, received_at, raw_size";

}  // namespace

std::optional<InboundRecord> Tx::inbound_mail(const std::string &shop, const std::string &key) {
  InboundRecord r;
  long long seq = 0, at = 0, size = 0;
  soci::indicator found = soci::i_null;
  sql_ << (std::string("SELECT ") + kColumns +
           " FROM inbound_mail WHERE shop = :shop AND mail_key = :key"),
      soci::use(shop), soci::use(key), soci::into(r.id, found), soci::into(r.shop),
      soci::into(r.key), soci::into(r.result), soci::into(r.reason), soci::into(r.case_id),
      soci::into(seq), soci::into(r.from_address), soci::into(r.from_name), soci::into(r.subject),
      soci::into(r.text), soci::into(at), soci::into(size);
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  r.history_seq = seq;
  r.received_at = at;
  r.raw_size = size;
  return r;
}

void Tx::put_inbound_mail(const InboundRecord &r) {
  const long long seq = r.history_seq, at = r.received_at, size = r.raw_size;
  sql_ << "INSERT INTO inbound_mail (id, shop, mail_key, result, reason, case_id, history_seq,"
          " from_address, from_name, subject, body, received_at, raw_size)"
          " VALUES (:id, :shop, :mail_key, :result, :reason, :case_id, :seq, :from_address,"
          " :from_name, :subject, :body, :at, :size)",
      soci::use(r.id), soci::use(r.shop), soci::use(r.key), soci::use(r.result),
      soci::use(r.reason), soci::use(r.case_id), soci::use(seq), soci::use(r.from_address),
      soci::use(r.from_name), soci::use(r.subject), soci::use(r.text), soci::use(at),
      soci::use(size);
}

std::optional<InboundRecord> Tx::inbound_mail_by_id(const std::string &id) {
  std::string shop, key;
  soci::indicator found = soci::i_null;
  sql_ << "SELECT shop, mail_key FROM inbound_mail WHERE id = :id", soci::use(id),
      soci::into(shop, found), soci::into(key);
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  return inbound_mail(shop, key);
}

std::int64_t Tx::count_inbound_drafts(const std::string &shop) {
  // Counted for the bar of every desk page: a cached statement.
  std::int64_t count = 0;
  reads_.query(sql_, "SELECT COUNT(*) FROM inbound_mail WHERE shop = ? AND result = 'draft'", "n",
               {shop}, [&](const CachedRow &row) { count = row.number(0); });
  return count;
}

bool Tx::settle_inbound_draft(const std::string &id, const std::string &result,
                              const std::string &case_id) {
  soci::statement update =
      (sql_.prepare << "UPDATE inbound_mail SET result = :result, case_id = :case_id"
                       " WHERE id = :id AND result = 'draft'",
       soci::use(result), soci::use(case_id), soci::use(id));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

std::vector<InboundRecord> Tx::inbound_drafts(const std::string &shop, int limit) {
  std::vector<InboundRecord> drafts;
  std::string id;
  soci::rowset<std::string> ids =
      (sql_.prepare << "SELECT mail_key FROM inbound_mail WHERE shop = :shop AND result = 'draft'"
                       " ORDER BY received_at DESC, id LIMIT :limit",
       soci::use(shop), soci::use(limit));
  std::vector<std::string> keys(ids.begin(), ids.end());
  for (const auto &key : keys) {
    if (auto found = inbound_mail(shop, key)) drafts.push_back(std::move(*found));
  }
  return drafts;
}

}  // namespace reclaim
