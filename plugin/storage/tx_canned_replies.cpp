// Canned replies: the texts a shop prepares for its staff, by shop, language and reason.
#include <soci/soci.h>

#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

#define RECLAIM_CANNED_COLUMNS \
  "SELECT id, shop, locale, reason, title, body, updated_at, updated_by FROM canned_replies"

CannedReply reply_of(const soci::row &row) {
  CannedReply reply;
  reply.id = row.get<std::string>(0);
  reply.shop = row.get<std::string>(1);
  reply.locale = row.get<std::string>(2);
  reply.reason = row.get<std::string>(3);
  reply.title = row.get<std::string>(4);
  reply.body = row.get<std::string>(5);
  reply.updated_at = integer_at(row, 6);
  reply.updated_by = row.get<std::string>(7);
  return reply;
}

}  // namespace

std::vector<CannedReply> Tx::canned_replies(const std::string &shop, const std::string &locale,
                                            const std::string &reason) {
  // An empty locale or reason matches every one; a reason also takes the replies for any reason.
  std::vector<CannedReply> replies;
  soci::rowset<soci::row> rows =
      (sql_.prepare << RECLAIM_CANNED_COLUMNS
       " WHERE shop = :shop AND (CAST(:locale AS TEXT) = '' OR locale = :locale2)"
       " AND (CAST(:reason AS TEXT) = '' OR reason = '' OR reason = :reason2)"
       " ORDER BY locale, title, id",
       soci::use(shop), soci::use(locale), soci::use(locale), soci::use(reason),
       soci::use(reason));
  for (const auto &row : rows) replies.push_back(reply_of(row));
  return replies;
}

std::optional<CannedReply> Tx::canned_reply(const std::string &shop, const std::string &id) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << RECLAIM_CANNED_COLUMNS " WHERE id = :id AND shop = :shop", soci::use(id),
       soci::use(shop));
  for (const auto &row : rows) return reply_of(row);
  return std::nullopt;
}

std::int64_t Tx::count_canned_replies(const std::string &shop) {
  long long count = 0;
  sql_ << "SELECT COUNT(*) FROM canned_replies WHERE shop = :shop", soci::use(shop),
      soci::into(count);
  return count;
}

void Tx::put_canned_reply(const CannedReply &reply) {
  const long long at = reply.updated_at;
  if (canned_reply(reply.shop, reply.id)) {
    sql_ << "UPDATE canned_replies SET locale = :locale, reason = :reason, title = :title,"
            " body = :body, updated_at = :at, updated_by = :by WHERE id = :id AND shop = :shop",
        soci::use(reply.locale), soci::use(reply.reason), soci::use(reply.title),
        soci::use(reply.body), soci::use(at), soci::use(reply.updated_by), soci::use(reply.id),
        soci::use(reply.shop);
    return;
  }
  sql_ << "INSERT INTO canned_replies (id, shop, locale, reason, title, body, updated_at,"
          " updated_by) VALUES (:id, :shop, :locale, :reason, :title, :body, :at, :by)",
      soci::use(reply.id), soci::use(reply.shop), soci::use(reply.locale), soci::use(reply.reason),
      soci::use(reply.title), soci::use(reply.body), soci::use(at), soci::use(reply.updated_by);
}

void Tx::delete_canned_reply(const std::string &shop, const std::string &id) {
  sql_ << "DELETE FROM canned_replies WHERE id = :id AND shop = :shop", soci::use(id),
      soci::use(shop);
}

}  // namespace reclaim
