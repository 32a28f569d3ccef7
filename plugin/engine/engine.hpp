// The engine: one per reclaim_open. Runs requests against storage, in transactions, with its
// clock and log. Thread-safe; holds no global state.
#pragma once

#include <boost/json/object.hpp>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/actions.hpp"
#include "core/attachment.hpp"
#include "core/canned_reply.hpp"
#include "core/clock.hpp"
#include "core/document.hpp"
#include "core/eligibility.hpp"
#include "core/policy.hpp"
#include "core/privacy.hpp"
#include "core/intake.hpp"
#include "core/queries.hpp"
#include "core/report.hpp"
#include "core/staff.hpp"
#include "core/staff_account.hpp"
#include "core/status_link.hpp"
#include "core/views.hpp"
#include "core/zone.hpp"
#include "engine/config.hpp"
#include "engine/inbound_mail.hpp"

namespace spdlog {
class logger;
}

namespace reclaim {

class Store;
class Tx;
class MagicJudge;
class PasswordHasher;
class Sender;

// A file as a customer sent it, before it is judged and kept.
struct Upload {
  std::string name;  // the file name the customer gave, for display only
  std::string bytes;
};

class Engine {
 public:
  explicit Engine(const EngineConfig &config);
  ~Engine();
  Engine(const Engine &) = delete;
  Engine &operator=(const Engine &) = delete;

  EngineInfo info() const;
  UnixMs now() const { return clock_->now(); }
  // Throws Error(not_allowed) unless the engine runs on a manual clock.
  void set_clock(UnixMs at);

  OrderImport import_order(const std::string &shop, const Order &order);
  Order order(const std::string &shop, const std::string &order_id);
  // A host's own order document (JSON, or XML for prestashop) through an adapter (import.cpp).
  OrderImport import_host_order(const std::string &shop, const std::string &adapter,
                                std::string_view text);
  // The accepted resolution of a case as the host's own request(s), written by the adapter in
  // the host's own documents (payload.cpp).
  boost::json::object host_payload(const std::string &case_ref, const std::string &adapter);

  // `request_hash` identifies the request body for its idempotency key. `files` (the customer
  // form's photos) are judged first and kept in the opening's own transaction.
  CaseRecord open_case(const OpenRequest &request, const std::string &request_hash,
                       const std::vector<Upload> &files = {});
  CaseRecord get_case(const std::string &case_ref);
  CasePage list_cases(CaseQuery query);
  // `files` (a reply's) are judged first, then kept in the action's own transaction: a refused
  // action keeps none of them, and the history entry names them. The request's own
  // `attachments` must be files the case already holds.
  CaseRecord act(const std::string &case_ref, const ActionRequest &request,
                 const std::string &request_hash, const std::vector<Upload> &files = {});
  EventPage read_events(const EventQuery &query);

  // Policies and eligibility (engine/policies.cpp).
  // Checks `policy` against the law in force on its first day and keeps it; returns it whole.
  Policy set_policy(const std::string &shop, Policy policy);
  PolicyView get_policy(const std::string &shop);
  EligibilityAnswer check_eligibility(const EligibilityRequest &request);
  // What a customer may claim on each line of an order, as a complaint and as a return.
  LineEligibility eligibility_by_line(const std::string &shop, const Order &order,
                                      const std::string &locale);
  // What each item of a case was eligible for on the day the case was opened, with the rule
  // behind it, in `locale`; empty for goods bought without an order.
  std::vector<ItemVerdict> verdicts_at_opening(const Case &subject, const std::string &locale);
  // What the case's customer did in its shop within the abuse window (the policy's, else a
  // year) up to now, and their address's hash for the block and allow lists (abuse.cpp).
  CustomerStanding customer_standing(const Case &subject);

  // Reports (engine/report.cpp): the figures, and for an HTML page what it charts beside them.
  ReportAnswer report(const ReportQuery &query);
  Report report_figures(const ReportQuery &query);

  // The deadline watch (engine/tick.cpp): sends each due warning and breach once, applies deemed
  // acceptance. Safe to run from several threads and processes at once.
  TickSummary tick();

