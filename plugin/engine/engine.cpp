#include "engine/engine.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "codec/abuse_json.hpp"
#include "codec/case_json.hpp"
#include "codec/order_json.hpp"
#include "codec/requests.hpp"
#include "core/crypto.hpp"
#include "core/deadlines.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/messages.hpp"
#include "core/supplier_claims.hpp"
#include "engine/content_check.hpp"
#include "engine/delivery.hpp"
#include "engine/password.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace json = boost::json;

namespace {

// The case `case_ref` names: by its id ("c_…"), or by its number in the first of `shops` that
// has it; not_found otherwise. `by_id` and `by_number` return an optional of what they read.
template <typename ById, typename ByNumber>
auto named_case(const std::string &case_ref, const std::vector<std::string> &shops, ById by_id,
                ByNumber by_number) {
  decltype(by_id(case_ref)) found;
  if (case_ref.rfind("c_", 0) == 0) {
    found = by_id(case_ref);
  } else {
    for (const auto &shop : shops) {
      if ((found = by_number(shop, case_ref))) break;
    }
  }
  if (!found) fail(Status::not_found, "no case '" + case_ref + "'");
  return std::move(*found);
}

std::shared_ptr<spdlog::logger> make_log(const EngineConfig &config) {
  std::shared_ptr<spdlog::sinks::sink> sink;
  if (config.log_file.empty() || config.log_level == "off") {
    sink = std::make_shared<spdlog::sinks::null_sink_mt>();
  } else {
    try {
      sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(config.log_file);
    } catch (const spdlog::spdlog_ex &error) {
      fail(Status::invalid_argument, std::string("cannot open the log file: ") + error.what(),
           "log.file");
    }
  }
  // Not registered with spdlog: engines stay independent and nothing global is touched.
  auto log = std::make_shared<spdlog::logger>("reclaim", std::move(sink));
  log->set_level(spdlog::level::from_str(config.log_level));
  log->flush_on(spdlog::level::warn);
  return log;
}

std::string case_number(const std::string &prefix, int year, std::int64_t seq) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(seq));
  return prefix + "-" + std::to_string(year) + "-" + digits;
}

}  // namespace

Engine::Engine(const EngineConfig &config) : config_(config) {
  for (std::size_t i = 0; i < config.shops.size(); ++i) {
    const auto &s = config.shops[i];
    try {
      shops_.emplace(s.id, Shop{s, Zone(s.timezone)});
    } catch (const Error &error) {
      fail(error.status(), error.what(), "shops[" + std::to_string(i) + "].timezone");
    }
    shop_order_.push_back(s.id);
  }
  if (config.manual_clock) {
    auto manual = std::make_unique<ManualClock>();
    manual_clock_ = manual.get();
    clock_ = std::move(manual);
  } else {
    clock_ = std::make_unique<SystemClock>();
  }
  log_ = make_log(config);
  store_ = std::make_unique<Store>(config.storage);
  magic_ = std::make_unique<MagicJudge>();
  passwords_ = std::make_unique<PasswordHasher>(config.cheap_password_hashing);
  keys_.current = {config.secret_id, config.secret};
  keys_.previous = config.previous_secrets;
  if (keys_.current.secret.empty()) {
    store_->read([&](Tx &tx) {
      // The store makes the secret with the schema; a database without one was altered by hand.
      const auto stored = tx.meta("secret");
      if (!stored) fail(Status::storage, "the database has no signing secret", "database");
      keys_.current.secret = decode_secret(*stored, "secret");
    });
  }
  log_->info("engine opened: backend {}, schema {}, {} shop(s)", store_->backend(),
             store_->schema_version(), shops_.size());
  if (config.delivery.enabled) {
    sender_ = std::make_unique<Sender>(*store_, config, log_, [this](const OutboxMessage &mail) {
      return mail_documents(mail);
    });
  }
  if (config.tick_interval_ms > 0) {
    watcher_ = std::thread([this, interval = config.tick_interval_ms] { watch_deadlines(interval); });
  }
}

