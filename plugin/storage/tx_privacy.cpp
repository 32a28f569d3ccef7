// Personal data: a person's cases, orders and mails by e-mail, rewriting them anonymised, the
// record of each erasure, and the finished cases retention takes.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <soci/soci.h>

#include "core/error.hpp"
#include "core/vocabulary.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

std::vector<std::string> ids_of(StatementCache &reads, soci::session &sql, const std::string &query,
                                const std::vector<Param> &params) {
  std::vector<std::string> ids;
  reads.query(sql, query, "t", params, [&](const CachedRow &row) { ids.push_back(row.text(0)); });
  return ids;
}

}  // namespace

std::vector<std::string> Tx::subject_case_ids(const std::string &shop, const std::string &email) {
  return ids_of(reads_, sql_,
                "SELECT id FROM cases WHERE shop = ?"
                " AND lower(customer_email) = lower(CAST(? AS TEXT)) ORDER BY created_at, number",
                {shop, email});
}

std::vector<std::string> Tx::subject_order_ids(const std::string &shop, const std::string &email) {
  return ids_of(reads_, sql_,
                "SELECT id FROM orders WHERE shop = ?"
                " AND lower(customer_email) = lower(CAST(? AS TEXT)) ORDER BY id",
                {shop, email});
}

std::vector<InboundRecord> Tx::subject_mails(const std::string &shop, const std::string &email,
                                             const std::vector<std::string> &case_ids) {
  std::vector<std::string> ids = ids_of(
      reads_, sql_,
      "SELECT id FROM inbound_mail WHERE shop = ?"
      " AND lower(from_address) = lower(CAST(? AS TEXT)) ORDER BY id",
      {shop, email});
  for (const auto &case_id : case_ids) {
    for (auto &id : ids_of(reads_, sql_, "SELECT id FROM inbound_mail WHERE case_id = ?",
                           {case_id})) {
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
    }
  }
  std::vector<InboundRecord> mails;
  for (const auto &id : ids) {
    if (auto mail = inbound_mail_by_id(id)) mails.push_back(std::move(*mail));
  }
  return mails;
}

bool Tx::claim_anonymisation(const std::string &case_id, UnixMs at) {
  return writes_.execute(sql_,
                         "UPDATE cases SET anonymised_at = ? WHERE id = ? AND anonymised_at IS NULL",
                         {static_cast<long long>(at), case_id}) == 1;
}

void Tx::replace_history(const std::string &case_id, const std::vector<HistoryEntry> &entries) {
  std::vector<long long> seqs;
  reads_.query(sql_, "SELECT seq FROM history WHERE case_id = ? ORDER BY seq", "n", {case_id},
               [&](const CachedRow &row) { seqs.push_back(row.number(0)); });
  if (seqs.size() != entries.size()) {
    throw Error(Status::internal, "the history of case " + case_id + " changed while rewritten");
  }
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    writes_.execute(sql_, "UPDATE history SET actor_id = ?, data = ? WHERE case_id = ? AND seq = ?",
                    {entries[i].actor.id, boost::json::serialize(entries[i].data), case_id,
                     seqs[i]});
  }
}

std::vector<std::pair<std::int64_t, boost::json::object>> Tx::event_data_of_case(
    const std::string &case_id) {
  // Every event of the case, whatever a cursor reader may see yet (no seq horizon here).
  std::vector<std::pair<std::int64_t, boost::json::object>> out;
  reads_.query(sql_, "SELECT seq, data FROM events WHERE case_id = ? ORDER BY seq", "nt", {case_id},
               [&](const CachedRow &row) {
                 out.emplace_back(row.number(0), boost::json::parse(row.text(1)).as_object());
               });
  return out;
}

void Tx::replace_event_data(std::int64_t seq, const boost::json::object &data) {
  writes_.execute(sql_, "UPDATE events SET data = ? WHERE seq = ?",
                  {boost::json::serialize(data), static_cast<long long>(seq)});
}

void Tx::anonymise_mail(const std::string &id, const std::string &pseudonym) {
  writes_.execute(sql_,
                  "UPDATE inbound_mail SET from_address = ?, from_name = '', subject = '',"
                  " body = '' WHERE id = ?",
                  {pseudonym, id});
}

int Tx::delete_attachments(const std::string &case_id) {
  return static_cast<int>(
      writes_.execute(sql_, "DELETE FROM attachments WHERE case_id = ?", {case_id}));
}

void Tx::forget_idempotency(const std::string &case_id) {
  writes_.execute(sql_, "DELETE FROM idempotency WHERE case_id = ?", {case_id});
}

bool Tx::order_in_kept_case(const std::string &shop, const std::string &order_id) {
  long long kept = 0;
  reads_.query(sql_,
               "SELECT COUNT(*) FROM cases WHERE shop = ? AND order_id = ? AND"
               " anonymised_at IS NULL",
               "n", {shop, order_id}, [&](const CachedRow &row) { kept = row.number(0); });
  return kept > 0;
}

void Tx::mark_order_anonymised(const std::string &shop, const std::string &order_id, UnixMs at) {
  writes_.execute(sql_, "UPDATE orders SET anonymised_at = ? WHERE shop = ? AND id = ?",
                  {static_cast<long long>(at), shop, order_id});
}

bool Tx::order_anonymised(const std::string &shop, const std::string &order_id) {
  bool anonymised = false;
  reads_.query(sql_, "SELECT anonymised_at FROM orders WHERE shop = ? AND id = ?", "n",
               {shop, order_id}, [&](const CachedRow &row) { anonymised = !row.null(0); });
  return anonymised;
}

void Tx::put_erasure(const Erasure &e) {
  writes_.execute(sql_,
                  "INSERT INTO erasures (id, shop, at, actor_role, actor_id, reason, cases,"
                  " orders, messages, attachments, received, kept)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {e.id, e.shop, static_cast<long long>(e.at), std::string(name(e.actor.role)),
                   e.actor.id, e.reason, static_cast<long long>(e.cases),
                   static_cast<long long>(e.orders), static_cast<long long>(e.messages),
                   static_cast<long long>(e.attachments), static_cast<long long>(e.received),
                   static_cast<long long>(e.kept.size())});
}

std::vector<std::string> Tx::cases_for_retention(const std::string &shop, UnixMs finished_by,
                                                 int limit) {
  return ids_of(reads_, sql_,
                "SELECT id FROM cases WHERE shop = ? AND state IN"
                " ('rejected', 'resolved', 'closed', 'cancelled') AND updated_at <= ? AND"
                " legal_hold = 0 AND anonymised_at IS NULL ORDER BY updated_at, id LIMIT ?",
                {shop, static_cast<long long>(finished_by), static_cast<long long>(limit)});
}

}  // namespace reclaim