  // The token of a case's status-page link: its id, shop and link version, signed with the
  // current key (core/status_link.hpp).
  std::string status_token(const Case &subject) const;

  // For the customer pages and API (customer.cpp).
  const ShopConfig &shop_config(const std::string &shop) const;
  // The link a status token carries when it is signed for `shop` by a key still configured;
  // nullopt when it is forged, damaged, another shop's or under a removed key. No database.
  std::optional<StatusLink> read_status_token(const std::string &token,
                                              const std::string &shop) const;
  // True while the link's case exists in the link's shop and its links are still at the link's
  // version (none renewed since). One small query.
  bool status_link_current(const StatusLink &link);
  // Both: the case a token opens at an endpoint serving `shop`; nullopt when the token is
  // forged, damaged, made for another shop, under a removed key or revoked by a renewal.
  std::optional<std::string> case_of_token(const std::string &token, const std::string &shop);
  // HMAC-SHA-256 of `message` under the engine's current key, kept apart per `purpose` (base64url).
  std::string sign(std::string_view purpose, std::string_view message) const;
  // The status token of case `number` if its customer's e-mail is `email`; nullopt otherwise.
  std::optional<std::string> lookup_case(const std::string &shop, const std::string &number,
                                         const std::string &email);
  // The order with this number (or id) if its customer's e-mail is `email`; nullopt otherwise.
  std::optional<Order> customer_order(const std::string &shop, const std::string &number,
                                      const std::string &email);
  // Quantity of each line of an order that open cases already claim.
  ClaimedQty claimed_quantities(const std::string &shop, const std::string &order_id);
  // What changes a customer's view of a case: its version and its number of attachments
  // (nullopt when there is no such case). One small query, for caching the status page.
  std::optional<std::pair<std::int64_t, std::int64_t>> customer_view_stamp(const std::string &case_id);
  // Equal marks: nothing at all was committed to the database in between, by this process or
  // any other; nullopt when that cannot be told without reading (storage/change_watch.hpp).
  // Never blocks: the customer pages ask it on the server's I/O threads.
  std::optional<std::int64_t> change_mark();
  // What a customer sees of a case: customer-visible history only, no staff fields.
  CustomerView customer_view(const std::string &case_id);
  // Checks a file by its content and size (content_check.hpp), that the case still takes files
  // (not closed or cancelled) and the shop's per-case quota, then keeps it with the case.
  // Throws Error: invalid_argument (rules attachment_type, attachment_too_large), not_allowed
  // (attachment_state, attachment_quota), not_found.
  Attachment add_attachment(const std::string &case_id, const std::string &name,
                            const std::string &bytes);
  // The content type of a file a customer may send; throws Error as add_attachment does for
  // its content. Lets a form be refused before anything of it is written.
  std::string judge_attachment(const std::string &bytes);
  // A file of the case, with its bytes or only its description (size, type, sha256).
  std::optional<Attachment> attachment(const std::string &case_id, const std::string &id,
                                       bool with_data = true);
  // Open cases by state and undecided cases past their decision date, for /metrics.
  CaseGauges case_gauges();

  // Messages (engine/notify.cpp): the outbox of mails by cursor, for hosts with their own mailer.
  MessagePage read_messages(const OutboxQuery &query);
  // A host's mailer reports `ids` sent or failed; staff retry (pending) a failed or dead one.
  // Error(not_found) names an unknown id, and nothing changes. Returns how many changed.
  int ack_messages(const std::vector<std::string> &ids, Delivery result, const std::string &error);
  // A template rendered for a case (engine/notify.cpp). Error(invalid_argument) for an unknown
  // template or language; Error(not_found) for an unknown case or when none of the case's
  // events sends this template (the message names the ones that do).
  MailPreview preview_mail(const MailPreviewRequest &request);
  // A document of the case as a PDF (engine/documents.cpp): the complaint receipt, the decision
  // letter or the return slip, in the request's language (by default the customer's, else the
  // shop's). Error(not_found) for an unknown case, Error(invalid_argument, "locale") for another
  // language, Error(not_allowed, rule "not_decided") for a decision letter before a decision.
  DocumentFile document(const DocumentRequest &request);
  // One pass of the engine's own sender, when delivery is enabled (0 otherwise).
  int deliver_now();

