// What the customer-facing pages read and write: orders by their number, attachments, and the
// counts the metrics page shows.
#include <soci/soci.h>

#include <boost/json/parse.hpp>

#include "codec/order_json.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace reclaim {

std::optional<Order> Tx::order_by_number(const std::string &shop, const std::string &number) {
  std::string body;
  soci::indicator found = soci::i_null;
  sql_ << "SELECT body FROM orders WHERE shop = :shop AND number = :number ORDER BY id LIMIT 1",
      soci::use(shop), soci::use(number), soci::into(body, found);
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  return codec::order_from_json(boost::json::parse(body));
}

void Tx::put_attachment(const Attachment &a) {
  // Base64 text rather than a BLOB: the same column type and binding on every backend.
  const std::string data = base64url_encode(a.data);
  const long long size = a.size, at = a.created_at;
  sql_ << "INSERT INTO attachments (id, case_id, name, content_type, size, sha256, data,"
          " created_at) VALUES (:id, :case_id, :name, :type, :size, :sha, :data, :at)",
      soci::use(a.id), soci::use(a.case_id), soci::use(a.name), soci::use(a.content_type),
      soci::use(size), soci::use(a.sha256), soci::use(data), soci::use(at);
}

std::optional<Attachment> Tx::attachment(const std::string &case_id, const std::string &id,
                                         bool with_data) {
  Attachment a;
  std::string data;
  long long size = 0, at = 0;
  soci::indicator found = soci::i_null;
  // The case is part of the key: a file is never read, bytes and all, for another case's link.
  if (with_data) {
    sql_ << "SELECT id, case_id, name, content_type, size, sha256, data, created_at"
            " FROM attachments WHERE id = :id AND case_id = :case_id",
        soci::use(id), soci::use(case_id), soci::into(a.id, found), soci::into(a.case_id),
        soci::into(a.name), soci::into(a.content_type), soci::into(size), soci::into(a.sha256),
        soci::into(data), soci::into(at);
  } else {
    sql_ << "SELECT id, case_id, name, content_type, size, sha256, created_at"
            " FROM attachments WHERE id = :id AND case_id = :case_id",
        soci::use(id), soci::use(case_id), soci::into(a.id, found), soci::into(a.case_id),
        soci::into(a.name), soci::into(a.content_type), soci::into(size), soci::into(a.sha256),
        soci::into(at);
  }
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  if (with_data) {
    auto bytes = base64url_decode(data);
    if (!bytes) fail(Status::storage, "a stored attachment is damaged");
    a.data = std::move(*bytes);
  }
  a.size = size;
  a.created_at = at;
  return a;
}

std::pair<std::int64_t, std::int64_t> Tx::attachment_usage(const std::string &case_id) {
  long long files = 0, bytes = 0;
  sql_ << "SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM attachments"
          " WHERE case_id = :case_id",
      soci::use(case_id), soci::into(files), soci::into(bytes);
  return {files, bytes};
}

std::vector<Attachment> Tx::attachments(const std::string &case_id) {
  std::vector<Attachment> out;
  reads_.query(sql_,
               "SELECT id, name, content_type, size, sha256, created_at FROM attachments"
               " WHERE case_id = ? ORDER BY created_at, id",
               "tttntn", {case_id}, [&](const CachedRow &row) {
                 Attachment a;
                 a.id = row.text(0);
                 a.case_id = case_id;
                 a.name = row.text(1);
                 a.content_type = row.text(2);
                 a.size = row.number(3);
                 a.sha256 = row.text(4);
                 a.created_at = row.number(5);
                 out.push_back(std::move(a));
               });
  return out;
}

std::map<std::string, std::int64_t> Tx::cases_by_state() {
  std::map<std::string, std::int64_t> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT state, COUNT(*) FROM cases GROUP BY state");
  for (const auto &row : rows) out[row.get<std::string>(0)] = integer_at(row, 1);
  return out;
}

std::optional<std::pair<std::int64_t, std::int64_t>> Tx::case_stamp(const std::string &case_id) {
  std::optional<std::pair<std::int64_t, std::int64_t>> stamp;
  reads_.query(sql_,
               "SELECT version, (SELECT COUNT(*) FROM attachments WHERE case_id = ?)"
               " FROM cases WHERE id = ?",
               "nn", {case_id, case_id}, [&](const CachedRow &row) {
                 stamp = std::make_pair(static_cast<std::int64_t>(row.number(0)),
                                        static_cast<std::int64_t>(row.number(1)));
               });
  return stamp;
}

std::optional<std::pair<std::string, std::int64_t>> Tx::case_link(const std::string &case_id) {
  std::optional<std::pair<std::string, std::int64_t>> link;
  reads_.query(sql_, "SELECT shop, link_version FROM cases WHERE id = ?", "tn", {case_id},
               [&](const CachedRow &row) {
                 if (!row.null(0)) link = std::make_pair(row.text(0), static_cast<std::int64_t>(row.number(1)));
               });
  return link;
}

std::int64_t Tx::overdue_cases(UnixMs now) {
  long long count = 0;
  const long long at = now;
  sql_ << "SELECT COUNT(*) FROM cases WHERE decided = 0 AND decision_due < :now", soci::use(at),
      soci::into(count);
  return count;
}

}  // namespace reclaim