Engine::~Engine() {
  sender_.reset();
  if (watcher_.joinable()) {
    {
      std::lock_guard lock(watch_mutex_);
      closing_ = true;
    }
    watch_wakeup_.notify_all();
    watcher_.join();
  }
  if (log_) {
    log_->info("engine closed");
    log_->flush();
  }
}

EngineInfo Engine::info() const {
  return {store_->backend(), store_->schema_version(), manual_clock_ != nullptr, shop_order_};
}

void Engine::set_clock(UnixMs at) {
  if (!manual_clock_) {
    fail(Status::not_allowed, "the clock can only be set on an engine opened with \"clock\":\"manual\"");
  }
  manual_clock_->set(at);
}

const Engine::Shop &Engine::shop(const std::string &id) const {
  const auto found = shops_.find(id);
  if (found == shops_.end()) fail(Status::not_found, "no shop '" + id + "' is configured", "shop");
  return found->second;
}

std::string Engine::status_token(const Case &subject) const {
  return make_status_token(keys_.current, subject.shop, subject.id, subject.link_version);
}

namespace {

// A supplier claim that names no items takes the goods the order's lines say that supplier
// supplied, those not claimed yet; where no line names it, the core's default (every unit).
void default_claimed_items(Tx &tx, const Case &subject, ActionRequest &request) {
  if (request.action != Action::claim_supplier || !request.items.empty() ||
      subject.order_id.empty()) {
    return;
  }
  const auto order = tx.order(subject.shop, subject.order_id);
  if (!order) return;
  std::vector<ItemRef> theirs, open;
  for (const auto &item : subject.items) {
    const OrderLine *line = order->line(item.line);
    if (!line || line->supplier != request.supplier) continue;
    ItemRef ref;
    ref.item = item.item;
    ref.field = "items";
    theirs.push_back(ref);
    if (units_claimed(subject, item.item) < item.qty) open.push_back(ref);
  }
  // All of theirs claimed already: named anyway, for the core to say so.
  request.items = open.empty() ? theirs : open;
}

}  // namespace

ActionContext Engine::action_context(const Policy &policy, const std::string &shop_id,
                                    UnixMs at) const {
  ActionContext context{at, policy.appeal_days};
  // A case of a shop no longer configured keeps working, its days counted without a calendar.
  const auto found = shops_.find(shop_id);
  context.supplier_answer_due =
      found == shops_.end()
          ? at + policy.supplier_answer_days * kMsPerDay
          : period_end(at, policy.supplier_answer_days, calendar_of(policy), found->second.zone);
  return context;
}

CaseRecord Engine::record_of(Case subject, std::vector<HistoryEntry> history,
                             std::string signed_token) const {
  CaseRecord record;
  record.read_at = now();
  if (const auto found = shops_.find(subject.shop); found != shops_.end()) {
    record.penalty = accrued_penalty(subject, now(), found->second.zone);
  }
  record.status_token = signed_token.empty() ? status_token(subject) : std::move(signed_token);
  record.subject = std::move(subject);
  record.history = std::move(history);
  return record;
}

std::optional<CaseRecord> Engine::replay(Tx &tx, const std::string &scope, const std::string &key,
                                         const std::string &request_hash) const {
  if (key.empty()) return std::nullopt;
  const auto seen = tx.idempotent(scope, key);
  if (!seen) return std::nullopt;
  if (seen->first != request_hash) {
    fail(Status::conflict, "the idempotency key was used with another request", "idempotency_key");
  }
  auto existing = tx.case_by_id(seen->second);
  if (!existing) fail(Status::internal, "an idempotency key names a missing case");
  auto history = tx.history(existing->id);
  return record_of(std::move(*existing), std::move(history));
}

Case Engine::find_case(Tx &tx, const std::string &case_ref) const {
  return named_case(
      case_ref, shop_order_, [&](const std::string &id) { return tx.case_by_id(id); },
      [&](const std::string &shop, const std::string &number) {
        return tx.case_by_number(shop, number);
      });
}

