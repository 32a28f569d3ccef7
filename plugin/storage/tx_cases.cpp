// Cases: the row with the columns lists filter on, the body with everything, items and history.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <soci/soci.h>

#include <algorithm>

#include "codec/case_json.hpp"
#include "core/error.hpp"
#include "core/state_machine.hpp"
#include "storage/queue_columns.hpp"
#include "storage/report_columns.hpp"
#include "storage/rows.hpp"
#include "storage/supplier_claims_table.hpp"
#include "storage/dialect.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

Case case_from_body(const std::string &body) {
  return codec::case_from_text(body);
}

long long decision_due_of(const Case &subject) {
  return subject.deadlines.decision_due.value_or(kMaxTime);
}

int decided_of(const Case &subject) { return undecided(subject.state) ? 0 : 1; }

// A history row's columns from `first` on: at, actor_role, actor_id, action, from_state,
// to_state, data, customer_visible.
HistoryEntry history_entry_of(const CachedRow &row, std::size_t first) {
  HistoryEntry entry;
  entry.at = row.number(first);
  entry.actor.role = parse_word<Role>(row.text(first + 1), kRoleNames).value_or(Role::system);
  entry.actor.id = row.text(first + 2);
  entry.action = row.text(first + 3);
  entry.from = parse_word<State>(row.text(first + 4), kStateNames).value_or(State::received);
  entry.to = parse_word<State>(row.text(first + 5), kStateNames).value_or(State::received);
  entry.data = boost::json::parse(row.text(first + 6)).as_object();
  entry.customer_visible = row.number(first + 7) != 0;
  return entry;
}

}  // namespace

ClaimedQty Tx::claimed_qty(const std::string &shop, const std::string &order_id) {
  ClaimedQty claimed;
  // CAST: PostgreSQL's SUM of a BIGINT is a NUMERIC.
  reads_.query(sql_,
               "SELECT line_id, CAST(SUM(qty) AS BIGINT) FROM case_items WHERE shop = ? AND"
               " order_id = ? AND active = 1 GROUP BY line_id",
               "tn", {shop, order_id},
               [&](const CachedRow &row) { claimed[row.text(0)] = row.number(1); });
  return claimed;
}

std::int64_t Tx::next_case_number(const std::string &shop, int year) {
  // One statement: the counter row stays locked until the commit, so a concurrent opening in
  // the same shop and year waits for it and counts on from the committed number (no gaps when
  // the transaction rolls back, no duplicates).
  std::int64_t last = 0;
  reads_.query(sql_,
               "INSERT INTO case_numbers (shop, year, last) VALUES (?, ?, 1)"
               " ON CONFLICT (shop, year) DO UPDATE SET last = case_numbers.last + 1"
               " RETURNING last",
               "n", {shop, static_cast<long long>(year)},
               [&](const CachedRow &row) { last = row.number(0); });
  return last;
}

