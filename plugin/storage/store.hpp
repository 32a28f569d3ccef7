// Storage: the only place that speaks SQL. Every change and its events commit in one transaction.
#pragma once

#include <boost/json/object.hpp>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/attachment.hpp"
#include "core/intake.hpp"
#include "core/model.hpp"
#include "core/outbox.hpp"
#include "core/privacy.hpp"
#include "core/queries.hpp"
#include "core/report.hpp"
#include "core/staff.hpp"
#include "core/canned_reply.hpp"
#include "core/staff_account.hpp"
#include "storage/change_watch.hpp"
#include "storage/config.hpp"
#include "storage/parsed_orders.hpp"
#include "storage/statement_cache.hpp"

namespace soci {
class session;
}

namespace reclaim {

struct Dialect;

// The deadline watch's look-up: it must stay an index search (checked by a test's query plan).
inline constexpr const char *kDueCasesSql =
    "SELECT id, alerts_done_until FROM cases WHERE next_alert_at <= :now"
    " ORDER BY next_alert_at LIMIT :limit";

// An inbound e-mail as taken (tx_inbound.cpp): where it went, or a draft for staff.
struct InboundRecord {
  std::string id;  // "m_…"; a draft's id is its draft_id
  std::string shop;
  std::string key;     // the Message-ID, or "sha256:" + the message's hash when it has none
  std::string result;  // reply, message, draft; a settled draft: draft_taken, draft_dismissed
  std::string reason;  // why a draft: no_case, not_customer, case_closed, refused
  std::string case_id;  // the case it went to; empty for a draft
  std::int64_t history_seq = 0;
  std::string from_address, from_name, subject;
  std::string text;  // kept for drafts only
  UnixMs received_at = 0;
  std::int64_t raw_size = 0;
};

// One open transaction. Methods throw Error(storage | busy | conflict) and leave the rollback to
// Store::write/read.
class Tx {
 public:
  // `writing`: a write transaction, whose reads of cases, orders and accounts lock what they
  // read until the commit (they are read to be changed).
  Tx(soci::session &sql, StatementCache &statements, ParsedOrders &orders, const Dialect &dialect,
     bool writing)
      : sql_(sql),
        writes_(statements),
        reads_(statements),
        orders_(orders),
        dialect_(dialect),
        writing_(writing) {}

  // Orders
  std::optional<Order> order(const std::string &shop, const std::string &id);
  // Inserts or replaces; true when the order is new.
  bool put_order(const std::string &shop, const Order &order, UnixMs now);

  // Cases
  ClaimedQty claimed_qty(const std::string &shop, const std::string &order_id);
  std::int64_t next_case_number(const std::string &shop, int year);
  // The case is kept as its document (codec::case_to_text) beside the columns queries use. Both
  // give the document they stored.
  std::string insert_case(const Case &subject);
  // Writes the case if its stored version is still `previous_version`; Error(conflict) if not.
  std::string update_case(const Case &subject, std::int64_t previous_version);
  std::optional<Case> case_by_id(const std::string &id);
  std::optional<Case> case_by_number(const std::string &shop, const std::string &number);
  // The queue (tx_queue.cpp): a page of cases (one more than query.limit when there are more),
  // and the number of cases by state for the same filters whatever their state.
  std::vector<Case> cases(const CaseQuery &query);
  // The same page as the desk's rows, read from the queue's columns without the documents.
  std::vector<QueueRow> queue_rows(const CaseQuery &query);
  StateCounts case_counts(const CaseQuery &query);

  // `seq` is the case's version after the change: one history entry per version.
  void append_history(const std::string &case_id, std::int64_t seq, const HistoryEntry &entry);
  std::vector<HistoryEntry> history(const std::string &case_id);
  // The case and its history in one statement (one snapshot, one round trip), for reads run by
  // Store::read_statements; nullopt when there is no such case.
  std::optional<std::pair<Case, std::vector<HistoryEntry>>> case_with_history(const std::string &id);
  std::optional<std::pair<Case, std::vector<HistoryEntry>>> case_with_history(
      const std::string &shop, const std::string &number);
  // Returns the event's sequence number.
  std::int64_t append_event(const Event &event);
  std::vector<Event> events(const EventQuery &query);

  // Idempotency keys: the request's hash and the case it produced, per scope (shop or case).
  std::optional<std::pair<std::string, std::string>> idempotent(const std::string &scope,
                                                                 const std::string &key);
  void remember(const std::string &scope, const std::string &key, const std::string &hash,
                const std::string &case_id, UnixMs now);

