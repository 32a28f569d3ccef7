#include "engine/delivery.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <random>

#include "core/crypto.hpp"
#include "core/outbox.hpp"
#include "engine/transport.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

UnixMs wall_clock() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

double jitter() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(random);
}

}  // namespace

Sender::Sender(Store &store, const EngineConfig &config, std::shared_ptr<spdlog::logger> log,
               Attach attach)
    : store_(store),
      mail_(config.mail),
      delivery_(config.delivery),
      webhooks_(config.webhooks),
      log_(std::move(log)),
      attach_(std::move(attach)),
      owner_("sender-" + hex_encode(random_bytes(6))),
      thread_([this] { loop(); }) {}

Sender::~Sender() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  thread_.join();
}

void Sender::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_all();
}

int Sender::run_once() {
  // Uses the wall clock, not the engine's (which tests may hold still): retries and leases are
  // about the mail server's time.
  const UnixMs now = wall_clock();
  // Longer than any one attempt may take, so a live sender never loses its lease mid-send.
  const UnixMs lease = 1000LL * (2 * std::max(mail_.timeout_s, delivery_.webhook_timeout_s) + 5);
  std::vector<OutboxMessage> due;
  store_.write([&](Tx &tx) { due = tx.lease_due(owner_, now, now + lease, delivery_.batch); });
  for (auto &message : due) {
    const UnixMs at = wall_clock();
    std::string error;
    bool permanent = false;
    try {
      if (message.channel == Channel::mail) {
        send_mail(mail_, message, at, attach_ ? attach_(message) : std::vector<DocumentFile>{});
      } else {
        const WebhookConfig *hook = nullptr;
        for (const auto &h : webhooks_) {
          if (h.id == message.to) hook = &h;
        }
        if (!hook) throw DeliveryFailure("webhook '" + message.to + "' is no longer configured", true);
        post_webhook(*hook, delivery_, message, at);
      }
    } catch (const DeliveryFailure &failure) {
      error = failure.what();
      permanent = failure.permanent;
    } catch (const std::exception &failure) {
      error = failure.what();
    }
    ++message.attempts;
    message.last_error = error;
    if (error.empty()) {
      message.status = Delivery::sent;
      message.sent_at = wall_clock();
    } else if (permanent || message.attempts >= delivery_.max_attempts) {
      message.status = Delivery::dead;
      log_->error("{} {} for case {} is dead after {} attempt(s): {}", name(message.channel),
                  message.id, message.case_number, message.attempts, error);
    } else {
      message.next_attempt_at =
          wall_clock() + retry_delay(message.attempts, 1000LL * delivery_.first_retry_s, jitter());
      log_->warn("{} {} for case {}: attempt {} failed: {}", name(message.channel), message.id,
                 message.case_number, message.attempts, error);
    }
    try {
      store_.write([&](Tx &tx) {
        if (!tx.finish_delivery(message, owner_)) {
          log_->warn("{} {}: the lease ran out before its outcome was kept", name(message.channel),
                     message.id);
        }
      });
    } catch (const std::exception &failure) {
      // Kept pending under a lease that will run out: sent again later, never lost.
      log_->error("cannot record the outcome of {}: {}", message.id, failure.what());
    }
  }
  return static_cast<int>(due.size());
}

void Sender::loop() {
  while (true) {
    int handled = 0;
    try {
      handled = run_once();
    } catch (const std::exception &failure) {
      log_->error("sender: {}", failure.what());
    }
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    if (handled >= delivery_.batch) continue;  // more may be due at once
    wakeup_.wait_for(lock, std::chrono::milliseconds(delivery_.poll_ms),
                     [this] { return stopping_ || woken_; });
    woken_ = false;
    if (stopping_) return;
  }
}

}  // namespace reclaim
