// The engine's own sender: a thread that leases due outbox messages, sends them (transport.hpp)
// and records each outcome, retrying with backoff until a dead letter. Several processes on one
// database share the work through leases; a message whose sender died is sent again once its
// lease runs out (at least once).
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/document.hpp"
#include "core/outbox.hpp"
#include "engine/config.hpp"

namespace spdlog {
class logger;
}

namespace reclaim {

class Store;

class Sender {
 public:
  // The files a mail carries (its documents), made when it is sent; none when it carries none.
  using Attach = std::function<std::vector<DocumentFile>(const OutboxMessage &)>;

  Sender(Store &store, const EngineConfig &config, std::shared_ptr<spdlog::logger> log,
         Attach attach = {});
  ~Sender();  // finishes the message in hand, then stops
  Sender(const Sender &) = delete;
  Sender &operator=(const Sender &) = delete;

  void wake();
  // One pass over what is due now; returns how many messages were attempted.
  int run_once();

 private:
  void loop();

  Store &store_;
  MailConfig mail_;
  DeliveryConfig delivery_;
  std::vector<WebhookConfig> webhooks_;
  std::shared_ptr<spdlog::logger> log_;
  Attach attach_;
  std::string owner_;  // this sender's lease name
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace reclaim