OrderImport Engine::import_order(const std::string &shop_id, const Order &order) {
  shop(shop_id);
  bool created = false;
  store_->write([&](Tx &tx) {
    const auto stored = tx.order(shop_id, order.id);
    if (stored && tx.order_anonymised(shop_id, order.id)) {
      // Its customer was erased: the host sending it again does not bring them back.
      Order kept = order;
      Traces traces;
      traces.add(order.customer);
      if (order.shipping_address) traces.add(*order.shipping_address);
      anonymise(kept, stored->customer.email, traces);
      tx.put_order(shop_id, kept, now());
      return;
    }
    if (stored) {
      for (const auto &[line_id, claimed] : tx.claimed_qty(shop_id, order.id)) {
        const OrderLine *line = order.line(line_id);
        if (!line || line->qty - line->refunded_qty < claimed) {
          fail(Status::conflict,
               "line '" + line_id + "' is claimed by open cases (" + std::to_string(claimed) +
                   "); the order may not drop it or lower its quantity below that",
               "lines");
        }
      }
    }
    created = tx.put_order(shop_id, order, now());
  });
  log_->info("order {} {} in shop {}", order.id, created ? "imported" : "updated", shop_id);
  return {order, created, {}};
}

Order Engine::order(const std::string &shop_id, const std::string &order_id) {
  shop(shop_id);
  std::optional<Order> found;
  store_->read([&](Tx &tx) { found = tx.order(shop_id, order_id); });
  if (!found) fail(Status::not_found, "no order '" + order_id + "' in shop " + shop_id);
  return std::move(*found);
}

CaseRecord Engine::open_case(const OpenRequest &request, const std::string &request_hash,
                             const std::vector<Upload> &files) {
  const Shop &where = shop(request.shop);
  const UnixMs at = now();
  const std::string scope = "open:" + request.shop;
  CaseRecord result;
  std::vector<Attachment> kept;
  for (const auto &file : files) kept.push_back(prepare_attachment(file.name, file.bytes));
  store_->write([&](Tx &tx) {
    if (auto seen = replay(tx, scope, request.idempotency_key, request_hash)) {
      result = std::move(*seen);
      return;
    }
    std::optional<Order> order;
    ClaimedQty claimed;
    if (!request.order_id.empty()) {
      order = tx.order(request.shop, request.order_id);
      if (order) claimed = tx.claimed_qty(request.shop, order->id);
    }
    Case made = build_case(request, order ? &*order : nullptr, claimed, at);
    const auto policy = policy_at(tx, request.shop, at);
    json::array overridden;
    const auto verdicts =
        order ? verdicts_for(request, *order, claimed, *policy, at) : std::vector<ItemVerdict>{};
    for (const auto &verdict : verdicts) {
      if (verdict.eligible) continue;
      if (request.actor.role == Role::customer) {
        fail(Status::not_allowed, verdict.message, verdict.field, verdict.code);
      }
      overridden.push_back(json::object{{"line", verdict.line}, {"code", verdict.code}});
    }
    made.flags = abuse_flags(tx, made, order ? &*order : nullptr, *policy);
    if (!made.flags.empty()) {
      // A statutory withdrawal or complaint is never refused (core/abuse.hpp).
      if (const auto *refused =
              refusable_return(*policy->abuse, made.flags, request.actor.role, verdicts)) {
        fail(Status::not_allowed,
             eligibility_message("voluntary_return_refused", request_locale(request, *order), {}),
             refused->field, "voluntary_return_refused");
      }
      if (made.priority == "low" || made.priority == "normal") made.priority = "high";
    }
    const std::string party =
        order ? party_of(*policy, *order)
              : (made.customer.type.empty() ? policy->party : made.customer.type);
    made.deadlines = compute_deadlines(*policy, made.kind, party, made.preferred_resolution, at,
                                       where.zone);
    const auto alerts = pending_alerts(made, policy->warn_before_hours);
    made.next_alert_at = alerts.empty() ? kMaxTime : alerts.front().at;
    made.id = time_ordered_id("c_", at);
    const int year = where.zone.local_year(at);
    made.number = case_number(where.config.case_prefix, year,
                              tx.next_case_number(request.shop, year));
    std::string stored = tx.insert_case(made);  // `made` stays as stored from here on
    if (!kept.empty()) keep_attachments(tx, made, made.state, kept);
    json::object opened_data{{"kind", name(made.kind)}, {"channel", made.channel}};
    // Staff may open what the policy would refuse a customer; the history says so.
    if (!overridden.empty()) opened_data["eligibility_override"] = std::move(overridden);
    const HistoryEntry opened{at, request.actor, "open", State::received, State::received,
                              std::move(opened_data), true};
    tx.append_history(made.id, made.version, opened);
    json::object data{{"kind", name(made.kind)},
                      {"channel", made.channel},
                      {"order_id", made.order_id},
                      {"decision_due", format_rfc3339(*made.deadlines.decision_due)},
                      {"basis", made.deadlines.basis},
                      {"actor", codec::actor_to_json(request.actor)}};
    const auto *withdrawal = made.extra.if_contains("withdrawal");
    if (withdrawal) data["withdrawal"] = true;
    std::string token =
        publish(tx, made, case_event(made, "case.opened", at, true, std::move(data)), *policy);
    // The withdrawal's statement, acknowledged on a durable medium (CRD art. 11a) by its own
    // event, in the opening's transaction: an opened withdrawal is never left unacknowledged.
    if (withdrawal && withdrawal->is_object()) {
      json::object statement = withdrawal->get_object();
      statement["actor"] = codec::actor_to_json(request.actor);
      publish(tx, made, case_event(made, "case.withdrawal", at, true, std::move(statement)),
              *policy);
    }
    if (!made.flags.empty()) {
      publish(tx, made,
              case_event(made, "case.flagged", at, false,
                         json::object{{"flags", codec::flags_to_json(made.flags)}}),
              *policy);
    }
    if (!request.idempotency_key.empty()) {
      tx.remember(scope, request.idempotency_key, request_hash, made.id, at);
    }
    log_->info("case {} ({}) opened in shop {} by {}", made.number, made.id, made.shop,
               name(request.actor.role));
    result = record_of(std::move(made), {opened}, std::move(token));
    result.stored_document = std::move(stored);
  });
  return result;
}

