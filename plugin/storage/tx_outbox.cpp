// The message outbox: mails and webhook posts, leased to one sender at a time.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <soci/soci.h>

#include "core/error.hpp"
#include "storage/dialect.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace json = boost::json;

namespace {

constexpr const char *kColumns =
    "SELECT seq, id, channel, event_seq, event_type, case_id, case_number, shop, recipient,"
    " locale, template, subject, body_text, body_html, headers, status, attempts, last_error,"
    " created_at, next_attempt_at, sent_at FROM outbox";

std::string headers_text(const Headers &headers) {
  json::array pairs;
  for (const auto &[key, value] : headers) pairs.push_back(json::array{key.c_str(), value.c_str()});
  return json::serialize(pairs);
}

Headers headers_from_text(const std::string &text) {
  Headers headers;
  const json::value parsed = json::parse(text);
  for (const auto &pair : parsed.as_array()) {
    const auto &kv = pair.as_array();
    headers.emplace_back(kv.at(0).as_string(), kv.at(1).as_string());
  }
  return headers;
}

OutboxMessage message_from_row(const soci::row &row) {
  OutboxMessage m;
  m.seq = integer_at(row, 0);
  m.id = row.get<std::string>(1);
  m.channel = row.get<std::string>(2) == "webhook" ? Channel::webhook : Channel::mail;
  m.event_seq = integer_at(row, 3);
  m.event_type = row.get<std::string>(4);
  m.case_id = row.get<std::string>(5);
  m.case_number = row.get<std::string>(6);
  m.shop = row.get<std::string>(7);
  m.to = row.get<std::string>(8);
  m.locale = row.get<std::string>(9);
  m.template_name = row.get<std::string>(10);
  m.subject = row.get<std::string>(11);
  m.text = row.get<std::string>(12);
  m.html = row.get<std::string>(13);
  m.headers = headers_from_text(row.get<std::string>(14));
  m.status = delivery_from_name(row.get<std::string>(15), "status");
  m.attempts = static_cast<int>(integer_at(row, 16));
  m.last_error = row.get<std::string>(17);
  m.created_at = integer_at(row, 18);
  m.next_attempt_at = integer_at(row, 19);
  m.sent_at = integer_at(row, 20);
  return m;
}

std::vector<OutboxMessage> messages_of(soci::rowset<soci::row> rows) {
  std::vector<OutboxMessage> out;
  for (const auto &row : rows) out.push_back(message_from_row(row));
  return out;
}

}  // namespace

std::int64_t Tx::append_event(const Event &event) {
  const std::optional<long long> seq = next_seq();  // NULL: the database numbers it
  writes_.execute(sql_,
                  "INSERT INTO events (seq, type, case_id, case_number, shop, at,"
                  " customer_visible, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  {seq, event.type, event.case_id, event.case_number, event.shop,
                   static_cast<long long>(event.at), event.customer_visible ? 1LL : 0LL,
                   json::serialize(event.data)});
  if (seq) return *seq;
  long long numbered = 0;
  reads_.query(sql_, dialect_.last_serial, "n", {},
               [&](const CachedRow &row) { numbered = row.number(0); });
  return numbered;
}

void Tx::append_outbox(const OutboxMessage &m) {
  writes_.execute(
      sql_,
      "INSERT INTO outbox (seq, id, channel, event_seq, event_type, case_id, case_number, shop,"
      " recipient, locale, template, subject, body_text, body_html, headers, status, attempts,"
      " last_error, created_at, next_attempt_at, lease_owner, lease_until, sent_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {next_seq(),
       m.id,
       std::string(name(m.channel)),
       static_cast<long long>(m.event_seq),
       m.event_type,
       m.case_id,
       m.case_number,
       m.shop,
       m.to,
       m.locale,
       m.template_name,
       m.subject,
       m.text,
       m.html,
       headers_text(m.headers),
       std::string(name(m.status)),
       static_cast<long long>(m.attempts),
       m.last_error,
       static_cast<long long>(m.created_at),
       static_cast<long long>(m.next_attempt_at),
       std::string(),
       0LL,
       static_cast<long long>(m.sent_at)});
}

