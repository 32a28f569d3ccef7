#include "engine/engine.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "codec/case_json.hpp"
#include "codec/order_json.hpp"
#include "codec/requests.hpp"
#include "core/crypto.hpp"
#include "core/deadlines.hpp"
#include "core/error.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace json = boost::json;

namespace {

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

Engine::Engine(const EngineConfig &config) {
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
  secret_ = config.secret;
  if (secret_.empty()) {
    store_->read([&](Tx &tx) {
      // The store makes the secret with the schema; a database without one was altered by hand.
      const auto stored = tx.meta("secret");
      if (!stored) fail(Status::storage, "the database has no signing secret", "database");
      secret_ = decode_secret(*stored, "secret");
    });
  }
  log_->info("engine opened: backend {}, schema {}, {} shop(s)", store_->backend(),
             store_->schema_version(), shops_.size());
  if (config.tick_interval_ms > 0) {
    watcher_ = std::thread([this, interval = config.tick_interval_ms] { watch_deadlines(interval); });
  }
}

Engine::~Engine() {
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

json::object Engine::info() const {
  json::array shops;
  for (const auto &id : shop_order_) shops.emplace_back(id);
  return {{"database", store_->backend()},
          {"schema", store_->schema_version()},
          {"clock", manual_clock_ ? "manual" : "system"},
          {"shops", std::move(shops)}};
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

std::string Engine::status_token(const std::string &case_id) const {
  const std::string signature = hmac_sha256(secret_, "reclaim-status-v1:" + case_id);
  return case_id + "." + base64url_encode(std::string_view(signature).substr(0, 18));
}

json::object Engine::case_document(const Case &subject, json::object doc,
                                   const std::vector<HistoryEntry> &history) const {
  const std::string id(doc.at("id").as_string());
  if (const auto found = shops_.find(subject.shop); found != shops_.end()) {
    if (const auto penalty = accrued_penalty(subject, now(), found->second.zone)) {
      doc["deadlines"].as_object()["penalty"] =
          json::object{{"amount", money_to_json(penalty->amount)},
                       {"days", penalty->days},
                       {"percent_per_day", subject.deadlines.penalty_percent_per_day},
                       {"basis", "RU ЗоЗПП ст. 23: 1% of the price per day of delay" +
                                     std::string(subject.deadlines.penalty_capped
                                                     ? ", at most the price (500-ФЗ)"
                                                     : "")}};
    }
  }
  json::array entries;
  for (const auto &entry : history) entries.push_back(codec::history_to_json(entry));
  doc["history"] = std::move(entries);
  doc["status_token"] = status_token(id);
  return doc;
}

Case Engine::find_case(Tx &tx, const std::string &case_ref) const {
  std::optional<Case> found;
  if (case_ref.rfind("c_", 0) == 0) {
    found = tx.case_by_id(case_ref);
  } else {
    for (const auto &id : shop_order_) {
      if ((found = tx.case_by_number(id, case_ref))) break;
    }
  }
  if (!found) fail(Status::not_found, "no case '" + case_ref + "'");
  return std::move(*found);
}

json::object Engine::import_order(const std::string &shop_id, const Order &order) {
  shop(shop_id);
  bool created = false;
  store_->write([&](Tx &tx) {
    if (tx.order(shop_id, order.id)) {
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
  return {{"order", codec::order_to_json(order)}, {"created", created}};
}

json::object Engine::order(const std::string &shop_id, const std::string &order_id) {
  shop(shop_id);
  std::optional<Order> found;
  store_->read([&](Tx &tx) { found = tx.order(shop_id, order_id); });
  if (!found) fail(Status::not_found, "no order '" + order_id + "' in shop " + shop_id);
  return codec::order_to_json(*found);
}

json::object Engine::open_case(const OpenRequest &request, const std::string &request_hash) {
  const Shop &where = shop(request.shop);
  const UnixMs at = now();
  const std::string scope = "open:" + request.shop;
  json::object result;
  store_->write([&](Tx &tx) {
    if (!request.idempotency_key.empty()) {
      if (auto seen = tx.idempotent(scope, request.idempotency_key)) {
        if (seen->first != request_hash) {
          fail(Status::conflict, "the idempotency key was used with another request",
               "idempotency_key");
        }
        const auto existing = tx.case_by_id(seen->second);
        if (!existing) fail(Status::internal, "an idempotency key names a missing case");
        result = case_document(*existing, codec::case_to_json(*existing), tx.history(existing->id));
        return;
      }
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
    if (order) {
      for (const auto &verdict : verdicts_for(request, *order, claimed, *policy, at)) {
        if (verdict.eligible) continue;
        if (request.actor.role == Role::customer) {
          fail(Status::not_allowed, verdict.message, verdict.field, verdict.code);
        }
        overridden.push_back(json::object{{"line", verdict.line}, {"code", verdict.code}});
      }
    }
    const std::string party =
        order ? party_of(*policy, *order)
              : (made.customer.type.empty() ? policy->party : made.customer.type);
    made.deadlines = compute_deadlines(*policy, made.kind, party, made.preferred_resolution, at,
                                       where.zone);
    const auto alerts = pending_alerts(made, policy->warn_before_hours);
    made.next_alert_at = alerts.empty() ? kMaxTime : alerts.front().at;
    made.id = "c_" + hex_encode(random_bytes(10));
    const int year = where.zone.local_year(at);
    made.number = case_number(where.config.case_prefix, year,
                              tx.next_case_number(request.shop, year));
    json::object body = codec::case_to_json(made);
    tx.insert_case(made, body);
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
    tx.append_event(case_event(made, "case.opened", at, true, std::move(data)));
    if (!request.idempotency_key.empty()) {
      tx.remember(scope, request.idempotency_key, request_hash, made.id, at);
    }
    result = case_document(made, std::move(body), {opened});
    log_->info("case {} ({}) opened in shop {} by {}", made.number, made.id, made.shop,
               name(request.actor.role));
  });
  return result;
}

json::object Engine::get_case(const std::string &case_ref) {
  json::object result;
  store_->read([&](Tx &tx) {
    const Case found = find_case(tx, case_ref);
    result = case_document(found, codec::case_to_json(found), tx.history(found.id));
  });
  return result;
}

json::object Engine::list_cases(CaseQuery query) {
  if (!query.shop.empty()) shop(query.shop);
  query.now = now();
  std::vector<Case> found;
  store_->read([&](Tx &tx) { found = tx.cases(query); });
  json::value next = nullptr;
  if (found.size() > static_cast<std::size_t>(query.limit)) {
    found.resize(static_cast<std::size_t>(query.limit));
    const Case &last = found.back();
    const std::int64_t key = query.sort == CaseSort::created_at   ? last.created_at
                             : query.sort == CaseSort::updated_at ? last.updated_at
                                                                  : last.deadlines.decision_due.value_or(kMaxTime);
    next = codec::encode_cursor(key, last.id);
  }
  json::array cases;
  for (const auto &c : found) cases.push_back(codec::case_to_json(c));
  return {{"cases", std::move(cases)}, {"next_cursor", std::move(next)}};
}

json::object Engine::act(const std::string &case_ref, const ActionRequest &request,
                         const std::string &request_hash) {
  const UnixMs at = now();
  json::object result;
  store_->write([&](Tx &tx) {
    Case subject = find_case(tx, case_ref);
    const std::string scope = "act:" + subject.id;
    if (!request.idempotency_key.empty()) {
      if (auto seen = tx.idempotent(scope, request.idempotency_key)) {
        if (seen->first != request_hash) {
          fail(Status::conflict, "the idempotency key was used with another request",
               "idempotency_key");
        }
        result = case_document(subject, codec::case_to_json(subject), tx.history(subject.id));
        return;
      }
    }
    if (request.expected_version && *request.expected_version != subject.version) {
      fail(Status::conflict,
           "the case is at version " + std::to_string(subject.version) + ", not " +
               std::to_string(*request.expected_version) + "; read it again",
           "expected_version");
    }
    const std::int64_t previous = subject.version;
    const auto policy = policy_at(tx, subject.shop, at);
    const Outcome outcome = apply_action(subject, request, {at, policy->appeal_days});
    if (request.action == Action::accept) check_decision_limit(*policy, request.actor, subject);
    const auto alerts = pending_alerts(subject, policy->warn_before_hours);
    subject.next_alert_at = alerts.empty() ? kMaxTime : alerts.front().at;
    json::object body = codec::case_to_json(subject);
    tx.update_case(subject, body, previous);
    tx.append_history(subject.id, subject.version, outcome.history);
    for (const auto &event : outcome.events) tx.append_event(event);
    if (!request.idempotency_key.empty()) {
      tx.remember(scope, request.idempotency_key, request_hash, subject.id, at);
    }
    result = case_document(subject, std::move(body), tx.history(subject.id));
    log_->info("case {}: {} by {} ({} -> {})", subject.number, name(request.action),
               name(request.actor.role), name(outcome.history.from), name(outcome.history.to));
  });
  return result;
}

json::object Engine::read_events(const EventQuery &query) {
  if (!query.shop.empty()) shop(query.shop);
  std::vector<Event> found;
  store_->read([&](Tx &tx) { found = tx.events(query); });
  json::array events;
  std::int64_t next = query.after;
  for (const auto &event : found) {
    events.push_back(codec::event_to_json(event));
    next = event.seq;
  }
  return {{"events", std::move(events)}, {"next", next}};
}

}  // namespace reclaim