std::string Tx::insert_case(const Case &c) {
  const auto report = case_report_columns(c);
  // A repeat: the customer already has a case on this order.
  bool repeat = false;
  if (!c.order_id.empty() && !c.customer.email.empty()) {
    reads_.query(sql_,
                 "SELECT COUNT(*) FROM cases WHERE shop = ? AND order_id = ? AND"
                 " customer_email = ?",
                 "n", {c.shop, c.order_id, c.customer.email},
                 [&](const CachedRow &row) { repeat = row.number(0) > 0; });
  }
  std::string document = codec::case_to_text(c);
  writes_.execute(sql_,
                  "INSERT INTO cases (id, shop, number, kind, state, version, order_id,"
                  " customer_email, assignee, created_at, updated_at, decision_due, decided, body,"
                  " next_alert_at, alerts_done_until, channel, decided_at, outcome, resolved_at,"
                  " first_response_at, rating, reopened, repeat_order, link_version, priority,"
                  " legal_hold, customer_name, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                  " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {c.id, c.shop, c.number, std::string(name(c.kind)), std::string(name(c.state)),
                   static_cast<long long>(c.version), c.order_id, c.customer.email, c.assignee,
                   static_cast<long long>(c.created_at), static_cast<long long>(c.updated_at),
                   decision_due_of(c), static_cast<long long>(decided_of(c)), document,
                   static_cast<long long>(c.next_alert_at), static_cast<long long>(c.created_at),
                   report.channel, report.decided_at, report.outcome, report.resolved_at,
                   report.first_response_at, report.rating, report.reopened, repeat ? 1LL : 0LL,
                   static_cast<long long>(c.link_version), c.priority, c.legal_hold ? 1LL : 0LL,
                   c.customer.name, tags_column(c.tags)});
  for (const auto &item : c.items) {
    const auto columns = item_report_columns(item);
    writes_.execute(sql_,
                    "INSERT INTO case_items (case_id, item, shop, order_id, line_id, sku, qty,"
                    " reason, active, created_at, category, supplier, resolution, refund_amount,"
                    " refund_currency, disposed_restock, disposed_quarantine, disposed_scrap,"
                    " disposed_repair, disposed_return_to_supplier) VALUES (?, ?, ?, ?, ?, ?, ?,"
                    " ?, ?, ?, COALESCE((SELECT category FROM order_lines WHERE shop = ? AND"
                    " order_id = ? AND line_id = ?), ''), COALESCE((SELECT supplier FROM"
                    " order_lines WHERE shop = ? AND order_id = ? AND line_id = ?), ''), ?, ?, ?,"
                    " ?, ?, ?, ?, ?)",
                    {c.id, static_cast<long long>(item.item), c.shop, c.order_id, item.line,
                     item.sku, static_cast<long long>(item.qty), item.reason,
                     c.state == State::cancelled ? 0LL : 1LL,
                     static_cast<long long>(c.created_at), c.shop, c.order_id, item.line, c.shop,
                     c.order_id, item.line, columns.resolution, columns.refund_amount,
                     columns.refund_currency, columns.disposed[0], columns.disposed[1],
                     columns.disposed[2], columns.disposed[3], columns.disposed[4]});
  }
  write_case_tags(c, false);
  return document;
}

std::string Tx::update_case(const Case &c, std::int64_t previous_version) {
  const auto report = case_report_columns(c);
  std::string document = codec::case_to_text(c);
  const long long changed = writes_.execute(
      sql_,
      "UPDATE cases SET state = ?, version = ?, customer_email = ?, assignee = ?, updated_at = ?,"
      " decision_due = ?, decided = ?, body = ?, next_alert_at = ?, channel = ?, decided_at = ?,"
      " outcome = ?, resolved_at = ?, first_response_at = ?, rating = ?, reopened = ?,"
      " link_version = ?, priority = ?, legal_hold = ?, customer_name = ?, tags = ?"
      " WHERE id = ? AND version = ?",
      {std::string(name(c.state)), static_cast<long long>(c.version), c.customer.email, c.assignee,
       static_cast<long long>(c.updated_at), decision_due_of(c),
       static_cast<long long>(decided_of(c)), document, static_cast<long long>(c.next_alert_at),
       report.channel, report.decided_at, report.outcome, report.resolved_at,
       report.first_response_at, report.rating, report.reopened,
       static_cast<long long>(c.link_version), c.priority, c.legal_hold ? 1LL : 0LL,
       c.customer.name, tags_column(c.tags), c.id, static_cast<long long>(previous_version)});
  if (changed != 1) {
    fail(Status::conflict, "the case changed meanwhile; read it again", "expected_version");
  }
  for (const auto &item : c.items) {
    const auto columns = item_report_columns(item);
    writes_.execute(sql_,
                    "UPDATE case_items SET active = ?, resolution = ?, refund_amount = ?,"
                    " refund_currency = ?, disposed_restock = ?, disposed_quarantine = ?,"
                    " disposed_scrap = ?, disposed_repair = ?, disposed_return_to_supplier = ?"
                    " WHERE case_id = ? AND item = ?",
                    {c.state == State::cancelled ? 0LL : 1LL, columns.resolution,
                     columns.refund_amount, columns.refund_currency, columns.disposed[0],
                     columns.disposed[1], columns.disposed[2], columns.disposed[3],
                     columns.disposed[4], c.id, static_cast<long long>(item.item)});
  }
  write_supplier_claims(writes_, sql_, c);
  write_case_tags(c, true);
  return document;
}

std::optional<Case> Tx::case_by_id(const std::string &id) {
  std::optional<Case> found;
  reads_.query(sql_, locking("SELECT body FROM cases WHERE id = ?"), "t", {id},
               [&](const CachedRow &row) {
                 if (!row.null(0)) found = case_from_body(row.text(0));
               });
  return found;
}