  // The staff desk (engine/staff.cpp). Link and session secrets are kept only as hashes.
  // A one-time sign-in link for `request.staff`; Error(invalid_argument) for an unknown shop.
  StaffLink staff_link(const StaffLinkRequest &request);
  // Uses the link once and opens a session; nullopt when the link is unknown, used or expired.
  std::optional<StaffEntry> staff_enter(const std::string &link_secret);
  // The live session with this secret (its csrf filled in), keeping it alive; nullopt when there
  // is none or it timed out (idle or absolute), which also ends it.
  std::optional<StaffSession> staff_session(const std::string &secret);
  // Ends the session for every node sharing the database.
  void staff_sign_out(const std::string &secret);
  // A case of one of the staff member's shops, by id or number; Error(not_found) otherwise.
  CaseRecord staff_case(const StaffMember &staff, const std::string &case_ref);
  // A page of the queue of one of the staff member's shops; Error(not_found) for another shop.
  // An at-risk filter takes its window from the shop's policy (staff_at_risk_ms).
  CasePage staff_cases(const StaffMember &staff, CaseQuery query);
  // The page, the number of cases by state for the same filters (whatever their state and
  // page) and the shop's at-risk window, read in one snapshot, so the counts agree with the rows.
  StaffQueue staff_queue(const StaffMember &staff, CaseQuery query);
  // The same, with the page as the rows the desk's queue shows (read without the documents).
  StaffQueueRows staff_queue_rows(const StaffMember &staff, CaseQuery query);
  // How long before its decision date an undecided case is at risk: the earliest warning the
  // shop's policy gives (its largest warn_before_hours), when reclaim_tick sends the first
  // case.deadline_at_risk; 0 when the policy gives none.
  UnixMs staff_at_risk_ms(const std::string &shop);
  // A case the staff member takes at the desk (by phone, e-mail, in the shop), as its actor, in
  // one of their shops (Error(not_found) for another); goods without an order are allowed.
  CaseRecord staff_open(const StaffMember &staff, OpenRequest request,
                        const std::string &request_hash);
  // An order of one of their shops by number (or id), whoever the customer; nullopt if none.
  std::optional<Order> staff_order(const StaffMember &staff, const std::string &shop,
                                   const std::string &number);
  // An action by the staff member (the actor), on a case of their shops.
  CaseRecord staff_act(const StaffMember &staff, const std::string &case_ref,
                       ActionRequest request, const std::string &request_hash);

  // Canned replies (engine/canned_replies.cpp): list, save, remove, or render one for a case.
  // Throws Error: invalid_argument (an unknown placeholder, an empty title or text), not_found
  // (the shop, the reply, the case), not_allowed (canned_reply_limit).
  CannedAnswer canned_replies(const CannedRequest &request);
  // The reply `id` of the case's shop with the case's values, in `locale` ("" for the reply's).
  CannedAnswer render_canned_reply(const Case &subject, const std::string &id,
                                   const std::string &locale);

  // reclaimd's staff accounts (engine/staff_accounts.cpp): add, passwd, remove, disable, enable,
  // list. Only Argon2id hashes of passwords are kept. passwd, remove and disable end the
  // account's desk sessions at once. Error(invalid_argument) for an unknown shop or a refused
  // password (field "password", the password never quoted), Error(conflict) for a login taken,
  // Error(not_found) for an unknown login.
  StaffAccountAnswer staff_account(const StaffAccountRequest &request);
  // True when the database has at least one account: the desk then offers its sign-in form.
  bool staff_accounts_exist();
  // Signs in with a login and password, opening a session as a link would (to `next`, a path
  // under /staff/). Every attempt costs one Argon2id verification, against a dummy hash for an
  // unknown login or a disabled or locked account, so the answer's time says nothing. A wrong
  // password counts towards the account's lockout (lockout_after).
  StaffLogin staff_login(const std::string &login, std::string_view password,
                         const std::string &next);

