// Cases: the row with the columns lists filter on, the body with everything, items and history.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <deque>
#include <soci/soci.h>

#include "codec/case_json.hpp"
#include "core/error.hpp"
#include "core/state_machine.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

Case case_from_body(const std::string &body) {
  return codec::case_from_json(boost::json::parse(body));
}

long long decision_due_of(const Case &subject) {
  return subject.deadlines.decision_due.value_or(kMaxTime);
}

int decided_of(const Case &subject) { return undecided(subject.state) ? 0 : 1; }

}  // namespace

ClaimedQty Tx::claimed_qty(const std::string &shop, const std::string &order_id) {
  ClaimedQty claimed;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT line_id, SUM(qty) FROM case_items WHERE shop = :shop AND"
                       " order_id = :order AND active = 1 GROUP BY line_id",
       soci::use(shop), soci::use(order_id));
  for (const auto &row : rows) {
    claimed[row.get<std::string>(0)] = integer_at(row, 1);
  }
  return claimed;
}

std::int64_t Tx::next_case_number(const std::string &shop, int year) {
  long long last = 0;
  soci::indicator found = soci::i_null;
  sql_ << "SELECT last FROM case_numbers WHERE shop = :shop AND year = :year", soci::use(shop),
      soci::use(year), soci::into(last, found);
  if (sql_.got_data() && found == soci::i_ok) {
    ++last;
    sql_ << "UPDATE case_numbers SET last = :last WHERE shop = :shop AND year = :year",
        soci::use(last), soci::use(shop), soci::use(year);
  } else {
    last = 1;
    sql_ << "INSERT INTO case_numbers (shop, year, last) VALUES (:shop, :year, :last)",
        soci::use(shop), soci::use(year), soci::use(last);
  }
  return last;
}

void Tx::insert_case(const Case &c, const boost::json::object &document) {
  const std::string body = boost::json::serialize(document);
  const std::string kind(name(c.kind)), state(name(c.state));
  const long long version = c.version, created = c.created_at, updated = c.updated_at,
                  due = decision_due_of(c);
  const int decided = decided_of(c);
  sql_ << "INSERT INTO cases (id, shop, number, kind, state, version, order_id, customer_email,"
          " assignee, created_at, updated_at, decision_due, decided, body) VALUES (:id, :shop,"
          " :number, :kind, :state, :version, :order_id, :email, :assignee, :created, :updated,"
          " :due, :decided, :body)",
      soci::use(c.id), soci::use(c.shop), soci::use(c.number), soci::use(kind), soci::use(state),
      soci::use(version), soci::use(c.order_id), soci::use(c.customer.email),
      soci::use(c.assignee), soci::use(created), soci::use(updated), soci::use(due),
      soci::use(decided), soci::use(body);
  for (const auto &item : c.items) {
    const long long qty = item.qty;
    sql_ << "INSERT INTO case_items (case_id, item, shop, order_id, line_id, sku, qty, reason,"
            " active) VALUES (:case_id, :item, :shop, :order_id, :line, :sku, :qty, :reason, 1)",
        soci::use(c.id), soci::use(item.item), soci::use(c.shop), soci::use(c.order_id),
        soci::use(item.line), soci::use(item.sku), soci::use(qty), soci::use(item.reason);
  }
}

void Tx::update_case(const Case &c, const boost::json::object &document,
                     std::int64_t previous_version) {
  const std::string body = boost::json::serialize(document);
  const std::string state(name(c.state));
  const long long version = c.version, previous = previous_version, updated = c.updated_at,
                  due = decision_due_of(c);
  const int decided = decided_of(c);
  soci::statement update =
      (sql_.prepare << "UPDATE cases SET state = :state, version = :version, customer_email ="
                       " :email, assignee = :assignee, updated_at = :updated, decision_due = :due,"
                       " decided = :decided, body = :body WHERE id = :id AND version = :previous",
       soci::use(state), soci::use(version), soci::use(c.customer.email), soci::use(c.assignee),
       soci::use(updated), soci::use(due), soci::use(decided), soci::use(body), soci::use(c.id),
       soci::use(previous));
  update.execute(true);
  if (update.get_affected_rows() != 1) {
    fail(Status::conflict, "the case changed meanwhile; read it again", "expected_version");
  }
  const int active = c.state == State::cancelled ? 0 : 1;
  sql_ << "UPDATE case_items SET active = :active WHERE case_id = :id", soci::use(active),
      soci::use(c.id);
}

std::optional<Case> Tx::case_by_id(const std::string &id) {
  std::string body;
  soci::indicator found = soci::i_null;
  sql_ << "SELECT body FROM cases WHERE id = :id", soci::use(id), soci::into(body, found);
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  return case_from_body(body);
}

std::optional<Case> Tx::case_by_number(const std::string &shop, const std::string &number) {
  std::string body;
  soci::indicator found = soci::i_null;
  sql_ << "SELECT body FROM cases WHERE shop = :shop AND number = :number", soci::use(shop),
      soci::use(number), soci::into(body, found);
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  return case_from_body(body);
}