CaseRecord Engine::get_case(const std::string &case_ref) {
  // One statement reads the case with its history, a snapshot of its own: no transaction.
  std::pair<Case, std::vector<HistoryEntry>> found;
  store_->read_statements([&](Tx &tx) {
    found = named_case(
        case_ref, shop_order_, [&](const std::string &id) { return tx.case_with_history(id); },
        [&](const std::string &shop, const std::string &number) {
          return tx.case_with_history(shop, number);
        });
  });
  return record_of(std::move(found.first), std::move(found.second));
}

CasePage Engine::list_cases(CaseQuery query) {
  if (!query.shop.empty()) shop(query.shop);
  query.now = now();
  CasePage page;
  store_->read([&](Tx &tx) { page = page_of(tx, query); });
  return page;
}

namespace {

// Cuts a page read with one entry more than the query's limit to the limit, and gives the cursor
// past its last entry when there was more.
template <typename Entry>
std::optional<std::string> trim_page(std::vector<Entry> &entries, const CaseQuery &query,
                                     UnixMs created_at(const Entry &),
                                     UnixMs updated_at(const Entry &), UnixMs due(const Entry &)) {
  if (entries.size() <= static_cast<std::size_t>(query.limit)) return std::nullopt;
  entries.resize(static_cast<std::size_t>(query.limit));
  const Entry &last = entries.back();
  const std::int64_t key = query.sort == CaseSort::created_at   ? created_at(last)
                           : query.sort == CaseSort::updated_at ? updated_at(last)
                                                                : due(last);
  return codec::encode_cursor(key, last.id);
}

}  // namespace