std::vector<OutboxMessage> Tx::outbox(const OutboxQuery &query) {
  const long long after = query.after;
  const std::string channel(name(query.channel));
  const std::string status = query.status ? std::string(name(*query.status)) : std::string();
  return messages_of(
      (sql_.prepare << std::string(kColumns) +
                           " WHERE channel = :channel AND seq > :after AND seq < " +
                           dialect_.seq_horizon +
                           " AND (:shop = '' OR shop = :shop2) AND (:status = '' OR status ="
                           " :status2) ORDER BY seq LIMIT :limit",
       soci::use(channel), soci::use(after), soci::use(query.shop), soci::use(query.shop),
       soci::use(status), soci::use(status), soci::use(query.limit)));
}

std::optional<OutboxMessage> Tx::outbox_message(const std::string &id) {
  auto found = messages_of((sql_.prepare << std::string(kColumns) + " WHERE id = :id",
                            soci::use(id)));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<OutboxMessage> Tx::lease_due(const std::string &owner, UnixMs now, UnixMs until,
                                         int limit) {
  const long long at = now, leased_until = until;
  // The rows taken stay locked until the commit and rows another sender holds are passed over:
  // two senders never lease the same row, and a row whose sender died is taken again once its
  // lease ran out (delivery at least once).
  std::vector<std::string> ids;
  soci::rowset<soci::row> due =
      (sql_.prepare << std::string("SELECT id FROM outbox WHERE status = 'pending' AND"
                                   " next_attempt_at <= :now AND lease_until <= :now2"
                                   " ORDER BY next_attempt_at, seq LIMIT :limit") +
                           dialect_.lock_free_rows,
       soci::use(at), soci::use(at), soci::use(limit));
  for (const auto &row : due) ids.push_back(row.get<std::string>(0));
  std::vector<OutboxMessage> out;
  for (const auto &id : ids) {
    writes_.execute(sql_, "UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = ?",
                    {owner, leased_until, id});
    out.push_back(*outbox_message(id));
  }
  return out;
}

bool Tx::finish_delivery(const OutboxMessage &m, const std::string &owner) {
  return writes_.execute(
             sql_,
             "UPDATE outbox SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?,"
             " sent_at = ?, lease_owner = '', lease_until = 0 WHERE id = ? AND lease_owner = ?",
             {std::string(name(m.status)), static_cast<long long>(m.attempts), m.last_error,
              static_cast<long long>(m.next_attempt_at), static_cast<long long>(m.sent_at), m.id,
              owner}) == 1;
}

void Tx::set_delivery(const std::string &id, Delivery status, const std::string &error,
                      UnixMs at) {
  const bool sent = status == Delivery::sent;
  const bool retry = status == Delivery::pending;
  writes_.execute(sql_,
                  "UPDATE outbox SET status = ?, last_error = ?, sent_at = ?,"
                  " attempts = CASE WHEN ? = 1 THEN 0 ELSE attempts + 1 END,"
                  " next_attempt_at = 0, lease_owner = '', lease_until = 0 WHERE id = ?",
                  {std::string(name(status)), error, sent ? static_cast<long long>(at) : 0LL,
                   retry ? 1LL : 0LL, id});
}

std::map<std::string, std::int64_t> Tx::outbox_counts() {
  std::map<std::string, std::int64_t> counts;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT channel, status, COUNT(*) FROM outbox"
                       " WHERE status <> 'sent' GROUP BY channel, status");
  for (const auto &row : rows) {
    counts[row.get<std::string>(0) + "." + row.get<std::string>(1)] = integer_at(row, 2);
  }
  return counts;
}

std::vector<OutboxMessage> Tx::outbox_of_case(const std::string &case_id) {
  return messages_of((sql_.prepare << std::string(kColumns) + " WHERE case_id = :id ORDER BY seq",
                      soci::use(case_id)));
}

void Tx::replace_outbox_message(const OutboxMessage &m) {
  writes_.execute(sql_,
                  "UPDATE outbox SET recipient = ?, subject = ?, body_text = ?, body_html = ?,"
                  " headers = ?, status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                  {m.to, m.subject, m.text, m.html, headers_text(m.headers),
                   std::string(name(m.status)), m.last_error,
                   static_cast<long long>(m.next_attempt_at), m.id});
}

}  // namespace reclaim