std::vector<Case> Tx::cases(const CaseQuery &query) {
  // Filters become bound parameters; only fixed column names enter the SQL text.
  std::string where = " WHERE 1 = 1";
  std::deque<std::string> texts;
  std::deque<long long> numbers;
  std::vector<std::function<void(soci::details::prepare_temp_type &)>> binds;
  const auto text = [&](const std::string &value) {
    texts.push_back(value);
    const std::string *bound = &texts.back();
    binds.emplace_back([bound](auto &prepared) { prepared, soci::use(*bound); });
  };
  const auto number = [&](long long value) {
    numbers.push_back(value);
    const long long *bound = &numbers.back();
    binds.emplace_back([bound](auto &prepared) { prepared, soci::use(*bound); });
  };
  if (!query.shop.empty()) where += " AND shop = ?", text(query.shop);
  if (!query.states.empty()) {
    where += " AND state IN (";
    for (std::size_t i = 0; i < query.states.size(); ++i) {
      where += i ? ", ?" : "?";
      text(std::string(name(query.states[i])));
    }
    where += ")";
  }
  if (query.kind) where += " AND kind = ?", text(std::string(name(*query.kind)));
  if (!query.assignee.empty()) where += " AND assignee = ?", text(query.assignee);
  if (!query.customer_email.empty()) {
    where += " AND customer_email = ?", text(query.customer_email);
  }
  if (!query.order_id.empty()) where += " AND order_id = ?", text(query.order_id);
  if (query.created_from) where += " AND created_at >= ?", number(*query.created_from);
  if (query.created_to) where += " AND created_at < ?", number(*query.created_to);
  if (query.overdue) where += " AND decided = 0 AND decision_due < ?", number(query.now);
  const char *column = query.sort == CaseSort::created_at   ? "created_at"
                       : query.sort == CaseSort::updated_at ? "updated_at"
                                                            : "decision_due";
  const char *direction = query.descending ? " DESC" : " ASC";
  if (query.after) {
    where += std::string(" AND (") + column + (query.descending ? " < ?" : " > ?") + " OR (" +
             column + " = ? AND id" + (query.descending ? " < ?" : " > ?") + "))";
    number(query.after->first);
    number(query.after->first);
    text(query.after->second);
  }
  const std::string sql = std::string("SELECT body FROM cases") + where + " ORDER BY " + column +
                          direction + ", id" + direction + " LIMIT " +
                          std::to_string(query.limit + 1);
  soci::details::prepare_temp_type prepared = (sql_.prepare << sql);
  for (const auto &bind : binds) bind(prepared);
  soci::rowset<std::string> rows(prepared);
  std::vector<Case> out;
  for (const auto &body : rows) out.push_back(case_from_body(body));
  return out;
}

void Tx::append_history(const std::string &case_id, std::int64_t seq,
                        const HistoryEntry &entry) {
  const long long at = entry.at, number = seq;
  const std::string role(name(entry.actor.role)), from(name(entry.from)), to(name(entry.to));
  const std::string data = boost::json::serialize(entry.data);
  const int visible = entry.customer_visible ? 1 : 0;
  sql_ << "INSERT INTO history (case_id, seq, at, actor_role, actor_id, action, from_state,"
          " to_state, data, customer_visible) VALUES (:case_id, :seq, :at, :role, :actor, :action,"
          " :from, :to, :data, :visible)",
      soci::use(case_id), soci::use(number), soci::use(at), soci::use(role),
      soci::use(entry.actor.id), soci::use(entry.action), soci::use(from), soci::use(to),
      soci::use(data), soci::use(visible);
}

std::vector<HistoryEntry> Tx::history(const std::string &case_id) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT at, actor_role, actor_id, action, from_state, to_state, data,"
                       " customer_visible FROM history WHERE case_id = :id ORDER BY seq",
       soci::use(case_id));
  std::vector<HistoryEntry> out;
  for (const auto &row : rows) {
    HistoryEntry entry;
    entry.at = integer_at(row, 0);
    entry.actor.role = parse_word<Role>(row.get<std::string>(1), kRoleNames).value_or(Role::system);
    entry.actor.id = row.get<std::string>(2);
    entry.action = row.get<std::string>(3);
    entry.from = parse_word<State>(row.get<std::string>(4), kStateNames).value_or(State::received);
    entry.to = parse_word<State>(row.get<std::string>(5), kStateNames).value_or(State::received);
    entry.data = boost::json::parse(row.get<std::string>(6)).as_object();
    entry.customer_visible = integer_at(row, 7) != 0;
    out.push_back(std::move(entry));
  }
  return out;
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
  const long long at = now;
  sql_ << "INSERT INTO idempotency (scope, key, request_hash, case_id, created_at) VALUES"
          " (:scope, :key, :hash, :case_id, :at)",
      soci::use(scope), soci::use(key), soci::use(hash), soci::use(case_id), soci::use(at);
}

std::optional<std::string> Tx::meta(const std::string &key) {
  std::string value;
  soci::indicator found = soci::i_null;
  sql_ << "SELECT value FROM meta WHERE key = :key", soci::use(key), soci::into(value, found);
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  return value;
}

}  // namespace reclaim