CasePage Engine::page_of(Tx &tx, const CaseQuery &query) {
  CasePage page;
  page.cases = tx.cases(query);
  page.next_cursor = trim_page<Case>(
      page.cases, query, [](const Case &c) { return c.created_at; },
      [](const Case &c) { return c.updated_at; },
      [](const Case &c) { return c.deadlines.decision_due.value_or(kMaxTime); });
  return page;
}

QueueRowPage Engine::row_page_of(Tx &tx, const CaseQuery &query) {
  QueueRowPage page;
  page.rows = tx.queue_rows(query);
  page.next_cursor = trim_page<QueueRow>(
      page.rows, query, [](const QueueRow &r) { return r.created_at; },
      [](const QueueRow &r) { return r.updated_at; },
      [](const QueueRow &r) { return r.decision_due.value_or(kMaxTime); });
  return page;
}

CaseRecord Engine::act(const std::string &case_ref, const ActionRequest &given,
                       const std::string &request_hash, const std::vector<Upload> &files) {
  const UnixMs at = now();
  CaseRecord result;
  // Judged before the transaction (libmagic takes a while on a large file), kept inside it.
  std::vector<Attachment> kept;
  ActionRequest request = given;
  for (const auto &file : files) {
    kept.push_back(prepare_attachment(file.name, file.bytes));
    request.attachments.push_back(kept.back().id);
  }
  store_->write([&](Tx &tx) {
    Case subject = find_case(tx, case_ref);
    if (auto seen = replay(tx, "act:" + subject.id, request.idempotency_key, request_hash)) {
      result = std::move(*seen);
      return;
    }
    const std::string scope = "act:" + subject.id;
    if (request.expected_version && *request.expected_version != subject.version) {
      fail(Status::conflict,
           "the case is at version " + std::to_string(subject.version) + ", not " +
               std::to_string(*request.expected_version) + "; read it again",
           "expected_version");
    }
    for (std::size_t i = 0; i < given.attachments.size(); ++i) {
      if (!tx.attachment(subject.id, given.attachments[i], false)) {
        fail(Status::invalid_argument, "no attachment with this id on this case",
             "attachments[" + std::to_string(i) + "]");
      }
    }
    const std::int64_t previous = subject.version;
    const State before = subject.state;
    // Files first: a reply bringing files to a closed or cancelled case is refused for them.
    if (!kept.empty()) check_accepts_attachments(before);
    const auto policy = policy_at(tx, subject.shop, at);
    ActionRequest taken = request;  // a retried transaction starts again from the request
    default_claimed_items(tx, subject, taken);
    Outcome outcome = apply_action(subject, taken, action_context(*policy, subject.shop, at));
    if (request.action == Action::fulfil) add_correction(tx, subject, outcome.events);
    if (!kept.empty()) keep_attachments(tx, subject, before, kept);
    if (request.action == Action::accept) check_decision_limit(*policy, request.actor, subject);
    const auto alerts = pending_alerts(subject, policy->warn_before_hours);
    subject.next_alert_at = alerts.empty() ? kMaxTime : alerts.front().at;
    std::string stored = tx.update_case(subject, previous);  // `subject` stays as stored
    tx.append_history(subject.id, subject.version, outcome.history);
    std::string token;  // every event is published for this `subject`, so with one token
    for (const auto &event : outcome.events) token = publish(tx, subject, event, *policy);
    if (!request.idempotency_key.empty()) {
      tx.remember(scope, request.idempotency_key, request_hash, subject.id, at);
    }
    log_->info("case {}: {} by {} ({} -> {})", subject.number, name(request.action),
               name(request.actor.role), name(outcome.history.from), name(outcome.history.to));
    auto history = tx.history(subject.id);
    result = record_of(std::move(subject), std::move(history), std::move(token));
    result.stored_document = std::move(stored);
  });
  return result;
}

EventPage Engine::read_events(const EventQuery &query) {
  if (!query.shop.empty()) shop(query.shop);
  EventPage page;
  store_->read_outbox([&](Tx &tx) { page.events = tx.events(query); });
  page.next = page.events.empty() ? query.after : page.events.back().seq;
  return page;
}

}  // namespace reclaim