  std::optional<std::string> meta(const std::string &key);

  // The oldest transaction id still running and the next one to be handed out, as this
  // transaction's snapshot has them; nullopt where every committed row is readable at once
  // (tx_sequence.cpp).
  std::optional<std::pair<long long, long long>> running_transactions();

  // Holds the lock called `name` until the commit (tx_locks.cpp): for a rule over several rows,
  // such as a shop's limit of canned replies. Nothing where writers take turns anyway.
  void lock_name(const std::string &name);

  // Policies: each shop's dated policy documents, oldest first.
  std::vector<std::pair<UnixMs, std::string>> policies(const std::string &shop);
  // Sets the policy applying from `applies_from` (replacing one set for the same day).
  void put_policy(const std::string &shop, UnixMs applies_from, const std::string &body,
                  UnixMs now);

  // Deadline alerts: cases whose next alert is due at `now`, earliest first, each with the
  // time up to which its alerts were sent.
  std::vector<std::pair<std::string, UnixMs>> cases_due_for_alerts(UnixMs now, int limit);
  // Moves a case's alert clock without touching its version.
  void set_alert_clock(const std::string &case_id, UnixMs done_until, UnixMs next_alert_at);

  // Customer pages (tx_customer.cpp): orders by number, attachments, counts for the metrics.
  std::optional<Order> order_by_number(const std::string &shop, const std::string &number);
  void put_attachment(const Attachment &attachment);
  // The file `id` of case `case_id` with its bytes, or only its description (no bytes read).
  std::optional<Attachment> attachment(const std::string &case_id, const std::string &id,
                                       bool with_data = true);
  std::vector<Attachment> attachments(const std::string &case_id);  // without their bytes
  // How many files a case holds and their bytes together, for its quota.
  std::pair<std::int64_t, std::int64_t> attachment_usage(const std::string &case_id);
  std::map<std::string, std::int64_t> cases_by_state();
  // The case's version and its number of attachments; nullopt when there is no such case.
  std::optional<std::pair<std::int64_t, std::int64_t>> case_stamp(const std::string &case_id);
  // A case's shop and the version of its status links; nullopt when there is no such case.
  std::optional<std::pair<std::string, std::int64_t>> case_link(const std::string &case_id);
  std::int64_t overdue_cases(UnixMs now);

  // Reports (tx_reports.cpp): appends the facts of one shop's cases opened within `span` (and
  // the units sold in it, for groupings that compare claims with sales).
  void report_facts(const std::string &shop, const Span &span, std::optional<Kind> kind,
                    Grouping grouping, ReportFacts &into);
  // The supplier claims of report_facts' period and kind.
  void report_claims(const std::string &shop, const Span &span, std::optional<Kind> kind,
                     ReportFacts &into);

  // The staff desk (tx_staff.cpp): links and sessions by the SHA-256 (hex) of their secrets.
  void put_staff_link(const std::string &hash, const StaffMember &staff, const std::string &next,
                      UnixMs created_at, UnixMs expires_at);
  // Marks the link used and returns its staff member and next path; nullopt when there is no
  // such link, or it was used already, or it expired by `now`.
  std::optional<std::pair<StaffMember, std::string>> use_staff_link(const std::string &hash,
                                                                    UnixMs now);
  void put_staff_session(const std::string &hash, const StaffSession &session);
  std::optional<StaffSession> staff_session(const std::string &hash);
  void touch_staff_session(const std::string &hash, UnixMs now);
  void delete_staff_session(const std::string &hash);
  // Forgets links and sessions that can no longer be used at `now`.
  void purge_staff(UnixMs now);
  // Ends every session of the member of staff `id`; returns how many there were.
  int delete_staff_sessions_of(const std::string &id);

  // reclaimd's staff accounts (tx_staff_accounts.cpp), by login.
  // Error(conflict) when the login is taken.
  void put_staff_account(const StaffAccount &account);
  std::optional<StaffAccount> staff_account(const std::string &id);
  // Every account, by login.
  std::vector<StaffAccount> staff_accounts();
  bool any_staff_account();
  // A new password hash (the lockout cleared) or the same one from a rehash.
  void set_staff_password(const std::string &id, const std::string &hash, UnixMs now);
  // Disabled or enabled again (enabling clears the lockout).
  void set_staff_disabled(const std::string &id, bool disabled, UnixMs now);
  // The lockout state after a sign-in: the count of consecutive failures and the lock's end.
  void set_staff_login_state(const std::string &id, int failed_logins, UnixMs locked_until);
  void delete_staff_account(const std::string &id);