  // Inbound e-mail (engine/inbound.cpp, docs/MESSAGES.md): a customer's message becomes the
  // reply (waiting_for_customer) or a message (other open states) on the case it threads to,
  // when its From is the case's customer; otherwise a draft for staff. Once per shop and
  // Message-ID. Throws Error(invalid_argument) for a message parse_inbound_mail refuses.
  InboundOutcome receive_mail(const std::string &shop, std::string_view raw);
  // A shop's open drafts, newest first.
  std::vector<InboundDraft> inbound_drafts(const std::string &shop, int limit = 100);
  // The open drafts of the staff member's shops, newest first, and how many there are.
  std::vector<InboundDraft> staff_drafts(const StaffMember &staff, int limit = 100);
  std::int64_t staff_draft_count(const StaffMember &staff);
  // An open draft of the staff member's shops; Error(not_found) for any other id.
  InboundDraft staff_draft(const StaffMember &staff, const std::string &id);
  // Settles an open draft of their shops: taken into the case `case_id` (which must be of the
  // draft's shop), or dismissed when `case_id` is empty. Error(not_found) when it is no open
  // draft of theirs (another agent settled it meanwhile).
  void settle_draft(const StaffMember &staff, const std::string &id, const std::string &case_id);

  // Personal data (engine/privacy.cpp, docs/PRIVACY.md). Error(not_found) for an unknown shop,
  // Error(invalid_argument) for a missing e-mail. An unknown person's export is empty.
  SubjectExport subject_export(const SubjectRequest &request);
  // Anonymises the person's finished cases, their orders no kept case needs and their mails;
  // keeps open and held cases whole and lists them. Only a supervisor, the host or the system
  // may (Error(not_allowed)); a reason is required. Running it again anonymises nothing more.
  Erasure subject_erase(const SubjectRequest &request);

