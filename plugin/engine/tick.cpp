// The deadline watch: warnings before each deadline, breaches after, deemed acceptance.
#include <spdlog/spdlog.h>

#include "core/deadlines.hpp"
#include "core/error.hpp"
#include "core/state_machine.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace json = boost::json;

namespace {

constexpr int kCasesPerTransaction = 200;

Event alert_event(const Case &subject, const Alert &alert, UnixMs now) {
  json::object data{{"deadline", kDeadlineNames[static_cast<int>(alert.deadline)]},
                    {"due", format_rfc3339(alert.due)}};
  if (alert.deadline == Deadline::decision) data["basis"] = subject.deadlines.basis;
  if (alert.deadline == Deadline::supplier_answer) {
    data["claim"] = alert.claim;
    data["supplier"] = subject.supplier_claims.at(static_cast<std::size_t>(alert.claim - 1)).supplier;
  }
  if (alert.hours_before > 0) {
    data["hours_before"] = alert.hours_before;
    return case_event(subject, "case.deadline_at_risk", now, false, std::move(data));
  }
  return case_event(subject, "case.deadline_breached", now, false, std::move(data));
}

}  // namespace

int Engine::tick_case(Tx &tx, Case subject, UnixMs done_until, const Policy &policy,
                      UnixMs now) {
  int written = 0;
  for (const auto &alert : pending_alerts(subject, policy.warn_before_hours)) {
    if (alert.at <= done_until || alert.at > now) continue;
    publish(tx, subject, alert_event(subject, alert, now), policy);
    ++written;
    const bool deem = alert.hours_before == 0 && alert.deadline == Deadline::decision &&
                      subject.deadlines.deemed_on_expiry && undecided(subject.state);
    if (deem) {
      const std::int64_t previous = subject.version;
      const Outcome outcome = deem_accepted(subject, now);
      tx.update_case(subject, previous);
      tx.append_history(subject.id, subject.version, outcome.history);
      for (const auto &event : outcome.events) publish(tx, subject, event, policy);
      written += static_cast<int>(outcome.events.size());
      log_->info("case {} deemed accepted: no decision by {}", subject.number,
                 format_rfc3339(*subject.deadlines.decision_due));
    }
  }
  UnixMs next = kMaxTime;
  for (const auto &alert : pending_alerts(subject, policy.warn_before_hours)) {
    if (alert.at > now) {
      next = alert.at;
      break;
    }
  }
  tx.set_alert_clock(subject.id, now, next);
  return written;
}

TickSummary Engine::tick() {
  const UnixMs at = now();
  int cases = 0, events = 0;
  for (;;) {
    // A read first: the usual tick finds nothing due and should not open a write transaction.
    bool due = false;
    store_->read([&](Tx &tx) { due = !tx.cases_due_for_alerts(at, 1).empty(); });
    if (!due) break;
    int batch = 0, written = 0;
    store_->write([&](Tx &tx) {  // may run again when busy: count from scratch each time
      batch = written = 0;
      std::map<std::string, std::shared_ptr<const Policy>> policies;  // per shop, this batch
      for (const auto &[id, done_until] : tx.cases_due_for_alerts(at, kCasesPerTransaction)) {
        auto found = tx.case_by_id(id);
        if (!found) continue;
        auto &policy = policies[found->shop];
        if (!policy) policy = policy_at(tx, found->shop, at);
        written += tick_case(tx, std::move(*found), done_until, *policy, at);
        ++batch;
      }
    });
    cases += batch;
    events += written;
    if (batch < kCasesPerTransaction) break;
  }
  if (events) log_->info("tick at {}: {} case(s), {} event(s)", format_rfc3339(at), cases, events);
  return {at, cases, events, apply_retention(at)};
}

void Engine::watch_deadlines(int interval_ms) {
  std::unique_lock lock(watch_mutex_);
  while (!watch_wakeup_.wait_for(lock, std::chrono::milliseconds(interval_ms),
                                 [this] { return closing_; })) {
    lock.unlock();
    try {
      tick();
    } catch (const std::exception &error) {
      // The next round tries again; a busy or briefly unavailable database is not fatal here.
      log_->warn("background tick failed: {}", error.what());
    }
    lock.lock();
  }
}

}  // namespace reclaim