  // Canned replies (tx_canned_replies.cpp), by shop. An empty locale or reason lists every one;
  // a reason also lists the replies for any reason.
  std::vector<CannedReply> canned_replies(const std::string &shop, const std::string &locale,
                                          const std::string &reason);
  std::optional<CannedReply> canned_reply(const std::string &shop, const std::string &id);
  std::int64_t count_canned_replies(const std::string &shop);
  // Adds the reply, or replaces the shop's reply with its id.
  void put_canned_reply(const CannedReply &reply);
  void delete_canned_reply(const std::string &shop, const std::string &id);

  // The message outbox (tx_outbox.cpp).
  void append_outbox(const OutboxMessage &message);
  std::vector<OutboxMessage> outbox(const OutboxQuery &query);
  std::optional<OutboxMessage> outbox_message(const std::string &id);
  // Leases up to `limit` pending messages due by `now` to `owner` until `until`.
  std::vector<OutboxMessage> lease_due(const std::string &owner, UnixMs now, UnixMs until,
                                       int limit);
  // Records an attempt's outcome (status, attempts, error, next attempt, sent_at) if `owner`
  // still holds the lease; false when the lease was lost (another sender took the message).
  bool finish_delivery(const OutboxMessage &message, const std::string &owner);
  // A host's acknowledgement (sent or failed), or a retry asked by staff (pending: attempts
  // start again from zero).
  void set_delivery(const std::string &id, Delivery status, const std::string &error, UnixMs at);
  // Unsent messages by "channel.status", for the metrics.
  std::map<std::string, std::int64_t> outbox_counts();
  // Inbound e-mail (tx_inbound.cpp).
  std::optional<InboundRecord> inbound_mail(const std::string &shop, const std::string &key);
  void put_inbound_mail(const InboundRecord &record);
  // A shop's open drafts, newest first.
  std::vector<InboundRecord> inbound_drafts(const std::string &shop, int limit);
  std::int64_t count_inbound_drafts(const std::string &shop);
  // An inbound mail by its id (a draft's draft_id), in any shop.
  std::optional<InboundRecord> inbound_mail_by_id(const std::string &id);
  // Settles an open draft (result "draft") as `result` ("draft_taken" with the case it became,
  // or "draft_dismissed"). False when it is no open draft (someone settled it meanwhile).
  bool settle_inbound_draft(const std::string &id, const std::string &result,
                            const std::string &case_id);

  // One customer's recent cases and the ids of the orders they placed since `since`, e-mail in
  // any letter case, within the shop (tx_abuse.cpp). At most kHistoryCases cases, newest first.
  static constexpr int kHistoryCases = 1000;
  std::vector<Case> customer_cases(const std::string &shop, const std::string &email, UnixMs since);
  std::vector<std::string> customer_orders(const std::string &shop, const std::string &email,
                                           UnixMs since);

  // Personal data (tx_privacy.cpp); e-mail compared in any letter case, within the shop.
  std::vector<std::string> subject_case_ids(const std::string &shop, const std::string &email);
  std::vector<std::string> subject_order_ids(const std::string &shop, const std::string &email);
  // Mails from the address, and every mail that went to one of the cases.
  std::vector<InboundRecord> subject_mails(const std::string &shop, const std::string &email,
                                           const std::vector<std::string> &case_ids);
  // Stamps the case anonymised at `at`; false when it already was (another process was first).
  bool claim_anonymisation(const std::string &case_id, UnixMs at);
  // Rewrites the case's history entries in place (the same number, in order of seq).
  void replace_history(const std::string &case_id, const std::vector<HistoryEntry> &entries);
  // Every event of the case (seq, data), with no cursor horizon: an erasure must reach them all.
  std::vector<std::pair<std::int64_t, boost::json::object>> event_data_of_case(
      const std::string &case_id);
  void replace_event_data(std::int64_t seq, const boost::json::object &data);
  void anonymise_mail(const std::string &id, const std::string &pseudonym);
  // Returns how many files went.
  int delete_attachments(const std::string &case_id);
  void forget_idempotency(const std::string &case_id);
  // Whether a case not anonymised refers to the order.
  bool order_in_kept_case(const std::string &shop, const std::string &order_id);
  void mark_order_anonymised(const std::string &shop, const std::string &order_id, UnixMs at);
  bool order_anonymised(const std::string &shop, const std::string &order_id);
  void put_erasure(const Erasure &erasure);
  // Finished cases of the shop last changed by `finished_by`, not held and not yet anonymised.
  std::vector<std::string> cases_for_retention(const std::string &shop, UnixMs finished_by,
                                               int limit);
  // Every mail and webhook post of a case (tx_outbox.cpp), and one rewritten in place.
  std::vector<OutboxMessage> outbox_of_case(const std::string &case_id);
  void replace_outbox_message(const OutboxMessage &message);