std::optional<Case> Tx::case_by_number(const std::string &shop, const std::string &number) {
  std::optional<Case> found;
  reads_.query(sql_, locking("SELECT body FROM cases WHERE shop = ? AND number = ?"), "t",
               {shop, number}, [&](const CachedRow &row) {
                 if (!row.null(0)) found = case_from_body(row.text(0));
               });
  return found;
}

void Tx::append_history(const std::string &case_id, std::int64_t seq,
                        const HistoryEntry &entry) {
  writes_.execute(sql_,
                  "INSERT INTO history (case_id, seq, at, actor_role, actor_id, action, from_state,"
                  " to_state, data, customer_visible) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {case_id, static_cast<long long>(seq), static_cast<long long>(entry.at),
                   std::string(name(entry.actor.role)), entry.actor.id, entry.action,
                   std::string(name(entry.from)), std::string(name(entry.to)),
                   boost::json::serialize(entry.data), entry.customer_visible ? 1LL : 0LL});
}

std::vector<HistoryEntry> Tx::history(const std::string &case_id) {
  std::vector<HistoryEntry> out;
  reads_.query(sql_,
               "SELECT at, actor_role, actor_id, action, from_state, to_state, data,"
               " customer_visible FROM history WHERE case_id = ? ORDER BY seq",
               "nttttttn", {case_id},
               [&](const CachedRow &row) { out.push_back(history_entry_of(row, 0)); });
  return out;
}

std::optional<std::pair<Case, std::vector<HistoryEntry>>> Tx::case_with_history(
    const std::string &id) {
  return case_and_history(
      "SELECT 0, 0, 0, '', '', '', '', '', body, 0 FROM cases WHERE id = ?"
      " UNION ALL SELECT 1, seq, at, actor_role, actor_id, action, from_state, to_state, data,"
      " customer_visible FROM history WHERE case_id = ?",
      {id, id});
}

std::optional<std::pair<Case, std::vector<HistoryEntry>>> Tx::case_with_history(
    const std::string &shop, const std::string &number) {
  return case_and_history(
      "SELECT 0, 0, 0, '', '', '', '', '', body, 0 FROM cases WHERE shop = ? AND number = ?"
      " UNION ALL SELECT 1, seq, at, actor_role, actor_id, action, from_state, to_state, data,"
      " customer_visible FROM history WHERE case_id = (SELECT id FROM cases WHERE shop = ? AND"
      " number = ?)",
      {shop, number, shop, number});
}

std::optional<std::pair<Case, std::vector<HistoryEntry>>> Tx::case_and_history(
    const std::string &sql, const std::vector<Param> &params) {
  // Rows: the case (kind 0, its body) and its history entries (kind 1, with their seq, in no
  // set order).
  std::optional<Case> found;
  std::vector<std::pair<long long, HistoryEntry>> entries;
  reads_.query(sql_, sql, "nnnttttttn", params, [&](const CachedRow &row) {
    if (row.number(0) == 0) {
      if (!row.null(8)) found = case_from_body(row.text(8));
    } else {
      entries.emplace_back(row.number(1), history_entry_of(row, 2));
    }
  });
  if (!found) return std::nullopt;
  std::sort(entries.begin(), entries.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  std::vector<HistoryEntry> history;
  history.reserve(entries.size());
  for (auto &entry : entries) history.push_back(std::move(entry.second));
  return std::make_pair(std::move(*found), std::move(history));
}

std::optional<std::pair<std::string, std::string>> Tx::idempotent(const std::string &scope,
                                                                   const std::string &key) {
  std::string hash, case_id;
  soci::indicator found = soci::i_null;
  sql_ << "SELECT request_hash, case_id FROM idempotency WHERE scope = :scope AND key = :key",
      soci::use(scope), soci::use(key), soci::into(hash, found), soci::into(case_id);
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  return std::make_pair(hash, case_id);
}

void Tx::remember(const std::string &scope, const std::string &key, const std::string &hash,
                  const std::string &case_id, UnixMs now) {
  writes_.execute(sql_,
                  "INSERT INTO idempotency (scope, key, request_hash, case_id, created_at)"
                  " VALUES (?, ?, ?, ?, ?)",
                  {scope, key, hash, case_id, static_cast<long long>(now)});
}

std::optional<std::string> Tx::meta(const std::string &key) {
  std::string value;
  soci::indicator found = soci::i_null;
  sql_ << "SELECT value FROM meta WHERE key = :key", soci::use(key), soci::into(value, found);
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  return value;
}

}  // namespace reclaim