 private:
  struct Shop {
    ShopConfig config;
    Zone zone;
  };
  const Shop &shop(const std::string &id) const;
  // What an action taken at `at` in a case of `shop_id` needs of the policy: the appeal window,
  // the date a supplier claim made now is to be answered by.
  ActionContext action_context(const Policy &policy, const std::string &shop_id, UnixMs at) const;
  // The shop's policy in force at an instant: the latest one set to apply by then, else the
  // preset of the shop's jurisdiction.
  std::shared_ptr<const Policy> policy_at(Tx &tx, const std::string &shop_id, UnixMs at) const;
  // A fulfilled case that gave money back: its events carry what a correction invoice of the
  // refund needs (adapters/correction.hpp). Nothing when the case names no imported order.
  void add_correction(Tx &tx, const Case &subject, std::vector<Event> &events) const;
  // The document a customer mail carries (mail_document), made as the case stands when it is
  // sent, in the mail's language. None when it cannot be made (logged): the mail goes without.
  std::vector<DocumentFile> mail_documents(const OutboxMessage &mail);
  // A page of cases by `query` (its now set), with the cursor to the next page.
  static CasePage page_of(Tx &tx, const CaseQuery &query);
  // The same page as the desk's rows (Tx::queue_rows).
  static QueueRowPage row_page_of(Tx &tx, const CaseQuery &query);
  // The queue's snapshot for staff_queue and staff_queue_rows, its page read by `page`.
  template <typename Page>
  QueueSnapshot<Page> queue_snapshot(const StaffMember &staff, CaseQuery query,
                                     Page page(Tx &, const CaseQuery &));
  // The at-risk window of the shop's policy in force at `at` (staff_at_risk_ms).
  UnixMs at_risk_ms(Tx &tx, const std::string &shop_id, UnixMs at) const;
  // The language answers to an open request are written in: the customer's, the order's, the
  // shop's.
  std::string request_locale(const OpenRequest &request, const Order &order) const;
  // Verdicts for the items of an open request, against the policy in force.
  std::vector<ItemVerdict> verdicts_for(const OpenRequest &request, const Order &order,
                                        const ClaimedQty &claimed, const Policy &policy,
                                        UnixMs at) const;
  // The flags the case being opened carries under the policy's abuse limits, itself counted.
  std::vector<Flag> abuse_flags(Tx &tx, const Case &made, const Order *order,
                                const Policy &policy) const;
  // Retention (privacy.cpp): anonymises each shop's finished cases past its policy's
  // anonymise_closed_after_days, in batches; returns how many.
  int apply_retention(UnixMs at);
  // Within a write transaction: the case without its customer (history, events, mails, files,
  // idempotency keys), counted in `record`; false when another process anonymised it first.
  bool erase_case(Tx &tx, Case subject, const std::string &pseudonym, const Traces &traces,
                  Erasure &record);
  // The order without its customer, unless a kept case still needs it or it was done already.
  bool erase_order(Tx &tx, const std::string &shop_id, const std::string &order_id,
                   const std::string &pseudonym, const Traces &traces, Erasure &record);
  // Every tick_interval_ms until the engine closes.
  void watch_deadlines(int interval_ms);
  // Alerts and deemed acceptance for one case whose alerts were sent up to `done_until`;
  // returns the number of events it wrote.
  int tick_case(Tx &tx, Case subject, UnixMs done_until, const Policy &policy, UnixMs now);
  // Appends the event, with the case's language, e-mail and status link, and in the same
  // transaction the mails and webhook posts it causes (notify.cpp). Returns the case's status
  // token it signed, for the answer to reuse.
  std::string publish(Tx &tx, const Case &subject, Event event, const Policy &policy);
  // A mail of `template_name` for `event` of `subject` in `locale`, with the shop's wording;
  // `token` is the subject's status token (one signing serves the event and all its mails).
  MailPreview render_mail(const Case &subject, const Event &event, std::string_view template_name,
                          const std::string &locale, const Policy &policy,
                          std::string_view token) const;
  // The customer's status-page link with `token` in `locale`; empty when the shop has no
  // public_url.
  std::string status_url(const Case &subject, std::string_view token,
                         std::string_view locale) const;
  void wake_sender();
  // By id ("c_…") or by number, in the shops' configuration order; Error(not_found) if none.
  Case find_case(Tx &tx, const std::string &case_ref) const;
  // A case with its history, status token and the penalty accrued by now. `signed_token` is the
  // case's token as publish() just signed it (empty: signed here).
  CaseRecord record_of(Case subject, std::vector<HistoryEntry> history,
                       std::string signed_token = {}) const;
  // Opens a desk session for `staff` in `tx` (staff_enter and staff_login).
  StaffEntry open_staff_session(Tx &tx, StaffMember staff, std::string next, UnixMs at);
  // A judged file, ready to be kept (an id, its type, hash and time; no case yet).
  Attachment prepare_attachment(const std::string &name, const std::string &bytes);
  // Within a write transaction: refuses files for a case that takes none (in `state`) or beyond
  // its shop's quota, then keeps them with the case.
  void keep_attachments(Tx &tx, const Case &subject, State state,
                        const std::vector<Attachment> &files);
  // The case an idempotency key already made or changed, or nullopt for a new key; Error(conflict)
  // when the key came with another request.
  std::optional<CaseRecord> replay(Tx &tx, const std::string &scope, const std::string &key,
                                   const std::string &request_hash) const;

  EngineConfig config_;
  std::vector<std::string> shop_order_;
  std::map<std::string, Shop> shops_;
  std::unique_ptr<Clock> clock_;
  ManualClock *manual_clock_ = nullptr;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<Store> store_;
  Keyring keys_;
  std::unique_ptr<MagicJudge> magic_;
  std::unique_ptr<PasswordHasher> passwords_;
  // Policies as read from storage, by their stored text: parsed once, shared by every call.
  mutable std::mutex policies_mutex_;
  mutable std::map<std::string, std::shared_ptr<const Policy>, std::less<>> parsed_policies_;
  std::mutex watch_mutex_;
  std::condition_variable watch_wakeup_;
  bool closing_ = false;
  std::unique_ptr<Sender> sender_;  // when delivery is enabled; stopped before the store goes
  std::thread watcher_;  // last: started once everything above exists
};

}  // namespace reclaim
