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