  soci::session &session() { return sql_; }

 private:
  // The rows the queue filters tags by, of a case just inserted or (`replace`) updated.
  void write_case_tags(const Case &subject, bool replace);
  // The case (tx_cases.cpp) and its history from one SELECT of both.
  std::optional<std::pair<Case, std::vector<HistoryEntry>>> case_and_history(
      const std::string &sql, const std::vector<Param> &params);
  // The SELECT `sql`, in a write transaction made to lock the rows it returns until the commit.
  std::string locking(const std::string &sql) const;
  // The seq of the next event or outbox row this transaction writes, or nullopt where the
  // database numbers them itself (tx_sequence.cpp).
  std::optional<long long> next_seq();

  soci::session &sql_;
  // The connection's prepared statements, one cache named for what each call does with it.
  StatementCache &writes_;
  StatementCache &reads_;
  ParsedOrders &orders_;  // the store's, shared by its connections
  const Dialect &dialect_;
  const bool writing_;
  std::optional<long long> transaction_id_;  // asked once, at the first numbered row
  long long numbered_ = 0;                   // rows numbered so far
};

class Checkpointer;

class Store {
 public:
  // Connects, migrates the schema when needed (safe when several processes do it at once) and
  // makes sure a secret exists. Throws Error.
  explicit Store(const StorageConfig &config);
  ~Store();
  Store(const Store &) = delete;
  Store &operator=(const Store &) = delete;

  const char *backend() const;
  int schema_version() const { return schema_version_; }

  // Runs `work` in a write transaction, retrying from the start when the database is busy; after
  // the busy timeout Error(busy). Any exception rolls everything back.
  void write(const std::function<void(Tx &)> &work);
  // Runs `work` in a read transaction (one consistent snapshot).
  void read(const std::function<void(Tx &)> &work);
  // Runs `work` outside any transaction: each statement it runs sees a snapshot of its own.
  // For reads that need one statement only: PostgreSQL then answers in one round trip instead
  // of three (BEGIN, the statement, COMMIT), and SQLite skips two statements.
  void read_statements(const std::function<void(Tx &)> &work);
  // SQLite: moves the write-ahead log into the database file and empties it, so that rows
  // just rewritten (an erasure) leave no earlier copy in the log. Nothing on PostgreSQL.
  void checkpoint();
  // The same for reading events and messages by cursor: shows everything committed before the
  // call. On PostgreSQL an event shows only once every transaction older than its own has ended
  // (docs/SCALING.md, "The outbox"), so this first waits until the transactions running at the
  // call have ended; after the busy timeout it reads what is readable.
  void read_outbox(const std::function<void(Tx &)> &work);
  // Equal marks: nothing was committed in between, by anyone (change_watch.hpp). nullopt when
  // the store cannot tell without a transaction. Never blocks or throws.
  std::optional<std::int64_t> change_mark() { return watch_ ? watch_->mark() : std::nullopt; }

 private:
  // One pooled connection with its prepared statements. A connection found broken (the server
  // restarted, the network dropped it) is opened again before its next use.
  struct Connection {
    std::unique_ptr<soci::session> session;
    std::unique_ptr<StatementCache> cache;  // after the session: statements go first
    bool broken = false;
  };

  // A pooled connection for one call, given back when the call ends.
  struct Borrowed {
    Store &store;
    Connection &connection;
    ~Borrowed() { store.release(connection); }
  };

  void open(Connection &connection, bool first);
  Connection &acquire();
  void release(Connection &connection);
  enum class Mode { read, statements, write, migrate };
  void transact(Mode mode, const std::function<void(Tx &)> &work);

  StorageConfig config_;
  const Dialect *dialect_;
  std::string target_;       // what the backend connects to
  long long lock_key_ = 0;   // PostgreSQL: the advisory lock migrations of this schema share
  std::unique_ptr<Checkpointer> checkpointer_;  // SQLite files; outlives the connections it watches
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection *> idle_;
  std::mutex mutex_;
  std::condition_variable released_;
  int schema_version_ = 0;
  std::unique_ptr<ChangeWatch> watch_;
  ParsedOrders orders_;
};

}  // namespace reclaim
